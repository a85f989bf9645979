// The filesystem catalogue (DIGEST §1.2: "plain CRUD on KV keys"; §2.5 FsInfo), and the one
// place that looks filesystems up. Lifecycle NEW → INITED → DELETING (DIGEST §2.1): createFs
// claims the name in one transaction (NEW), creates the root inode and marks it INITED in a
// second; a createFs of the same name finishes a NEW one left behind by a crash.
//
// A filesystem is looked up in one of three ways, each for one purpose:
//   open(tx, name)  inside an operation's transaction: authoritative, and the read makes the
//                   operation conflict with deleteFs;
//   live(name)      one point read outside any transaction, for answers that depend on a
//                   single key (the data path's checks before it starts); liveWith(name, key)
//                   adds that key's read, in the same round trip where the engine can (getattr);
//   info(name)      cached for at most FS_INFO_CACHE_MS, only to *plan* a mutation (id
//                   allocators, quotas, geometry): the mutation names the planned id and
//                   `checkPlanned` refuses it inside the transaction if the filesystem was
//                   re-created meanwhile; `planned` then plans once more.
// All three decode a catalogue record once per distinct stored value (the decoded cache).
import { randomUUID } from 'node:crypto';
import { FsError, fsErr } from '../errno.ts';
import type { Key, KvLimits, KvStore, Tx } from '../kv/types.ts';
import { nowTimespec } from './clock.ts';
import { decodeInode, decodeJson, encodeInode, encodeJson, maxInlineBytes } from './codec.ts';
import {
  CATALOGUE_GROUP,
  catalogueKey,
  compactionGroup,
  counterKey,
  genPurgeGroup,
  inodeKey,
  intentGroup,
  replacedGroup,
  trashGroup,
} from './keys.ts';
import { readDirTotals } from './dir-stats.ts';
import { findAnswer, storeAnswer, type IdempotencyRequest } from './idempotency.ts';
import { deleteInodeRecords } from './remove.ts';
import { deleteUsage } from './usage.ts';
import { ROOT_INO, type FsInfo, type Inode } from './model.ts';
import { RecordReader, RecordWriter } from './record.ts';

export const DEFAULT_BLOCK_SIZE_BYTES = 4 * 1024 * 1024; // DIGEST §2.5 defaults
export const DEFAULT_CHUNK_SIZE_BYTES = 64 * 1024 * 1024;
export const MIN_BLOCK_SIZE_BYTES = 64 * 1024;
export const MAX_BLOCK_SIZE_BYTES = 64 * 1024 * 1024;
export const MAX_CHUNK_SIZE_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_TRASH_DAYS = 1;
/**
 * Files up to this size keep their contents beside the inode (DESIGN §3.3): a 4 KiB page covers
 * most configuration files, sources and small documents, and costs each of them at most that
 * much metadata.
 */
export const DEFAULT_INLINE_BYTES = 4096;
export const MAX_FS_LIST = 1000;
/** A filesystem left NEW this long by a createFs that died is finished by the next createFs. */
export const NEW_TAKEOVER_AFTER_MS = 60_000;
const FS_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
/**
 * What a filesystem being deleted is renamed to (DIGEST §6.6: `oldName + "_deleting_" + fsId +
 * deleteTime`, so the name is free at once). "~" cannot be in a filesystem's name, so no
 * filesystem created later can take it.
 */
const DELETING_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}~deleting~[0-9]+~[0-9]+$/;

export function deletingName(fs: Pick<FsInfo, 'name' | 'id'>, atMs: number): string {
  return `${fs.name}~deleting~${fs.id}~${Math.floor(atMs / 1000)}`;
}

export interface CreateFsSpec {
  name: string;
  blockSize?: number;
  chunkSize?: number;
  capacityBytes?: number;
  inodeQuota?: number;
  trashDays?: number;
  /** 0 turns inline contents off. */
  inlineBytes?: number;
}

const isPow2 = (n: number) => Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;

