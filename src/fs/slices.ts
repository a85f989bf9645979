// Slices (DESIGN §3.3; DIGEST §2.3 S3ChunkInfo), and the one owner of every change to them.
//
// A slice is one record per flushed extent, in the inode's group under its content generation
// and chunk (fs/keys.ts "s{gen}{chunk}{sliceId}"), so appending is a blind insert. Slices are
// ordered by a per-inode commit sequence `seq` given in the committing transaction: the slice
// committed last wins, whoever allocated its id first (model.ts Slice).
//
// A small file's contents are not slices but one inline record beside its inode (fs/inline.ts,
// DESIGN §3.3); they change here too. Every change is one transaction, with its invariants
// asserted:
//   beginFlush        a flush starts: if the file stays within its filesystem's inlineBytes
//                     and has no slices, its bytes are written into the inline record and the
//                     flush is done (fenced, one transaction, no object); otherwise slice ids
//                     are reserved and an intent names their objects — with the inline bytes
//                     *spilled* under the flush's extents when the file was inline;
//   append            a flush commits its slices on top of the file's current generation:
//                     each gets the next seq, the length grows to cover them, usage grows
//                     with the length, mtime/ctime become now, the intent that named their
//                     objects is dropped, a spilled inline record is deleted (if it is still
//                     the one spilled), and the writer's fencing token is compared in the
//                     same transaction (DESIGN §1.5);
//   commitDirect      a direct upload's commit (DESIGN §4 "Direct data plane"): the same rules
//                     as append, for the slices its intent planned, while the upload is open
//                     and not about to expire; optionally the file then ends where it ends;
//   truncateInline    a shrink of an inline file cuts its record (no truncation mark);
//   stage             slices of a whole-file upload beyond what its commit can hold, written
//                     ahead under the upload's new generation (nothing reads them yet);
//   switchContents    a whole-file upload's commit: the inode moves to the new generation
//                     with its slices, or with inline bytes, and its length; the old
//                     generation is queued for purge if it has slices.
//   replaceSlices     compaction's commit (DIGEST §4.1 step 8): the oldest slices of one chunk,
//                     exactly as read, give way to the slice rebuilt from their view, which
//                     takes the newest replaced one's seq — so every slice committed meanwhile
//                     is newer and still wins — and their objects are queued for purge after a
//                     grace (fs/replaced-objects.ts). Length, usage, times and ETag stay.
// Objects are written before the slice that names them is committed (DIGEST §3.5 "Ordering
// guarantee"), and until then an upload intent names them (fs/intents.ts), so a writer that
// dies in between leaks nothing: the sweeper deletes what an expired intent names.
import { FsError, fsErr, invariant } from '../errno.ts';
import type { KvLimits, KvStore, Tx } from '../kv/types.ts';
import { markShrink } from './attrs.ts';
import type { Catalogue } from './catalogue.ts';
import { nowTimespec } from './clock.ts';
import { decodeInode, decodeSlice, encodeInode, encodeJson, encodeSlice } from './codec.ts';
import { IdAllocators, SLICE_ID_BATCH, type IdAllocator } from './ids.ts';
import { findAnswer, type IdempotencyRequest, storeAnswer } from './idempotency.ts';
import {
  coversInline,
  dropInline,
  type Extent,
  inlineNotCovered,
  extentsEnd,
  paintExtents,
  readInline,
  spillExtents,
  storeInline,
} from './inline.ts';
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
import { noteCandidate } from './compaction-queue.ts';
import { genPurgeKey, inodeGroup, inodeKey, readOrdUint, slicePrefix, sliceKey } from './keys.ts';
import { chunkIndexOf, chunkStartOf, type Geometry, sliceBlocks } from './layout.ts';
import { assertWriter } from './leases.ts';
import type { FsInfo, Inode, Slice } from './model.ts';
import type { OpCtx } from './namespace.ts';
import { queueReplaced } from './replaced-objects.ts';
import { type CounterShards, newCounterShards } from './shards.ts';
import { pruneTruncMarks } from './trunc-marks.ts';
import { bumpUsage } from './usage.ts';

