// The trash you can use (DIGEST §2.9; JuiceFS `.trash` and `juicefs restore`): list what the
// filesystem's removals left there, restore an entry to where it was (or elsewhere), and ask
// for an entry to be purged before its retention runs out. The purge itself is leader work
// (jobs/sweeper.ts); it first *claims* a record here, in one transaction that also takes the
// file from writers (fs/leases.ts holdForPurge), so a restore never races a half-done purge.
//
// A record's key is (removal second, ino) (fs/keys.ts), the second being the inode's dtime, so
// an entry is found from its inode number alone. An early purge moves the record to second 0,
// the front of the queue (the removal time stays in the record).
import { fsErr } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { decodeDentry, decodeInode, decodeJson, encodeJson } from './codec.ts';
import { bumpDir, readDirTotals } from './dir-stats.ts';
import { readInode, statInode, writeInode, type Stat } from './inodes.ts';
import { dentryGroup, inodeKey, itemName, readOrdUint, trashGroup, trashKey } from './keys.ts';
import { holdForPurge, liveLease } from './leases.ts';
import { type FileType, type Inode, ROOT_INO } from './model.ts';
import { checkName } from './names.ts';
import {
  createEntry,
  decodeCursor,
  deleteDentry,
  encodeCursor,
  lookupEntry,
  putDentry,
  type OpCtx,
} from './namespace.ts';
import { checkCreate, checkDelete, checkOwner, isOwnerOrRoot } from './permissions.ts';
import { PATH_MAX_BYTES, resolvePath, splitPath } from './paths.ts';
import { dropName, type TrashRecord } from './remove.ts';

export const TRASH_LIST_DEFAULT_LIMIT = 100;
export const TRASH_LIST_MAX_LIMIT = 1000;
const DAY_MS = 86_400_000;
/** Entries read per page while looking for a directory's name in its parent (paths of inode-level removals). */
const NAME_SCAN_PAGE = 1000;
/** A directory's name is looked for among at most this many entries of its parent; past it the path is not shown. */
export const PATH_NAME_SEARCH_LIMIT = 10_000;
/** A path has at most this many levels ("a/" per level within PATH_MAX_BYTES). */
const MAX_PATH_DEPTH = PATH_MAX_BYTES / 2;

/** What the listing says of one entry. */
export interface TrashEntry {
  ino: number;
  type: FileType;
  /** The directory it was removed from, and its name there. */
  parent: number;
  name: string;
  /** Where it was: the path the removal named, or derived while its directory still exists. */
  path?: string;
  /** A directory removed with its contents (recursive delete). */
  tree: boolean;
  /** Files and symlinks: their length. */
  size?: number;
  /** Directories: the entries directly in them. */
  entries?: number;
  removedAt: string;
  /** When the purge may take it: the removal plus the filesystem's retention (or now, if asked early). */
  expiresAt: string;
  /** waiting: within its retention; due: past it, for the next purge pass; purging: the purge began. */
  state: 'waiting' | 'due' | 'purging';
  /** A writer holds the file's lease until then: the purge waits for it. */
  leasedUntil?: string;
}

export interface TrashPage {
  entries: TrashEntry[];
  nextCursor?: string;
}

export function decodeTrash(raw: Uint8Array): TrashRecord {
  return decodeJson<TrashRecord>(raw);
}

/** A trash record found from its inode, with its key. */
interface Found {
  key: { group: string; item: string };
  record: TrashRecord;
  early: boolean;
}

async function findRecord(c: OpCtx, inode: Inode): Promise<Found | undefined> {
  if (!inode.dtime) return undefined;
  const keys = [trashKey(c.fs.id, inode.dtime.sec, inode.ino), trashKey(c.fs.id, 0, inode.ino)];
  const [onTime, early] = await c.tx.getMany(keys);
  if (onTime) return { key: keys[0], record: decodeTrash(onTime), early: false };
  if (early) return { key: keys[1], record: decodeTrash(early), early: true };
  return undefined;
}

/**
 * The trash entry of `ino`, which only its owner (or root) may see, restore or purge: the
 * entry is no longer under any directory whose permissions could say otherwise (as a
 * desktop trash is per user).
 */
