// Slices (DESIGN §3.3; DIGEST §2.3 S3ChunkInfo), and the one owner of every change to them.
//
// A slice is one record per flushed extent, in the inode's group under its content generation
// and chunk (fs/keys.ts "s{gen}{chunk}{sliceId}"), so appending is a blind insert. Slices are
// ordered by a per-inode commit sequence `seq` given in the committing transaction: the slice
// committed last wins, whoever allocated its id first (model.ts Slice).
//
// Every change is one transaction, with its invariants asserted:
//   append            a flush commits new slices on top of the file's current generation:
//                     each gets the next seq, the length grows to cover them, usage grows
//                     with the length, mtime/ctime become now, the intent that named their
//                     objects is dropped, and the writer's fencing token is compared in the
//                     same transaction (DESIGN §1.5);
//   commitDirect      a direct upload's commit (DESIGN §4 "Direct data plane"): the same rules
//                     as append, for the slices its intent planned, while the upload is open
//                     and not about to expire; optionally the file then ends where it ends;
//   stage             slices of a whole-file upload beyond what its commit can hold, written
//                     ahead under the upload's new generation (nothing reads them yet);
//   switchGeneration  the upload's commit: the inode moves to the new generation with its
//                     length, and the old generation is queued for purge.
// Objects are written before the slice that names them is committed (DIGEST §3.5 "Ordering
// guarantee"), and until then an upload intent names them (fs/intents.ts), so a writer that
// dies in between leaks nothing: the sweeper deletes what an expired intent names.
import { fsErr, invariant } from '../errno.ts';
import type { KvLimits, KvStore, Tx } from '../kv/types.ts';
import { markShrink } from './attrs.ts';
import type { Catalogue } from './catalogue.ts';
import { nowTimespec } from './clock.ts';
import { decodeInode, decodeSlice, encodeJson, encodeSlice } from './codec.ts';
import { IdAllocators, SLICE_ID_BATCH, type IdAllocator } from './ids.ts';
import { findAnswer, type IdempotencyRequest, storeAnswer } from './idempotency.ts';
import { type Stat, statOf, writeInode } from './inodes.ts';
import {
  assertIntentLive,
  DIRECT_COMMIT_MARGIN_MS,
  DIRECT_LATE_PUT_GRACE_MS,
  type DirectUpload,
  type DirectUploadRecord,
  dropIntent,
  newIntentId,
  openDirect,
  putIntent,
  readIntent,
  UPLOAD_INTENT_TTL_MS,
  type UploadIntent,
} from './intents.ts';
import { genPurgeKey, inodeGroup, inodeKey, readOrdUint, slicePrefix, sliceKey } from './keys.ts';
import { chunkIndexOf, type Geometry, sliceBlocks } from './layout.ts';
import { assertWriter } from './leases.ts';
import type { FsInfo, Inode, Slice } from './model.ts';
import type { OpCtx } from './namespace.ts';
import { type CounterShards, newCounterShards } from './shards.ts';
import { bumpUsage } from './usage.ts';

export const FIRST_SLICE_ID = 1;
/** Slices asked for per scan page (the engine answers at most its own scan limit). */
const SCAN_PAGE = 1000;
/**
 * Writes a whole-file upload's commit makes besides its slices: the inode, its dentry, a
 * directory shard, two usage shards (a new inode, its bytes), the purge record of the old
 * generation, the intent, and a stored Idempotency-Key answer.
 */
const SWITCH_WRITES_BESIDES_SLICES = 8;

/** Slices an upload's commit holds itself, within the engine's write limit; the rest are staged. */
export function slicesInSwitch(limits: KvLimits): number {
  return limits.maxWritesPerTx - SWITCH_WRITES_BESIDES_SLICES;
}

/**
 * Keys a direct upload's commit touches besides its slices: the stored answer, the intent, the
 * inode, the lease and its token counter, a usage shard. Counted whether read or written: a
 * DynamoDB transaction holds at most that many keys of either kind (kv/dynamodb-items.ts).
 */
const DIRECT_COMMIT_KEYS_BESIDES_SLICES = 6;

/** Slices one direct upload may commit (one per chunk its range touches), within the engine's limit. */
export function slicesInDirectCommit(limits: KvLimits): number {
  return limits.maxWritesPerTx - DIRECT_COMMIT_KEYS_BESIDES_SLICES;
}