export const FIRST_SLICE_ID = 1;
/** Slices asked for per scan page (the engine answers at most its own scan limit). */
const SCAN_PAGE = 1000;
/**
 * Truncation marks are pruned against every slice of the generation, read in the committing
 * transaction; a file with more slices than this keeps its marks (always safe) until
 * compaction has brought its slice count down.
 */
export const MARK_PRUNE_SCAN_LIMIT = 1000;
/** Keys a compaction's commit touches besides the replaced slices: the inode, the rebuilt slice, the purge record, the intent. */
const REPLACE_KEYS_BESIDES_SLICES = 4;
/**
 * On an engine that bounds the keys a transaction reads (DynamoDB), the replaced slices take at
 * most this share of the budget: the rest is for the commit's checks, which read the chunk's
 * other slices and, to prune truncation marks, the generation's.
 */
const REPLACE_SHARE_OF_KEY_BUDGET = 0.5;

/** Slices one compaction commit can replace, within the engine's write limit (and its key limit). */
export function slicesInReplace(limits: KvLimits): number {
  const byWrites = limits.maxWritesPerTx - REPLACE_KEYS_BESIDES_SLICES;
  if (limits.maxKeysPerTx === undefined) return byWrites;
  return Math.min(
    byWrites,
    Math.floor(limits.maxKeysPerTx * REPLACE_SHARE_OF_KEY_BUDGET) - REPLACE_KEYS_BESIDES_SLICES,
  );
}
/**
 * Writes a whole-file upload's commit makes besides its slices: the inode, its dentry, a
 * directory shard, two usage shards (a new inode, its bytes), the purge record of the old
 * generation, the intent, the inline record it drops, and a stored Idempotency-Key answer.
 */
const SWITCH_WRITES_BESIDES_SLICES = 9;
/**
 * Slice ids an upload of unknown length reserves with its intent, and reserves again each time
 * its body reaches that many more chunks: one intent write per this many chunks (1 GiB at the
 * default 64 MiB chunks), instead of one per chunk.
 */
export const UPLOAD_IDS_AHEAD = 16;
/** At most this many ids are reserved up front for a body whose length is announced. */
const UPLOAD_IDS_UP_FRONT_MAX = 1024;

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
  /** The file's inline bytes these slices carry (their oldest layer), as they were when read. */
  spilled?: { gen: number; bytes: Buffer };
}

/** How a flush goes on after beginFlush. */
export type FlushStart =
  /** The bytes are committed as the file's inline contents: the flush is done. */
  | { kind: 'inline' }
  /** The file is gone (purged meanwhile): there is nothing to write the bytes into. */
  | { kind: 'gone' }
  /** Write each extent as the objects of its slice, then `append` the slices. */
  | { kind: 'blocks'; pending: PendingSlices; extents: Extent[] };

/**
 * A flush found the file's inline contents changed between beginFlush and append (another
 * instance wrote, truncated or replaced them): its slices carry stale bytes, so the flush
 * starts over.
 */
export class InlineChanged extends FsError {
  constructor(ino: number) {
    super('EAGAIN', `the inline contents of inode ${ino} changed while they were being moved to blocks; retry`);
  }
}

/** What a compaction commits for one chunk (see Slices.replaceSlices). */
export interface SliceReplacement {
  /** The generation the slices were read in. */
  gen: number;
  chunk: number;
  /** The slices replaced, exactly as read: the oldest of the chunk in commit order. */
  replaced: readonly Slice[];
  /** The slice rebuilt from their view, reserved with its intent; absent when the view had no bytes. */
  rebuilt?: PendingSlices;
}

/** A whole-file upload in progress: its new generation and the intent naming its objects. */
export interface PendingGeneration {
  ino: number;
  gen: number;
  intentId: string;
  intent: UploadIntent;
  /** Ids the intent names that no chunk uses yet, in order. */
  freeIds: number[];
}

/**
 * A direct upload into a file kept inline must cover its bytes from offset 0 (EINVAL
 * otherwise): the client writes the objects, so nothing can carry the inline bytes into them.
 */
