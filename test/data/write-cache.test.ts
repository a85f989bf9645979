// The write-back cache (data/write-cache.ts) on its own, with a committer that records what
// it is given and sometimes fails (as S3 or the metadata store can). Against a byte model:
// at every step the committed bytes painted with the cache's overlay read as the newest
// writes; truncates drop cached bytes past the new size; failed flushes keep their bytes
// under newer writes; and once everything is flushed, the committed file is the model.
import fc from 'fast-check';
import t from 'tap';
import { PAGE_BYTES } from '../../src/data/chunk-buffer.ts';
import { type FlushPiece, WriteCache } from '../../src/data/write-cache.ts';
import type { FsInfo } from '../../src/fs/model.ts';

const BLOCK = 64 * 1024;
const CHUNK = 4 * BLOCK;
const SPAN = 4 * CHUNK;
const FS: FsInfo = {
  id: 1,
  name: 'unit',
  status: 'INITED',
  rootIno: 1,
  blockSize: BLOCK,
  chunkSize: CHUNK,
  capacityBytes: 0,
  inodeQuota: 0,
  trashDays: 0,
  inlineBytes: 0,
  createdAt: new Date(0).toISOString(),
};
const INO = 42;

type Op =
  | { op: 'write'; offset: number; len: number; fill: number }
  | { op: 'flush' }
  | { op: 'truncate'; size: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: SPAN - 1 }),
        fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 2 * BLOCK + 17 })),
        fc.integer({ min: 1, max: 255 }),
      )
      .map(([offset, len, fill]) => ({ op: 'write' as const, offset, len: Math.min(len, SPAN - offset), fill })),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'flush' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: SPAN }).map((size) => ({ op: 'truncate' as const, size })) },
);

/** A committer that applies pieces to `file`, failing the attempts `fails` picks. */
function recorder(file: Uint8Array, fails: () => boolean) {
  let commits = 0;
  let failures = 0;
  const commit = async (_fs: FsInfo, _ino: number, pieces: FlushPiece[]) => {
    await new Promise((r) => setImmediate(r)); // writes interleave with the commit in flight
    if (fails()) {
      failures++;
      throw new Error('store unavailable');
    }
    commits++;
    for (const p of pieces) file.set(p.bytes, p.offset);
  };
  return { commit, counts: () => ({ commits, failures }) };
}

/** What a reader through this instance sees: the committed bytes painted with the cache's overlay. */
function seen(cache: WriteCache, committed: Uint8Array): Uint8Array {
  const view = Uint8Array.from(committed);
  for (const o of cache.overlay(FS.id, INO, 0, SPAN)) view.set(o.bytes, o.offset);
  return view;
}

t.test('write cache: reads see the newest writes, and a full flush commits exactly them', async (t) => {
  let steps = 0;
  let failedFlushes = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(opArb, { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 0, max: 3 }),
      async (history, failEvery) => {
        const committed = new Uint8Array(SPAN);
        const expected = new Uint8Array(SPAN);
        let attempt = 0;
        let failing = true;
        const rec = recorder(committed, () => failing && failEvery > 0 && ++attempt % (failEvery + 1) === 0);
        const cache = new WriteCache({ maxBytes: 8 * PAGE_BYTES, flushAgeMs: 60_000, commit: rec.commit });
        for (const o of history) {
          steps++;
          if (o.op === 'write') {
            await cache.write(FS, INO, o.offset, Buffer.alloc(o.len, o.fill));
            expected.fill(o.fill, o.offset, o.offset + o.len);
          } else if (o.op === 'flush') {
            await cache.flushFile(FS.id, INO, 'all').catch(() => undefined); // a failure keeps the bytes cached
          } else {
            // setattr(size): cached bytes at or past the size go, the rest is committed, then the
            // namespace truncates the committed file.
            failing = false;
            await cache.settle(FS.id, INO, { truncateTo: o.size });
            failing = true;
            committed.fill(0, o.size);
            expected.fill(0, o.size);
          }
          const view = seen(cache, committed);
          if (!Buffer.from(view).equals(Buffer.from(expected)))
            throw new Error(`after ${JSON.stringify(o)}: reads differ`);
          const st = cache.stats();
          if (st.usedBytes !== st.dirtyBytes + st.flushingBytes) throw new Error('used bytes are dirty plus flushing');
        }
        failing = false;
        await cache.close();
        failedFlushes += rec.counts().failures;
        if (!Buffer.from(committed).equals(Buffer.from(expected)))
          throw new Error('the committed file is not the writes');
        const st = cache.stats();
        if (st.files !== 0 || st.usedBytes !== 0) throw new Error(`after close: ${JSON.stringify(st)}`);
      },
    ),
    { numRuns: 150 },
  );
  t.pass(`${steps} steps over 150 histories matched the model (${failedFlushes} failed flushes retried)`);
});

t.test('write cache: a writer past the cache size waits for flushes, and memory stays bounded', async (t) => {
  const committed = new Uint8Array(SPAN);
  const rec = recorder(committed, () => false);
  const maxBytes = 4 * PAGE_BYTES;
  let peak = 0;
  const cache = new WriteCache({
    maxBytes,
    commit: async (fs, ino, pieces, token) => {
      peak = Math.max(peak, cache.stats().usedBytes);
      await rec.commit(fs, ino, pieces);
      void token;
    },
  });
  for (let off = 0; off < SPAN; off += 4096) await cache.write(FS, INO, off, Buffer.alloc(4096, 9));
  await cache.close();
  t.ok(cache.stats().waits > 0, `writers waited (${cache.stats().waits} times)`);
  t.ok(peak <= maxBytes, `used bytes peaked at ${peak}, within ${maxBytes}`);
  t.ok(Buffer.from(committed).equals(Buffer.alloc(SPAN, 9)), 'every byte was committed');
});
