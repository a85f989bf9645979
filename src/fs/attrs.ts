// setattr: chmod, chown, utimens, truncate — one transaction, honouring If-Match.
//
// Truncate follows DIGEST §3.7 with one change: a shrink records a *truncation mark*
// {after, length} on the inode instead of writing zero slices into every chunk past the new
// length. Slices committed before the mark hold no data at or past `length`, so growing the
// file again reads zeros there, and a truncate costs one write however large the file was.
import { fsErr } from '../errno.ts';
import { clearDirTimes, readDirTotals } from './dir-stats.ts';
import { etagOf, readInode, statInode, writeInode, type Stat } from './inodes.ts';
import type { Tx } from '../kv/types.ts';
import type { Inode, Timespec, TruncMark } from './model.ts';
import { checkId, checkMode, type OpCtx } from './namespace.ts';
import { W_OK, checkAccess, checkChown, checkTimes, chmodBits, modeAfterChown, modeAfterWrite } from './permissions.ts';
import { decodeSlice } from './codec.ts';
import { inodeGroup, slicePrefix } from './keys.ts';
import { bumpUsage } from './usage.ts';

export const MAX_FILE_SIZE_BYTES = 2 ** 48; // 256 TiB

export interface AttrChanges {
  mode?: number;
  uid?: number;
  gid?: number;
  /** "now" is the operation's time, and needs only write permission (utimensat's UTIME_NOW). */
  atime?: Timespec | 'now';
  mtime?: Timespec | 'now';
  size?: number;
}

export function checkSize(size: number): number {
  if (!Number.isInteger(size) || size < 0) throw fsErr('EINVAL', 'size must be a non-negative integer');
  if (size > MAX_FILE_SIZE_BYTES) throw fsErr('EFBIG', `files are at most ${MAX_FILE_SIZE_BYTES} bytes`);
  return size;
}

/** Marks are pruned against the file's slices once there are more than this many. */
export const TRUNC_MARKS_PRUNE_AT = 16;
const MARK_PRUNE_SCAN_LIMIT = 1000;

/** Add a mark for a shrink to `length`; older marks at or past it are implied by the new one. */
export function addTruncMark(marks: TruncMark[], mark: TruncMark): TruncMark[] {
  return [...marks.filter((m) => m.length < mark.length), mark];
}

/**
 * Keep only marks that still void something: marks are ordered by `after` with growing
 * lengths, so mark k governs the slices committed in (after[k-1], after[k]]; with no slice in
 * that band it changes nothing. So a file never has more marks than slices.
 */
export function pruneTruncMarks(marks: TruncMark[], sliceSeqs: readonly number[]): TruncMark[] {
  const sorted = [...marks].sort((a, b) => a.after - b.after);
  return sorted.filter((m, k) => {
    const low = k === 0 ? 0 : sorted[k - 1].after;
    return sliceSeqs.some((s) => s > low && s <= m.after);
  });
}

/**
 * A shrink to `size`: everything committed so far (seq ≤ inode.seq) holds nothing past it any
 * more. Sets the inode's marks only; the caller sets the length and the usage.
 */
export async function markShrink(tx: Tx, fsId: number, inode: Inode, size: number): Promise<void> {
  inode.truncMarks = addTruncMark(inode.truncMarks, { after: inode.seq, length: size });
  if (inode.truncMarks.length > TRUNC_MARKS_PRUNE_AT) {
    const slices = await tx.scan(inodeGroup(fsId, inode.ino), {
      prefix: slicePrefix(inode.gen),
      limit: MARK_PRUNE_SCAN_LIMIT,
    });
    inode.truncMarks = pruneTruncMarks(
      inode.truncMarks,
      slices.entries.map((e) => decodeSlice(e.value).seq),
    );
  }
}

export async function setAttrs(
  c: OpCtx,
  ino: number,
  ch: AttrChanges,
  opts: { ifMatch?: readonly string[] },
): Promise<Stat> {
  const inode = await readInode(c.tx, c.fs.id, ino);
  if (opts.ifMatch !== undefined) {
    const totals = inode.type === 'dir' ? await readDirTotals(c.tx, c.fs.id, ino) : undefined;
    const current = etagOf(inode, totals);
    if (!opts.ifMatch.includes(current)) {
      throw fsErr(
        'EPRECONDITION',
        `If-Match ${opts.ifMatch.join(', ') || '(weak tags only)'} does not name the current version ${current}`,
        { etag: current },
      );
    }
  }
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
      if (size < inode.length) await markShrink(c.tx, c.fs.id, inode, size);
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
  if (ch.atime !== undefined) {
    inode.atime = ch.atime === 'now' ? c.now : ch.atime;
    changed = true;
  }
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
