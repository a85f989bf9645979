// The namespace as the HTTP face uses it: every operation is one transaction on one
// filesystem, with optional Idempotency-Key replay. Inode-level operations live here, the
// path-level ones (which resolve a path first, in the same transaction) in path-service.ts.
import { fsErr } from '../errno.ts';
import type { KvStore } from '../kv/types.ts';
import { setAttrs, type AttrChanges } from './attrs.ts';
import type { Catalogue, CreateFsSpec } from './catalogue.ts';
import { decodeInode } from './codec.ts';
import { readInline } from './inline.ts';
import { inodeKey } from './keys.ts';
import { nowTimespec } from './clock.ts';
import { IdAllocators, INO_BATCH, type IdAllocator } from './ids.ts';
import { findAnswer, fsScope, storeAnswer, type IdempotencyRequest } from './idempotency.ts';
import { readInode, regularFile, statInode, statOf, writeInode, type Stat } from './inodes.ts';
import { FIRST_ALLOCATED_INO, type FsInfo, type Inode, type Slice } from './model.ts';
import { resolvePath } from './paths.ts';
import {
  createEntry,
  link,
  lookup,
  readDir,
  type Caller,
  type NewEntry,
  type OpCtx,
  type ReadDirPage,
} from './namespace.ts';
import { R_OK, W_OK, checkAccess, modeAfterWrite } from './permissions.ts';
import { removeEntry, type RemoveKind } from './remove.ts';
import { rename, type RenameFlags } from './rename.ts';
import { assertMatches, withPending, type IfMatch, type PendingVersion, type Precondition } from './preconditions.ts';
import { Leases } from './leases.ts';
import { type CounterShards, newCounterShards } from './shards.ts';
import { readRangeSlices } from './slice-records.ts';
import { QuotaGuard, readUsage, type Usage } from './usage.ts';
import { checkXattrName, getXattr, listXattrs, removeXattr, setXattr, type XattrMode } from './xattrs.ts';
import { isSummaryXattr, summaryXattr } from './summary-xattrs.ts';
import { summarize, type Summary } from './summary.ts';

/** Who is asking, and how to make the request idempotent. */
export interface RequestMeta {
  caller: Caller;
  idempotency?: Omit<IdempotencyRequest, 'scope'>;
}

export interface Mutation<T> {
  value: T;
  /** True when this answer was stored by an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export { ROOT_CALLER } from './permissions.ts';

/** Answers are kept per filesystem id (idempotency.ts fsScope). */
export function idempotencyScope(fs: FsInfo, idem: NonNullable<RequestMeta['idempotency']>): IdempotencyRequest {
  return { ...idem, scope: fsScope(fs.id) };
}

/**
 * This instance's unflushed writes of a file, as the namespace must respect them: the data
 * layer's write-back cache implements it (the fs layer does not import data/).
 */
export interface UnflushedWrites {
  /**
   * Commit this instance's cached bytes of the file and wait for them; before a truncate to
   * `truncateTo`, cached bytes at or past it are dropped first (they came before the truncate).
   */
  settle(fsId: number, ino: number, opts?: { truncateTo?: number }): Promise<void>;
  /** The end of this instance's cached bytes of the file, if it has any. */
  cachedEnd(fsId: number, ino: number): number | undefined;
  /** The version those cached bytes make of the file (its ETag and times), if it has any. */
  pending(fsId: number, ino: number): PendingVersion | undefined;
}

/** Where no write-back cache runs (tools, benchmarks of the namespace alone). */
export const NO_UNFLUSHED_WRITES: UnflushedWrites = {
  settle: async () => undefined,
  cachedEnd: () => undefined,
  pending: () => undefined,
};

/** A regular file as a reader of its contents sees it, inside one read-only transaction. */
export interface FileView {
  fs: FsInfo;
  inode: Inode;
  /** The file's first bytes when its contents are inline (fs/inline.ts): it then has no slices. */
  inline?: Buffer;
  /** Slices of the chunks the range touches, by chunk (see fs/slice-records.ts readRangeSlices). */
  slices(range: { start: number; end: number }): Promise<Map<number, Slice[]>>;
}

/** Where a file is: by inode number, or by path (a final symlink followed, as open(2) does). */
export type FileAt = { ino: number } | { path: string };

export interface FileSystemsDeps {
  kv: KvStore;
  catalogue: Catalogue;
  unflushed: UnflushedWrites;
}

export class FileSystems {
  readonly kv: KvStore;
  readonly catalogue: Catalogue;
  readonly quota: QuotaGuard;
  readonly leases: Leases;
  private readonly unflushed: UnflushedWrites;
  private readonly allocators: IdAllocators;
  private readonly shards: CounterShards = newCounterShards();

