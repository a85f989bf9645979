// Namespace operations, each written against one transaction (DESIGN §1 guarantee 1): the
// caller (fs/service.ts) runs it inside kv.transact, so it commits whole or not at all.
import { fsErr } from '../errno.ts';
import type { ReadHint, Tx } from '../kv/types.ts';
import { decodeDentry, decodeInode, encodeDentry } from './codec.ts';
import { bumpDir } from './dir-stats.ts';
import { checkLiveDir, readDirInode, readInode, statInode, statMany, statOf, writeInode, type Stat } from './inodes.ts';
import { dentryGroup, dentryKey, inodeKey, itemName } from './keys.ts';
import {
  PERMISSION_BITS,
  SYMLINK_MAX_BYTES,
  type Dentry,
  type FileType,
  type FsInfo,
  type Inode,
  type Timespec,
} from './model.ts';
import { checkName } from './names.ts';
import { R_OK, X_OK, checkAccess, checkCreate, checkSearch, newOwnership, type Caller } from './permissions.ts';
import type { CounterShards } from './shards.ts';
import { bumpUsage } from './usage.ts';

export type { Caller } from './permissions.ts';

/** Everything an operation needs besides its arguments. */
export interface OpCtx {
  tx: Tx;
  fs: FsInfo;
  now: Timespec;
  caller: Caller;
  /** This instance's turns over the sharded counters (fs/shards.ts). */
  shards: CounterShards;
}

export interface NewEntry {
  type: FileType;
  mode?: number;
  uid?: number;
  gid?: number;
  target?: string;
}

export const DEFAULT_FILE_MODE = 0o644;
export const DEFAULT_DIR_MODE = 0o755;
export const SYMLINK_MODE = 0o777;
export const READDIR_DEFAULT_LIMIT = 1000;
export const READDIR_MAX_LIMIT = 1000;

export const MAX_ID = 2 ** 32 - 1;
/**
 * Names one file may have (Linux ext4's EXT4_LINK_MAX): every name is an entry of the inode's
 * parent list, rewritten with the inode record, so the record stays well under a value's limit.
 */
export const LINK_MAX = 65_000;

/** A uid or gid: 32 bits, as POSIX. */
export function checkId(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 0 || n > MAX_ID)
    throw fsErr('EINVAL', `${what} must be an integer from 0 to ${MAX_ID}`);
  return n;
}

export function checkMode(mode: number): number {
  if (!Number.isInteger(mode) || mode < 0 || mode > PERMISSION_BITS) {
    throw fsErr('EINVAL', `mode must be an integer of permission bits from 0 to ${PERMISSION_BITS} (0o7777)`);
  }
  return mode;
}

export async function readDentry(c: OpCtx, parent: number, name: string): Promise<Dentry | undefined> {
  const raw = await c.tx.get(dentryKey(c.fs.id, parent, name));
  return raw ? decodeDentry(raw) : undefined;
}

/** A directory and one of its entries (absent if there is none). */
export interface EntryIn {
  dir: Inode;
  entry?: Dentry;
}

/**
 * The entry `name` of directory `parent`, read together with the directory itself (one round
 * trip on networked engines): ENOTDIR / ENOENT when `parent` is not a live directory. `hint`
 * is about the entry (e.g. likely absent, for a name being created).
 */
export async function readEntry(c: OpCtx, parent: number, name: string, hint?: ReadHint): Promise<EntryIn> {
  const [dir, entry] = await c.tx.getMany(
    [inodeKey(c.fs.id, parent), dentryKey(c.fs.id, parent, name)],
    [undefined, hint],
  );
  if (!dir) throw fsErr('ENOENT', `no inode ${parent}`);
  return { dir: checkLiveDir(decodeInode(parent, dir)), entry: entry ? decodeDentry(entry) : undefined };
}

/** lookup: the entry `name` of `parent`, which the caller must be able to search. */
export async function lookupEntry(c: OpCtx, parent: number, name: string, hint?: ReadHint): Promise<EntryIn> {
  const found = await readEntry(c, parent, name, hint);
  checkSearch(c.caller, found.dir);
  return found;
}

export function newInode(c: OpCtx, ino: number, parent: number, spec: NewEntry): Inode {
  const isDir = spec.type === 'dir';
  const mode =
    spec.type === 'symlink' ? SYMLINK_MODE : checkMode(spec.mode ?? (isDir ? DEFAULT_DIR_MODE : DEFAULT_FILE_MODE));
  const inode: Inode = {
    ino,
    type: spec.type,
    mode,
    uid: checkId(spec.uid ?? c.caller.uid, 'uid'),
    gid: checkId(spec.gid ?? c.caller.gid, 'gid'),
    nlink: isDir ? 2 : 1,
    length: 0,
    atime: c.now,
    mtime: c.now,
    ctime: c.now,
    rdev: 0,
    version: 0,
    parents: [parent],
    gen: 0,
    seq: 0,
    truncMarks: [],
  };
  if (spec.type === 'symlink') {
    const target = spec.target ?? '';
    const bytes = Buffer.byteLength(target, 'utf8');
    if (bytes === 0 || target.includes('\0')) throw fsErr('EINVAL', 'a symlink target is a non-empty path without NUL');
    if (bytes > SYMLINK_MAX_BYTES)
      throw fsErr('ENAMETOOLONG', `a symlink target is at most ${SYMLINK_MAX_BYTES} bytes`);
    inode.target = target;
    inode.length = bytes;
  } else if (spec.target !== undefined) {
    throw fsErr('EINVAL', 'only symlinks have a target');
  }
  return inode;
}

