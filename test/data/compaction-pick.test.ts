// Compaction as pure functions (data/compaction-pick.ts, fs/trunc-marks.ts) against reads: for
// random histories of writes and truncates in one chunk, replacing the oldest k slices by the
// slice rebuilt from their view — at the newest replaced seq, truncation marks pruned as the
// commit prunes them — reads every byte of the chunk as before, whatever k (so slices newer
// than the rebuild still win), and after the file grows again.
import fc from 'fast-check';
import t from 'tap';
import {
  FRAGMENT_THRESHOLD,
  judgeChunk,
  rebuiltExtent,
  viewOf,
  viewRange,
  type FileShape,
} from '../../src/data/compaction-pick.ts';
import { planRead, type Piece } from '../../src/data/planner.ts';
import type { Geometry } from '../../src/fs/layout.ts';
import type { Slice, TruncMark } from '../../src/fs/model.ts';
import { addTruncMark, pruneTruncMarks } from '../../src/fs/trunc-marks.ts';

const g: Geometry = { blockSize: 16, chunkSize: 64 };
const REBUILT = 999_999;
const byteOf = (sliceId: number, offset: number) => ((sliceId * 31 + offset * 7) % 251) + 1; // never 0

type Op = { op: 'write'; offset: number; len: number } | { op: 'truncate'; size: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({ offset: fc.integer({ min: 0, max: 63 }), len: fc.integer({ min: 1, max: 64 }) })
      .map(({ offset, len }) => ({ op: 'write' as const, offset, len: Math.min(len, 64 - offset) })),
  },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 64 }).map((size) => ({ op: 'truncate' as const, size })) },
);

interface History {
  slices: Slice[];
  marks: TruncMark[];
  length: number;
}

/** What the write and truncate paths leave: slices in commit order, marks as setattr adds them. */
function replay(ops: Op[]): History {
  const h: History = { slices: [], marks: [], length: 0 };
  let seq = 0;
  for (const [i, o] of ops.entries()) {
    if (o.op === 'write') {
      // Slice ids come from per-instance batches: deliberately not in commit order.
      h.slices.push({
        sliceId: ((i * 7919) % 10007) + 1,
        seq: ++seq,
        compaction: 0,
        offset: o.offset,
        len: o.len,
        zero: false,
      });
      h.length = Math.max(h.length, o.offset + o.len);
    } else {
      if (o.size < h.length) h.marks = addTruncMark(h.marks, { after: seq, length: o.size });
      h.length = o.size;
    }
  }
  return h;
}

/** The bytes [start, end) of the chunk as read planning resolves them; `rebuilt` holds the rebuilt slice's bytes. */
function read(h: History, start: number, end: number, rebuilt?: Map<number, number>): number[] {
  const pieces = planRead(g, 1, 7, h.marks, new Map([[0, h.slices]]), start, end);
  return pieces.flatMap((p) => bytesOf(p, rebuilt));
}

function bytesOf(p: Piece, rebuilt?: Map<number, number>): number[] {
  if (p.kind !== 'object') return new Array(p.len).fill(0);
  const sliceId = Number(p.key.split('/').at(-1)!.split('_')[0]);
  return Array.from({ length: p.len }, (_, i) =>
    sliceId === REBUILT ? rebuilt!.get(p.offset + i)! : byteOf(sliceId, p.offset + i),
  );
}

/** Compact the oldest `k` slices as Compactor.rebuild and Slices.replaceSlices do. */
function compact(h: History, k: number): { after: History; rebuilt: Map<number, number> } {
  const shape: FileShape = { fsId: 1, ino: 7, length: h.length, truncMarks: h.marks };
  const replaced = [...h.slices].sort((a, b) => a.seq - b.seq).slice(0, k);
  const view = viewOf(g, shape, 0, replaced, viewRange(g, shape, 0));
  const extent = rebuiltExtent(view);
  const rebuilt = new Map<number, number>();
  const kept = h.slices.filter((s) => !replaced.includes(s));
  if (extent) {
    const bytes = viewOf(g, shape, 0, replaced, { start: extent.offset, end: extent.offset + extent.len }).flatMap(
      (p) => bytesOf(p),
    );
    for (const [i, b] of bytes.entries()) rebuilt.set(extent.offset + i, b);
    const newest = Math.max(...replaced.map((s) => s.seq));
    kept.push({ sliceId: REBUILT, seq: newest, compaction: 1, ...extent, zero: false });
  }
  return { after: { slices: kept, marks: pruneTruncMarks(h.marks, kept), length: h.length }, rebuilt };
}