  constructor(deps: FileSystemsDeps) {
    this.kv = deps.kv;
    this.catalogue = deps.catalogue;
    this.unflushed = deps.unflushed;
    this.allocators = new IdAllocators(deps.kv);
    this.quota = new QuotaGuard(deps.kv);
    this.leases = new Leases(deps.kv, deps.catalogue);
  }

  inoAllocator(fs: FsInfo): IdAllocator {
    return this.allocators.get(`${fs.id}.ino`, INO_BATCH, FIRST_ALLOCATED_INO);
  }

  /** The filesystem's info for planning (see Catalogue: info and planned). */
  info(fsName: string): Promise<FsInfo> {
    return this.catalogue.info(fsName);
  }

  planned<T>(fsName: string, run: (fs: FsInfo) => Promise<T>): Promise<T> {
    return this.catalogue.planned(fsName, run);
  }

  /** A read-only operation on one filesystem. */
  read<T>(fsName: string, caller: Caller, fn: (c: OpCtx) => Promise<T>): Promise<T> {
    return this.kv.transact(async (tx) =>
      fn({ tx, fs: await this.catalogue.open(tx, fsName), now: nowTimespec(), caller, shards: this.shards }),
    );
  }

  /** The stored answer of an earlier request with this Idempotency-Key, if any (read-only). */
  async priorAnswer<T>(fsName: string, meta: RequestMeta): Promise<Mutation<T> | undefined> {
    if (!meta.idempotency) return undefined;
    const fs = await this.info(fsName);
    const prior = await this.kv.transact((tx) => findAnswer(tx, idempotencyScope(fs, meta.idempotency!), Date.now()));
    return prior && { value: prior.value as T, replayed: true };
  }

  /** A mutation on one filesystem: one transaction, replayed by Idempotency-Key. */
  async mutate<T>(
    fsName: string,
    meta: RequestMeta,
    fn: (c: OpCtx) => Promise<T>,
    plannedFsId?: number,
  ): Promise<Mutation<T>> {
    return this.kv.transact(async (tx) => {
      const nowMs = Date.now();
      const fs = await this.catalogue.open(tx, fsName);
      this.catalogue.checkPlanned(fs, plannedFsId);
      const idem = meta.idempotency && idempotencyScope(fs, meta.idempotency);
      if (idem) {
        const prior = await findAnswer(tx, idem, nowMs);
        if (prior) return { value: prior.value as T, replayed: true };
      }
      const value = await fn({ tx, fs, now: nowTimespec(), caller: meta.caller, shards: this.shards });
      if (idem) storeAnswer(tx, idem, value, nowMs);
      return { value, replayed: false };
    });
  }

  // ---- catalogue ---------------------------------------------------------------------

  /** A new filesystem's root directory belongs to the caller who creates it. */
  async createFs(spec: CreateFsSpec, meta: RequestMeta): Promise<Mutation<FsInfo>> {
    const owner = { uid: meta.caller.uid, gid: meta.caller.gid };
    const r = await this.catalogue.create(spec, meta.idempotency && { ...meta.idempotency, scope: '' }, owner);
    return { value: r.fs, replayed: r.replayed };
  }

  listFs(): Promise<FsInfo[]> {
    return this.catalogue.list();
  }

  async getFs(name: string): Promise<FsInfo & { usage: Usage }> {
    const fs = await this.catalogue.get(name);
    const usage = await this.kv.transact((tx) => readUsage(tx, fs.id));
    return { ...fs, usage };
  }

  /** null when deleted at once; the DELETING info when the purge job takes over. */
  async deleteFs(name: string, recursive: boolean, meta: RequestMeta): Promise<Mutation<FsInfo | null>> {
    const r = await this.catalogue.delete(name, {
      recursive,
      idem: meta.idempotency && { ...meta.idempotency, scope: '' },
    });
    return { value: r.left, replayed: r.replayed };
  }

  // ---- inode-level namespace ---------------------------------------------------------

  /** Read a regular file's metadata for its contents (ENOENT, EISDIR, EINVAL, EACCES as open(2) would). */
  readFile<T>(fsName: string, caller: Caller, at: FileAt, fn: (file: FileView) => Promise<T>): Promise<T> {
    return this.read(fsName, caller, async (c) => {
      const ino = 'ino' in at ? at.ino : await resolvePath(c, at.path, true);
      const inode = regularFile(await readInode(c.tx, c.fs.id, ino), `inode ${ino}`);
      checkAccess(caller, inode, R_OK);
      const file = { fsId: c.fs.id, ino, gen: inode.gen };
      const inline = inode.inline ? await readInline(c.tx, c.fs.id, inode) : undefined;
      return fn({ fs: c.fs, inode, inline, slices: (range) => readRangeSlices(c.tx, c.fs, file, range) });
    });
  }

