// Slices (DESIGN §3.3; DIGEST §2.3 S3ChunkInfo), and the one owner of every change to them:
// each goes through a method of the class below, and is made either here or by the module
// that holds it. The records themselves, with their ordering by `seq`, and the read and scan
// helpers are in fs/slice-records.ts.
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
//                     same transaction (DESIGN §1.5) — these commit rules are
//                     fs/slice-commit.ts commitSlices;
//   commitDirect      a direct upload's commit (DESIGN §4 "Direct data plane"): the same rules
//                     as append, for the slices its intent planned, while the upload is open
//                     and not about to expire; optionally the file then ends where it ends
//                     (fs/direct-commits.ts, with closeDirect);
//   truncateInline    a shrink of an inline file cuts its record (no truncation mark)
//                     (fs/contents-switch.ts);
//   stage             slices of a whole-file upload beyond what its commit can hold, written
//                     ahead under the upload's new generation (nothing reads them yet);
//   switchContents    a whole-file upload's commit: the inode moves to the new generation
//                     with its slices, or with inline bytes, and its length; the old
//                     generation is queued for purge if it has slices (fs/contents-switch.ts).
//   replaceSlices     compaction's commit (DIGEST §4.1 step 8): the oldest slices of one chunk,
//                     exactly as read, give way to the slice rebuilt from their view, which
//                     takes the newest replaced one's seq — so every slice committed meanwhile
//                     is newer and still wins — and their objects are queued for purge after a
//                     grace (fs/replaced-objects.ts). Length, usage, times and ETag stay
//                     (fs/compaction-swap.ts).
// truncateInline and switchContents run inside a namespace operation's transaction, so they
// are module functions its callers (fs/attrs.ts, fs/path-service.ts) call directly.
// Objects are written before the slice that names them is committed (DIGEST §3.5 "Ordering
// guarantee"), and until then an upload intent names them (fs/intents.ts), so a writer that
// dies in between leaks nothing: the sweeper deletes what an expired intent names.
import { FsError, fsErr, invariant } from '../errno.ts';
import type { KvStore, Tx } from '../kv/types.ts';
import type { Catalogue } from './catalogue.ts';
import { nowTimespec } from './clock.ts';
import { decodeInode } from './codec.ts';
import { replaceSlices, type SliceReplacement } from './compaction-swap.ts';
import { type PendingGeneration, slicesInSwitch } from './contents-switch.ts';
import { closeDirect, commitDirect, directUpload } from './direct-commits.ts';
import { IdAllocators, SLICE_ID_BATCH, type IdAllocator } from './ids.ts';
import type { IdempotencyRequest } from './idempotency.ts';
import { dropInline, type Extent, extentsEnd, paintExtents, readInline, spillExtents, storeInline } from './inline.ts';
import { type Stat, writeInode } from './inodes.ts';
import {
  assertIntentLive,
  DIRECT_COMMIT_MARGIN_MS,
  type DirectUpload,
  type DirectUploadRecord,
  dropIntent,
  newIntentId,
  putIntent,
  UPLOAD_INTENT_TTL_MS,
  type UploadIntent,
} from './intents.ts';
import { inodeKey } from './keys.ts';
import { assertWriter } from './leases.ts';
import type { FsInfo, Inode, Slice } from './model.ts';
import { type CounterShards, newCounterShards } from './shards.ts';
import { commitSlices } from './slice-commit.ts';
import {
  assertInOneChunk,
  deleteGenSlices,
  FIRST_SLICE_ID,
  type NewSlice,
  type PendingSlices,
  putSlice,
} from './slice-records.ts';
import { bumpUsage } from './usage.ts';

/**
 * Slice ids an upload of unknown length reserves with its intent, and reserves again each time
 * its body reaches that many more chunks: one intent write per this many chunks (1 GiB at the
 * default 64 MiB chunks), instead of one per chunk.
 */
export const UPLOAD_IDS_AHEAD = 16;
/** At most this many ids are reserved up front for a body whose length is announced. */
const UPLOAD_IDS_UP_FRONT_MAX = 1024;

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
      await commitSlices(tx, this.shards, fs, inode, pending.slices, { token: opts.token, endsFile: false });
      return true;
    });
  }

  /** An open direct upload of `ino`: ENOENT when it is committed, aborted, expired or unknown (fs/direct-commits.ts). */
  directUpload(fs: FsInfo, ino: number, uploadId: string): Promise<DirectUpload> {
    return directUpload(this.kv, fs, ino, uploadId);
  }

  /** Commit a direct upload whose objects were checked (fs/direct-commits.ts commitDirect). */
  commitDirect(
    fs: FsInfo,
    ino: number,
    uploadId: string,
    opts: { token: number | undefined; endsFile: boolean; idem?: IdempotencyRequest },
  ): Promise<{ value: Stat; replayed: boolean }> {
    return commitDirect(this.kv, this.shards, fs, ino, uploadId, opts);
  }

  /** Close an open direct upload that will never be committed (fs/direct-commits.ts closeDirect). */
  closeDirect(fs: FsInfo, ino: number, uploadId: string): Promise<DirectUpload | undefined> {
    return closeDirect(this.kv, fs, ino, uploadId);
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

  /** Compaction's commit of one chunk: 'stale' when the file moved on (fs/compaction-swap.ts replaceSlices). */
  replaceSlices(fs: FsInfo, ino: number, r: SliceReplacement): Promise<'replaced' | 'stale'> {
    return replaceSlices(this.kv, fs, ino, r);
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
