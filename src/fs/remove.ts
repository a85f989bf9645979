// unlink, rmdir, and detaching a whole tree for background removal.
//
// A file's last name going away does not delete it: it is stamped with a dtime and recorded
// in the trash (DIGEST §2.9), and the purge job deletes it and its objects after the
// filesystem's retention. Empty directories and their counters are deleted at once.
import { fsErr } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { encodeJson } from './codec.ts';
import { bumpDir, deleteDirShards, readDirTotals } from './dir-stats.ts';
import { readInode, writeInode } from './inodes.ts';
import { XATTR_PREFIX, inodeKey, trashKey } from './keys.ts';
import { deleteLeaseRecords } from './leases.ts';
import type { Inode } from './model.ts';
import { checkName } from './names.ts';
import { deleteDentry, lookupEntry, type OpCtx } from './namespace.ts';
import { checkDelete, isRoot } from './permissions.ts';
import { checkTreeRemovable } from './tree-permissions.ts';
import { bumpUsage } from './usage.ts';
import { XATTR_MAX_COUNT } from './xattrs.ts';

/** What a trash record says, enough to restore or purge it. */
export interface TrashRecord {
  ino: number;
  /** Where the last name was. */
  parent: number;
  name: string;
  /** A detached directory tree (recursive delete) rather than a single inode. */
  tree?: boolean;
}

export type RemoveKind = 'any' | 'dir' | 'nondir';

/** Delete every key of an inode's group except slices (xattrs, counters, the record). */
export async function deleteInodeRecords(tx: Tx, fsId: number, inode: Inode): Promise<void> {
  const xattrs = await tx.scan(inodeKey(fsId, inode.ino).group, { prefix: XATTR_PREFIX, limit: XATTR_MAX_COUNT + 1 });
  for (const e of xattrs.entries) tx.delete({ group: inodeKey(fsId, inode.ino).group, item: e.item });
  if (inode.type === 'dir') await deleteDirShards(tx, fsId, inode.ino);
  deleteLeaseRecords(tx, fsId, inode.ino);
  tx.delete(inodeKey(fsId, inode.ino));
}

function putTrash(c: OpCtx, inode: Inode, record: TrashRecord): void {
  inode.dtime = c.now;
  c.tx.put(trashKey(c.fs.id, c.now.sec, inode.ino), encodeJson(record));
}

/**
 * Drop the name `name` of `inode` in `parent` (the dentry itself is handled by the caller):
 * a directory must be empty and is deleted; a file or symlink loses one link.
 */
export async function dropName(c: OpCtx, parent: number, name: string, inode: Inode): Promise<void> {
  if (inode.type === 'dir') {
    const totals = await readDirTotals(c.tx, c.fs.id, inode.ino);
    if (totals.entries !== 0) throw fsErr('ENOTEMPTY', `directory ${JSON.stringify(name)} is not empty`);
    await deleteInodeRecords(c.tx, c.fs.id, inode);
    bumpUsage(c, { inodes: -1, bytes: 0 });
    return;
  }
  inode.nlink--;
  const at = inode.parents.indexOf(parent);
  if (at >= 0) inode.parents.splice(at, 1);
  inode.ctime = c.now;
  if (inode.nlink <= 0) {
    inode.nlink = 0;
    putTrash(c, inode, { ino: inode.ino, parent, name });
  }
  writeInode(c.tx, c.fs.id, inode);
}

/** unlink / rmdir of `name` in `parent`. */
export async function removeEntry(c: OpCtx, parent: number, name: string, kind: RemoveKind): Promise<void> {
  checkName(name);
  const { dir, entry: d } = await lookupEntry(c, parent, name);
  if (!d) throw fsErr('ENOENT', `no entry ${JSON.stringify(name)} in directory ${parent}`);
  const inode = await readInode(c.tx, c.fs.id, d.ino);
  checkDelete(c.caller, dir, inode);
  if (kind === 'dir' && inode.type !== 'dir') throw fsErr('ENOTDIR', `${JSON.stringify(name)} is not a directory`);
  if (kind === 'nondir' && inode.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(name)} is a directory`);
  deleteDentry(c, parent, name);
  await dropName(c, parent, name, inode);
  bumpDir(c, parent, { entries: -1, subdirs: inode.type === 'dir' ? -1 : 0 });
}

/**
 * Recursive delete: detach the directory `name` from `parent` in one transaction, so the
 * whole tree disappears atomically; the purge job removes its contents in the background.
 * A caller other than root may only remove what `rm -r` could: the tree is checked first.
 */
export async function detachTree(c: OpCtx, parent: number, name: string): Promise<void> {
  checkName(name);
  const { dir, entry: d } = await lookupEntry(c, parent, name);
  if (!d) throw fsErr('ENOENT', `no entry ${JSON.stringify(name)} in directory ${parent}`);
  const inode = await readInode(c.tx, c.fs.id, d.ino);
  if (inode.type !== 'dir') return removeEntry(c, parent, name, 'any');
  const totals = await readDirTotals(c.tx, c.fs.id, inode.ino);
  if (totals.entries === 0) return removeEntry(c, parent, name, 'dir');
  checkDelete(c.caller, dir, inode);
  if (!isRoot(c.caller)) await checkTreeRemovable(c, inode);
  deleteDentry(c, parent, name);
  inode.parents = [];
  inode.ctime = c.now;
  putTrash(c, inode, { ino: inode.ino, parent, name, tree: true });
  writeInode(c.tx, c.fs.id, inode);
  bumpDir(c, parent, { entries: -1, subdirs: -1 });
}
