// Sequential readers: runs are spotted across requests, read-ahead fetches whole blocks ahead,
// and a run longer than the large-read limit is a scan that drops what it has read from the
// read cache (so a big file read in small ranges does not flush the cache), byte for byte.
import t from 'tap';
import { READ_CACHE_MAX_READ_BYTES, READ_PAGE_BYTES, ReadCache } from '../../src/data/read-cache.ts';
import { SequentialReads } from '../../src/data/sequential.ts';
import { ObjectNotFound, type ObjectStore } from '../../src/objects/types.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

/** The id of the scan whose transient pages a test reads (runs are numbered from 1). */
const SCAN = 1;

const MiB = 1024 * 1024;

t.test('runs: sequential from the second read on, a scan past the large-read limit, reset by a jump', async (t) => {
  const runs = new SequentialReads();
  let r = runs.note('f', 0, MiB);
  t.equal(r.sequential, false, 'a read from 0 starts a run');
  r.aheadThrough = 8 * MiB;
  r = runs.note('f', MiB, 2 * MiB);
  t.equal(r.sequential, true);
  t.equal(r.aheadThrough, 8 * MiB, 'read-ahead asked for is remembered along the run');
  let at = 2 * MiB;
  while (at <= READ_CACHE_MAX_READ_BYTES) {
    r = runs.note('f', at, at + MiB);
    at += MiB;
  }
  t.equal(r.scan, true, `a scan once the run passes ${READ_CACHE_MAX_READ_BYTES} bytes`);
  t.equal(runs.note('g', at, at + MiB).sequential, false, 'runs are per file');
  r = runs.note('f', 3 * MiB, 4 * MiB);
  t.same([r.sequential, r.scan, r.bytes, r.aheadThrough], [false, false, MiB, 0], 'a jump starts a new run');
});

/** An in-memory store counting ranged GETs. */
function fakeStore(objects: Record<string, Buffer>): ObjectStore & { gets: number } {
  const store = {
    kind: 'fake',
    location: 'memory',
    gets: 0,
    async put() {},
    async get(key: string, start = 0, end?: number) {
      if (!objects[key]) throw new ObjectNotFound(key);
      store.gets++;
      return objects[key].subarray(start, end);
    },
    async getParts(key: string, start: number, end: number, partBytes: number) {
      const whole = await store.get(key, start, end);
      const parts: Buffer[] = [];
      for (let at = 0; at < whole.length; at += partBytes) parts.push(Buffer.from(whole.subarray(at, at + partBytes)));
      return parts;
    },
    async getChunks(key: string, start: number, end: number) {
      const whole = await store.get(key, start, end);
      return whole.length > 0 ? [whole] : [];
    },
    async delete() {},
    async *list() {},
    async close() {},
  };
  return store;
}

t.test('read cache: transient pages are dropped once read to their end, others stay', async (t) => {
  const body = Buffer.from(Array.from({ length: 4 * READ_PAGE_BYTES }, (_, i) => i % 253));
  const store = fakeStore({ a: body, b: body });
  const cache = new ReadCache(store, 64 * MiB);
  cache.prefetch('a', { start: 0, end: body.length, scan: SCAN });
  cache.prefetch('b', { start: 0, end: body.length }); // not a scan's
  await new Promise((r) => setTimeout(r, 10));
  t.equal(store.gets, 2, 'one GET each');
  t.equal(cache.stats().transient, 4);

  const half = READ_PAGE_BYTES + READ_PAGE_BYTES / 2;
  const got = Buffer.concat(await cache.get('a', { start: 0, end: half, fill: false }));
  t.ok(got.equals(body.subarray(0, half)));
  cache.release('a', { start: 0, end: half, scan: SCAN });
  t.equal(cache.stats().transient, 3, 'only the page read to its end is dropped');
  const rest = Buffer.concat(await cache.get('a', { start: half, end: body.length, fill: false }));
  t.ok(rest.equals(body.subarray(half)), 'the half-read page is still there for the next range');
  t.equal(store.gets, 2, 'no GET for it');
  cache.release('a', { start: half, end: body.length, scan: SCAN });
  t.equal(cache.stats().transient, 0);

  cache.release('b', { start: 0, end: body.length, scan: SCAN });
  t.equal(cache.stats().entries, 4, "pages that are not a scan's stay cached");
  t.equal(cache.stats().usedBytes, body.length);
});

t.test(
  'a file read in 1 MiB ranges: the same bytes, read-ahead ahead of the reader, a scan does not fill the cache',
  async (t) => {
    const s = await startServer();
    t.teardown(() => s.close());
    await call(s.url, 'POST', '/v1/fs', { name: 'seq' });
    const ino = (await call(s.url, 'POST', '/v1/fs/seq/inodes/1/entries', { name: 'f', type: 'file' })).json.ino;
    const size = 40 * MiB + 12345; // a partial last block and page
    const body = Buffer.alloc(size);
    for (let i = 0; i + 4 <= size; i += 4) body.writeUInt32LE((i ^ 0x9e3779b9) >>> 0, i);
    const put = await fetch(`${s.url}/v1/fs/seq/files/f`, { method: 'PUT', body });
    t.equal(put.status, 200);

    const readAll = async (step: number) => {
      const out: Buffer[] = [];
      for (let at = 0; at < size; at += step) {
        const r = await fetch(`${s.url}/v1/fs/seq/inodes/${ino}/data`, {
          headers: { range: `bytes=${at}-${Math.min(size, at + step) - 1}` },
        });
        t.equal(r.status, 206);
        out.push(Buffer.from(await r.arrayBuffer()));
      }
      return Buffer.concat(out);
    };
    const readStats = async () => (await call(s.url, 'GET', '/v1/status')).json.cache.read;

    t.ok((await readAll(MiB)).equals(body), '1 MiB ranges: byte for byte');
    let st = await readStats();
    t.ok(st.prefetches > 0, 'read-ahead ran');
    t.ok(st.released > 0, 'the scan dropped pages it had read');
    t.ok(
      st.usedBytes <= READ_CACHE_MAX_READ_BYTES + 16 * MiB,
      `the cache holds the run's start and the read-ahead, not the file (${st.usedBytes} bytes)`,
    );

    t.ok((await readAll(1.5 * MiB)).equals(body), 'again, in ranges that straddle pages: byte for byte');
    st = await readStats();
    t.ok(st.usedBytes <= READ_CACHE_MAX_READ_BYTES + 16 * MiB, `still bounded (${st.usedBytes} bytes)`);
  },
);
