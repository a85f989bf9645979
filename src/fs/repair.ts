// The changes fsck --repair makes (jobs/fsck/), each one transaction that first checks that
// what fsck saw still holds, so a repair made while the filesystem is in use never undoes a
// change made since: an inode is repaired only while its version (bumped by every write of its
// record, fs/inodes.ts writeInode) is the one fsck saw; counters are corrected by the error
// fsck measured, as a commit-time merge, so changes made since are kept (a create moves the
// counter and the names together, never the difference between them).
import { fsErr, invariant } from '../errno.ts';
import type { KvStore } from '../kv/types.ts';
import { nowTimespec } from './clock.ts';
import { decodeDentry, decodeInode } from './codec.ts';
import { bumpDir } from './dir-stats.ts';
import type { IdAllocator } from './ids.ts';
import { writeInode } from './inodes.ts';
import { dentryGroup, dentryKey, inodeKey } from './keys.ts';
import { type FsInfo, ROOT_INO } from './model.ts';
import { createEntry, putDentry, type OpCtx } from './namespace.ts';
import { ROOT_CALLER } from './service.ts';
import type { CounterShards } from './shards.ts';
import { bumpUsage, type Usage } from './usage.ts';

/** Where orphans go, as e2fsck puts them, at the root: named `#ino`. */
export const LOST_FOUND = 'lost+found';
const LOST_FOUND_MODE = 0o700;
const SCAN_PAGE = 1000;

export type RepairOutcome = 'repaired' | 'changed';

export interface RepairCtx {
  kv: KvStore;
  fs: FsInfo;
  /** The repairing process's turns over the sharded counters. */
  shards: CounterShards;
}

function opCtx(c: RepairCtx, tx: OpCtx['tx']): OpCtx {
  return { tx, fs: c.fs, now: nowTimespec(), caller: ROOT_CALLER, shards: c.shards };
}

/** The root's lost+found directory, created (mode 0700, an inode from `inos`) if missing. */
export async function ensureLostFound(c: RepairCtx, inos: IdAllocator): Promise<number> {
  const found = await c.kv.get(dentryKey(c.fs.id, ROOT_INO, LOST_FOUND));
  if (found) {
    const d = decodeDentry(found);
    if (d.type !== 'dir') throw fsErr('EEXIST', `/${LOST_FOUND} exists and is not a directory`);
    return d.ino;
  }
  const ino = await inos.allocate();
  return c.kv.transact(async (tx) => {
    const raced = await tx.get(dentryKey(c.fs.id, ROOT_INO, LOST_FOUND));
    if (raced) return decodeDentry(raced).ino;
    await createEntry(opCtx(c, tx), ROOT_INO, LOST_FOUND, { type: 'dir', mode: LOST_FOUND_MODE, uid: 0, gid: 0 }, ino);
    return ino;
  });
}

/** Does any of `parents` hold a name for `ino`? (Read outside a transaction: fsck's check of a finding.) */
async function namedIn(c: RepairCtx, ino: number, parents: readonly number[]): Promise<boolean> {
  for (const parent of new Set(parents)) {
    let after: string | undefined;
    for (;;) {
      const page = await c.kv.transact((tx) => tx.scan(dentryGroup(c.fs.id, parent), { after, limit: SCAN_PAGE }));
      if (page.entries.some((e) => decodeDentry(e.value).ino === ino)) return true;
      if (!page.more) break;
      after = page.last;
    }
  }
  return false;
}

/**
 * Give an inode no name reaches (and not in the trash) the name `#ino` in lost+found. Checked
 * first: the inode is still at the version fsck saw, and none of the directories it lists as
 * parents names it (a view without snapshots may have missed a name).
 */
export async function adoptOrphan(
  c: RepairCtx,
  lostFound: number,
  ino: number,
  seenVersion: number,
): Promise<RepairOutcome> {
  invariant(ino !== ROOT_INO && ino !== lostFound, 'the root and lost+found are never orphans');
  const raw = await c.kv.get(inodeKey(c.fs.id, ino));
  if (!raw || decodeInode(ino, raw).version >>> 0 !== seenVersion) return 'changed';
  if (await namedIn(c, ino, decodeInode(ino, raw).parents)) return 'changed';
  return c.kv.transact(async (tx) => {
    const now = await tx.get(inodeKey(c.fs.id, ino));
    if (!now) return 'changed';
    const inode = decodeInode(ino, now);
    if (inode.version >>> 0 !== seenVersion || inode.dtime) return 'changed';
    const name = `#${ino}`;
    if (await tx.get(dentryKey(c.fs.id, lostFound, name))) return 'changed';
    const ctx = opCtx(c, tx);
    const isDir = inode.type === 'dir';
    inode.parents = [lostFound];
    inode.nlink = isDir ? 2 : 1;
    inode.ctime = ctx.now;
    writeInode(tx, c.fs.id, inode);
    putDentry(ctx, lostFound, name, { ino, type: inode.type });
    bumpDir(ctx, lostFound, { entries: 1, subdirs: isDir ? 1 : 0 });
    return 'repaired';
  });
}

/** Set a file's link count and parents to what its names say, if it is still at the version fsck saw. */
export async function fixLinks(
  c: RepairCtx,
  ino: number,
  seenVersion: number,
  links: { nlink: number; parents: number[] },
): Promise<RepairOutcome> {
  invariant(links.nlink === links.parents.length && links.nlink > 0, 'a named file has a parent per name');
  return c.kv.transact(async (tx) => {
    const raw = await tx.get(inodeKey(c.fs.id, ino));
    if (!raw) return 'changed';
    const inode = decodeInode(ino, raw);
    if (inode.version >>> 0 !== seenVersion || inode.type === 'dir') return 'changed';
    inode.nlink = links.nlink;
    inode.parents = [...links.parents].sort((a, b) => a - b);
    writeInode(tx, c.fs.id, inode);
    return 'repaired';
  });
}

/** Correct a directory's counters by the error fsck measured (names minus counted). */
export async function shiftDirCounts(
  c: RepairCtx,
  dir: number,
  error: { entries: number; subdirs: number },
): Promise<RepairOutcome> {
  return c.kv.transact(async (tx) => {
    const raw = await tx.get(inodeKey(c.fs.id, dir));
    if (!raw || decodeInode(dir, raw).type !== 'dir') return 'changed';
    bumpDir(opCtx(c, tx), dir, error);
    return 'repaired';
  });
}

/** Correct the filesystem's usage counters by the error fsck measured. */
export async function shiftUsage(c: RepairCtx, error: Usage): Promise<RepairOutcome> {
  await c.kv.transact(async (tx) => bumpUsage(opCtx(c, tx), error));
  return 'repaired';
}
