// Read-ahead and scans: scans must drop what they read even where pages
// are short (object tails, blocks smaller than a page), readers interleaving on one file must
// each keep their own run (read-ahead, scan), and a scan must not drop pages another reader
// asked for. Byte for byte, against the real local S3 where the object store matters.
import t, { type Test } from 'tap';
import { READ_CACHE_MAX_READ_BYTES, READ_PAGE_BYTES, ReadCache } from '../../src/data/read-cache.ts';
import { SequentialReads } from '../../src/data/sequential.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { startS3 } from '../support/s3.ts';
import { startServer, tempDir, type TestServer } from '../support/server.ts';
import { call } from '../support/api.ts';

/** The id of the scan whose transient pages a test reads (runs are numbered from 1). */
const SCAN = 1;

const KiB = 1024;
const MiB = 1024 * KiB;
/** The default block: one GET of read-ahead. */
const BLOCK_BYTES = 4 * MiB;
/** Headroom over the large-read limit that a run's start may leave cached (read-ahead). */
const CACHE_SLACK_BYTES = 16 * MiB;

/** File /f of `size` patterned bytes in a new filesystem `fs`; returns its body. */
async function makeFile(t: Test, s: TestServer, fs: string, size: number, spec: Record<string, number> = {}) {
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: fs, ...spec })).status, 201);
  const body = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) body.writeUInt32LE((i * 2654435761) >>> 0, i);
  const put = await fetch(`${s.url}/v1/fs/${fs}/files/f`, { method: 'PUT', body });
  t.equal(put.status, 201);
  return { body };
}

async function readRange(s: TestServer, fs: string, start: number, end: number): Promise<Buffer> {
  const r = await fetch(`${s.url}/v1/fs/${fs}/files/f`, { headers: { range: `bytes=${start}-${end - 1}` } });
  if (r.status !== 206) throw new Error(`range read: ${r.status}`);
  return Buffer.from(await r.arrayBuffer());
}

const readStats = async (s: TestServer) => (await call(s.url, 'GET', '/v1/status')).json.cache.read;

t.test('read cache: a scan drops a page shorter than a page (an object tail) once it has read it', async (t) => {
  const dir = await tempDir();
  const store = await LocalObjectStore.open(dir);
  const tail = 100 * KiB; // an object that ends inside its first page
  const body = Buffer.alloc(READ_PAGE_BYTES + tail, 7);
  await store.put('o', body);
  const cache = new ReadCache(store, 64 * MiB);
  cache.prefetch('o', { start: 0, end: body.length, scan: SCAN });
  await cache.get('o', { start: 0, end: body.length, fill: false }); // waits for the read-ahead (shares its GET)
  t.equal(cache.stats().transient, 2);
  t.ok(Buffer.concat(await cache.get('o', { start: 0, end: body.length, fill: false })).equals(body));
  cache.release('o', { start: 0, end: body.length, scan: SCAN });
  t.equal(cache.stats().transient, 0, 'the tail page was read to the end of the object');
  t.equal(cache.stats().entries, 0, 'nothing of the scan is left cached');
});

t.test('a scan of a filesystem with 64 KiB blocks (every page short) does not fill the cache, over S3', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  const s = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('scan64k') } });
  t.teardown(() => s.close());
  const size = 2 * READ_CACHE_MAX_READ_BYTES; // half of it read as a scan
  const step = 128 * KiB;
  const { body } = await makeFile(t, s, 'small', size, { blockSize: 64 * KiB });
  const out: Buffer[] = [];
  for (let at = 0; at < size; at += step) out.push(await readRange(s, 'small', at, at + step));
  t.ok(Buffer.concat(out).equals(body), 'byte for byte');
  const st = await readStats(s);
  t.ok(st.released > 0, `the scan dropped pages it had read (${st.released})`);
  t.ok(
    st.usedBytes <= READ_CACHE_MAX_READ_BYTES + MiB,
    `the cache holds the run's start, not the scan (${st.usedBytes} bytes)`,
  );
});

