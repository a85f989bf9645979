// rename(2) with RENAME_NOREPLACE and RENAME_EXCHANGE, in one transaction (DESIGN §1.1) —
// the "use the KV's own transaction" option of DIGEST §6.4 rather than Curve's tx v1/v2.
// Moving a directory under itself fails with EINVAL: the destination's ancestors are walked
// inside the transaction, so a concurrent rename of any of them conflicts (3FS does this).
import { fsErr, invariant } from '../errno.ts';
import { bumpDir, readDirTotals } from './dir-stats.ts';
import { readDirInode, readInode, writeInode } from './inodes.ts';
import { ROOT_INO, type Inode } from './model.ts';
import { checkName } from './names.ts';
import { deleteDentry, moveParent, putDentry, readDentry, type OpCtx } from './namespace.ts';
import { W_OK, checkAccess, checkCreate, checkDelete, checkSearch } from './permissions.ts';
import { dropName } from './remove.ts';

/**
 * Directory levels the ancestor walk of a cross-directory rename climbs at most: deeper than
 * this, a directory cannot be moved (the walk is one read per level, in one transaction).
 */
export const RENAME_MAX_DEPTH = 4096;

export interface RenameFlags {
  noReplace?: boolean;
  exchange?: boolean;
}

/** A directory may not move into its own subtree: is `dir` an ancestor of (or equal to) `target`? */
async function isAncestor(c: OpCtx, dir: number, target: number): Promise<boolean> {
  const seen = new Set<number>();
  for (let cur = target; ; ) {
    if (cur === dir) return true;
    if (cur === ROOT_INO) return false;
    invariant(!seen.has(cur), `directory parent chain of ${target} has no cycle`);
    if (seen.size >= RENAME_MAX_DEPTH) {
      throw fsErr('ELOOP', `a directory can only be moved within ${RENAME_MAX_DEPTH} levels of the root`);
    }
    seen.add(cur);
    const inode = await readDirInode(c.tx, c.fs.id, cur);
    invariant(inode.parents.length === 1, `directory ${cur} has exactly one parent`);
    cur = inode.parents[0];
  }
}

/**
 * A directory may not leave a tree removed with `recursive=true` (its purge is under way):
 * every ancestor of `dir` must be attached (readDirInode refuses a detached one).
 */
async function assertAttached(c: OpCtx, dir: number): Promise<void> {
  for (let cur = dir; cur !== ROOT_INO; ) cur = (await readDirInode(c.tx, c.fs.id, cur)).parents[0];
}

function touch(c: OpCtx, inode: Inode): void {
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
}

