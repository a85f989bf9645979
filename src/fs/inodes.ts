// Reading and writing inode records inside a transaction, and what stat reports for them.
import { fsErr } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { maxTime } from './clock.ts';
import { decodeInode, encodeInode } from './codec.ts';
import { allShardKeys, sumShards, type DirTotals } from './dir-stats.ts';
import { inodeKey } from './keys.ts';
import { DIR_SIZE_BYTES, type Inode } from './model.ts';

/** What getattr answers: the inode's attributes with a directory's counters folded in. */
export interface Stat
  extends Pick<
    Inode,
    | 'ino'
    | 'type'
    | 'mode'
    | 'uid'
    | 'gid'
    | 'nlink'
    | 'length'
    | 'atime'
    | 'mtime'
    | 'ctime'
    | 'rdev'
    | 'target'
    | 'contentType'
  > {
  /** Directories: number of entries. */
  entries?: number;
  /** Opaque version for ETag / If-Match. */
  etag: string;
}

export async function readInode(tx: Tx, fsId: number, ino: number): Promise<Inode> {
  const raw = await tx.get(inodeKey(fsId, ino));
  if (!raw) throw fsErr('ENOENT', `no inode ${ino}`);
  return decodeInode(ino, raw);
}

export async function readDirInode(tx: Tx, fsId: number, ino: number): Promise<Inode> {
  return checkLiveDir(await readInode(tx, fsId, ino));
}

/** The inode of a regular file: EISDIR for a directory, EINVAL for anything else. */
export function regularFile(inode: Inode, what: string): Inode {
  if (inode.type === 'dir') throw fsErr('EISDIR', `${what} is a directory`);
  if (inode.type !== 'file') throw fsErr('EINVAL', `${what} is not a regular file`);
  return inode;
}

/** A directory that is not detached (being purged after a recursive delete). */
export function checkLiveDir(inode: Inode): Inode {
  if (inode.type !== 'dir') throw fsErr('ENOTDIR', `inode ${inode.ino} is not a directory`);
  if (inode.dtime) throw fsErr('ENOENT', `directory ${inode.ino} has been removed`);
  return inode;
}

/** Store a changed inode; every write bumps its version (the ETag). */
export function writeInode(tx: Tx, fsId: number, inode: Inode): void {
  inode.version++;
  tx.put(inodeKey(fsId, inode.ino), encodeInode(inode));
}

/**
 * The ETag names the inode, its contents generation and the version of its record (and, for a
 * directory, of its counters): another file at the same path, or other contents, never match.
 */
export function etagOf(inode: Inode, totals?: DirTotals): string {
  const base = `${inode.ino}.${inode.gen}.${inode.version}`;
  return totals ? `${base}.${totals.ops}` : base;
}

export function statOf(inode: Inode, totals?: DirTotals): Stat {
  const stat: Stat = {
    ino: inode.ino,
    type: inode.type,
    mode: inode.mode,
    uid: inode.uid,
    gid: inode.gid,
    nlink: inode.nlink,
    length: inode.length,
    atime: inode.atime,
    mtime: inode.mtime,
    ctime: inode.ctime,
    rdev: inode.rdev,
    etag: etagOf(inode, totals),
  };
  if (inode.target !== undefined) stat.target = inode.target;
  if (inode.contentType !== undefined) stat.contentType = inode.contentType;
  if (inode.type === 'dir') {
    const t = totals ?? { entries: 0, subdirs: 0, ops: 0 };
    stat.nlink = 2 + t.subdirs; // DIGEST §2.2: directories start at 2 and gain 1 per subdirectory
    stat.entries = t.entries;
    stat.length = DIR_SIZE_BYTES;
    if (t.changed) {
      stat.mtime = maxTime(inode.mtime, t.changed);
      stat.ctime = maxTime(inode.ctime, t.changed);
    }
  }
  return stat;
}

/** stat of one inode, reading a directory's counters. */
export async function statInode(tx: Tx, fsId: number, inode: Inode): Promise<Stat> {
  if (inode.type !== 'dir') return statOf(inode);
  return statOf(inode, sumShards(await tx.getMany(allShardKeys(fsId, inode.ino))));
}

/** stat of many inodes with one batched read of the records and of directories' counters. */
export async function statMany(tx: Tx, fsId: number, inos: readonly number[]): Promise<(Stat | undefined)[]> {
  const raws = await tx.getMany(inos.map((ino) => inodeKey(fsId, ino)));
  const inodes = raws.map((raw, i) => (raw ? decodeInode(inos[i], raw) : undefined));
  const dirs = inodes.filter((n): n is Inode => n?.type === 'dir');
  const shardValues = dirs.length ? await tx.getMany(dirs.flatMap((d) => allShardKeys(fsId, d.ino))) : [];
  const totals = new Map<number, DirTotals>();
  dirs.forEach((d, i) => {
    const per = shardValues.length / dirs.length;
    totals.set(d.ino, sumShards(shardValues.slice(i * per, (i + 1) * per)));
  });
  return inodes.map((n) => (n ? statOf(n, totals.get(n.ino)) : undefined));
}
