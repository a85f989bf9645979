// The namespace as the HTTP face uses it: every operation is one transaction on one
// filesystem, with optional Idempotency-Key replay. Inode-level operations live here, the
// path-level ones (which resolve a path first, in the same transaction) in path-service.ts.
import { FsError, fsErr } from '../errno.ts';
import type { KvStore } from '../kv/types.ts';
import { setAttrs, type AttrChanges } from './attrs.ts';
import { createFs, deleteFs, getFs, listFs, liveFs, openFs, type CreateFsSpec } from './catalogue.ts';
import { decodeInode } from './codec.ts';
import { inodeKey } from './keys.ts';
import { nowTimespec } from './clock.ts';
import { IdAllocators, INO_BATCH, SLICE_ID_BATCH, type IdAllocator } from './ids.ts';
import { findAnswer, storeAnswer, type IdempotencyRequest } from './idempotency.ts';
import { readInode, statInode, statOf, type Stat } from './inodes.ts';
import { FIRST_ALLOCATED_INO, type FsInfo } from './model.ts';
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
import { removeEntry, type RemoveKind } from './remove.ts';
import { rename, type RenameFlags } from './rename.ts';
import { readUsage, QuotaGuard, type Usage } from './usage.ts';
import { getXattr, listXattrs, removeXattr, setXattr, type XattrMode } from './xattrs.ts';

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

export const ROOT_CALLER: Caller = { uid: 0, gid: 0 };

/**
 * Answers are kept per filesystem *id*: a filesystem deleted and created again under the same
 * name never replays the old one's answers.
 */
function idempotencyScope(fs: FsInfo, idem: NonNullable<RequestMeta['idempotency']>): IdempotencyRequest {
  return { ...idem, scope: `#${fs.id}` };
}

/**
 * What the namespace must ask of the data path's per-instance write-back cache (set by the
 * composition root; the fs layer does not import data/).
 */
export interface ContentHooks {
  /** Before a truncate: drop cached bytes at or past `size`, commit the rest, wait for flushes. */
  beforeTruncate(fsId: number, ino: number, size: number): Promise<void>;
  /** Before a whole-file replace: commit this instance's cached bytes of the file. */
  beforeReplace(fsId: number, ino: number): Promise<void>;
  /** The end of this instance's cached bytes of a file, so stat shows unflushed writes. */
  cachedEnd(fsId: number, ino: number): number | undefined;
}
export const FIRST_SLICE_ID = 1;

/**
 * The filesystem a request was planned with (cached info) was re-created meanwhile: `planned`
 * plans again; anywhere else it is a plain EAGAIN.
 */
class StalePlan extends FsError {
  constructor(fsName: string) {
    super('EAGAIN', `filesystem ${fsName} was re-created while this request ran; retry it`);
  }
}
export const FS_INFO_CACHE_MS = 1_000;
const FS_INFO_CACHE_ENTRIES = 1_000;

export class FileSystems {
  private readonly allocators: IdAllocators;
  private readonly infoCache = new Map<string, { fs: FsInfo; at: number }>();
  readonly quota: QuotaGuard;
  content?: ContentHooks;

  constructor(readonly kv: KvStore) {
    this.allocators = new IdAllocators(kv);
    this.quota = new QuotaGuard(kv);
  }

  inoAllocator(fs: FsInfo): IdAllocator {
    return this.allocators.get(`${fs.id}.ino`, INO_BATCH, FIRST_ALLOCATED_INO);
  }

  /** Slice ids also serve as content generations and truncation marks: all newer = larger. */
  sliceIdAllocator(fs: Pick<FsInfo, 'id'>): IdAllocator {
    return this.allocators.get(`${fs.id}.slice`, SLICE_ID_BATCH, FIRST_SLICE_ID);
  }

  /** The filesystem's current info (outside any transaction; for planning and quotas). */
  /**
   * The filesystem's info for planning (id allocators, quotas, geometry), cached for
   * FS_INFO_CACHE_MS. Mutations planned with it pass its id to `mutate`, which checks it
   * against the catalogue inside the transaction.
   */
  /**
   * Plan with the (cached) filesystem info and run; if the filesystem turned out to have been
   * re-created under its name, plan once more with fresh info.
   */
  async planned<T>(fsName: string, run: (fs: FsInfo) => Promise<T>): Promise<T> {
    try {
      return await run(await this.info(fsName));
    } catch (e) {
      if (!(e instanceof StalePlan)) throw e;
      try {
        return await run(await this.info(fsName));
      } catch (again) {
        if (again instanceof StalePlan) throw fsErr('EAGAIN', `filesystem ${fsName} is being re-created; retry`);
        throw again;
      }
    }
  }

  async info(fsName: string): Promise<FsInfo> {
    const hit = this.infoCache.get(fsName);
    if (hit && performance.now() - hit.at < FS_INFO_CACHE_MS) return hit.fs;
    const fs = await liveFs(this.kv, fsName);
    if (this.infoCache.size >= FS_INFO_CACHE_ENTRIES) this.infoCache.clear();
    this.infoCache.set(fsName, { fs, at: performance.now() });
    return fs;
  }

