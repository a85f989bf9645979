// Read planning (DIGEST §3.6): for each chunk, walk its slices from newest to oldest; each one
// claims whatever part of the still-unresolved range it covers. Zero slices claim zeros;
// truncation marks (fs/attrs.ts) act as zero slices from their length to the end of the file,
// newer than every slice committed before them; whatever no slice claims is a hole and reads
// as zeros. Newer = larger commit sequence (model.ts Slice.seq).
import { invariant } from '../errno.ts';
import type { ObjectChecksums, Slice, TruncMark } from '../fs/model.ts';
import { blockAt, chunkStartOf, objectKey, sliceParts, type Geometry } from '../fs/layout.ts';

export type Piece =
  | { kind: 'zero'; offset: number; len: number }
  | { kind: 'object'; offset: number; len: number; key: string; objectOffset: number; checksums?: ObjectChecksums }
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
  const firstBlock = blockAt(g, s.offset).index; // the slice's objects are its blocks from this one on
  return sliceParts(g, s, { start, end }).map((p) => ({
    kind: 'object',
    offset: p.fileOffset,
    len: p.len,
    key: objectKey(fsId, ino, s.sliceId, p.blockIndex, s.compaction),
    objectOffset: p.objectOffset,
    ...(s.checksums && {
      checksums: { pageBytes: s.checksums.pageBytes, pages: s.checksums.objects[p.blockIndex - firstBlock] },
    }),
  }));
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
    const cStart = Math.max(start, chunkStartOf(g, chunk));
    const cEnd = Math.min(end, chunkStartOf(g, chunk + 1));
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
  pieces.sort((a, b) => a.offset - b.offset);
  assertCovers(pieces, start, end);
  return pieces;
}

/**
 * Pieces covering [start, end) of a file whose contents are inline (fs/inline.ts): its bytes,
 * then zeros up to the end of the range.
 */
export function planInline(bytes: Buffer, start: number, end: number): Piece[] {
  const pieces: Piece[] = [];
  const split = Math.min(Math.max(start, bytes.length), end);
  if (split > start)
    pieces.push({ kind: 'bytes', offset: start, len: split - start, data: bytes.subarray(start, split) });
  if (end > split) pieces.push({ kind: 'zero', offset: split, len: end - split });
  assertCovers(pieces, start, end);
  return pieces;
}

/** The pieces tile [start, end): in order, each non-empty, no gap, no overlap. */
function assertCovers(pieces: readonly Piece[], start: number, end: number): void {
  let at = start;
  for (const p of pieces) {
    invariant(p.offset === at && p.len > 0, `planned pieces tile the range (at ${at}, a piece at ${p.offset})`);
    at += p.len;
  }
  invariant(at === Math.max(start, end), `planned pieces reach the end of the range (${at} of ${end})`);
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
