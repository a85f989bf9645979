// What a whole-file upload above inlineBytes costs in metadata transactions and how many block
// PUTs it keeps in flight: its intent names its slice ids in one transaction (one more per
// UPLOAD_IDS_AHEAD chunks of a body of unknown length), and its PUTs in flight are as many as
// the upload budget (a quarter of the write cache) holds, up to MAX_PARALLEL_PUTS.
import t, { type Test } from 'tap';
import { MAX_PARALLEL_PUTS, UPLOAD_BUFFER_SHARE } from '../../src/data/block-puts.ts';
import { UPLOAD_IDS_AHEAD } from '../../src/fs/slices.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { call, readResponse } from '../support/api.ts';

const KiB = 1024;
const MiB = 1024 * KiB;

const commits = (s: TestServer) => s.built.kv.stats().commits as number;

/** A body of `chunks` pieces of `size` bytes, streamed (sent without a Content-Length). */
function stream(chunks: number, size: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(ctl) {
      if (sent === chunks) return ctl.close();
      ctl.enqueue(new Uint8Array(size).fill(sent++ & 0xff));
    },
  });
}

const upload = async (s: TestServer, fs: string, path: string, body: Buffer | ReadableStream<Uint8Array>) =>
  readResponse(
    await fetch(`${s.url}/v1/fs/${fs}/files/${path}`, { method: 'PUT', body, duplex: 'half' } as RequestInit),
  );

t.test('an upload records its intent with its slice ids in one transaction', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  await call(s.url, 'POST', '/v1/fs', { name: 'rt', blockSize: 64 * KiB, chunkSize: 64 * KiB });
  await upload(s, 'rt', 'warm', Buffer.alloc(10 * KiB)); // the first takes batches of inode and slice ids

  let before = commits(s);
  const known = await upload(s, 'rt', 'known', Buffer.alloc(20 * 64 * KiB, 1));
  t.equal(known.status, 201);
  t.equal(commits(s) - before, 2, 'a 20-chunk body with a Content-Length: the intent, then the commit');

  const chunks = 2 * UPLOAD_IDS_AHEAD + 3;
  before = commits(s);
  const unknown = await upload(s, 'rt', 'unknown', stream(chunks, 64 * KiB));
  t.equal(unknown.status, 201);
  t.equal(unknown.json.length, chunks * 64 * KiB);
  t.equal(
    commits(s) - before,
    1 + Math.ceil(chunks / UPLOAD_IDS_AHEAD) - 1 + 1,
    `${chunks} chunks of unknown length: the intent, extended every ${UPLOAD_IDS_AHEAD} chunks, then the commit`,
  );
  const back = Buffer.from(await (await fetch(`${s.url}/v1/fs/rt/files/unknown`)).arrayBuffer());
  t.ok(
    back.length === chunks * 64 * KiB &&
      Array.from({ length: chunks }, (_, i) => back[i * 64 * KiB] === (i & 0xff)).every(Boolean),
    'the body reads back',
  );
});

/**
 * How long the store holds PUTs after the last one began: long enough for the server to read
 * the next 4 MiB block of the body on a loaded machine, so the PUTs held at once are as many
 * as the server will start, not as many as a race between the body and the store allowed.
 */
const QUIET_MS = 1_000;

/** The most PUTs in flight at once during an upload of `bytes` with 4 MiB blocks. */
async function peakPuts(t: Test, env: Record<string, string>, bytes: number): Promise<number> {
  const s = await startServer({ env });
  t.teardown(() => s.close());
  await call(s.url, 'POST', '/v1/fs', { name: 'pp' });
  const objects = s.built.objects;
  const put = objects.put.bind(objects);
  let inflight = 0;
  let peak = 0;
  // A store that answers no PUT until no new one has begun for QUIET_MS, then all held ones.
  const held: (() => void)[] = [];
  let quiet: NodeJS.Timeout | undefined;
  objects.put = async (key, body) => {
    peak = Math.max(peak, ++inflight);
    try {
      clearTimeout(quiet);
      await new Promise<void>((release) => {
        held.push(release);
        quiet = setTimeout(() => {
          for (const r of held.splice(0)) r();
        }, QUIET_MS);
      });
      return await put(key, body);
    } finally {
      inflight--;
    }
  };
  t.equal((await upload(s, 'pp', 'f', Buffer.alloc(bytes, 3))).status, 201);
  return peak;
}

t.test('uploads keep as many PUTs in flight as the upload budget holds', async (t) => {
  const block = 4 * MiB;
  const roomy = await peakPuts(t, {}, 48 * MiB);
  t.equal(roomy, MAX_PARALLEL_PUTS, `a 256 MiB write cache: ${MAX_PARALLEL_PUTS} PUTs in flight (the cap)`);
  const tight = await peakPuts(t, { CIRRUS_CACHE_BYTES: '64M' }, 32 * MiB);
  t.equal(tight, (64 * MiB * UPLOAD_BUFFER_SHARE) / block, 'a 64 MiB write cache: 16 MiB of 4 MiB blocks in flight');
});