/** A slice not committed yet (seq is given by the committing transaction). */
export type NewSlice = Omit<Slice, 'seq'>;

/** Slices whose ids are reserved and whose objects an intent names, waiting to be committed. */
export interface PendingSlices {
  intentId: string;
  slices: NewSlice[];
}

/** A whole-file upload in progress: its new generation and the intent naming its objects. */
export interface PendingGeneration {
  ino: number;
  gen: number;
  intentId: string;
  intent: UploadIntent;
}

function assertInOneChunk(g: Geometry, s: NewSlice): void {
  invariant(s.len > 0 && s.offset >= 0, `slice ${s.sliceId} has bytes at a file offset`);
  invariant(chunkIndexOf(g, s.offset) === chunkIndexOf(g, s.offset + s.len - 1), 'a slice never spans two chunks');
}

/** A slice's checksums, when it has them, cover every page of every one of its objects. */
function assertChecksumsCover(g: Geometry, s: Slice): void {
  if (!s.checksums) return;
  const { pageBytes, objects } = s.checksums;
  const blocks = sliceBlocks(g, s);
  invariant(
    objects.length === blocks.length && blocks.every((b, i) => objects[i].length === Math.ceil(b.len / pageBytes)),
    `slice ${s.sliceId} has a checksum for each page of each of its objects`,
  );
}

function putSlice(tx: Tx, g: Geometry, fsId: number, ino: number, gen: number, s: Slice): void {
  assertChecksumsCover(g, s);
  tx.put(sliceKey(fsId, ino, gen, chunkIndexOf(g, s.offset), s.sliceId), encodeSlice(s));
}

export interface SlicesOptions {
  /** Intents expire this long after their last change (CIRRUS_INTENT_TTL_MS). */
  intentTtlMs?: number;
  /** This instance's write verifier, recorded in its intents as their writer. */
  writer?: string;
}

export class Slices {
  private readonly allocators: IdAllocators;
  /** Turns over the usage shards (the directory turns are never used by slice changes). */
  private readonly shards: CounterShards = newCounterShards();
  private readonly intentTtlMs: number;
  private readonly writer: string | undefined;

  constructor(
    private readonly kv: KvStore,
    private readonly catalogue: Catalogue,
    opts: SlicesOptions = {},
  ) {
    this.allocators = new IdAllocators(kv);
    this.intentTtlMs = opts.intentTtlMs ?? UPLOAD_INTENT_TTL_MS;
    this.writer = opts.writer;
  }

  /** A new intent's record: its writer, and its expiry from now. */
  private newIntent(ino: number, fields: Pick<UploadIntent, 'sliceIds' | 'stagedGen'>): UploadIntent {
    const intent: UploadIntent = { ino, ...fields, expiresAt: Date.now() + this.intentTtlMs };
    if (this.writer !== undefined) intent.writer = this.writer;
    return intent;
  }

  /** Slice ids name objects and content generations: unique in the filesystem, never reused. */
  private sliceIds(fs: Pick<FsInfo, 'id'>): IdAllocator {
    return this.allocators.get(`${fs.id}.slice`, SLICE_ID_BATCH, FIRST_SLICE_ID);
  }

  /**
   * Record an intent, in a transaction that also checks the filesystem is live: an intent must
   * never be written into a filesystem whose deletion has begun (nothing would sweep it).
   */
  private async writeIntent(fs: FsInfo, id: string, intent: UploadIntent, opts: { update: boolean }): Promise<void> {
    await this.kv.transact(async (tx) => {
      if ((await this.catalogue.open(tx, fs.name)).id !== fs.id) {
        throw fsErr('ENOENT', `filesystem ${fs.name} was deleted`);
      }
      if (opts.update) await assertIntentLive(tx, fs.id, id); // never revive one being collected
      putIntent(tx, fs.id, id, intent);
    });
  }