/**
 * Create `name` in directory `parent` as a new inode `ino` (allocated by the caller), owned
 * by the caller (or the directory's group when it is setgid).
 */
export async function createEntry(c: OpCtx, parent: number, name: string, spec: NewEntry, ino: number): Promise<Stat> {
  checkName(name);
  const inode = newInode(c, ino, parent, spec);
  const { dir, entry } = await lookupEntry(c, parent, name, { likelyAbsent: true });
  if (entry) throw fsErr('EEXIST', `${JSON.stringify(name)} exists`);
  checkCreate(c.caller, dir);
  Object.assign(
    inode,
    newOwnership(c.caller, dir, { type: inode.type, mode: inode.mode, uid: spec.uid, gid: spec.gid }),
  );
  writeInode(c.tx, c.fs.id, inode);
  c.tx.put(dentryKey(c.fs.id, parent, name), encodeDentry({ ino, type: inode.type }));
  bumpDir(c, parent, { entries: 1, subdirs: inode.type === 'dir' ? 1 : 0 });
  bumpUsage(c, { inodes: 1, bytes: 0 });
  return statOf(inode);
}

export async function lookup(c: OpCtx, parent: number, name: string): Promise<Stat> {
  checkName(name);
  const d = (await lookupEntry(c, parent, name)).entry;
  if (!d) throw fsErr('ENOENT', `no entry ${JSON.stringify(name)} in directory ${parent}`);
  return statInode(c.tx, c.fs.id, await readInode(c.tx, c.fs.id, d.ino));
}

export interface DirEntry {
  name: string;
  ino: number;
  type: FileType;
  attrs?: Stat;
}

export interface ReadDirPage {
  entries: DirEntry[];
  /** Opaque; absent on the last page. */
  nextCursor?: string;
}

export function encodeCursor(lastItem: string): string {
  return Buffer.from(lastItem, 'latin1').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw fsErr('EINVAL', 'not a listing cursor');
  return Buffer.from(cursor, 'base64url').toString('latin1');
}

/** readdir(plus) in name (byte) order, paged by an opaque cursor. */
export async function readDir(
  c: OpCtx,
  dir: number,
  opts: { limit?: number; cursor?: string; attrs?: boolean },
): Promise<ReadDirPage> {
  const limit = opts.limit ?? READDIR_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > READDIR_MAX_LIMIT) {
    throw fsErr('EINVAL', `limit must be from 1 to ${READDIR_MAX_LIMIT}`);
  }
  // readdir needs read; readdirplus also looks the entries up, which needs search.
  checkAccess(c.caller, await readDirInode(c.tx, c.fs.id, dir), opts.attrs ? R_OK | X_OK : R_OK);
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor);
  const page = await c.tx.scan(dentryGroup(c.fs.id, dir), { after, limit });
  const entries: DirEntry[] = page.entries.map((e) => {
    const d = decodeDentry(e.value);
    return { name: itemName(e.item), ino: d.ino, type: d.type };
  });
  if (opts.attrs && entries.length > 0) {
    const stats = await statMany(
      c.tx,
      c.fs.id,
      entries.map((e) => e.ino),
    );
    entries.forEach((e, i) => {
      if (stats[i]) e.attrs = stats[i];
    });
  }
  return { entries, nextCursor: page.more && page.last !== undefined ? encodeCursor(page.last) : undefined };
}

/**
 * Hard link: a new name for an existing non-directory inode, checked in Linux's order (the new
 * name's lookup and EEXIST, write on its directory, then EPERM on directories and EMLINK).
 */
export async function link(c: OpCtx, ino: number, parent: number, name: string): Promise<Stat> {
  checkName(name);
  const inode = await readInode(c.tx, c.fs.id, ino);
  const { dir, entry } = await lookupEntry(c, parent, name, { likelyAbsent: true });
  if (entry) throw fsErr('EEXIST', `${JSON.stringify(name)} exists`);
  checkCreate(c.caller, dir);
  if (inode.type === 'dir') throw fsErr('EPERM', 'directories cannot be hard-linked');
  if (inode.nlink === 0) throw fsErr('ENOENT', `inode ${ino} has been removed`);
  if (inode.nlink >= LINK_MAX) throw fsErr('EMLINK', `a file has at most ${LINK_MAX} names`);
  inode.nlink++;
  inode.parents.push(parent);
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
  c.tx.put(dentryKey(c.fs.id, parent, name), encodeDentry({ ino, type: inode.type }));
  bumpDir(c, parent, { entries: 1, subdirs: 0 });
  return statOf(inode);
}

/** Put a name → inode entry (used by rename); the caller keeps counters right. */
export function putDentry(c: OpCtx, parent: number, name: string, d: Dentry): void {
  c.tx.put(dentryKey(c.fs.id, parent, name), encodeDentry(d));
}

export function deleteDentry(c: OpCtx, parent: number, name: string): void {
  c.tx.delete(dentryKey(c.fs.id, parent, name));
}

/** Replace one occurrence of `from` in an inode's parent list with `to`. */
export function moveParent(inode: Inode, from: number, to: number): void {
  const at = inode.parents.indexOf(from);
  if (at >= 0) inode.parents[at] = to;
  else inode.parents.push(to);
}