async function inTrash(c: OpCtx, ino: number): Promise<{ inode: Inode; found: Found }> {
  const raw = await c.tx.get(inodeKey(c.fs.id, ino));
  const inode = raw && decodeInode(ino, raw);
  const found = inode && (await findRecord(c, inode));
  if (!inode || !found) throw fsErr('ENOENT', `inode ${ino} is not in the trash`);
  checkOwner(c.caller, inode, 'see, restore or purge its trash entry');
  return { inode, found };
}

/** The name of directory `child` in `parent`, looked for among PATH_NAME_SEARCH_LIMIT entries. */
async function nameIn(tx: Tx, fsId: number, parent: number, child: number): Promise<string | undefined> {
  let after: string | undefined;
  for (let seen = 0; seen < PATH_NAME_SEARCH_LIMIT; ) {
    const page = await tx.scan(dentryGroup(fsId, parent), { after, limit: NAME_SCAN_PAGE });
    for (const e of page.entries) if (decodeDentry(e.value).ino === child) return itemName(e.item);
    if (!page.more) return undefined;
    seen += page.entries.length;
    after = page.last;
  }
  return undefined;
}

/**
 * The path of directory `dir` if it is attached to the tree (walking up its parents, each
 * name found in the parent's entries), else undefined. `known` caches answers per listing.
 */
async function dirPath(c: OpCtx, dir: number, known: Map<number, string | undefined>): Promise<string | undefined> {
  if (known.has(dir)) return known.get(dir);
  const names: string[] = [];
  let path: string | undefined = '';
  for (let cur = dir, depth = 0; cur !== ROOT_INO; depth++) {
    const raw = depth < MAX_PATH_DEPTH ? await c.tx.get(inodeKey(c.fs.id, cur)) : undefined;
    const inode = raw && decodeInode(cur, raw);
    const name = inode && inode.type === 'dir' && !inode.dtime && (await nameIn(c.tx, c.fs.id, inode.parents[0], cur));
    if (!inode || !name) {
      path = undefined;
      break;
    }
    names.unshift(name);
    cur = inode.parents[0];
  }
  if (path !== undefined) path = names.map((n) => `/${n}`).join('');
  known.set(dir, path);
  return path;
}

/** A directory a restore can go into: it exists and every ancestor is attached (not a removed tree). */
async function isAttachedDir(c: OpCtx, dir: number): Promise<boolean> {
  for (let cur = dir, depth = 0; depth < MAX_PATH_DEPTH; depth++) {
    const raw = await c.tx.get(inodeKey(c.fs.id, cur));
    const inode = raw && decodeInode(cur, raw);
    if (inode?.type !== 'dir' || inode.dtime) return false;
    if (cur === ROOT_INO) return true;
    cur = inode.parents[0];
  }
  return false;
}

/** One page of a filesystem's trash, oldest removal first (entries asked to be purged early come first). */
export async function listTrash(
  c: OpCtx,
  opts: { limit?: number; cursor?: string },
  nowMs: number,
): Promise<TrashPage> {
  const limit = opts.limit ?? TRASH_LIST_DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > TRASH_LIST_MAX_LIMIT) {
    throw fsErr('EINVAL', `limit must be from 1 to ${TRASH_LIST_MAX_LIMIT}`);
  }
  const after = opts.cursor === undefined ? undefined : decodeCursor(opts.cursor);
  const page = await c.tx.scan(trashGroup(c.fs.id), { after, limit });
  const records = page.entries.map((e) => ({ sec: readOrdUint(e.item)[0], record: decodeTrash(e.value) }));
  const raws = await c.tx.getMany(records.map((r) => inodeKey(c.fs.id, r.record.ino)));
  const paths = new Map<number, string | undefined>();
  const entries: TrashEntry[] = [];
  for (const [i, { sec, record }] of records.entries()) {
    const raw = raws[i];
    if (!raw) continue; // purged; the record goes with the purge pass that did it
    const inode = decodeInode(record.ino, raw);
    if (!isOwnerOrRoot(c.caller, inode)) continue; // a caller sees the entries it owns (inTrash)
    entries.push(await describe(c, { sec, record, inode }, nowMs, paths));
  }
  return { entries, nextCursor: page.more && page.last !== undefined ? encodeCursor(page.last) : undefined };
}

