// The write-back cache's per-chunk buffer (data/chunk-buffer.ts) against a byte model: after
// any sequence of writes, flushes (extents taken out), truncates and failed-flush restores,
// the extents are exactly the maximal runs of dirty bytes, they read back the newest bytes,
// and the buffer holds a page for every page an extent touches and no other.
import fc from 'fast-check';
import t from 'tap';
import { ChunkBuffer, PAGE_BYTES } from '../../src/data/chunk-buffer.ts';

/** Small enough that random ranges collide, large enough for several pages. */
const SPAN = 4 * PAGE_BYTES;

type Op =
  | { op: 'write'; pos: number; len: number; fill: number }
  | { op: 'flush'; pick: number }
  | { op: 'truncate'; pos: number }
  | { op: 'restore'; pos: number; len: number; fill: number };

const range = fc
  .tuple(
    fc.integer({ min: 0, max: SPAN - 1 }),
    fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: SPAN })),
  )
  .map(([pos, len]) => ({ pos, len: Math.min(len, SPAN - pos) }));
const fill = fc.integer({ min: 1, max: 255 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(range, fill).map(([r, f]) => ({ op: 'write' as const, ...r, fill: f })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ op: 'flush' as const, pick })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: SPAN }).map((pos) => ({ op: 'truncate' as const, pos })) },
  { weight: 2, arbitrary: fc.tuple(range, fill).map(([r, f]) => ({ op: 'restore' as const, ...r, fill: f })) },
);

/** The model: each byte's value, and whether it is dirty. */
class Model {
  readonly bytes = new Uint8Array(SPAN);
  readonly dirty = new Uint8Array(SPAN);

  runs(): [number, number][] {
    const out: [number, number][] = [];
    for (let i = 0; i < SPAN; i++) {
      if (!this.dirty[i]) continue;
      const start = i;
      while (i < SPAN && this.dirty[i]) i++;
      out.push([start, i]);
    }
    return out;
  }

  pages(): number {
    const touched = new Set<number>();
    for (const [s, e] of this.runs()) for (let p = Math.floor(s / PAGE_BYTES); p * PAGE_BYTES < e; p++) touched.add(p);
    return touched.size;
  }
}

function check(buf: ChunkBuffer, model: Model): string | undefined {
  const extents = buf.extents.map((e) => [e.start, e.end]);
  if (JSON.stringify(extents) !== JSON.stringify(model.runs())) {
    return `extents ${JSON.stringify(extents)} are not the dirty runs ${JSON.stringify(model.runs())}`;
  }
  for (const [s, e] of model.runs()) {
    if (!buf.read(s, e).equals(Buffer.from(model.bytes.subarray(s, e)))) return `bytes of [${s}, ${e}) differ`;
  }
  if (buf.pageCount !== model.pages()) return `holds ${buf.pageCount} pages, extents touch ${model.pages()}`;
  return undefined;
}

t.test(
  'chunk buffer: extents are the dirty runs, read back the newest bytes, and hold exactly their pages',
  async (t) => {
    let ops = 0;
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (history) => {
        const buf = new ChunkBuffer();
        const model = new Model();
        let pages = 0; // as the write cache counts them, from the returned deltas
        for (const o of history) {
          ops++;
          if (o.op === 'write') {
            pages += buf.write(o.pos, Buffer.alloc(o.len, o.fill), 0);
            model.bytes.fill(o.fill, o.pos, o.pos + o.len);
            model.dirty.fill(1, o.pos, o.pos + o.len);
          } else if (o.op === 'flush') {
            if (buf.extents.length === 0) continue;
            const e = buf.extents[o.pick % buf.extents.length];
            pages -= buf.remove([e]);
            model.dirty.fill(0, e.start, e.end);
          } else if (o.op === 'truncate') {
            pages -= buf.truncate(o.pos);
            model.dirty.fill(0, o.pos);
          } else {
            // A failed flush puts its bytes back only where nothing newer was written since.
            pages += buf.restore(o.pos, Buffer.alloc(o.len, o.fill), 0);
            for (let i = o.pos; i < o.pos + o.len; i++) {
              if (!model.dirty[i]) model.bytes[i] = o.fill;
              model.dirty[i] = 1;
            }
          }
          const wrong = check(buf, model) ?? (pages === buf.pageCount ? undefined : `deltas sum to ${pages} pages`);
          if (wrong) throw new Error(`after ${JSON.stringify(o)}: ${wrong}`);
        }
      }),
      { numRuns: 400 },
    );
    t.pass(`${ops} operations over 400 histories matched the model`);
  },
);

t.test('chunk buffer: a write touching an extent merges with it, keeping the older birth time', async (t) => {
  const buf = new ChunkBuffer();
  buf.write(0, Buffer.alloc(10, 1), 5);
  buf.write(10, Buffer.alloc(10, 2), 9); // touches [0, 10)
  buf.write(30, Buffer.alloc(5, 3), 7); // apart
  t.same(
    buf.extents.map((e) => ({ ...e })),
    [
      { start: 0, end: 20, born: 5 },
      { start: 30, end: 35, born: 7 },
    ],
  );
  t.same(
    buf.overlay(15, 32).map((o) => ({ pos: o.pos, bytes: [...o.bytes] })),
    [
      { pos: 15, bytes: [2, 2, 2, 2, 2] },
      { pos: 30, bytes: [3, 3] },
    ],
    'overlay answers only the dirty parts of the range',
  );
});