function checkSpec(spec: CreateFsSpec, limits: KvLimits): Omit<FsInfo, 'id' | 'status' | 'createdAt'> {
  if (!FS_NAME.test(spec.name)) {
    throw fsErr('EINVAL', 'a filesystem name is 1-63 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit');
  }
  const blockSize = spec.blockSize ?? DEFAULT_BLOCK_SIZE_BYTES;
  const chunkSize = spec.chunkSize ?? DEFAULT_CHUNK_SIZE_BYTES;
  if (!isPow2(blockSize) || blockSize < MIN_BLOCK_SIZE_BYTES || blockSize > MAX_BLOCK_SIZE_BYTES) {
    throw fsErr(
      'EINVAL',
      `blockSize must be a power of two from ${MIN_BLOCK_SIZE_BYTES} to ${MAX_BLOCK_SIZE_BYTES} bytes`,
    );
  }
  if (!isPow2(chunkSize) || chunkSize < blockSize || chunkSize > MAX_CHUNK_SIZE_BYTES) {
    throw fsErr('EINVAL', `chunkSize must be a power of two from blockSize to ${MAX_CHUNK_SIZE_BYTES} bytes`);
  }
  const inlineBytes = spec.inlineBytes ?? DEFAULT_INLINE_BYTES;
  const maxInline = maxInlineBytes(limits);
  if (!Number.isSafeInteger(inlineBytes) || inlineBytes < 0 || inlineBytes > maxInline) {
    throw fsErr(
      'EINVAL',
      `inlineBytes must be an integer from 0 (off) to ${maxInline}, the most one metadata value holds on this engine`,
    );
  }
  return {
    name: spec.name,
    rootIno: ROOT_INO,
    blockSize,
    chunkSize,
    capacityBytes: spec.capacityBytes ?? 0,
    inodeQuota: spec.inodeQuota ?? 0,
    trashDays: spec.trashDays ?? DEFAULT_TRASH_DAYS,
    inlineBytes,
  };
}

/** A catalogue record; one written before inline contents existed has them off. */
function decodeFsInfo(raw: Uint8Array): FsInfo {
  const fs = decodeJson<FsInfo>(raw);
  fs.inlineBytes ??= 0;
  return fs;
}

/** Planning info is at most this old (FileSystems quotas and allocators use it). */
export const FS_INFO_CACHE_MS = 1_000;
/** Decoded catalogue records and planning infos kept; past it the caches start afresh. */
const CACHED_FILESYSTEMS = 1_000;

/**
 * The filesystem a request was planned with (cached info) was re-created meanwhile: `planned`
 * plans again; anywhere else it is a plain EAGAIN.
 */
export class StalePlan extends FsError {
  constructor(fsName: string) {
    super('EAGAIN', `filesystem ${fsName} was re-created while this request ran; retry it`);
  }
}

function checkLive(name: string, fs: FsInfo | undefined): FsInfo {
  if (fs?.status !== 'INITED') throw fsErr('ENOENT', `no filesystem named ${JSON.stringify(name)}`);
  return fs;
}

export function writeFsInfo(tx: Tx, fs: FsInfo): void {
  tx.put(catalogueKey(fs.name), encodeJson(fs));
}

export class Catalogue {
  /** Each filesystem's last decoded record, reused while the stored bytes are unchanged. */
  private readonly decoded = new Map<string, { raw: Buffer; fs: FsInfo; key: Key }>();
  private readonly planning = new Map<string, { fs: FsInfo; at: number }>();
  /** Planning reads in flight, by name. */
  private readonly reading = new Map<string, Promise<FsInfo>>();

  constructor(private readonly kv: KvStore) {}

  private keyOf(name: string): Key | undefined {
    return (
      this.decoded.get(name)?.key ?? (FS_NAME.test(name) || DELETING_NAME.test(name) ? catalogueKey(name) : undefined)
    );
  }

  private decode(name: string, raw: Buffer): FsInfo {
    const hit = this.decoded.get(name);
    if (hit?.raw.equals(raw)) return hit.fs;
    const fs = Object.freeze(decodeFsInfo(raw));
    if (this.decoded.size >= CACHED_FILESYSTEMS) this.decoded.clear();
    this.decoded.set(name, { raw: Buffer.from(raw), fs, key: catalogueKey(name) });
    return fs;
  }

