// A download of an object store that fails (through test/support/fault-proxy.ts): it reads
// its first bytes before the status line, so a failure there is a clean 503 EREMOTEIO with
// Retry-After; a failure after that can only cut the connection, so the body falls short of
// its Content-Length (a client error, never a clean end of a short file), and is logged and
// counted in the metrics. (Found in review: 200/206 and a reset, noticed only by clients that
// check Content-Length.)
import t from 'tap';
import { call } from '../support/api.ts';
import { cirrusOn, randomBytes, s3BehindProxy, seeded } from './s3-fault-setup.ts';

const KiB = 1024;

t.test('a download checks its first bytes before the headers; a later failure cuts it short', async (t) => {
  const { proxy, url } = await s3BehindProxy(t);
  // No read cache: each block is its own GET, so one block can fail while others succeed.
  const s = await cirrusOn(t, url, { CIRRUS_READ_CACHE_BYTES: '0' });
  const BLOCK = 256 * KiB;
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'd', blockSize: BLOCK })).status, 201);
  const body = randomBytes(seeded(3), 8 * BLOCK);
  t.equal((await fetch(`${s.url}/v1/fs/d/files/big`, { method: 'PUT', body })).status, 201);

  proxy.plan({ rate: 1, modes: ['cutBody'], match: (r) => r.method === 'GET' && r.path.endsWith('_0_0') });
  const first = await fetch(`${s.url}/v1/fs/d/files/big`);
  const problem = (await first.json()) as { code: string };
  t.equal(first.status, 503, 'the first block failing is a clean problem answer');
  t.equal(problem.code, 'EREMOTEIO');
  t.ok(first.headers.get('retry-after'), 'with Retry-After');
  t.notOk(first.headers.get('content-range') ?? first.headers.get('etag'), 'no file headers on the problem');

  proxy.plan({ rate: 1, modes: ['cutBody'], match: (r) => r.method === 'GET' && r.path.endsWith('_5_0') });
  const cut = await fetch(`${s.url}/v1/fs/d/files/big`);
  t.equal(cut.status, 200, 'a failure after the first bytes comes after the status line');
  t.equal(cut.headers.get('content-length'), String(body.length));
  const outcome = await cut.arrayBuffer().then(
    (a) => `a clean end after ${a.byteLength} bytes`,
    (e: Error) => `an error: ${e.message}`,
  );
  t.match(outcome, /^an error/, `the client sees the body cut short, not a clean end (${outcome})`);
  proxy.plan(null);
  const metrics = await (await fetch(`${s.url}/metrics`)).text();
  t.match(metrics, /cirrus_state\{what="downloads_cut_mid_stream"\} 1\b/, 'counted in the metrics');
  const again = Buffer.from(await (await fetch(`${s.url}/v1/fs/d/files/big`)).arrayBuffer());
  t.ok(again.equals(body), 'once S3 is healthy the file reads whole');
});