export async function rename(
  c: OpCtx,
  srcParent: number,
  srcName: string,
  dstParent: number,
  dstName: string,
  flags: RenameFlags,
): Promise<void> {
  checkName(srcName);
  checkName(dstName);
  if (flags.noReplace && flags.exchange) throw fsErr('EINVAL', 'noReplace and exchange exclude each other');
  const srcDir = await readDirInode(c.tx, c.fs.id, srcParent);
  const dstDir = dstParent !== srcParent ? await readDirInode(c.tx, c.fs.id, dstParent) : srcDir;
  checkSearch(c.caller, srcDir);
  checkSearch(c.caller, dstDir);
  const src = await readDentry(c, srcParent, srcName);
  if (!src) throw fsErr('ENOENT', `no entry ${JSON.stringify(srcName)} to rename`);
  const dst = await readDentry(c, dstParent, dstName);
  // rename(2)'s order (fs/namei.c): the flags' checks at lookup, then the ancestry traps, then
  // permissions and the types of source and target (may_delete), then an empty target.
  if (srcParent === dstParent && srcName === dstName) {
    if (flags.noReplace) throw fsErr('EEXIST', `${JSON.stringify(dstName)} exists`);
    return; // renaming onto itself changes nothing
  }
  if (flags.exchange && !dst) throw fsErr('ENOENT', `no entry ${JSON.stringify(dstName)} to exchange with`);
  if (flags.noReplace && dst) throw fsErr('EEXIST', `${JSON.stringify(dstName)} exists`);
  const moving = await readInode(c.tx, c.fs.id, src.ino);
  if (moving.type === 'dir' && dstParent !== srcParent) {
    if (await isAncestor(c, moving.ino, dstParent))
      throw fsErr('EINVAL', 'cannot move a directory into its own subtree');
    await assertAttached(c, srcParent);
  }
  // A target that is an ancestor of the source: ENOTEMPTY (it holds the source), or EINVAL for
  // an exchange, which would move it into its own subtree (do_renameat2's two traps).
  if (dst?.type === 'dir' && dstParent !== srcParent && (await isAncestor(c, dst.ino, srcParent))) {
    if (flags.exchange) throw fsErr('EINVAL', 'cannot move a directory into its own subtree');
    throw fsErr('ENOTEMPTY', `directory ${JSON.stringify(dstName)} is not empty: it holds the source`);
  }
  // Linux vfs_rename: the same file under both names changes nothing, and is not checked.
  if (dst?.ino === src.ino) return;
  const target = dst && (await readInode(c.tx, c.fs.id, dst.ino));
  // may_delete of the source, may_create or may_delete at the destination, and write on a
  // directory whose ".." changes.
  checkDelete(c.caller, srcDir, moving);
  if (target) checkDelete(c.caller, dstDir, target);
  else checkCreate(c.caller, dstDir);
  if (srcParent !== dstParent) {
    if (moving.type === 'dir') checkAccess(c.caller, moving, W_OK);
    if (flags.exchange && target?.type === 'dir') checkAccess(c.caller, target, W_OK);
  }

  if (flags.exchange) {
    if (!dst || !target) throw fsErr('ENOENT', `no entry ${JSON.stringify(dstName)} to exchange with`);
    const other = target;
    if (other.type === 'dir' && dstParent !== srcParent) await assertAttached(c, dstParent);
    putDentry(c, dstParent, dstName, src);
    putDentry(c, srcParent, srcName, dst);
    if (srcParent !== dstParent) {
      if (moving.ino === other.ino) return; // two names of one file: nothing moves
      moveParent(moving, srcParent, dstParent);
      moveParent(other, dstParent, srcParent);
      const subdirDelta = (moving.type === 'dir' ? 1 : 0) - (other.type === 'dir' ? 1 : 0);
      bumpDir(c, srcParent, { entries: 0, subdirs: -subdirDelta });
      bumpDir(c, dstParent, { entries: 0, subdirs: subdirDelta });
    } else {
      bumpDir(c, srcParent, { entries: 0, subdirs: 0 });
    }
    touch(c, moving);
    if (other.ino !== moving.ino) touch(c, other);
    return;
  }

  if (dst && target) {
    const replaced = target;
    if (moving.type === 'dir' && replaced.type !== 'dir')
      throw fsErr('ENOTDIR', `${JSON.stringify(dstName)} is not a directory`);
    if (moving.type !== 'dir' && replaced.type === 'dir')
      throw fsErr('EISDIR', `${JSON.stringify(dstName)} is a directory`);
    if (replaced.type === 'dir' && (await readDirTotals(c.tx, c.fs.id, replaced.ino)).entries !== 0) {
      throw fsErr('ENOTEMPTY', `directory ${JSON.stringify(dstName)} is not empty`);
    }
    await dropName(c, dstParent, dstName, replaced);
    // The destination keeps one entry; only the subdirectory count can change.
    bumpDir(c, dstParent, { entries: 0, subdirs: (moving.type === 'dir' ? 1 : 0) - (replaced.type === 'dir' ? 1 : 0) });
  } else {
    bumpDir(c, dstParent, { entries: 1, subdirs: moving.type === 'dir' ? 1 : 0 });
  }
  deleteDentry(c, srcParent, srcName);
  putDentry(c, dstParent, dstName, src);
  bumpDir(c, srcParent, { entries: -1, subdirs: moving.type === 'dir' ? -1 : 0 });
  moveParent(moving, srcParent, dstParent);
  touch(c, moving);
}
