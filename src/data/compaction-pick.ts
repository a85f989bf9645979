// Which chunks to compact (DIGEST §4.1 step 3), and the view a compaction rebuilds (step 4),
// as pure functions of a chunk's slices, the file's length and its truncation marks.
//
// A chunk is worth compacting when
//   (a) it lies wholly past the end of the file (its slices are only dead weight),
//   (b) it has more than FRAGMENT_THRESHOLD slices (reads pay a GET per piece), or
//   (c) its slices hold at least HIDDEN_SHARE_TO_COMPACT of their bytes hidden — by newer
//       slices, by truncation marks or past the end of the file (Curve compacts on any byte
//       past the end; here the share bounds the rewrite: see the constant).
// On request (compactFile with `all`), any chunk with more than one slice or a hidden byte is.
import { chunkStartOf, type Geometry } from '../fs/layout.ts';
import type { Slice, TruncMark } from '../fs/model.ts';
import { planRead, type Piece } from './planner.ts';

/** DIGEST §4.1 step 3(b): metaserver.conf `s3compactwq.fragment_threshold=20` ("more than 20"). */
export const FRAGMENT_THRESHOLD = 20;
/**
 * A compaction rewrites a chunk's visible bytes to free its hidden ones: from half hidden on,
 * every byte rewritten frees at least one stored byte, so repeated overwrites never cost more
 * than twice the bytes they store (the 50 % point of log-structured cleaners).
 */
export const HIDDEN_SHARE_TO_COMPACT = 0.5;

export type CompactReason = 'past-eof' | 'fragments' | 'hidden' | 'requested';

/** The file as a compaction sees it (one transaction's snapshot). */
export interface FileShape {
  fsId: number;
  ino: number;
  length: number;
  truncMarks: readonly TruncMark[];
}

/** One chunk: what its slices store, what of it is visible, and whether to compact it. */
export interface ChunkVerdict {
  chunk: number;
  slices: number;
  /** Bytes the chunk's data slices hold in objects. */
  storedBytes: number;
  /** Of those, the bytes a read of the file can see. */
  visibleBytes: number;
  reason?: CompactReason;
}

/** The file range a chunk's view covers: the chunk, cut at the end of the file (DIGEST §4.1 step 4). */
export function viewRange(g: Geometry, file: FileShape, chunk: number): { start: number; end: number } {
  const start = chunkStartOf(g, chunk);
  return { start, end: Math.max(start, Math.min(chunkStartOf(g, chunk + 1), file.length)) };
}

/** The visible view of `slices` over [start, end) (DIGEST §4.1 step 4 BuildValidList, as read planning resolves it). */
export function viewOf(
  g: Geometry,
  file: FileShape,
  chunk: number,
  slices: readonly Slice[],
  range: { start: number; end: number },
): Piece[] {
  if (range.end <= range.start) return [];
  return planRead(g, file.fsId, file.ino, file.truncMarks, new Map([[chunk, slices]]), range.start, range.end);
}

export function judgeChunk(
  g: Geometry,
  file: FileShape,
  chunk: number,
  slices: readonly Slice[],
  opts: { all: boolean },
): ChunkVerdict {
  const storedBytes = slices.reduce((n, s) => n + (s.zero ? 0 : s.len), 0);
  const range = viewRange(g, file, chunk);
  const visibleBytes = viewOf(g, file, chunk, slices, range).reduce((n, p) => n + (p.kind === 'object' ? p.len : 0), 0);
  const hidden = storedBytes - visibleBytes;
  const verdict: ChunkVerdict = { chunk, slices: slices.length, storedBytes, visibleBytes };
  if (slices.length === 0) return verdict;
  if (range.end <= range.start) verdict.reason = 'past-eof';
  else if (slices.length > FRAGMENT_THRESHOLD) verdict.reason = 'fragments';
  else if (hidden > 0 && hidden >= HIDDEN_SHARE_TO_COMPACT * storedBytes) verdict.reason = 'hidden';
  else if (opts.all && (slices.length > 1 || hidden > 0)) verdict.reason = 'requested';
  return verdict;
}

/**
 * Where the rebuilt slice goes: from the first to the last byte some object supplies (zeros at
 * either end are left as holes, which read as zeros; zeros between are written). Undefined
 * when the view holds no object bytes (the slices are removed and nothing replaces them).
 */
export function rebuiltExtent(view: readonly Piece[]): { offset: number; len: number } | undefined {
  const data = view.filter((p) => p.kind === 'object');
  if (data.length === 0) return undefined;
  const first = data[0];
  const last = data[data.length - 1];
  return { offset: first.offset, len: last.offset + last.len - first.offset };
}
