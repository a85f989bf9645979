// Read planning (DIGEST §3.6): for each chunk, walk its slices from newest to oldest; each one
// claims whatever part of the still-unresolved range it covers. Zero slices claim zeros;
// truncation marks (fs/attrs.ts) act as zero slices from their length to the end of the file,
// newer than every slice committed before them; whatever no slice claims is a hole and reads
// as zeros. Newer = larger commit sequence (model.ts Slice.seq).
import type { Slice, TruncMark } from '../fs/model.ts';
import { chunkIndexOf, objectKey, type Geometry } from './layout.ts';

export type Piece =
  | { kind: 'zero'; offset: number; len: number }
  | { kind: 'object'; offset: number; len: number; key: string; objectOffset: number }
  | { kind: 'bytes'; offset: number; len: number; data: Buffer };

interface Claimant {
  /** Commit order; a mark sits just after the last slice it covers. */
  order: number;
  start: number;
  end: number;
  slice?: Slice; // absent for zeros
}

type Interval = [number, number];

function subtract(intervals: Interval[], start: number, end: number): { left: Interval[]; taken: Interval[] } {
  const left: Interval[] = [];
  const taken: Interval[] = [];
  for (const [a, b] of intervals) {
    const s = Math.max(a, start);
    const e = Math.min(b, end);
    if (s >= e) {
      left.push([a, b]);
      continue;
    }
    taken.push([s, e]);
    if (a < s) left.push([a, s]);
    if (e < b) left.push([e, b]);
  }
  return { left, taken };
}

/** Split a claimed range of a data slice into per-object pieces. */
function objectPieces(g: Geometry, fsId: number, ino: number, s: Slice, start: number, end: number): Piece[] {
  const chunkStart = chunkIndexOf(g, s.offset) * g.chunkSize;
  const out: Piece[] = [];
  for (let at = start; at < end; ) {
    const blockIndex = Math.floor((at - chunkStart) / g.blockSize);
    const blockStart = chunkStart + blockIndex * g.blockSize;
    const stop = Math.min(end, blockStart + g.blockSize);
    const objectStart = Math.max(s.offset, blockStart); // first file byte held by this object
    out.push({
      kind: 'object',
      offset: at,
      len: stop - at,
      key: objectKey(fsId, ino, s.sliceId, blockIndex, s.compaction),
      objectOffset: at - objectStart,
    });
    at = stop;
  }
  return out;
}

/**
 * Pieces covering [start, end) in order, from the slices of the chunks it touches (each
 * chunk's slices in any order; chunks without slices may be absent).
 */
export function planRead(
  g: Geometry,
  fsId: number,
  ino: number,
  marks: readonly TruncMark[],
  slicesByChunk: ReadonlyMap<number, readonly Slice[]>,
  start: number,
  end: number,
): Piece[] {
  const pieces: Piece[] = [];
  // Only chunks with slices need resolving; the gaps between them are holes (marks only
  // ever add zeros), one zero piece each however many chunks they span (sparse files).
  const chunks = [...slicesByChunk.keys()].filter((c) => slicesByChunk.get(c)!.length > 0).sort((a, b) => a - b);
  let at = start;
  for (const chunk of chunks) {
    const cStart = Math.max(start, chunk * g.chunkSize);
    const cEnd = Math.min(end, (chunk + 1) * g.chunkSize);
    if (cStart >= cEnd) continue;
    if (cStart > at) pieces.push({ kind: 'zero', offset: at, len: cStart - at });
    at = cEnd;
    const claimants: Claimant[] = slicesByChunk.get(chunk)!.map((s) => ({
      order: s.seq,
      start: s.offset,
      end: s.offset + s.len,
      slice: s.zero ? undefined : s,
    }));
    for (const m of marks) claimants.push({ order: m.after + 0.5, start: m.length, end: Number.MAX_SAFE_INTEGER });
    claimants.sort((a, b) => b.order - a.order); // newest first
    let unresolved: Interval[] = [[cStart, cEnd]];
    for (const c of claimants) {
      if (unresolved.length === 0) break;
      const { left, taken } = subtract(unresolved, c.start, c.end);
      unresolved = left;
      for (const [s, e] of taken) {
        if (c.slice) pieces.push(...objectPieces(g, fsId, ino, c.slice, s, e));
        else pieces.push({ kind: 'zero', offset: s, len: e - s });
      }
    }
    for (const [s, e] of unresolved) pieces.push({ kind: 'zero', offset: s, len: e - s });
  }
  if (at < end) pieces.push({ kind: 'zero', offset: at, len: end - at });
  return pieces.sort((a, b) => a.offset - b.offset);
}

/** The part [s, e) of a piece (s, e inside it). */
function cut(p: Piece, s: number, e: number): Piece {
  const d = s - p.offset;
  if (p.kind === 'zero') return { kind: 'zero', offset: s, len: e - s };
  if (p.kind === 'bytes') return { kind: 'bytes', offset: s, len: e - s, data: p.data.subarray(d, d + e - s) };
  return { ...p, offset: s, len: e - s, objectOffset: p.objectOffset + d };
}

/**
 * Paint cached bytes over planned pieces (DIGEST §3.6 step 2: the write cache holds the
 * newest data). `overlays` are applied in order, later ones winning.
 */
export function overlayPieces(pieces: Piece[], overlays: readonly { offset: number; bytes: Buffer }[]): Piece[] {
  let out = pieces;
  for (const o of overlays) {
    const s = o.offset;
    const e = o.offset + o.bytes.length;
    const next: Piece[] = [];
    for (const p of out) {
      const pe = p.offset + p.len;
      if (pe <= s || p.offset >= e) {
        next.push(p);
        continue;
      }
      if (p.offset < s) next.push(cut(p, p.offset, s));
      const cs = Math.max(s, p.offset);
      const ce = Math.min(e, pe);
      next.push({ kind: 'bytes', offset: cs, len: ce - cs, data: o.bytes.subarray(cs - s, ce - s) });
      if (pe > e) next.push(cut(p, e, pe));
    }
    out = next;
  }
  return out;
}
