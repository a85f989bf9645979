// File → chunks → slices → block objects (DIGEST §3.1, §3.3; DESIGN §4), and the one owner of
// the arithmetic from a file offset to its chunk, block and object offset.
//
// chunk index = floor(offset / chunkSize); block index is relative to the chunk (chunkSize is
// a multiple of blockSize, so block boundaries are the same counted from the file's start).
// Object k of slice s holds the file bytes [max(s.offset, blockStart), min(s.offset + s.len,
// blockEnd)), so the first and last objects of a slice may be partial and need not start on a
// block boundary (DIGEST §3.3 "Object content").
import { invariant } from '../errno.ts';
import type { Slice } from './model.ts';

export interface Geometry {
  blockSize: number;
  chunkSize: number;
}

export const chunkIndexOf = (g: Geometry, offset: number) => Math.floor(offset / g.chunkSize);

/** The file offset where chunk `chunk` starts. */
export const chunkStartOf = (g: Geometry, chunk: number) => chunk * g.chunkSize;

/** The block holding file offset `offset`: its chunk, its index in the chunk, and its file range. */
export interface Block {
  chunk: number;
  index: number;
  start: number;
  end: number;
}

export function blockAt(g: Geometry, offset: number): Block {
  const chunk = chunkIndexOf(g, offset);
  const index = Math.floor((offset - chunkStartOf(g, chunk)) / g.blockSize);
  const start = chunkStartOf(g, chunk) + index * g.blockSize;
  return { chunk, index, start, end: start + g.blockSize };
}

/** The part of a byte range that falls in one chunk. */
export interface ChunkSpan {
  chunk: number;
  /** Offset of the span's first byte within its chunk. */
  pos: number;
  /** Offset of the span's first byte within the range. */
  at: number;
  len: number;
}

/** [offset, offset + len) cut at chunk boundaries, in order. */
export function chunkSpans(g: Geometry, offset: number, len: number): ChunkSpan[] {
  const spans: ChunkSpan[] = [];
  for (let at = 0; at < len; ) {
    const chunk = chunkIndexOf(g, offset + at);
    const pos = offset + at - chunkStartOf(g, chunk);
    const n = Math.min(g.chunkSize - pos, len - at);
    spans.push({ chunk, pos, at, len: n });
    at += n;
  }
  return spans;
}

/**
 * Object key: `{fsId}/{ino % 256}/{ino}/{sliceId}_{blockIndex}_{compaction}`. The fs and inode
 * come first so an inode's objects share a prefix (Curve moved them to the front for the same
 * reason, and spread them with `ino % 256` in its objectPrefix 2 layout). Immutable: a slice id
 * is never reused, compaction writes new names with compaction + 1.
 */
export function objectKey(fsId: number, ino: number, sliceId: number, blockIndex: number, compaction: number): string {
  return `${fsId}/${ino % 256}/${ino}/${sliceId}_${blockIndex}_${compaction}`;
}

export function inodeObjectPrefix(fsId: number, ino: number): string {
  return `${fsId}/${ino % 256}/${ino}/`;
}

export function fsObjectPrefix(fsId: number): string {
  return `${fsId}/`;
}

/** Where a slice's bytes are in the file. */
export type SliceExtent = Pick<Slice, 'offset' | 'len' | 'zero'>;

/** The part of one block object of a slice that holds some file bytes. */
export interface ObjectPart {
  blockIndex: number;
  /** File offset of the part's first byte. */
  fileOffset: number;
  len: number;
  /** Offset of the part's first byte within its object. */
  objectOffset: number;
}

/**
 * The object parts holding the file bytes [start, end) of slice `s` (its whole extent by
 * default), in order: one part per block object touched.
 */
export function sliceParts<S extends SliceExtent>(
  g: Geometry,
  s: S,
  range = { start: s.offset, end: s.offset + s.len },
): ObjectPart[] {
  if (s.zero || s.len === 0) return [];
  invariant(chunkIndexOf(g, s.offset) === chunkIndexOf(g, s.offset + s.len - 1), 'a slice never spans two chunks');
  invariant(s.offset <= range.start && range.end <= s.offset + s.len, 'the range lies within the slice');
  const parts: ObjectPart[] = [];
  for (let at = range.start; at < range.end; ) {
    const block = blockAt(g, at);
    const end = Math.min(block.end, range.end);
    const objectStart = Math.max(s.offset, block.start); // the object's first byte
    parts.push({ blockIndex: block.index, fileOffset: at, len: end - at, objectOffset: at - objectStart });
    at = end;
  }
  return parts;
}

/** One block object of a slice and the file bytes it holds (all of them: the slice's whole extent). */
export type SliceBlock = Omit<ObjectPart, 'objectOffset'>;

/** The block objects a slice is written as, in order. */
export function sliceBlocks<S extends SliceExtent>(g: Geometry, s: S): SliceBlock[] {
  return sliceParts(g, s).map(({ blockIndex, fileOffset, len }) => ({ blockIndex, fileOffset, len }));
}

export function sliceObjectKeys(g: Geometry, fsId: number, ino: number, s: Omit<Slice, 'seq'>): string[] {
  return sliceBlocks(g, s).map((b) => objectKey(fsId, ino, s.sliceId, b.blockIndex, s.compaction));
}