t.test('runs: readers interleaving on one file each keep their run', async (t) => {
  const runs = new SequentialReads();
  runs.note('f', 0, MiB); // reader A
  runs.note('f', 10 * MiB, 11 * MiB); // reader B
  const a = runs.note('f', MiB, 2 * MiB);
  const b = runs.note('f', 11 * MiB, 12 * MiB);
  t.same([a.sequential, a.bytes], [true, 2 * MiB], "A continues its run despite B's read");
  t.same([b.sequential, b.bytes], [true, 2 * MiB], 'and B its own');
});

t.test('two readers copying one file at once in 1 MiB ranges: read-ahead, scans, a bounded cache', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const size = 40 * MiB + 12345;
  const { body } = await makeFile(t, s, 'two', size);
  const a: Buffer[] = [];
  const b: Buffer[] = [];
  for (let at = 0; at < size; at += MiB) {
    const end = Math.min(size, at + MiB);
    a.push(await readRange(s, 'two', at, end)); // in lockstep: A, then B, the same range
    b.push(await readRange(s, 'two', at, end));
  }
  t.ok(Buffer.concat(a).equals(body), 'A: byte for byte');
  t.ok(Buffer.concat(b).equals(body), 'B: byte for byte');
  const st = await readStats(s);
  t.ok(st.prefetches > 0, `read-ahead ran (${st.prefetches})`);
  t.ok(st.released > 0, `both runs became scans and dropped what they read (${st.released})`);
  t.ok(
    st.usedBytes <= READ_CACHE_MAX_READ_BYTES + CACHE_SLACK_BYTES,
    `the cache holds the runs' start, not the file (${st.usedBytes} bytes)`,
  );
  t.ok(
    st.fetchedBytes <= size + CACHE_SLACK_BYTES,
    `each byte fetched about once for both readers (${st.fetchedBytes} bytes)`,
  );
});

t.test("a scan keeps the pages a normal reader's read-ahead asked for", async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const size = 48 * MiB;
  const { body } = await makeFile(t, s, 'mix', size);
  const scanTo = READ_CACHE_MAX_READ_BYTES + 4 * MiB; // the scanner is a scan from here on
  for (let at = 0; at < scanTo; at += MiB) await readRange(s, 'mix', at, at + MiB);
  const before = (await readStats(s)).fetchedBytes;
  // A normal reader starts where the scanner is and trails it by one range: its read-ahead
  // asks for pages the scanner's read-ahead brought in, which the scanner reads first.
  const check = async (who: string, at: number) =>
    t.ok((await readRange(s, 'mix', at, at + MiB)).equals(body.subarray(at, at + MiB)), `${who} at ${at}`);
  for (let at = scanTo; at < size; at += MiB) {
    await check('scanner', at);
    if (at > scanTo) await check('reader', at - MiB);
  }
  await check('reader', size - MiB);
  const fetched = (await readStats(s)).fetchedBytes - before;
  t.ok(
    fetched <= size - scanTo + BLOCK_BYTES,
    `the reader's read-ahead pages were not dropped under it (${fetched} bytes fetched for ${size - scanTo})`,
  );
});

t.test('a small read cache: read-ahead stays within its share, so nothing is fetched twice', async (t) => {
  const s = await startServer({ env: { CIRRUS_READ_CACHE_BYTES: String(8 * MiB) } });
  t.teardown(() => s.close());
  const size = 32 * MiB;
  const { body } = await makeFile(t, s, 'small', size);
  const got: Buffer[] = [];
  for (let at = 0; at < size; at += MiB) got.push(await readRange(s, 'small', at, Math.min(size, at + MiB)));
  t.ok(Buffer.concat(got).equals(body), 'byte for byte');
  const st = await readStats(s);
  t.ok(st.prefetches > 0, `read-ahead ran (${st.prefetches})`);
  // Whole blocks ahead (12 MiB) would not fit in an 8 MiB cache: fetched pages were evicted
  // before they were read, and fetched again.
  t.ok(st.fetchedBytes <= size + 2 * MiB, `each byte fetched about once (${st.fetchedBytes} bytes for ${size})`);
});
