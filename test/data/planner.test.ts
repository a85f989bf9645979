// Read planning against a byte model: slices and truncation marks applied in id order onto an
// array must give exactly what the planned pieces read.
import fc from 'fast-check';
import t from 'tap';
import { sliceBlocks, type Geometry } from '../../src/fs/layout.ts';
import { planRead } from '../../src/data/planner.ts';
import type { Slice, TruncMark } from '../../src/fs/model.ts';

const g: Geometry = { blockSize: 16, chunkSize: 64 };
const FILE = 256; // 4 chunks of 4 blocks
const byteOf = (sliceId: number, offset: number) => ((sliceId * 31 + offset * 7) % 251) + 1; // never 0

type Event = { kind: 'slice'; s: Slice } | { kind: 'mark'; m: TruncMark };

const sliceArb = fc
  .record({
    chunk: fc.integer({ min: 0, max: 3 }),
    a: fc.integer({ min: 0, max: 63 }),
    b: fc.integer({ min: 1, max: 64 }),
    zero: fc.boolean(),
  })
  .map(({ chunk, a, b, zero }) => {
    const start = chunk * g.chunkSize + Math.min(a, 63);
    const len = Math.min(b, (chunk + 1) * g.chunkSize - start);
    return { offset: start, len, zero: zero && Math.random() < 0.3 };
  });

const eventsArb = fc
  .array(
    fc.oneof(
      { weight: 5, arbitrary: sliceArb.map((x) => ({ kind: 'slice' as const, x })) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: FILE }).map((length) => ({ kind: 'mark' as const, length })) },
    ),
    { maxLength: 25 },
  )
  .map((raw) =>
    // Events commit in order (seq = position); slice ids are deliberately unordered.
    raw.map(
      (e, i): Event =>
        e.kind === 'slice'
          ? {
              kind: 'slice',
              s: {
                sliceId: ((i * 7919) % 10007) + 1,
                seq: i + 1,
                compaction: 0,
                offset: e.x.offset,
                len: e.x.len,
                zero: e.x.zero,
              },
            }
          : { kind: 'mark', m: { after: i, length: e.length } },
    ),
  );

function model(events: Event[]): Uint8Array {
  const bytes = new Uint8Array(FILE);
  for (const e of events) {
    if (e.kind === 'mark') bytes.fill(0, e.m.length);
    else for (let x = e.s.offset; x < e.s.offset + e.s.len; x++) bytes[x] = e.s.zero ? 0 : byteOf(e.s.sliceId, x);
  }
  return bytes;
}

function readPlan(events: Event[], start: number, end: number): Uint8Array {
  const slices = events.flatMap((e) => (e.kind === 'slice' ? [e.s] : []));
  const marks = events.flatMap((e) => (e.kind === 'mark' ? [e.m] : []));
  const bySlice = new Map(slices.map((s) => [s.sliceId, s]));
  const byChunk = new Map<number, Slice[]>();
  for (const s of slices) {
    const chunk = Math.floor(s.offset / g.chunkSize);
    byChunk.set(chunk, [...(byChunk.get(chunk) ?? []), s]);
  }
  const pieces = planRead(g, 1, 7, marks, byChunk, start, end);
  const out = new Uint8Array(end - start);
  let at = start;
  for (const p of pieces) {
    if (p.offset !== at) throw new Error(`gap or overlap at ${at}: piece starts at ${p.offset}`);
    if (p.kind === 'object') {
      const [sliceId, blockIndex] = p.key.split('/').at(-1)!.split('_').map(Number);
      const s = bySlice.get(sliceId)!;
      const block = sliceBlocks(g, s).find((b) => b.blockIndex === blockIndex)!;
      if (block.fileOffset + p.objectOffset !== p.offset)
        throw new Error('object offset does not map back to the file offset');
      if (p.objectOffset + p.len > block.len) throw new Error('piece reads past the end of its object');
      for (let i = 0; i < p.len; i++) out[p.offset - start + i] = byteOf(sliceId, p.offset + i);
    }
    at += p.len;
  }
  if (at !== end) throw new Error(`pieces end at ${at}, not ${end}`);
  return out;
}

t.test('planned reads equal the byte model (last committed slice wins, marks and holes read zeros)', async (t) => {
  fc.assert(
    fc.property(eventsArb, fc.integer({ min: 0, max: FILE }), fc.integer({ min: 0, max: FILE }), (events, a, b) => {
      const [start, end] = a <= b ? [a, b] : [b, a];
      const expected = model(events).subarray(start, end);
      const got = readPlan(events, start, end);
      return Buffer.from(got).equals(Buffer.from(expected));
    }),
    { numRuns: 3000 },
  );
  t.pass('3000 random slice/mark histories read back byte for byte');
});

t.test('a slice is cut into block objects at block boundaries inside its chunk', async (t) => {
  const blocks = sliceBlocks(g, { sliceId: 5, seq: 1, compaction: 0, offset: 64 + 10, len: 40, zero: false });
  t.same(blocks, [
    { blockIndex: 0, fileOffset: 74, len: 6 },
    { blockIndex: 1, fileOffset: 80, len: 16 },
    { blockIndex: 2, fileOffset: 96, len: 16 },
    { blockIndex: 3, fileOffset: 112, len: 2 },
  ]);
  t.same(
    sliceBlocks(g, { sliceId: 5, seq: 1, compaction: 0, offset: 0, len: 64, zero: true }),
    [],
    'zero slices have no objects',
  );
});

t.test('a huge sparse range plans as a few pieces, not one per chunk', async (t) => {
  const s = { sliceId: 9, seq: 1, compaction: 0, offset: 10, len: 5, zero: false };
  const pieces = planRead(g, 1, 7, [{ after: 1, length: 12 }], new Map([[0, [s]]]), 0, 2 ** 40);
  t.equal(pieces.length, 4, 'zeros, the object piece, zeros to the end of the chunk, one zero piece for the rest');
  t.same(pieces.at(-1), { kind: 'zero', offset: g.chunkSize, len: 2 ** 40 - g.chunkSize });
  t.same(
    planRead(g, 1, 7, [], new Map(), 5, 2 ** 40),
    [{ kind: 'zero', offset: 5, len: 2 ** 40 - 5 }],
    'no slices: one hole',
  );
});
