// Silent corruption between CirrusFS and S3 (the fault proxy flips one byte of a share of GET
// answers, or of PUT bodies): every block object carries page checksums in its slice, so a
// flipped page is never answered and never cached; a flipped PUT body is refused by S3 (the
// object's additional CRC32C). (Found in review: 103 reads answered 2xx with wrong bytes, and
// after the proxy stopped flipping 7 of 202 files still read wrong from the read cache.)
import { createHash } from 'node:crypto';
import t from 'tap';
import { call } from '../support/api.ts';
import { cirrusOn, randomBytes, s3BehindProxy, seeded } from './s3-fault-setup.ts';

const KiB = 1024;
const FILES = Number(process.env.BIT_FLIP_FILES ?? 24);
const READS = Number(process.env.BIT_FLIP_READS ?? 150);
/** Share of S3 GET answers with one byte flipped while the proxy flips. */
const FLIP_RATE = 0.2;
const md5 = (b: Buffer) => createHash('md5').update(b).digest('hex');

interface ReadStats {
  checksumMismatches: number;
  checksumFailures: number;
  verifiedPages: number;
}

t.test('flipped bytes from S3 are never answered or cached; every file reads clean afterwards', async (t) => {
  const { proxy, url } = await s3BehindProxy(t);
  // A read cache smaller than the files, so reads keep going to S3 (and through the flips).
  const s = await cirrusOn(t, url, { CIRRUS_READ_CACHE_BYTES: String(1024 * 1024) });
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'f', blockSize: 512 * KiB })).status, 201);
  const random = seeded(11);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < FILES; i++) {
    const body = randomBytes(random, Math.floor(random() * 700 * KiB) + 1);
    const name = `u${i}`;
    if (i % 4 === 3) {
      // Written by offset and flushed: the write-back cache's committer cuts these blocks.
      const made = await call(s.url, 'POST', '/v1/fs/f/inodes/1/entries', { name, type: 'file' });
      t.equal(made.status, 201);
      const ino = made.json.ino;
      const w = await fetch(`${s.url}/v1/fs/f/inodes/${ino}/data?offset=0&sync=true`, { method: 'PUT', body });
      t.equal(w.status, 200, `write ${name}`);
    } else {
      t.equal((await fetch(`${s.url}/v1/fs/f/files/${name}`, { method: 'PUT', body })).status, 201, `upload ${name}`);
    }
    files.set(name, body);
  }

  const before = { ...proxy.counts };
  proxy.plan({ rate: 0, modes: [], flipRate: FLIP_RATE, random });
  const answered: Record<string, number> = {};
  const wrong: string[] = [];
  const unexpected: string[] = [];
  const names = [...files.keys()];
  for (let i = 0; i < READS; i++) {
    const name = names[Math.floor(random() * names.length)];
    const body = files.get(name)!;
    const start = Math.floor(random() * body.length);
    const end = Math.min(body.length, start + Math.floor(random() * 300 * KiB) + 1);
    const whole = i % 3 === 0;
    const res = await fetch(`${s.url}/v1/fs/f/files/${name}`, {
      headers: whole ? {} : { range: `bytes=${start}-${end - 1}` },
    });
    answered[res.status] = (answered[res.status] ?? 0) + 1;
    if (res.status === 200 || res.status === 206) {
      const got = await res.arrayBuffer().then(
        (a) => Buffer.from(a),
        () => null, // cut mid-stream: the client sees the failure (counted by the server)
      );
      const want = whole ? body : body.subarray(start, end);
      if (got !== null && md5(got) !== md5(want)) wrong.push(`${name} ${whole ? 'whole' : `${start}-${end}`}`);
    } else {
      const json = (await res.json()) as { code?: string };
      if (res.status !== 503 || json.code !== 'EREMOTEIO' || res.headers.get('retry-after') === null)
        unexpected.push(`${name}: ${res.status} ${json.code}`);
    }
  }
  const gets = proxy.counts.gets - before.gets;
  const flips = proxy.counts.flip - before.flip;
  proxy.plan(null);
  const stats = (await call(s.url, 'GET', '/v1/status')).json.cache.read as ReadStats;
  t.comment(
    `bit flips: ${READS} reads (${JSON.stringify(answered)}), ${gets} S3 GETs with a body, ${flips} flips injected, ` +
      `${stats.checksumMismatches} detected (${stats.checksumFailures} still bad when fetched again: the read ` +
      `failed 503), ${wrong.length} answers with wrong bytes, ${stats.verifiedPages} pages verified`,
  );
  t.ok(flips >= 10, `flips were injected (${flips})`);
  t.same(wrong, [], 'no answer carries a wrong byte');
  t.same(unexpected, [], 'every failed read is a 503 EREMOTEIO with Retry-After');
  t.equal(stats.checksumMismatches, flips, 'every flip was detected');

  const dirty: string[] = [];
  for (const [name, body] of files) {
    const got = Buffer.from(await (await fetch(`${s.url}/v1/fs/f/files/${name}`)).arrayBuffer());
    if (md5(got) !== md5(body)) dirty.push(name);
  }
  t.same(dirty, [], `after the proxy stops flipping, all ${files.size} files read clean (no corrupt page was cached)`);
});

t.test('a block whose bytes are damaged on the way to S3 is refused, and the upload fails clean', async (t) => {
  const { proxy, url } = await s3BehindProxy(t);
  const s = await cirrusOn(t, url);
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'f', blockSize: 64 * KiB })).status, 201);
  const body = randomBytes(seeded(12), 200 * KiB);
  proxy.plan({ rate: 0, modes: [], putFlipRate: 1 });
  const up = await fetch(`${s.url}/v1/fs/f/files/damaged`, { method: 'PUT', body });
  const json = (await up.json()) as { code?: string; detail?: string };
  t.equal(up.status, 503, 'refused by S3 (BadDigest): a retryable failure');
  t.equal(json.code, 'EREMOTEIO');
  t.match(json.detail, /BadDigest/);
  t.ok(proxy.counts.putFlip > 0, `PUT bodies were damaged (${proxy.counts.putFlip})`);
  proxy.plan(null);
  t.equal((await call(s.url, 'GET', '/v1/fs/f/attrs/damaged')).status, 404, 'nothing was committed');
  t.equal((await fetch(`${s.url}/v1/fs/f/files/damaged`, { method: 'PUT', body })).status, 201, 'a retry succeeds');
  const back = Buffer.from(await (await fetch(`${s.url}/v1/fs/f/files/damaged`)).arrayBuffer());
  t.equal(md5(back), md5(body));
});