t.test('compacting the oldest slices of a chunk never changes what reads see', async (t) => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 30 }), (ops, k) => {
      const before = replay(ops);
      if (before.slices.length === 0) return true;
      const { after, rebuilt } = compact(before, Math.min(k, before.slices.length));
      // The whole chunk: past the end too, as a file grown again by truncate reads it.
      const same = JSON.stringify(read(before, 0, 64)) === JSON.stringify(read(after, 0, 64, rebuilt));
      const fewerMarks = after.marks.length <= before.marks.length;
      const rebuiltWithin = after.slices.every((s) => s.sliceId !== REBUILT || s.offset + s.len <= before.length);
      return same && fewerMarks && rebuiltWithin;
    }),
    { numRuns: 5000 },
  );
  t.pass('5000 random histories, compacted at a random depth, read back byte for byte');
});

t.test('compacting every slice leaves one slice (or none) and marks that void something', async (t) => {
  fc.assert(
    fc.property(fc.array(opArb, { minLength: 1, maxLength: 30 }), (ops) => {
      const before = replay(ops);
      const { after } = compact(before, before.slices.length);
      return after.slices.length <= 1 && after.marks.length === 0;
    }),
    { numRuns: 2000 },
  );
  t.pass('a wholly compacted chunk needs no mark: its view already applies them');
});

const slice = (sliceId: number, seq: number, offset: number, len: number): Slice => ({
  sliceId,
  seq,
  compaction: 0,
  offset,
  len,
  zero: false,
});
const file = (length: number, truncMarks: TruncMark[] = []): FileShape => ({ fsId: 1, ino: 7, length, truncMarks });

t.test('which chunks are worth compacting', async (t) => {
  const many = Array.from({ length: FRAGMENT_THRESHOLD + 1 }, (_, i) => slice(i + 1, i + 1, i, 1));
  t.equal(judgeChunk(g, file(64), 0, many, { all: false }).reason, 'fragments', 'more than 20 slices');
  t.equal(
    judgeChunk(g, file(64), 0, many.slice(0, FRAGMENT_THRESHOLD), { all: false }).reason,
    undefined,
    '20 is fine',
  );
  t.equal(judgeChunk(g, file(64), 1, [slice(1, 1, 64, 10)], { all: false }).reason, 'past-eof', 'wholly past the end');
  const overwritten = [slice(1, 1, 0, 32), slice(2, 2, 0, 16)];
  t.match(judgeChunk(g, file(32), 0, overwritten, { all: false }), { storedBytes: 48, visibleBytes: 32 });
  t.equal(judgeChunk(g, file(32), 0, overwritten, { all: false }).reason, undefined, 'a third hidden: not yet');
  t.equal(
    judgeChunk(g, file(32), 0, [...overwritten, slice(3, 3, 16, 16)], { all: false }).reason,
    'hidden',
    'half hidden',
  );
  t.equal(judgeChunk(g, file(8), 0, [slice(1, 1, 0, 32)], { all: false }).reason, 'hidden', 'mostly past the end');
  t.equal(judgeChunk(g, file(32), 0, overwritten, { all: true }).reason, 'requested', 'on request: any waste');
  t.equal(
    judgeChunk(g, file(32), 0, [slice(1, 1, 0, 32)], { all: true }).reason,
    undefined,
    'one clean slice: nothing',
  );
});

t.test('the rebuilt slice spans the first to the last byte an object supplies', async (t) => {
  const shape = file(64);
  const view = viewOf(g, shape, 0, [slice(1, 1, 5, 3), slice(2, 2, 40, 4)], viewRange(g, shape, 0));
  t.same(rebuiltExtent(view), { offset: 5, len: 39 }, 'holes at the ends stay holes, the one between is written');
  t.equal(
    rebuiltExtent(viewOf(g, file(4), 0, [slice(1, 1, 10, 3)], viewRange(g, file(4), 0))),
    undefined,
    'all voided',
  );
});