  /** The catalogue record of `name` in any state, read in `tx`. */
  async read(tx: Tx, name: string): Promise<FsInfo | undefined> {
    const key = this.keyOf(name);
    const raw = key && (await tx.get(key));
    return raw ? this.decode(name, raw) : undefined;
  }

  /** The filesystem an operation works on, read in its transaction: it must exist and be INITED. */
  async open(tx: Tx, name: string): Promise<FsInfo> {
    return checkLive(name, await this.read(tx, name));
  }

  /** The filesystem by one point read outside any transaction (for single-key answers). */
  async live(name: string): Promise<FsInfo> {
    const key = this.keyOf(name);
    const raw = key && (await this.kv.get(key));
    return checkLive(name, raw ? this.decode(name, raw) : undefined);
  }

  /**
   * The filesystem and one of its records (`keyOf(fs.id)`) by point reads outside any
   * transaction, as `live` and then a `get` of the record answer them — in one round trip when
   * the engine has `getEach` and this process has seen the filesystem INITED under its id X:
   * the catalogue entry and the record under X are read together, and the record counts only
   * if the entry, read at instant Tc, still names X, INITED (else the filesystem was re-created:
   * the record is read again under the new id). The record's read, at Tr, may come before Tc;
   * the answer still holds at one instant, because a filesystem that leaves INITED under its
   * name (deleteFs renames or drops it) does not come back under the same id — except by a load
   * of a dump of it after it was dropped, which writes each of its records once, before its
   * catalogue entry, and nothing else writes them before that. So X was INITED from before the
   * call through Tc, and the answer holds at Tr; or X came back by a load at some Tl in (Tr,
   * Tc], and the record at Tl is the one read at Tr. If Tc came first, it is `live`, then `get`.
   */
  async liveWith(name: string, keyOf: (fsId: number) => Key): Promise<{ fs: FsInfo; value: Buffer | undefined }> {
    const seen = this.decoded.get(name);
    if (seen?.fs.status === 'INITED' && this.kv.getEach) {
      const [raw, value] = await this.kv.getEach([seen.key, keyOf(seen.fs.id)]);
      const fs = checkLive(name, raw ? this.decode(name, raw) : undefined);
      return { fs, value: fs.id === seen.fs.id ? value : await this.kv.get(keyOf(fs.id)) };
    }
    const fs = await this.live(name);
    return { fs, value: await this.kv.get(keyOf(fs.id)) };
  }

  /**
   * The filesystem's info for planning a mutation, at most FS_INFO_CACHE_MS old. When it is
   * older, the requests that ask meanwhile share one read (under load they would each send one).
   */
  async info(name: string): Promise<FsInfo> {
    const hit = this.planning.get(name);
    if (hit && performance.now() - hit.at < FS_INFO_CACHE_MS) return hit.fs;
    const shared = this.reading.get(name);
    if (shared) return shared;
    const at = performance.now(); // what the read answers is as old as its sending
    // A read that checkPlanned disowned (it met the filesystem re-created) plans nothing more.
    const mine = () => this.reading.get(name) === read;
    const read: Promise<FsInfo> = this.live(name)
      .then((fs) => {
        if (mine()) {
          if (this.planning.size >= CACHED_FILESYSTEMS) this.planning.clear();
          this.planning.set(name, { fs, at });
        }
        return fs;
      })
      .finally(() => {
        if (mine()) this.reading.delete(name);
      });
    this.reading.set(name, read);
    return read;
  }

  /** Inside a mutation planned with `info`: the filesystem must still be the one planned with. */
  checkPlanned(fs: FsInfo, plannedFsId: number | undefined): void {
    if (plannedFsId === undefined || fs.id === plannedFsId) return;
    this.planning.delete(fs.name);
    this.reading.delete(fs.name); // the next plan reads afresh, after this transaction saw the change
    throw new StalePlan(fs.name);
  }

