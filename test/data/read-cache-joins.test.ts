// Reads that join a fetch another read began (concurrent misses of one page share one GET):
// when that fetch fails — a read-ahead or an abandoned download started while S3 was failing —
// the joined read fetches once for itself instead of failing with it. (Found in the S3 fault
// test: a download after the faults had stopped was cut mid-body, having joined a fetch begun
// during them.)
import t from 'tap';
import { READ_PAGE_BYTES, ReadCache } from '../../src/data/read-cache.ts';
import { fsErr } from '../../src/errno.ts';
import { ObjectNotFound, type ObjectStore } from '../../src/objects/types.ts';

const OBJECT = Buffer.from(Array.from({ length: 3 * READ_PAGE_BYTES }, (_, i) => (i * 7) % 251));

/**
 * A store holding OBJECT under 'o' whose ranged GETs wait for `release()` and then fail while
 * `failing` is set (with EREMOTEIO, as S3 out of retries), or while `missing` is set (404).
 */
function gatedStore() {
  let open: () => void = () => undefined;
  let gate = new Promise<void>((r) => (open = r));
  const state = { gets: 0, failing: true, missing: false };
  const get = async (start: number, end: number) => {
    state.gets++;
    const failing = state.failing;
    await gate;
    if (state.missing) throw new ObjectNotFound('o');
    if (failing) throw fsErr('EREMOTEIO', 'the object store failed');
    return OBJECT.subarray(start, Math.min(end, OBJECT.length));
  };
  const store: ObjectStore = {
    kind: 'gated',
    location: 'memory',
    async put() {},
    get: (_k: string, start = 0, end = OBJECT.length) => get(start, end),
    async getParts(_k: string, start: number, end: number, partBytes: number) {
      const whole = await get(start, end);
      const parts: Buffer[] = [];
      for (let at = 0; at < whole.length; at += partBytes) parts.push(Buffer.from(whole.subarray(at, at + partBytes)));
      return parts;
    },
    getChunks: async (_k: string, start: number, end: number) => [await get(start, end)],
    async delete() {},
    async *list() {},
    async close() {},
  };
  const release = () => {
    open();
    gate = new Promise<void>((r) => (open = r));
  };
  return { store, state, release, opened: () => open() };
}

t.test('a read that joined a failing read-ahead fetches for itself and gets the bytes', async (t) => {
  const { store, state, release, opened } = gatedStore();
  const cache = new ReadCache(store, 16 * READ_PAGE_BYTES);
  cache.prefetch('o', { start: 0, end: OBJECT.length }); // begun while S3 fails
  const read = cache.get('o', { start: 100, end: 2 * READ_PAGE_BYTES + 5 });
  state.failing = false; // S3 is well again before the read-ahead's answer comes
  release(); // the read-ahead fails
  await new Promise((r) => setImmediate(r));
  opened(); // the joined read's own fetch is answered
  const got = Buffer.concat(await read);
  t.ok(got.equals(OBJECT.subarray(100, 2 * READ_PAGE_BYTES + 5)), 'the joined read has the right bytes');
  t.equal(cache.counters.joinRetries, 1, 'one retry of its own');
  t.equal(state.gets, 2, "the read-ahead's GET and the read's own");
});

t.test('a read whose own fetch fails fails: no retry of its own failure', async (t) => {
  const { store, state, opened } = gatedStore();
  const cache = new ReadCache(store, 16 * READ_PAGE_BYTES);
  const read = cache.get('o', { start: 0, end: READ_PAGE_BYTES });
  opened();
  await t.rejects(read, { code: 'EREMOTEIO' });
  t.equal(cache.counters.joinRetries, 0);
  t.equal(state.gets, 1);
});

t.test('a joined read whose own retry fails too answers that failure', async (t) => {
  const { store, state, opened } = gatedStore();
  const cache = new ReadCache(store, 16 * READ_PAGE_BYTES);
  cache.prefetch('o', { start: 0, end: READ_PAGE_BYTES });
  const read = cache.get('o', { start: 0, end: READ_PAGE_BYTES });
  opened(); // every GET fails from now on
  await t.rejects(read, { code: 'EREMOTEIO' });
  t.equal(cache.counters.joinRetries, 1);
  t.equal(state.gets, 2, 'one fetch of its own, not more');
});

t.test('a joined read of a missing object does not fetch again (the reader re-plans instead)', async (t) => {
  const { store, state, opened } = gatedStore();
  state.missing = true;
  const cache = new ReadCache(store, 16 * READ_PAGE_BYTES);
  cache.prefetch('o', { start: 0, end: READ_PAGE_BYTES });
  const read = cache.get('o', { start: 0, end: READ_PAGE_BYTES });
  opened();
  await t.rejects(read, ObjectNotFound);
  t.equal(cache.counters.joinRetries, 0);
  t.equal(state.gets, 1);
});