  /** A read-only operation on one filesystem. */
  read<T>(fsName: string, caller: Caller, fn: (c: OpCtx) => Promise<T>): Promise<T> {
    return this.kv.transact(async (tx) => fn({ tx, fs: await openFs(tx, fsName), now: nowTimespec(), caller }));
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
      const fs = await openFs(tx, fsName);
      if (plannedFsId !== undefined && fs.id !== plannedFsId) {
        this.infoCache.delete(fsName);
        throw new StalePlan(fsName);
      }
      const idem = meta.idempotency && idempotencyScope(fs, meta.idempotency);
      if (idem) {
        const prior = await findAnswer(tx, idem, nowMs);
        if (prior) return { value: prior.value as T, replayed: true };
      }
      const value = await fn({ tx, fs, now: nowTimespec(), caller: meta.caller });
      if (idem) storeAnswer(tx, idem, value, nowMs);
      return { value, replayed: false };
    });
  }

  // ---- catalogue ---------------------------------------------------------------------

  async createFs(spec: CreateFsSpec, meta: RequestMeta): Promise<Mutation<FsInfo>> {
    const r = await createFs(this.kv, spec, meta.idempotency && { ...meta.idempotency, scope: '' });
    return { value: r.fs, replayed: r.replayed };
  }

  listFs(): Promise<FsInfo[]> {
    return listFs(this.kv);
  }

  async getFs(name: string): Promise<FsInfo & { usage: Usage }> {
    const fs = await getFs(this.kv, name);
    const usage = await this.kv.transact((tx) => readUsage(tx, fs.id));
    return { ...fs, usage };
  }

  /** null when deleted at once; the DELETING info when the purge job takes over. */
  async deleteFs(name: string, recursive: boolean, meta: RequestMeta): Promise<Mutation<FsInfo | null>> {
    const r = await deleteFs(this.kv, name, recursive, meta.idempotency && { ...meta.idempotency, scope: '' });
    return { value: r.left, replayed: r.replayed };
  }

  // ---- inode-level namespace ---------------------------------------------------------

  /** getattr. A file's or symlink's answer is one record, read without a transaction. */
  async getInode(fsName: string, caller: Caller, ino: number): Promise<Stat> {
    const fs = await liveFs(this.kv, fsName);
    const raw = await this.kv.get(inodeKey(fs.id, ino));
    if (!raw) throw fsErr('ENOENT', `no inode ${ino}`);
    const inode = decodeInode(ino, raw);
    if (inode.type !== 'dir') return this.withCachedLength(fs.id, statOf(inode));
    // A directory's answer folds in its counter shards: read them all in one transaction.
    return this.read(fsName, caller, async (c) => statInode(c.tx, c.fs.id, await readInode(c.tx, c.fs.id, ino)));
  }

  /** A file's stat as this instance sees it: with the length its unflushed writes reach. */
  withCachedLength(fsId: number, stat: Stat): Stat {
    const cached = stat.type === 'file' ? this.content?.cachedEnd(fsId, stat.ino) : undefined;
    return cached !== undefined && cached > stat.length ? { ...stat, length: cached } : stat;
  }

  async setInodeAttrs(fsName: string, meta: RequestMeta, ino: number, ch: AttrChanges, ifMatch?: readonly string[]) {
    if (ch.size !== undefined) {
      const fs = await this.info(fsName);
      const current = await this.kv.get(inodeKey(fs.id, ino));
      if (current) await this.quota.check(fs, 0, ch.size - decodeInode(ino, current).length);
      // Cached writes came before the truncate: commit them first, so the mark covers them.
      await this.content?.beforeTruncate(fs.id, ino, ch.size);
    }
    const m = await this.mutate(fsName, meta, (c) => setAttrs(c, ino, ch, { ifMatch }));
    return { ...m, value: this.withCachedLength((await this.info(fsName)).id, m.value) };
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
    return this.read(fsName, caller, (c) => lookup(c, parent, name));
  }

  createEntry(fsName: string, meta: RequestMeta, parent: number, name: string, spec: NewEntry) {
    return this.planned(fsName, async (fs) => {
      await this.quota.check(fs, 1, 0);
      const ino = await this.inoAllocator(fs).allocate();
      return this.mutate(fsName, meta, (c) => createEntry(c, parent, name, spec, ino), fs.id);
    });
  }

  linkEntry(fsName: string, meta: RequestMeta, parent: number, name: string, ino: number) {
    return this.mutate(fsName, meta, (c) => link(c, ino, parent, name));
  }

  removeEntry(fsName: string, meta: RequestMeta, parent: number, name: string, kind: RemoveKind = 'any') {
    return this.mutate(fsName, meta, async (c) => {
      await removeEntry(c, parent, name, kind);
      return null;
    });
  }

  renameEntry(
    fsName: string,
    meta: RequestMeta,
    from: { parent: number; name: string },
    to: { parent: number; name: string },
    flags: RenameFlags,
  ) {
    return this.mutate(fsName, meta, async (c) => {
      await rename(c, from.parent, from.name, to.parent, to.name, flags);
      return null;
    });
  }

  // ---- xattrs ------------------------------------------------------------------------

  listXattrs(fsName: string, caller: Caller, ino: number): Promise<string[]> {
    return this.read(fsName, caller, (c) => listXattrs(c, ino));
  }

  getXattr(fsName: string, caller: Caller, ino: number, name: string): Promise<Buffer> {
    return this.read(fsName, caller, (c) => getXattr(c, ino, name));
  }

  setXattr(fsName: string, meta: RequestMeta, ino: number, name: string, value: Buffer, mode: XattrMode) {
    return this.mutate(fsName, meta, async (c) => {
      await setXattr(c, ino, name, value, mode);
      return null;
    });
  }

  removeXattr(fsName: string, meta: RequestMeta, ino: number, name: string) {
    return this.mutate(fsName, meta, async (c) => {
      await removeXattr(c, ino, name);
      return null;
    });
  }
}

export function parseIno(raw: string | number): number {
  const n = typeof raw === 'number' ? raw : /^[0-9]{1,16}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw fsErr('EINVAL', `not an inode number: ${JSON.stringify(raw)}`);
  return n;
}