  /**
   * Plan with the (cached) filesystem info and run; if the filesystem turned out to have been
   * re-created under its name, plan once more with fresh info.
   */
  async planned<T>(name: string, run: (fs: FsInfo) => Promise<T>): Promise<T> {
    try {
      return await run(await this.info(name));
    } catch (e) {
      if (!(e instanceof StalePlan)) throw e;
      try {
        return await run(await this.info(name));
      } catch (again) {
        if (again instanceof StalePlan) throw fsErr('EAGAIN', `filesystem ${name} is being re-created; retry`);
        throw again;
      }
    }
  }

  /** Create a filesystem; with `idem`, a retried request gets the first answer (`replayed`). */
  create(
    spec: CreateFsSpec,
    idem?: IdempotencyRequest,
    owner: RootOwner = { uid: 0, gid: 0 },
  ): Promise<{ fs: FsInfo; replayed: boolean }> {
    return createFs(this, this.kv, spec, { idem, owner });
  }

  list(): Promise<FsInfo[]> {
    return this.kv.transact(async (tx) => {
      const out: FsInfo[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await tx.scan(CATALOGUE_GROUP, {
          after,
          limit: Math.min(MAX_FS_LIST, this.kv.limits.maxScanLimit),
        });
        for (const e of page.entries) out.push(decodeFsInfo(e.value));
        if (!page.more) return out;
        after = page.last;
      }
    });
  }

  /** The catalogue record of `name` in any state (ENOENT if there is none). */
  async get(name: string): Promise<FsInfo> {
    const fs = await this.kv.transact((tx) => this.read(tx, name));
    if (!fs) throw fsErr('ENOENT', `no filesystem named ${JSON.stringify(name)}`);
    return fs;
  }

  /**
   * Delete a filesystem. An empty one (nothing in the root, the trash or the purge queues) goes
   * at once and answers null; otherwise, with `recursive`, it is renamed (deletingName) and
   * marked DELETING in one transaction — the name is free as soon as this answers — and the
   * sweeper purges its inodes and objects in bounded batches, then drops the catalogue entry
   * (DIGEST §6.6: background deletion). Without `recursive` a non-empty root is ENOTEMPTY.
   */
  delete(
    name: string,
    opts: { recursive: boolean; idem?: IdempotencyRequest },
  ): Promise<{ left: FsInfo | null; replayed: boolean }> {
    return deleteFs(this, this.kv, name, opts);
  }
}

/** Who owns a new filesystem's root directory (the caller that creates it). */
export interface RootOwner {
  uid: number;
  gid: number;
}

function rootInode(owner: RootOwner): Inode {
  const now = nowTimespec();
  return {
    ino: ROOT_INO,
    type: 'dir',
    mode: 0o755,
    uid: owner.uid,
    gid: owner.gid,
    nlink: 2,
    length: 0,
    atime: now,
    mtime: now,
    ctime: now,
    rdev: 0,
    version: 0,
    parents: [ROOT_INO],
    gen: 0,
    seq: 0,
    truncMarks: [],
  };
}