/** One entry of the trash, by inode number (ENOENT if it is not there). */
export async function trashEntry(c: OpCtx, ino: number, nowMs: number): Promise<TrashEntry> {
  const { inode, found } = await inTrash(c, ino);
  const sec = found.early ? 0 : (inode.dtime?.sec ?? 0);
  return describe(c, { sec, record: found.record, inode }, nowMs, new Map());
}

async function describe(
  c: OpCtx,
  at: { sec: number; record: TrashRecord; inode: Inode },
  nowMs: number,
  paths: Map<number, string | undefined>,
): Promise<TrashEntry> {
  const { record, inode } = at;
  const removedMs = record.removedAt ?? (inode.dtime ? inode.dtime.sec * 1000 : at.sec * 1000);
  const early = at.sec === 0;
  const expiresMs = early ? removedMs : removedMs + c.fs.trashDays * DAY_MS;
  const dir = inode.type === 'dir';
  const parentPath = record.path === undefined ? await dirPath(c, record.parent, paths) : undefined;
  const lease = dir ? undefined : await liveLease(c.tx, c.fs.id, inode.ino, nowMs);
  const entry: TrashEntry = {
    ino: inode.ino,
    type: record.type ?? inode.type,
    parent: record.parent,
    name: record.name,
    path: record.path ?? (parentPath === undefined ? undefined : `${parentPath}/${record.name}`),
    tree: record.tree === true,
    removedAt: new Date(removedMs).toISOString(),
    expiresAt: new Date(Math.min(expiresMs, 8.64e15)).toISOString(),
    state: record.purging ? 'purging' : early || expiresMs <= nowMs ? 'due' : 'waiting',
  };
  if (entry.path === undefined) delete entry.path;
  if (dir) entry.entries = (await readDirTotals(c.tx, c.fs.id, inode.ino)).entries;
  else entry.size = record.size ?? inode.length;
  if (lease) entry.leasedUntil = new Date(lease.expiresAt).toISOString();
  return entry;
}

/** Thrown inside a restore that must create more parent directories than it was given inode numbers for. */
export class NeedInodes extends Error {
  constructor(readonly count: number) {
    super(`a restore needs ${count} new directories`);
    this.name = 'NeedInodes';
  }
}

export interface RestoreOptions {
  /** Restore here instead of where it was. */
  to?: string;
  /** Replace what the destination holds, as rename(2) would (else EEXIST). */
  replace?: boolean;
}

export interface Restored {
  /** The path it is at now, when known (a restore into its original directory keeps that directory's path). */
  path?: string;
  stat: Stat;
}

/**
 * The directory a path's parent names, creating missing levels (mkdir -p) with the inode
 * numbers in `inos`, in order; NeedInodes when they run out.
 */
async function ensureParent(c: OpCtx, segments: readonly string[], inos: readonly number[]): Promise<number> {
  let cur = ROOT_INO;
  let used = 0;
  for (const [i, seg] of segments.entries()) {
    const d = (await lookupEntry(c, cur, checkName(seg))).entry;
    if (!d) {
      if (used >= inos.length) throw new NeedInodes(segments.length - i);
      const ino = inos[used++];
      await createEntry(c, cur, seg, { type: 'dir' }, ino);
      cur = ino;
    } else if (d.type === 'dir') {
      cur = d.ino;
    } else if (d.type === 'symlink') {
      cur = await resolvePath(c, segments.slice(0, i + 1).join('/'), true);
      if ((await readInode(c.tx, c.fs.id, cur)).type !== 'dir')
        throw fsErr('ENOTDIR', `${JSON.stringify(seg)} is not a directory`);
    } else {
      throw fsErr('ENOTDIR', `${JSON.stringify(seg)} is not a directory`);
    }
  }
  return cur;
}

/**
 * Restore a trash entry (by inode number): to its original directory under its old name while
 * that directory is attached, else to its recorded path (missing directories re-created), or
 * to `opts.to`. The inode, its contents and its attributes are the same as before removal.
 */
