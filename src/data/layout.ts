// File → chunks → slices → block objects (DIGEST §3.1, §3.3; DESIGN §4).
//
// chunk index = floor(offset / chunkSize); block index is relative to the chunk. Object k of
// slice s holds the file bytes [max(s.offset, blockStart), min(s.offset + s.len, blockEnd)),
// so the first and last objects of a slice may be partial and need not start on a block
// boundary (DIGEST §3.3 "Object content").
import { invariant } from '../errno.ts';
import type { Slice } from '../fs/model.ts';

export interface Geometry {
  blockSize: number;
  chunkSize: number;
}

export const chunkIndexOf = (g: Geometry, offset: number) => Math.floor(offset / g.chunkSize);

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

/** One block object of a slice and the file bytes it holds. */
export interface SliceBlock {
  blockIndex: number;
  /** File offset of the object's first byte. */
  fileOffset: number;
  len: number;
}

export function sliceBlocks(g: Geometry, s: Slice): SliceBlock[] {
  if (s.zero || s.len === 0) return [];
  const chunk = chunkIndexOf(g, s.offset);
  const chunkStart = chunk * g.chunkSize;
  invariant(s.offset + s.len <= chunkStart + g.chunkSize, 'a slice never spans two chunks');
  const out: SliceBlock[] = [];
  for (let at = s.offset; at < s.offset + s.len; ) {
    const blockIndex = Math.floor((at - chunkStart) / g.blockSize);
    const blockEnd = chunkStart + (blockIndex + 1) * g.blockSize;
    const end = Math.min(blockEnd, s.offset + s.len);
    out.push({ blockIndex, fileOffset: at, len: end - at });
    at = end;
  }
  return out;
}

export function sliceObjectKeys(g: Geometry, fsId: number, ino: number, s: Slice): string[] {
  return sliceBlocks(g, s).map((b) => objectKey(fsId, ino, s.sliceId, b.blockIndex, s.compaction));
}