  /**
   * Ids for extents about to be written as objects, and the intent that names them; for a
   * direct upload, the intent also keeps its plan (`direct`).
   */
  async reserve(
    fs: FsInfo,
    ino: number,
    extents: readonly { offset: number; len: number }[],
    direct?: Omit<DirectUploadRecord, 'slices'>,
  ): Promise<PendingSlices> {
    const slices: NewSlice[] = [];
    for (const e of extents) {
      const slice = {
        sliceId: await this.sliceIds(fs).allocate(),
        compaction: 0,
        offset: e.offset,
        len: e.len,
        zero: false,
      };
      assertInOneChunk(fs, slice);
      slices.push(slice);
    }
    const intentId = newIntentId();
    const sliceIds = slices.map((s) => s.sliceId);
    // A direct upload's writer is its client (no instance to outlive), and its expiry is fixed
    // by its URLs' lifetime, not the setting.
    const intent: UploadIntent = direct
      ? { ino, sliceIds, expiresAt: Date.now() + UPLOAD_INTENT_TTL_MS }
      : this.newIntent(ino, { sliceIds });
    if (direct) {
      intent.direct = { ...direct, slices: slices.map(({ sliceId, offset, len }) => ({ sliceId, offset, len })) };
      invariant(intent.expiresAt - DIRECT_COMMIT_MARGIN_MS > direct.urlsExpireAt, 'the URLs expire before the upload');
    }
    await this.writeIntent(fs, intentId, intent, { update: false });
    return { intentId, slices };
  }

  /**
   * Commit reserved slices whose objects are written, newest last (in write order), under
   * writer-lease `token`. False when the file is gone (purged meanwhile: nothing to attach the
   * data to; the caller deletes the objects).
   */
  append(fs: FsInfo, ino: number, pending: PendingSlices, opts: { token: number | undefined }): Promise<boolean> {
    invariant(pending.slices.length > 0, 'a flush commits at least one slice');
    return this.kv.transact(async (tx) => {
      const raw = await tx.get(inodeKey(fs.id, ino));
      await assertIntentLive(tx, fs.id, pending.intentId); // the objects it names are all there
      dropIntent(tx, fs.id, pending.intentId);
      if (!raw) return false;
      await this.commitSlices(tx, fs, decodeInode(ino, raw), pending.slices, { token: opts.token, endsFile: false });
      return true;
    });
  }

  /**
   * The rules of every commit of new slices on top of a file's generation (append,
   * commitDirect): each slice gets the next seq; the length grows to cover them (or, with
   * `endsFile`, becomes their end: a truncation mark voids what was past it); usage follows
   * the length; mtime/ctime become now; the writer's fencing token is compared in this same
   * transaction (DESIGN §1.5). The caller drops the intent.
   */
  private async commitSlices(
    tx: Tx,
    fs: FsInfo,
    inode: Inode,
    slices: readonly NewSlice[],
    opts: { token: number | undefined; endsFile: boolean },
  ): Promise<void> {
    if (inode.type !== 'file') throw fsErr('EISDIR', `inode ${inode.ino} is not a regular file`);
    // Fencing (DESIGN §1.5): compared in the same transaction as the slices it guards.
    await assertWriter(tx, { fsId: fs.id, ino: inode.ino }, opts.token, Date.now());
    const before = { seq: inode.seq, length: inode.length };
    for (const s of slices) {
      assertInOneChunk(fs, s);
      putSlice(tx, fs, fs.id, inode.ino, inode.gen, { ...s, seq: ++inode.seq }); // newer than all before
    }
    const end = Math.max(...slices.map((s) => s.offset + s.len));
    inode.length = Math.max(inode.length, end);
    if (opts.endsFile && inode.length > end) {
      await markShrink(tx, fs.id, inode, end); // after the new slices: they end at or before `end`
      inode.length = end;
    }
    invariant(inode.seq === before.seq + slices.length, 'each slice took the next commit sequence');
    invariant(inode.length >= end, 'the file covers its new slices');
    bumpUsage({ tx, fs, now: nowTimespec(), shards: this.shards }, { inodes: 0, bytes: inode.length - before.length });
    inode.mtime = inode.ctime = nowTimespec();
    writeInode(tx, fs.id, inode);
  }

  /** An open direct upload of `ino`: ENOENT when it is committed, aborted, expired or unknown. */
  async directUpload(fs: FsInfo, ino: number, uploadId: string): Promise<DirectUpload> {
    const intent = await this.kv.transact((tx) => readIntent(tx, fs.id, uploadId));
    return openDirect(intent, ino, uploadId, Date.now());
  }