export async function restoreEntry(
  c: OpCtx,
  ino: number,
  opts: RestoreOptions,
  inos: readonly number[],
): Promise<Restored> {
  const { inode, found } = await inTrash(c, ino);
  const { record } = found;
  if (record.purging) throw fsErr('EBUSY', `inode ${ino} is being purged`);
  let parent: number;
  let name: string;
  let path: string | undefined;
  if (opts.to !== undefined || !(await isAttachedDir(c, record.parent))) {
    const target = opts.to ?? record.path;
    if (target === undefined) {
      throw fsErr('ENOENT', `the directory inode ${ino} was removed from is gone and its path is unknown: give "to"`);
    }
    const segments = splitPath(target);
    const last = segments.pop();
    if (last === undefined) throw fsErr('EEXIST', 'the root directory exists');
    parent = await ensureParent(c, segments, inos);
    name = checkName(last);
    path = `/${[...segments, last].join('/')}`;
  } else {
    parent = record.parent;
    name = record.name;
    const dir = await dirPath(c, parent, new Map());
    path = dir === undefined ? undefined : `${dir}/${name}`;
  }
  const { dir, entry: existing } = await lookupEntry(c, parent, name);
  if (existing) {
    if (!opts.replace) throw fsErr('EEXIST', `${JSON.stringify(name)} exists (restore with replace to overwrite it)`);
    const replaced = await readInode(c.tx, c.fs.id, existing.ino);
    checkDelete(c.caller, dir, replaced);
    if (inode.type === 'dir' && replaced.type !== 'dir')
      throw fsErr('ENOTDIR', `${JSON.stringify(name)} is not a directory`);
    if (inode.type !== 'dir' && replaced.type === 'dir')
      throw fsErr('EISDIR', `${JSON.stringify(name)} is a directory`);
    deleteDentry(c, parent, name);
    await dropName(c, parent, name, replaced); // ENOTEMPTY for a directory with entries
    bumpDir(c, parent, { entries: -1, subdirs: replaced.type === 'dir' ? -1 : 0 });
  }
  checkCreate(c.caller, dir);
  putDentry(c, parent, name, { ino, type: inode.type });
  bumpDir(c, parent, { entries: 1, subdirs: inode.type === 'dir' ? 1 : 0 });
  inode.parents = [parent];
  if (inode.type !== 'dir') inode.nlink = 1;
  delete inode.dtime;
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
  c.tx.delete(found.key);
  return { path, stat: await statInode(c.tx, c.fs.id, inode) };
}

/** Ask for an entry to be purged by the next pass rather than when its retention runs out. */
export async function purgeEarly(c: OpCtx, ino: number, nowMs: number): Promise<TrashEntry> {
  const { inode, found } = await inTrash(c, ino);
  if (!found.early && !found.record.purging) {
    c.tx.delete(found.key);
    c.tx.put(trashKey(c.fs.id, 0, ino), encodeJson(found.record));
  }
  return describe(c, { sec: 0, record: found.record, inode }, nowMs, new Map());
}

/**
 * The purge's first step for one record (the sweeper, leader only): 'claimed' once it is
 * marked purging — and a file is held from writers — so no restore can take it back; 'leased'
 * while a writer holds the file (the purge waits: DIGEST §2.9 "and not open"); 'gone' when the
 * record is no longer there (restored). `leases` false (filesystem deletion) ignores leases.
 */
export async function claimForPurge(
  tx: Tx,
  fsId: number,
  key: { group: string; item: string },
  opts: { nowMs: number; leases: boolean },
): Promise<'claimed' | 'leased' | 'gone'> {
  const raw = await tx.get(key);
  if (!raw) return 'gone';
  const record = decodeTrash(raw);
  if (!record.tree && opts.leases && (await tx.get(inodeKey(fsId, record.ino)))) {
    if (!(await holdForPurge(tx, fsId, record.ino, opts.nowMs))) return 'leased';
  }
  if (!record.purging) tx.put(key, encodeJson({ ...record, purging: true }));
  return 'claimed';
}