  /**
   * A regular file the caller may write, by inode or path (search on the path's directories,
   * then writableFile's check): a writer needs no read permission, as open(O_WRONLY).
   */
  async writableFileAt(fsName: string, caller: Caller, at: FileAt): Promise<{ fs: FsInfo; inode: Inode }> {
    const found = await this.read(fsName, caller, async (c) => ({
      fs: c.fs,
      ino: 'ino' in at ? at.ino : await resolvePath(c, at.path, true),
    }));
    return { fs: found.fs, inode: await this.writableFile(found.fs, caller, found.ino) };
  }

  /** The inode of a regular file, by one point read (ENOENT; EISDIR or EINVAL if it is not a file). */
  async regularFile(fs: FsInfo, ino: number): Promise<Inode> {
    const raw = await this.kv.get(inodeKey(fs.id, ino));
    if (!raw) throw fsErr('ENOENT', `no inode ${ino}`);
    return regularFile(decodeInode(ino, raw), `inode ${ino}`);
  }

  /**
   * A regular file the caller may write (EACCES otherwise), before its bytes are taken. A
   * writer other than root clears the file's setuid and setgid bits first, as a write(2) does
   * on Linux (one transaction, only when a bit is set).
   */
  async writableFile(fs: FsInfo, caller: Caller, ino: number, opts: { ifMatch?: IfMatch } = {}): Promise<Inode> {
    const inode = await this.regularFile(fs, ino);
    checkAccess(caller, inode, W_OK);
    // Bytes taken into the write-back cache commit in no transaction of their own: an If-Match
    // of a write is judged here, on the record read just now with this instance's pending writes.
    if (opts.ifMatch !== undefined) assertMatches(opts.ifMatch, this.seen(fs.id, statOf(inode)).etag);
    if (modeAfterWrite(caller, inode) === inode.mode) return inode;
    const m = await this.mutate(fs.name, { caller }, async (c) => {
      const current = regularFile(await readInode(c.tx, c.fs.id, ino), `inode ${ino}`);
      const mode = modeAfterWrite(caller, current);
      if (mode !== current.mode) {
        current.mode = mode;
        current.ctime = c.now;
        writeInode(c.tx, c.fs.id, current);
      }
      return current;
    });
    return m.value;
  }

  /**
   * getattr. A file's or symlink's answer is one record, read without a transaction (with the
   * catalogue entry, in one round trip where the engine can: Catalogue.liveWith).
   */
  async getInode(fsName: string, caller: Caller, ino: number): Promise<Stat> {
    const { fs, value: raw } = await this.catalogue.liveWith(fsName, (fsId) => inodeKey(fsId, ino));
    if (!raw) throw fsErr('ENOENT', `no inode ${ino}`);
    const inode = decodeInode(ino, raw);
    if (inode.type !== 'dir') return this.seen(fs.id, statOf(inode));
    // A directory's answer folds in its counter shards: read them all in one transaction.
    return this.read(fsName, caller, async (c) => statInode(c.tx, c.fs.id, await readInode(c.tx, c.fs.id, ino)));
  }

  /**
   * The length of a file as this instance sees it: what is committed, or further if this
   * instance holds unflushed writes past it (DESIGN §1.3: they are acknowledged, so reads and
   * stats through this instance show them).
   */
  seenLength(fsId: number, ino: number, committed: number): number {
    return Math.max(committed, this.unflushed.cachedEnd(fsId, ino) ?? 0);
  }

  /** Whether this instance holds unflushed writes of the file. */
  hasUnflushed(fsId: number, ino: number): boolean {
    return this.unflushed.cachedEnd(fsId, ino) !== undefined;
  }

  /**
   * A stat as this instance sees it: a file's length, ETag and times with its unflushed
   * writes (preconditions.ts withPending: an ETag never outlives the bytes it was given for).
   */
  seen(fsId: number, stat: Stat): Stat {
    if (stat.type !== 'file') return stat;
    const length = this.seenLength(fsId, stat.ino, stat.length);
    const seen = withPending(stat, this.unflushed.pending(fsId, stat.ino));
    return length === seen.length ? seen : { ...seen, length };
  }

  /** An If-Match to check inside a mutation, with this instance's pending writes (undefined: none sent). */
  precondition(ifMatch: IfMatch | undefined): Precondition | undefined {
    return ifMatch === undefined ? undefined : { ifMatch, pending: (fsId, ino) => this.unflushed.pending(fsId, ino) };
  }

