// Inline contents (DESIGN §3.3): a file of at most its filesystem's `inlineBytes` keeps its
// bytes in one record beside its inode (fs/keys.ts "b"), written in the transaction that
// creates or replaces it, so a small file costs no object, no intent and no slice.
//
// The record holds the file's first bytes; from its end up to the inode's length the file
// reads as zeros (a truncate that extends a small file writes nothing). An inode whose contents
// are inline has `inline` set, no slices in its generation (seq 0) and no truncation marks.
// When a flush would grow it past `inlineBytes`, its bytes *spill*: they go into the flush's
// slices as their oldest layer (spillExtents), and the commit drops the record.
//
// This file holds the record's access and the pure byte arithmetic; the changes themselves
// (commit, spill, truncate, replace) are made by Slices (fs/slices.ts), the one owner of contents.
import { fsErr, invariant } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { decodeInline, encodeInline } from './codec.ts';
import { inlineKey } from './keys.ts';
import { chunkIndexOf, chunkSpans, type Geometry } from './layout.ts';
import type { Inode } from './model.ts';

/** Bytes a flush or an upload writes at a file offset. */
export interface Extent {
  offset: number;
  bytes: Buffer;
}

const NO_BYTES = Buffer.alloc(0);

/** The inline bytes of `inode` (empty when its contents are not inline), read in `tx`. */
export async function readInline(tx: Tx, fsId: number, inode: Inode): Promise<Buffer> {
  if (!inode.inline) return NO_BYTES;
  const raw = await tx.get(inlineKey(fsId, inode.ino));
  invariant(raw !== undefined, `inode ${inode.ino} marked inline has its inline record`);
  return decodeInline(raw);
}

/**
 * Store `bytes` as the inode's contents, or drop the record when there are none; sets the
 * inode's `inline` flag to match (the caller writes the inode in the same transaction).
 */
export function storeInline(tx: Tx, fsId: number, inode: Inode, bytes: Uint8Array): void {
  invariant(bytes.length <= inode.length, 'inline bytes lie within the file');
  if (bytes.length === 0) {
    dropInline(tx, fsId, inode);
    return;
  }
  invariant(inode.seq === 0 && inode.truncMarks.length === 0, 'inline contents have no slices and no marks');
  tx.put(inlineKey(fsId, inode.ino), encodeInline(bytes));
  inode.inline = true;
}

/** Delete the inode's inline record (if its contents are inline) and clear the flag. */
export function dropInline(tx: Tx, fsId: number, inode: Inode): void {
  if (inode.inline) tx.delete(inlineKey(fsId, inode.ino));
  delete inode.inline;
}

/**
 * Whether ranges written over an inline file replace every byte it can hold (its first
 * `length` bytes), so that its record may simply go: a direct upload's objects are written by
 * the client, so nothing on the server can carry the inline bytes into them (no spill).
 */
export function coversInline(inode: Inode, ranges: readonly { offset: number; len: number }[]): boolean {
  let covered = 0;
  for (const r of [...ranges].sort((a, b) => a.offset - b.offset)) {
    if (r.offset > covered) break;
    covered = Math.max(covered, r.offset + r.len);
  }
  return covered >= inode.length;
}

/** The EINVAL answer to a direct upload that would leave part of an inline file's bytes behind. */
export function inlineNotCovered(inode: Inode) {
  return fsErr(
    'EINVAL',
    `inode ${inode.ino} is a small file kept inline (${inode.length} bytes): a direct upload into it must cover its bytes from offset 0; write at other offsets through writeData`,
  );
}

/** The furthest end of some extents (0 for none). */
export function extentsEnd(extents: readonly Extent[]): number {
  let end = 0;
  for (const e of extents) end = Math.max(end, e.offset + e.bytes.length);
  return end;
}

/** `base` with the extents written over it, in order (gaps between read as zeros): a new buffer. */
export function paintExtents(base: Uint8Array, extents: readonly Extent[]): Buffer {
  const out = Buffer.alloc(Math.max(base.length, extentsEnd(extents)));
  out.set(base, 0);
  for (const e of extents) out.set(e.bytes, e.offset);
  return out;
}

/**
 * A flush's extents with the inline bytes `base` (file offset 0) beneath them, as the extents
 * to write as slices: base bytes in a chunk are merged into the extents that overlap or touch
 * them there (one slice instead of two for the common append), and stand alone otherwise.
 * `extents` are disjoint and each within one chunk, as the write cache hands them out; so are
 * the results, which carry every base byte no extent overwrites.
 */
export function spillExtents(g: Geometry, base: Buffer, extents: readonly Extent[]): Extent[] {
  const out = extents.map((e) => ({ ...e }));
  for (const span of chunkSpans(g, 0, base.length)) {
    let start = span.at;
    let end = span.at + span.len;
    const touching = out.filter(
      (e) => chunkIndexOf(g, e.offset) === span.chunk && e.offset <= end && e.offset + e.bytes.length >= start,
    );
    for (const e of touching) {
      start = Math.min(start, e.offset);
      end = Math.max(end, e.offset + e.bytes.length);
    }
    const merged = Buffer.alloc(end - start);
    base.copy(merged, span.at - start, span.at, span.at + span.len);
    for (const e of touching) e.bytes.copy(merged, e.offset - start);
    for (const e of touching) out.splice(out.indexOf(e), 1);
    out.push({ offset: start, bytes: merged });
  }
  out.sort((a, b) => a.offset - b.offset);
  assertSpilled(g, base.length, out);
  return out;
}

/** Spilled extents are non-empty, disjoint, each within one chunk, and cover [0, baseLength). */
function assertSpilled(g: Geometry, baseLength: number, extents: readonly Extent[]): void {
  let covered = 0;
  let prevEnd = 0;
  for (const e of extents) {
    const end = e.offset + e.bytes.length;
    invariant(e.bytes.length > 0 && e.offset >= prevEnd, 'spilled extents are non-empty and disjoint');
    invariant(chunkIndexOf(g, e.offset) === chunkIndexOf(g, end - 1), 'a spilled extent lies in one chunk');
    if (e.offset <= covered) covered = Math.max(covered, end);
    prevEnd = end;
  }
  invariant(covered >= baseLength, 'spilled extents carry every inline byte');
}