  /**
   * Commit a direct upload whose objects were checked: in one transaction, the upload must
   * still be open (not committed, closed, or within DIRECT_COMMIT_MARGIN_MS of expiring), its
   * slices are committed as `append` commits them, and its intent is dropped. `endsFile`: the
   * file then ends where the upload ends. With `idem`, the answer is stored for retries.
   */
  commitDirect(
    fs: FsInfo,
    ino: number,
    uploadId: string,
    opts: { token: number | undefined; endsFile: boolean; idem?: IdempotencyRequest },
  ): Promise<{ value: Stat; replayed: boolean }> {
    return this.kv.transact(async (tx) => {
      const now = Date.now();
      if (opts.idem) {
        const prior = await findAnswer(tx, opts.idem, now);
        if (prior) return { value: prior.value as Stat, replayed: true };
      }
      const upload = openDirect(await readIntent(tx, fs.id, uploadId), ino, uploadId, now);
      const raw = await tx.get(inodeKey(fs.id, ino));
      if (!raw) throw fsErr('ENOENT', `no inode ${ino}: the file was removed`);
      const inode = decodeInode(ino, raw);
      await this.commitSlices(tx, fs, inode, upload.slices, { token: opts.token, endsFile: opts.endsFile });
      dropIntent(tx, fs.id, uploadId);
      const value = statOf(inode);
      if (opts.idem) storeAnswer(tx, opts.idem, value, now);
      return { value, replayed: false };
    });
  }

  /**
   * Close an open direct upload that will never be committed (aborted, or refused at its
   * commit): its intent stays, closed, until its URLs have expired (plus
   * DIRECT_LATE_PUT_GRACE_MS), then the sweeper collects whatever landed. The upload if this
   * call closed it (the caller deletes its objects now), undefined if it was not open.
   */
  async closeDirect(fs: FsInfo, ino: number, uploadId: string): Promise<DirectUpload | undefined> {
    return this.kv.transact(async (tx) => {
      const intent = await readIntent(tx, fs.id, uploadId);
      if (!intent?.direct || intent.ino !== ino || intent.direct.closed) return undefined;
      const upload = openDirect(intent, ino, uploadId, Number.NEGATIVE_INFINITY); // (expiry does not matter here)
      const until = intent.direct.urlsExpireAt + DIRECT_LATE_PUT_GRACE_MS;
      putIntent(tx, fs.id, uploadId, { ...intent, expiresAt: until, direct: { ...intent.direct, closed: true } });
      return upload;
    });
  }

  /** Drop the intent of reserved slices that will never be committed (their objects are gone). */
  async abandon(fs: FsInfo, intentId: string): Promise<void> {
    await this.kv.transact(async (tx) => dropIntent(tx, fs.id, intentId));
  }

  /** Start a whole-file upload of `ino`: a new generation, and an intent naming its objects. */
  async reserveGeneration(fs: FsInfo, ino: number): Promise<PendingGeneration> {
    const gen = await this.sliceIds(fs).allocate();
    const intent = this.newIntent(ino, { stagedGen: gen, sliceIds: [] });
    const pending = { ino, gen, intentId: newIntentId(), intent };
    await this.writeIntent(fs, pending.intentId, intent, { update: false });
    return pending;
  }

  /** A slice id for the next chunk of an upload, named by its intent before any object is written. */
  async reserveUploadSlice(fs: FsInfo, upload: PendingGeneration): Promise<number> {
    const id = await this.sliceIds(fs).allocate();
    upload.intent.sliceIds.push(id);
    upload.intent.expiresAt = Date.now() + this.intentTtlMs; // a long upload that makes progress stays alive
    await this.writeIntent(fs, upload.intentId, upload.intent, { update: true });
    return id;
  }

  /**
   * Write an upload's slices that its commit cannot hold (all but the first `slicesInSwitch`),
   * in batches within the engine's write limit, under the upload's generation.
   */
  async stage(fs: FsInfo, upload: PendingGeneration, slices: readonly Slice[]): Promise<void> {
    const batch = this.kv.limits.maxWritesPerTx;
    for (let i = slicesInSwitch(this.kv.limits); i < slices.length; i += batch) {
      const part = slices.slice(i, i + batch);
      await this.kv.transact(async (tx) => {
        for (const s of part) putSlice(tx, fs, fs.id, upload.ino, upload.gen, s);
      });
    }
  }