  async setInodeAttrs(fsName: string, meta: RequestMeta, ino: number, ch: AttrChanges, ifMatch?: IfMatch) {
    if (ch.size !== undefined) {
      const fs = await this.info(fsName);
      const current = await this.kv.get(inodeKey(fs.id, ino));
      if (current) await this.quota.check(fs, 0, ch.size - decodeInode(ino, current).length);
      // Cached writes came before the truncate: commit them first, so the mark covers them.
      // With an If-Match, none is dropped first (the truncate may yet be refused): they all
      // commit, as a background flush would, and the tag they were seen under is then stale.
      await this.unflushed.settle(fs.id, ino, ifMatch === undefined ? { truncateTo: ch.size } : {});
    }
    const precondition = this.precondition(ifMatch);
    const m = await this.mutate(fsName, meta, (c) => setAttrs(c, ino, ch, { precondition }));
    return { ...m, value: this.seen((await this.info(fsName)).id, m.value) };
  }

  readDir(
    fsName: string,
    caller: Caller,
    ino: number,
    opts: { limit?: number; cursor?: string; attrs?: boolean },
  ): Promise<ReadDirPage> {
    return this.read(fsName, caller, (c) => readDir(c, ino, opts));
  }

  lookup(fsName: string, caller: Caller, parent: number, name: string): Promise<Stat> {
    return this.read(fsName, caller, async (c) => this.seen(c.fs.id, await lookup(c, parent, name)));
  }

  createEntry(fsName: string, meta: RequestMeta, parent: number, name: string, spec: NewEntry) {
    return this.planned(fsName, async (fs) => {
      const overQuota = await this.quota.verdict(fs, 1, 0);
      const ino = await this.inoAllocator(fs).allocate();
      return this.mutate(fsName, meta, (c) => createEntry(c, parent, name, spec, ino, { overQuota }), fs.id);
    });
  }

  linkEntry(fsName: string, meta: RequestMeta, parent: number, name: string, ino: number) {
    return this.mutate(fsName, meta, (c) => link(c, ino, parent, name));
  }

  removeEntry(
    fsName: string,
    meta: RequestMeta,
    parent: number,
    name: string,
    kind: RemoveKind = 'any',
    ifMatch?: IfMatch,
  ) {
    const precondition = this.precondition(ifMatch);
    return this.mutate(fsName, meta, async (c) => {
      await removeEntry(c, parent, name, kind, { precondition });
      return null;
    });
  }

  renameEntry(
    fsName: string,
    meta: RequestMeta,
    from: { parent: number; name: string },
    to: { parent: number; name: string },
    flags: RenameFlags,
    ifMatch?: IfMatch,
  ) {
    const precondition = this.precondition(ifMatch);
    return this.mutate(fsName, meta, async (c) => {
      await rename(c, from.parent, from.name, to.parent, to.name, flags, precondition);
      return null;
    });
  }

  // ---- xattrs ------------------------------------------------------------------------

  listXattrs(fsName: string, caller: Caller, ino: number): Promise<string[]> {
    return this.read(fsName, caller, (c) => listXattrs(c, ino));
  }

  /** getxattr; a directory's summary xattrs (curve.dir.*) are computed (fs/summary-xattrs.ts). */
  async getXattr(fsName: string, caller: Caller, ino: number, name: string): Promise<Buffer> {
    if (isSummaryXattr(checkXattrName(name))) {
      const read = <T>(fn: (c: OpCtx) => Promise<T>) => this.read(fsName, caller, fn);
      if ((await read((c) => readInode(c.tx, c.fs.id, ino))).type === 'dir') return summaryXattr(read, ino, name);
    }
    return this.read(fsName, caller, (c) => getXattr(c, ino, name));
  }

  /** Files, subdirectories, entries and bytes of directory `ino` and its tree (fs/summary.ts; paged by cursor). */
  summary(
    fsName: string,
    caller: Caller,
    ino: number,
    opts: { recursive: boolean; cursor?: string },
  ): Promise<Summary> {
    return summarize((fn) => this.read(fsName, caller, fn), ino, opts);
  }

  setXattr(
    fsName: string,
    meta: RequestMeta,
    ino: number,
    name: string,
    value: Buffer,
    mode: XattrMode,
    ifMatch?: IfMatch,
  ) {
    const precondition = this.precondition(ifMatch);
    return this.mutate(fsName, meta, async (c) => {
      await setXattr(c, ino, name, value, mode, precondition);
      return null;
    });
  }

  removeXattr(fsName: string, meta: RequestMeta, ino: number, name: string, ifMatch?: IfMatch) {
    const precondition = this.precondition(ifMatch);
    return this.mutate(fsName, meta, async (c) => {
      await removeXattr(c, ino, name, precondition);
      return null;
    });
  }
}

export function parseIno(raw: string | number): number {
  const n = typeof raw === 'number' ? raw : /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw fsErr('EINVAL', `not an inode number: ${JSON.stringify(raw)}`);
  return n;
}