export function checkDirectOverInline(inode: Inode, ranges: readonly { offset: number; len: number }[]): void {
  if (inode.inline && !coversInline(inode, ranges)) throw inlineNotCovered(inode);
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
   * Ids for extents about to be written as objects by a direct upload or a compaction, and
   * the intent that names them (a flush reserves its ids in beginFlush). A compaction's rebuilt
   * extent carries its compaction count (DIGEST §4.1 step 6); a direct upload's intent also
   * keeps its plan (`direct`).
   */
  async reserve(
    fs: FsInfo,
    ino: number,
    extents: readonly { offset: number; len: number; compaction?: number }[],
    direct?: Omit<DirectUploadRecord, 'slices'>,
  ): Promise<PendingSlices> {
    const slices = await this.newSlices(fs, extents);
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

  /** Fresh slice ids for extents (each within one chunk) about to be written as objects. */
  private async newSlices(
    fs: FsInfo,
    extents: readonly { offset: number; len: number; compaction?: number }[],
  ): Promise<NewSlice[]> {
    const slices: NewSlice[] = [];
    for (const e of extents) {
      const slice = {
        sliceId: await this.sliceIds(fs).allocate(),
        compaction: e.compaction ?? 0,
        offset: e.offset,
        len: e.len,
        zero: false,
      };
      assertInOneChunk(fs, slice);
      slices.push(slice);
    }
    return slices;
  }

  /**
   * The first transaction of a flush of `extents` (disjoint, each within one chunk) under
   * writer-lease `token`: commit them as inline contents if the file stays small, or reserve
   * their slices (see FlushStart).
   */
  beginFlush(fs: FsInfo, ino: number, extents: readonly Extent[], opts: { token: number | undefined }) {
    invariant(extents.length > 0, 'a flush writes at least one extent');
    return this.kv.transact(async (tx): Promise<FlushStart> => {
      if ((await this.catalogue.open(tx, fs.name)).id !== fs.id) {
        throw fsErr('ENOENT', `filesystem ${fs.name} was deleted`);
      }
      const raw = await tx.get(inodeKey(fs.id, ino));
      if (!raw) return { kind: 'gone' };
      const inode = decodeInode(ino, raw);
      if (inode.type !== 'file') throw fsErr('EISDIR', `inode ${ino} is not a regular file`);
      const inline = await readInline(tx, fs.id, inode);
      const length = Math.max(inode.length, extentsEnd(extents));
      if (inode.seq === 0 && length <= fs.inlineBytes) {
        await assertWriter(tx, { fsId: fs.id, ino }, opts.token, Date.now());
        const c = { tx, fs, now: nowTimespec(), shards: this.shards };
        bumpUsage(c, { inodes: 0, bytes: length - inode.length });
        inode.length = length;
        inode.truncMarks = []; // with no slice they void nothing
        storeInline(tx, fs.id, inode, paintExtents(inline, extents));
        inode.mtime = inode.ctime = c.now;
        writeInode(tx, fs.id, inode);
        return { kind: 'inline' };
      }
      const parts = inode.inline ? spillExtents(fs, inline, extents) : [...extents];
      const slices = await this.newSlices(
        fs,
        parts.map((e) => ({ offset: e.offset, len: e.bytes.length })),
      );
      const intentId = newIntentId();
      putIntent(tx, fs.id, intentId, this.newIntent(ino, { sliceIds: slices.map((s) => s.sliceId) }));
      const spilled = inode.inline ? { gen: inode.gen, bytes: inline } : undefined;
      return { kind: 'blocks', pending: { intentId, slices, spilled }, extents: parts };
    });
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
      const inode = decodeInode(ino, raw);
      await this.takeSpilled(tx, fs, inode, pending);
      await this.commitSlices(tx, fs, inode, pending.slices, { token: opts.token, endsFile: false });
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
    // On top of earlier slices: a chunk may now be fragmented or hide bytes (DIGEST §4.1 step 3).
    if (before.seq > 0) noteCandidate(tx, fs.id, inode.ino, inode.seq);
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
      if (inode.inline) {
        checkDirectOverInline(inode, upload.slices); // checked when planned; the file may have changed since
        dropInline(tx, fs.id, inode); // the upload's bytes supersede every inline one
      }
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

  /**
   * In append: the slices must carry the file's inline bytes exactly when its contents are
   * inline, and the very bytes they are now (InlineChanged otherwise); then the record goes.
   */
  private async takeSpilled(tx: Tx, fs: FsInfo, inode: Inode, pending: PendingSlices): Promise<void> {
    const { spilled } = pending;
    if (!spilled) {
      if (inode.inline) throw new InlineChanged(inode.ino);
      return;
    }
    const now = await readInline(tx, fs.id, inode);
    if (!inode.inline || inode.gen !== spilled.gen || !now.equals(spilled.bytes)) throw new InlineChanged(inode.ino);
    invariant(inode.seq === 0 && inode.truncMarks.length === 0, 'inline contents have no slices and no marks');
    const carried = pending.slices.filter((s) => s.offset < spilled.bytes.length);
    invariant(
      carried.reduce((n, s) => n + Math.min(s.offset + s.len, spilled.bytes.length) - s.offset, 0) ===
        spilled.bytes.length,
      'the slices carry every spilled byte',
    );
    dropInline(tx, fs.id, inode);
  }

  /**
   * Compaction's commit (DIGEST §4.1 step 8, the "CAS-like guard"): in one transaction, delete
   * exactly the slices `r.replaced` — the oldest of chunk `r.chunk`, as the compaction read
   * them — put the rebuilt slice (if the view had any bytes) with the newest replaced seq, queue
   * the replaced objects for purge, drop the rebuilt slice's intent, and prune truncation marks
   * the swap left voiding nothing. 'stale' when the file moved on in a way that voids the
   * rebuild (it is gone, its contents were replaced, or a replaced slice was removed by another
   * compaction): nothing is written, and the caller deletes the rebuilt objects.
   */
  replaceSlices(fs: FsInfo, ino: number, r: SliceReplacement): Promise<'replaced' | 'stale'> {
    invariant(r.replaced.length > 0, 'a compaction replaces at least one slice');
    invariant(r.replaced.length <= slicesInReplace(this.kv.limits), 'a compaction commit fits in one transaction');
    return this.kv.transact(async (tx) => {
      const raw = await tx.get(inodeKey(fs.id, ino));
      if (!raw) return 'stale';
      const inode = decodeInode(ino, raw);
      if (inode.type !== 'file' || inode.gen !== r.gen) return 'stale';
      const keys = r.replaced.map((s) => sliceKey(fs.id, ino, r.gen, r.chunk, s.sliceId));
      if ((await tx.getMany(keys)).some((v) => v === undefined)) return 'stale';
      const newest = Math.max(...r.replaced.map((s) => s.seq));
      const replacedIds = new Set(r.replaced.map((s) => s.sliceId));
      for (const s of r.replaced) invariant(chunkIndexOf(fs, s.offset) === r.chunk, 'replaced slices lie in the chunk');
      invariant(newest <= inode.seq, 'replaced slices were committed');
      // The replaced slices are a prefix of the chunk in commit order: one committed before the
      // newest of them but left out would be covered by the rebuilt slice's seq. Checked against
      // as many of the chunk's slices as the engine's key budget allows (all, but on DynamoDB).
      const budget = this.kv.limits.maxKeysPerTx;
      let spare = budget === undefined ? undefined : budget - REPLACE_KEYS_BESIDES_SLICES - r.replaced.length;
      const checked = await chunkSlices(tx, fs.id, ino, r.gen, r.chunk, spare);
      for (const s of checked) {
        invariant(
          s.seq > newest || replacedIds.has(s.sliceId),
          `slice ${s.sliceId} older than the rebuild is replaced`,
        );
      }
      if (spare !== undefined) spare -= checked.filter((s) => !replacedIds.has(s.sliceId)).length;
      for (const k of keys) tx.delete(k);
      let rebuilt: Slice | undefined;
      if (r.rebuilt) {
        const [s] = r.rebuilt.slices;
        invariant(r.rebuilt.slices.length === 1 && !s.zero, 'a compaction rebuilds one data slice');
        assertInOneChunk(fs, s);
        invariant(
          chunkIndexOf(fs, s.offset) === r.chunk && s.offset >= chunkStartOf(fs, r.chunk),
          'rebuilt in its chunk',
        );
        invariant(!replacedIds.has(s.sliceId), 'the rebuilt slice has an id of its own');
        rebuilt = { ...s, seq: newest };
        putSlice(tx, fs, fs.id, ino, r.gen, rebuilt);
        dropIntent(tx, fs.id, r.rebuilt.intentId);
      }
      const live = r.replaced.filter((s) => !s.zero);
      queueReplaced(
        tx,
        fs.id,
        { atMs: Date.now(), sliceId: Math.max(...r.replaced.map((s) => s.sliceId)) },
        {
          ino,
          slices: live.map(({ sliceId, compaction, offset, len }) => ({ sliceId, compaction, offset, len })),
        },
      );
      if (inode.truncMarks.length > 0 && (spare === undefined || spare > 0)) {
        const all = await genSliceExtents(tx, fs.id, inode, spare);
        if (all) {
          const after = [...all.filter((s) => !replacedIds.has(s.sliceId)), ...(rebuilt ? [rebuilt] : [])];
          const marks = pruneTruncMarks(inode.truncMarks, after);
          if (marks.length !== inode.truncMarks.length) {
            // Contents are unchanged: the record is rewritten without a new version (same ETag).
            tx.put(inodeKey(fs.id, ino), encodeInode({ ...inode, truncMarks: marks }));
          }
        }
      }
      return 'replaced';
    });
  }

  /** Drop the intent of reserved slices that will never be committed (their objects are gone). */
  async abandon(fs: FsInfo, intentId: string): Promise<void> {
    await this.kv.transact(async (tx) => dropIntent(tx, fs.id, intentId));
  }

  /** A new content generation for a whole-file replace (no intent: nothing is written under it). */
  newGeneration(fs: FsInfo): Promise<number> {
    return this.sliceIds(fs).allocate();
  }

  /**
   * Start a whole-file upload of `ino` whose body is `expectedBytes` long, if known: a new
   * generation and the slice ids of its chunks (UPLOAD_IDS_AHEAD when the length is unknown),
   * named by one intent before any object is written.
   */
  async reserveGeneration(fs: FsInfo, ino: number, expectedBytes?: number): Promise<PendingGeneration> {
    const gen = await this.sliceIds(fs).allocate();
    const chunks = expectedBytes === undefined ? UPLOAD_IDS_AHEAD : Math.ceil(expectedBytes / fs.chunkSize);
    const freeIds = await this.allocateIds(fs, Math.min(Math.max(chunks, 1), UPLOAD_IDS_UP_FRONT_MAX));
    const intent = this.newIntent(ino, { stagedGen: gen, sliceIds: [...freeIds] });
    const pending = { ino, gen, intentId: newIntentId(), intent, freeIds };
    await this.writeIntent(fs, pending.intentId, intent, { update: false });
    return pending;
  }

  /**
   * The slice id of an upload's next chunk: one its intent names already, or — every
   * UPLOAD_IDS_AHEAD chunks past what was reserved — a fresh batch, named by the intent first
   * (which also renews its expiry: a long upload that makes progress stays alive).
   */
  async nextUploadSlice(fs: FsInfo, upload: PendingGeneration): Promise<number> {
    if (upload.freeIds.length === 0) {
      const more = await this.allocateIds(fs, UPLOAD_IDS_AHEAD);
      const intent = {
        ...upload.intent,
        sliceIds: [...upload.intent.sliceIds, ...more],
        expiresAt: Date.now() + this.intentTtlMs,
      };
      await this.writeIntent(fs, upload.intentId, intent, { update: true });
      upload.intent = intent;
      upload.freeIds.push(...more);
    }
    return upload.freeIds.shift()!;
  }

  private async allocateIds(fs: FsInfo, n: number): Promise<number[]> {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) ids.push(await this.sliceIds(fs).allocate());
    return ids;
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

/** What a whole-file replace commits: slices written under its new generation, or inline bytes. */
export type NewContents =
  | { kind: 'slices'; upload: PendingGeneration; slices: readonly Slice[]; length: number; inSwitch: number }
  | { kind: 'inline'; gen: number; bytes: Buffer };

/**
 * A whole-file replace's commit, inside the mutation that also creates the file's name if it
 * is new: switch `inode` to a new generation holding `contents`. An upload's slices run back to
 * back from offset 0 with seq 1, 2, … (the first `inSwitch` are written here, the rest were
 * staged); inline bytes (at most the filesystem's inlineBytes) go into the inline record. The
 * old generation, if it has slices, is queued for purge (readers of it finish within the
 * grace); its inline bytes, if any, are replaced here.
 */
export async function switchContents(c: OpCtx, inode: Inode, contents: NewContents): Promise<void> {
  const gen = contents.kind === 'slices' ? contents.upload.gen : contents.gen;
  invariant(gen !== inode.gen, 'a replace switches its inode to a new generation');
  let length: number;
  if (contents.kind === 'slices') {
    invariant(contents.upload.ino === inode.ino, 'an upload switches its own inode');
    length = 0;
    contents.slices.forEach((s, i) => {
      invariant(s.seq === i + 1 && s.offset === length, 'upload slices run back to back from 0 in commit order');
      length += s.len;
    });
    invariant(length === contents.length, 'upload slices cover the whole new length');
  } else {
    length = contents.bytes.length;
    invariant(length === 0 || length <= c.fs.inlineBytes, "inline contents fit the filesystem's inlineBytes");
  }
  // The objects the upload's intent names are all there (not being collected).
  if (contents.kind === 'slices') await assertIntentLive(c.tx, c.fs.id, contents.upload.intentId);
  // seq counts the slices committed to a generation: with none there is nothing to purge.
  if (inode.seq > 0) c.tx.put(genPurgeKey(c.fs.id, inode.ino, inode.gen), encodeJson({ at: Date.now() }));
  bumpUsage(c, { inodes: 0, bytes: length - inode.length });
  inode.gen = gen;
  inode.truncMarks = [];
  inode.length = length;
  inode.mtime = c.now;
  inode.ctime = c.now;
  if (contents.kind === 'slices') {
    dropInline(c.tx, c.fs.id, inode);
    inode.seq = contents.slices.length;
    for (const s of contents.slices.slice(0, contents.inSwitch)) putSlice(c.tx, c.fs, c.fs.id, inode.ino, gen, s);
    dropIntent(c.tx, c.fs.id, contents.upload.intentId);
  } else {
    inode.seq = 0;
    storeInline(c.tx, c.fs.id, inode, contents.bytes);
  }
  writeInode(c.tx, c.fs.id, inode);
}

/**
 * A truncate of a file whose contents are inline, to `size` below its length (in setattr's
 * transaction): the record keeps only the bytes before `size`, and goes when none are left.
 * (Slices get a truncation mark instead: fs/attrs.ts.)
 */
export async function truncateInline(c: OpCtx, inode: Inode, size: number): Promise<void> {
  invariant(inode.inline === true && size < inode.length, 'an inline file shrinks');
  const bytes = await readInline(c.tx, c.fs.id, inode);
  if (size < bytes.length) storeInline(c.tx, c.fs.id, inode, bytes.subarray(0, size));
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

/** Every slice of one chunk (a compaction reads and replaces a chunk at a time), or the first `max` of them. */
export async function chunkSlices(
  tx: Tx,
  fsId: number,
  ino: number,
  gen: number,
  chunk: number,
  max = Number.POSITIVE_INFINITY,
): Promise<Slice[]> {
  const prefix = slicePrefix(gen, chunk);
  const out: Slice[] = [];
  let after: string | undefined;
  while (out.length < max) {
    const page = await tx.scan(inodeGroup(fsId, ino), { prefix, after, limit: Math.min(SCAN_PAGE, max - out.length) });
    for (const e of page.entries) out.push(decodeSlice(e.value));
    if (!page.more) return out;
    after = page.last;
  }
  return out;
}

/**
 * Every slice of the file's current generation, for pruning its truncation marks; undefined
 * when there are more than MARK_PRUNE_SCAN_LIMIT or `max` (the marks are then kept as they are).
 */
export async function genSliceExtents(
  tx: Tx,
  fsId: number,
  inode: Inode,
  max = MARK_PRUNE_SCAN_LIMIT,
): Promise<Slice[] | undefined> {
  const page = await tx.scan(inodeGroup(fsId, inode.ino), {
    prefix: slicePrefix(inode.gen),
    limit: Math.min(MARK_PRUNE_SCAN_LIMIT, max),
  });
  return page.more ? undefined : page.entries.map((e) => decodeSlice(e.value));
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