  /** Undo an upload that will never be committed: its staged slices and its intent (objects are the caller's). */
  async abandonGeneration(fs: FsInfo, upload: PendingGeneration): Promise<void> {
    await deleteGenSlices(this.kv, fs.id, upload.ino, upload.gen);
    await this.abandon(fs, upload.intentId);
  }
}

/**
 * An upload's commit, inside the mutation that also creates the file's name if it is new:
 * switch `inode` to the upload's generation, whose slices run back to back from offset 0 with
 * seq 1, 2, … (the first `slicesInSwitch` are written here, the rest were staged). The old
 * generation, if it has slices, is queued for purge; readers of it finish within the grace.
 */
export async function switchGeneration(
  c: OpCtx,
  inode: Inode,
  upload: PendingGeneration,
  written: { slices: readonly Slice[]; length: number; inSwitch: number },
): Promise<void> {
  invariant(
    upload.ino === inode.ino && upload.gen !== inode.gen,
    'an upload switches its own inode to a new generation',
  );
  let end = 0;
  written.slices.forEach((s, i) => {
    invariant(s.seq === i + 1 && s.offset === end, 'upload slices run back to back from 0 in commit order');
    end += s.len;
  });
  invariant(end === written.length, 'upload slices cover the whole new length');
  if ((await scanGenSlices(c.tx, c.fs.id, inode.ino, inode.gen, 1)).length > 0) {
    c.tx.put(genPurgeKey(c.fs.id, inode.ino, inode.gen), encodeJson({ at: Date.now() }));
  }
  await assertIntentLive(c.tx, c.fs.id, upload.intentId); // the objects it names are all there
  bumpUsage(c, { inodes: 0, bytes: written.length - inode.length });
  inode.gen = upload.gen;
  inode.seq = written.slices.length;
  inode.truncMarks = [];
  inode.length = written.length;
  inode.mtime = c.now;
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
  for (const s of written.slices.slice(0, written.inSwitch)) putSlice(c.tx, c.fs, c.fs.id, inode.ino, upload.gen, s);
  dropIntent(c.tx, c.fs.id, upload.intentId);
}

/**
 * Slices of the chunks [start, end) touches, by chunk. One ordered scan of the generation from
 * the first chunk on: chunks without slices cost nothing (sparse files).
 */
export async function readRangeSlices(
  tx: Tx,
  g: Geometry,
  file: { fsId: number; ino: number; gen: number },
  range: { start: number; end: number },
): Promise<Map<number, Slice[]>> {
  const byChunk = new Map<number, Slice[]>();
  if (range.end <= range.start) return byChunk;
  const prefix = slicePrefix(file.gen);
  const lastChunk = chunkIndexOf(g, range.end - 1);
  let after: string | undefined = slicePrefix(file.gen, chunkIndexOf(g, range.start)); // every item of that chunk sorts after it
  for (;;) {
    const page = await tx.scan(inodeGroup(file.fsId, file.ino), { prefix, after, limit: SCAN_PAGE });
    for (const e of page.entries) {
      const [chunk] = readOrdUint(e.item, prefix.length);
      if (chunk > lastChunk) return byChunk;
      let list = byChunk.get(chunk);
      if (!list) {
        list = [];
        byChunk.set(chunk, list);
      }
      list.push(decodeSlice(e.value));
    }
    if (!page.more) return byChunk;
    after = page.last;
  }
}

/** Up to `limit` slice keys of one generation (any chunk), for purging. */
export async function scanGenSlices(tx: Tx, fsId: number, ino: number, gen: number, limit: number) {
  const page = await tx.scan(inodeGroup(fsId, ino), { prefix: slicePrefix(gen), limit });
  return page.entries.map((e) => ({
    key: { group: inodeGroup(fsId, ino), item: e.item },
    slice: decodeSlice(e.value),
  }));
}

/** Delete the slice keys of one generation (staged by an upload that then failed). */
async function deleteGenSlices(kv: KvStore, fsId: number, ino: number, gen: number): Promise<void> {
  const group = inodeGroup(fsId, ino);
  for (;;) {
    const page = await kv.transact((tx) =>
      tx.scan(group, { prefix: slicePrefix(gen), limit: kv.limits.maxWritesPerTx }),
    );
    if (page.entries.length === 0) return;
    await kv.transact(async (tx) => {
      for (const e of page.entries) tx.delete({ group, item: e.item });
    });
  }
}
