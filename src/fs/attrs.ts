// setattr: chmod, chown, utimens, truncate, Content-Type — one transaction, honouring If-Match.
//
// Truncate follows DIGEST §3.7 with one change: a shrink records a *truncation mark*
// {after, length} on the inode instead of writing zero slices into every chunk past the new
// length. Slices committed before the mark hold no data at or past `length`, so growing the
// file again reads zeros there, and a truncate costs one write however large the file was.
import { fsErr } from '../errno.ts';
import { contentTypeToKeep } from './content-type.ts';
import { clearDirTimes } from './dir-stats.ts';
import { readInode, statInode, writeInode, type Stat } from './inodes.ts';
import type { Tx } from '../kv/types.ts';
import type { Inode, Timespec } from './model.ts';
import { checkId, checkMode, type OpCtx } from './namespace.ts';
import { noteCandidate } from './compaction-queue.ts';
import { truncateInline } from './contents-switch.ts';
import { genSliceExtents } from './slice-records.ts';
import { addTruncMark, pruneTruncMarks, TRUNC_MARKS_PRUNE_AT } from './trunc-marks.ts';
import { W_OK, checkAccess, checkChown, checkTimes, chmodBits, modeAfterChown, modeAfterWrite } from './permissions.ts';
import { checkIfMatch, type Precondition } from './preconditions.ts';
import { bumpUsage } from './usage.ts';

export const MAX_FILE_SIZE_BYTES = 2 ** 48; // 256 TiB
/**
 * A shrinking truncate prunes its marks against at most this many slices, read in its own
 * transaction: well within DynamoDB's 100 keys and etcd's 128 compares beside the few other keys
 * a setattr touches. A file with more keeps its marks (always safe) until compaction, which
 * prunes them too, has brought its slice count down.
 */
const SETATTR_PRUNE_SCAN_SLICES = 64;

export interface AttrChanges {
  mode?: number;
  uid?: number;
  gid?: number;
  /** "now" is the operation's time, and needs only write permission (utimensat's UTIME_NOW). */
  atime?: Timespec | 'now';
  mtime?: Timespec | 'now';
  size?: number;
  /** A regular file's media type ("application/octet-stream" resets it to the default). */
  contentType?: string;
}

export function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 0) throw fsErr('EINVAL', 'size must be a non-negative integer');
  if (size > MAX_FILE_SIZE_BYTES) throw fsErr('EFBIG', `files are at most ${MAX_FILE_SIZE_BYTES} bytes`);
  return size;
}

/**
 * A shrink to `size`: everything committed so far (seq ≤ inode.seq) holds nothing past it any
 * more. Sets the inode's marks (pruned when they pile up) and queues the file for compaction
 * (its bytes past the new end are dead weight, DIGEST §3.7, §4.1 3c); the caller sets the
 * length and the usage.
 */
export async function markShrink(tx: Tx, fsId: number, inode: Inode, size: number): Promise<void> {
  inode.truncMarks = addTruncMark(inode.truncMarks, { after: inode.seq, length: size });
  if (inode.truncMarks.length > TRUNC_MARKS_PRUNE_AT) {
    const slices = await genSliceExtents(tx, fsId, inode, SETATTR_PRUNE_SCAN_SLICES);
    if (slices) inode.truncMarks = pruneTruncMarks(inode.truncMarks, slices);
  }
  if (inode.seq > 0) noteCandidate(tx, fsId, inode.ino, inode.seq);
}

export async function setAttrs(
  c: OpCtx,
  ino: number,
  ch: AttrChanges,
  opts: { precondition?: Precondition },
): Promise<Stat> {
  const inode = await readInode(c.tx, c.fs.id, ino);
  // The If-Match is judged on the inode as it was read, after every other check below.
  const before = { ...inode };
  let changed = false;
  if (ch.mode !== undefined) {
    if (inode.type === 'symlink') throw fsErr('EPERM', 'the mode of a symlink cannot be changed');
    inode.mode = chmodBits(c.caller, inode, checkMode(ch.mode));
    changed = true;
  }
  if (ch.uid !== undefined || ch.gid !== undefined) {
    const to = {
      uid: ch.uid === undefined ? undefined : checkId(ch.uid, 'uid'),
      gid: ch.gid === undefined ? undefined : checkId(ch.gid, 'gid'),
    };
    checkChown(c.caller, inode, to);
    if (ch.mode === undefined) inode.mode = modeAfterChown(c.caller, inode);
    inode.uid = to.uid ?? inode.uid;
    inode.gid = to.gid ?? inode.gid;
    changed = true;
  }
  if (ch.size !== undefined) {
    if (inode.type === 'dir') throw fsErr('EISDIR', 'a directory has no size to set');
    if (inode.type !== 'file') throw fsErr('EINVAL', 'only regular files can be truncated');
    const size = checkSize(ch.size);
    checkAccess(c.caller, inode, W_OK);
    if (ch.mode === undefined) inode.mode = modeAfterWrite(c.caller, inode);
    if (size !== inode.length) {
      if (size < inode.length && inode.inline) await truncateInline(c, inode, size);
      else if (size < inode.length) await markShrink(c.tx, c.fs.id, inode, size);
      bumpUsage(c, { inodes: 0, bytes: size - inode.length });
      inode.length = size;
      inode.mtime = c.now;
    }
    changed = true;
  }
  if (ch.atime !== undefined || ch.mtime !== undefined) {
    const explicit = [ch.atime, ch.mtime].some((t) => t !== undefined && t !== 'now');
    checkTimes(c.caller, inode, { onlyNow: !explicit });
  }
  if (ch.contentType !== undefined) {
    if (inode.type !== 'file') throw fsErr('EINVAL', 'only regular files have a Content-Type');
    const contentType = contentTypeToKeep(ch.contentType);
    checkAccess(c.caller, inode, W_OK); // as writing the file's user.* attributes
    if (contentType === undefined) delete inode.contentType;
    else inode.contentType = contentType;
    changed = true;
  }
  if (ch.atime !== undefined) {
    inode.atime = ch.atime === 'now' ? c.now : ch.atime;
    changed = true;
  }
  await checkIfMatch(c, before, opts.precondition);
  if (ch.mtime !== undefined) {
    inode.mtime = ch.mtime === 'now' ? c.now : ch.mtime;
    if (inode.type === 'dir') await clearDirTimes(c.tx, c.fs.id, ino);
    changed = true;
  }
  if (changed) {
    inode.ctime = c.now;
    writeInode(c.tx, c.fs.id, inode);
  }
  return statInode(c.tx, c.fs.id, inode);
}