async function createFs(
  catalogue: Catalogue,
  kv: KvStore,
  spec: CreateFsSpec,
  { idem, owner }: { idem?: IdempotencyRequest; owner: RootOwner },
): Promise<{ fs: FsInfo; replayed: boolean }> {
  const fields = checkSpec(spec, kv.limits);
  const createToken = randomUUID();
  const claimed = await kv.transact(async (tx) => {
    const prior = idem && (await findAnswer(tx, idem, Date.now()));
    if (prior) return { fs: prior.value as FsInfo, fresh: false, replayed: true };
    const existing = await catalogue.read(tx, fields.name);
    if (existing && existing.status !== 'NEW') return { fs: existing, fresh: false, replayed: false };
    if (existing) {
      // Another createFs is initialising it right now, or one crashed doing so: only an old
      // enough NEW entry is taken over (and finished).
      if (Date.now() - Date.parse(existing.createdAt) < NEW_TAKEOVER_AFTER_MS)
        return { fs: existing, fresh: false, replayed: false };
      const adopted: FsInfo = { ...existing, createToken };
      writeFsInfo(tx, adopted);
      return { fs: adopted, fresh: true, replayed: false };
    }
    const ctr = counterKey('fs');
    const raw = await tx.get(ctr);
    const id = raw ? new RecordReader(raw).uint() : 1;
    tx.put(ctr, new RecordWriter().uint(id + 1).done());
    const fs: FsInfo = { ...fields, id, status: 'NEW', createdAt: new Date().toISOString(), createToken };
    writeFsInfo(tx, fs);
    return { fs, fresh: true, replayed: false };
  });
  if (claimed.replayed) return { fs: claimed.fs, replayed: true };
  if (!claimed.fresh) throw fsErr('EEXIST', `a filesystem named ${JSON.stringify(fields.name)} exists`);
  const fs = await kv.transact(async (tx) => {
    const cur = await catalogue.read(tx, fields.name);
    if (!cur || cur.id !== claimed.fs.id || cur.status !== 'NEW' || cur.createToken !== createToken) {
      throw fsErr('EEXIST', `a filesystem named ${JSON.stringify(fields.name)} was created concurrently`);
    }
    if (!(await tx.get(inodeKey(cur.id, ROOT_INO)))) tx.put(inodeKey(cur.id, ROOT_INO), encodeInode(rootInode(owner)));
    const { createToken: _done, ...rest } = cur;
    const inited: FsInfo = { ...rest, status: 'INITED' };
    writeFsInfo(tx, inited);
    if (idem) storeAnswer(tx, idem, inited, Date.now());
    return inited;
  });
  return { fs, replayed: false };
}

async function deleteFs(
  catalogue: Catalogue,
  kv: KvStore,
  name: string,
  { recursive, idem }: { recursive: boolean; idem?: IdempotencyRequest },
): Promise<{ left: FsInfo | null; replayed: boolean }> {
  return kv.transact(async (tx) => {
    const prior = idem && (await findAnswer(tx, idem, Date.now()));
    if (prior) return { left: prior.value as FsInfo | null, replayed: true };
    const answer = (left: FsInfo | null) => {
      if (idem) storeAnswer(tx, idem, left, Date.now());
      return { left, replayed: false };
    };
    const fs = await catalogue.read(tx, name);
    if (!fs) throw fsErr('ENOENT', `no filesystem named ${JSON.stringify(name)}`);
    if (fs.status === 'DELETING') return answer(fs);
    const rootEntries = fs.status === 'INITED' ? (await readDirTotals(tx, fs.id, ROOT_INO)).entries : 0;
    if (rootEntries > 0 && !recursive) {
      throw fsErr('ENOTEMPTY', `filesystem ${JSON.stringify(name)} is not empty (use recursive=true)`);
    }
    let pending = rootEntries > 0;
    const queues = [trashGroup, genPurgeGroup, intentGroup, replacedGroup, compactionGroup].map((g) => g(fs.id));
    for (const group of queues) {
      if (!pending) pending = (await tx.scan(group, { limit: 1 })).entries.length > 0;
    }
    if (pending) {
      const deleting: FsInfo = { ...fs, name: deletingName(fs, Date.now()), status: 'DELETING' };
      tx.delete(catalogueKey(fs.name));
      writeFsInfo(tx, deleting);
      return answer(deleting);
    }
    await dropFsRecords(tx, fs);
    return answer(null);
  });
}

/** The last step of deleting a filesystem: its root, counters, usage and catalogue entry. */
export async function dropFsRecords(tx: Tx, fs: FsInfo): Promise<void> {
  const root = await tx.get(inodeKey(fs.id, ROOT_INO));
  if (root) await deleteInodeRecords(tx, fs.id, decodeInode(ROOT_INO, root));
  await deleteUsage(tx, fs.id);
  tx.delete(counterKey(`${fs.id}.ino`));
  tx.delete(counterKey(`${fs.id}.slice`));
  tx.delete(catalogueKey(fs.name));
}
