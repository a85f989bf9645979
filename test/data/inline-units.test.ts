// The byte arithmetic of inline contents (fs/inline.ts, data/planner.ts planInline), checked
// against a plain Buffer model, and the guard of a spill: a flush that moved a file's inline
// bytes to blocks commits only if they are still the bytes it moved (fs/slices.ts).
import fc from 'fast-check';
import t from 'tap';
import { planInline } from '../../src/data/planner.ts';
import { Catalogue } from '../../src/fs/catalogue.ts';
import { type Extent, paintExtents, spillExtents } from '../../src/fs/inline.ts';
import { chunkIndexOf, chunkStartOf } from '../../src/fs/layout.ts';
import { InlineChanged, Slices } from '../../src/fs/slices.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const G = { blockSize: 16, chunkSize: 64 };

/** Disjoint, non-touching extents within one chunk each, as the write cache hands them out. */
const extentsArb = fc
  .array(fc.record({ offset: fc.integer({ min: 0, max: 300 }), len: fc.integer({ min: 1, max: 40 }) }), {
    maxLength: 8,
  })
  .map((raw) => {
    const out: Extent[] = [];
    let fill = 1;
    for (const r of raw.sort((a, b) => a.offset - b.offset)) {
      const end = Math.min(r.offset + r.len, chunkStartOf(G, chunkIndexOf(G, r.offset) + 1));
      const prev = out.at(-1);
      if (prev && r.offset <= prev.offset + prev.bytes.length) continue; // would touch or overlap
      out.push({ offset: r.offset, bytes: Buffer.alloc(end - r.offset, fill++) });
    }
    return out;
  });

const baseArb = fc
  .integer({ min: 1, max: 200 })
  .map((n) => Buffer.from(Array.from({ length: n }, (_, i) => 100 + (i % 100))));

t.test('spilled extents hold the inline bytes under the flushed ones, byte for byte', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(baseArb, extentsArb, (base, extents) => {
        const want = paintExtents(base, extents);
        const spilled = spillExtents(G, base, extents);
        const got = Buffer.alloc(want.length);
        const written = Buffer.alloc(want.length);
        for (const e of spilled) {
          e.bytes.copy(got, e.offset);
          written.fill(1, e.offset, e.offset + e.bytes.length);
        }
        // Every inline and every flushed byte is carried; gaps the slices leave read as zeros.
        for (let i = 0; i < want.length; i++) if (!written[i] && want[i] !== 0) return false;
        return got.equals(want) && spilled.length <= extents.length + Math.ceil(base.length / G.chunkSize);
      }),
      { numRuns: 2000 },
    ),
  );
  const append = spillExtents(G, Buffer.from('hello'), [{ offset: 5, bytes: Buffer.from(' world') }]);
  t.same(append, [{ offset: 0, bytes: Buffer.from('hello world') }], 'an append past inline bytes is one slice');
});

t.test('planInline: the bytes, then zeros, for any range', async (t) => {
  t.doesNotThrow(() =>
    fc.assert(
      fc.property(baseArb, fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (bytes, a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a];
        const whole = Buffer.concat([bytes, Buffer.alloc(Math.max(0, end - bytes.length))]);
        const got = Buffer.concat(
          planInline(bytes, start, end).map((p) => (p.kind === 'bytes' ? p.data : Buffer.alloc(p.len))),
        );
        return got.equals(whole.subarray(start, end));
      }),
      { numRuns: 1000 },
    ),
  );
});

t.test('a spill commits only over the inline bytes it moved', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const kv = s.built.kv;
  await call(s.url, 'POST', '/v1/fs', { name: 'sp', blockSize: 65536, chunkSize: 65536 });
  const fs = await new Catalogue(kv).live('sp');
  const slices = new Slices(kv, new Catalogue(kv));
  const put = (path: string, body: string) => fetch(`${s.url}/v1/fs/sp/files/${path}`, { method: 'PUT', body });
  const ino = ((await (await put('f', 'small and inline')).json()) as { ino: number }).ino;
  const big = [{ offset: 16, bytes: Buffer.alloc(5000, 1) }];

  const spill = await slices.beginFlush(fs, ino, big, { token: undefined });
  t.equal(spill.kind, 'blocks', 'past inlineBytes: slices');
  t.ok(spill.kind === 'blocks' && spill.pending.spilled, 'carrying the inline bytes');
  // Another writer truncates the file meanwhile: the spilled bytes are stale.
  await call(s.url, 'PATCH', `/v1/fs/sp/inodes/${ino}`, { size: 5 });
  if (spill.kind === 'blocks') {
    const e = await slices.append(fs, ino, spill.pending, { token: undefined }).catch((e: unknown) => e);
    t.ok(e instanceof InlineChanged, 'refused: the inline contents changed');
    await slices.abandon(fs, spill.pending.intentId);
  }
  t.equal(await (await fetch(`${s.url}/v1/fs/sp/files/f`)).text(), 'small', 'the truncate stands');

  // A flush that found no inline bytes cannot land on a file that has some now.
  await put('g', '');
  const g = (await call(s.url, 'GET', '/v1/fs/sp/attrs/g')).json.ino;
  const plain = await slices.beginFlush(fs, g, big, { token: undefined });
  t.ok(plain.kind === 'blocks' && !plain.pending.spilled, 'an empty file: slices, nothing spilled');
  await put('g', 'replaced by a small upload');
  if (plain.kind === 'blocks') {
    const e = await slices.append(fs, g, plain.pending, { token: undefined }).catch((e: unknown) => e);
    t.ok(e instanceof InlineChanged, 'refused: the file has inline contents now');
    await slices.abandon(fs, plain.pending.intentId);
  }
  t.equal(await (await fetch(`${s.url}/v1/fs/sp/files/g`)).text(), 'replaced by a small upload');
});
