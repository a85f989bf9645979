// Direct uploads (DESIGN §4 "Direct data plane"; guarantees 2, 5, 6): a client writes a byte
// range of a file by PUTting its block objects straight to S3, and the API commits them.
//
//   create  plan the range as slices (one per chunk it touches) and blocks, named exactly as
//           a flush names them (fs/layout.ts objectKey); record the intent that names them
//           (fs/slices.ts reserve) *before* any URL exists; answer a presigned PUT per block;
//   commit  check every object (size by HEAD; the checksum its PUT was signed with, if any),
//           commit the slices in one fenced transaction (fs/direct-commits.ts commitDirect,
//           through Slices: append's rules), dropping the intent;
//   abort   close the upload and delete what was written.
// A commit refused for good (a stale or foreign lease: 423; the file gone) closes the upload
// and deletes its objects. An upload never committed nor aborted is collected through its
// intent by the sweeper, as a crashed flush is.
import { FsError, fsErr, type Errno } from '../errno.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import type { Stat } from '../fs/inodes.ts';
import {
  blockAt,
  chunkIndexOf,
  chunkSpans,
  chunkStartOf,
  objectKey,
  sliceBlocks,
  type Geometry,
} from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { Caller } from '../fs/namespace.ts';
import {
  type FileAt,
  type FileSystems,
  idempotencyScope,
  type Mutation,
  type RequestMeta,
  type UnflushedWrites,
} from '../fs/service.ts';
import type { DirectUpload } from '../fs/intents.ts';
import { checkDirectOverInline, slicesInDirectCommit } from '../fs/direct-commits.ts';
import type { NewSlice } from '../fs/slice-records.ts';
import type { Slices } from '../fs/slices.ts';
import type { KvLimits } from '../kv/types.ts';
import { type ChecksumAlgorithm, checksumOf, type DirectAccess } from '../objects/direct.ts';
import type { ObjectStore } from '../objects/types.ts';
import { DIRECT_URL_EXPIRY_S, requireDirect } from './direct-access.ts';

/**
 * Blocks one upload request may name: bounds the answer (about 1 KiB per URL) and the intent
 * record (1000 SHA-256 checksums make about 50 KB, within every engine's value limit: etcd's
 * 128 KiB is the tightest).
 */
export const DIRECT_MAX_BLOCKS = 1000;
/** HEADs in flight while a commit checks its blocks. */
export const DIRECT_PARALLEL_HEADS = 16;
/** Digest sizes, to refuse a malformed checksum when the URL is signed rather than at the PUT. */
const CHECKSUM_BYTES: Record<ChecksumAlgorithm, number> = { CRC32C: 4, SHA256: 32 };
/** Refusals that end an upload: it can never commit, so its objects are deleted at once. */
const FINAL_REFUSALS = new Set<Errno>(['EBUSY', 'ENOENT', 'EISDIR']);

export interface DirectUploadRequest {
  offset: number;
  length: number;
  /** One checksum per block, in order (base64, as S3's x-amz-checksum-* headers). */
  checksums?: { algorithm: ChecksumAlgorithm; values: string[] };
}

export interface DirectBlockTicket {
  /** Position in the upload (0, 1, …): checksums and commit errors name blocks by it. */
  index: number;
  fileOffset: number;
  length: number;
  /** PUT the block's bytes here, with `headers`, and a body of exactly `length` bytes. */
  url: string;
  headers: Record<string, string>;
}

export interface DirectUploadTicket {
  uploadId: string;
  ino: number;
  offset: number;
  length: number;
  /** When the URLs stop working. */
  expiresAt: string;
  blocks: DirectBlockTicket[];
}

/** A block object of an upload: its key and the file bytes it holds. */
interface PlannedBlock {
  key: string;
  fileOffset: number;
  len: number;
}

function plannedBlocks(fs: FsInfo, ino: number, slices: readonly NewSlice[]): PlannedBlock[] {
  return slices.flatMap((s) =>
    sliceBlocks(fs, s).map((b) => ({
      key: objectKey(fs.id, ino, s.sliceId, b.blockIndex, s.compaction),
      fileOffset: b.fileOffset,
      len: b.len,
    })),
  );
}

/** The longest upload that may start at `offset`: at most DIRECT_MAX_BLOCKS blocks and one commit's slices. */
export function directMaxLength(g: Geometry, limits: KvLimits, offset: number): number {
  const byBlocks = blockAt(g, offset).end + (DIRECT_MAX_BLOCKS - 1) * g.blockSize;
  const byChunks = chunkStartOf(g, chunkIndexOf(g, offset) + slicesInDirectCommit(limits));
  return Math.min(byBlocks, byChunks, MAX_FILE_SIZE_BYTES) - offset;
}

function checkChecksums(sums: DirectUploadRequest['checksums'], blocks: number): void {
  if (!sums) return;
  if (sums.values.length !== blocks) {
    throw fsErr('EINVAL', `the range has ${blocks} blocks but ${sums.values.length} checksums were sent`);
  }
  const size = CHECKSUM_BYTES[sums.algorithm];
  sums.values.forEach((v, i) => {
    const raw = Buffer.from(v, 'base64');
    if (raw.length !== size || raw.toString('base64') !== v) {
      throw fsErr('EINVAL', `checksum ${i} is not a base64 ${sums.algorithm} (${size} bytes)`);
    }
  });
}

/** Run `fn` over `items`, at most `parallel` at a time. */
async function eachLimited<T>(items: readonly T[], parallel: number, fn: (item: T, i: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

export interface DirectUploadsDeps {
  fss: FileSystems;
  slices: Slices;
  objects: ObjectStore;
  /** Absent when the object store is not S3: every operation answers ENOSYS. */
  direct: DirectAccess | undefined;
  /** This instance's cached writes of the file come before the upload's commit. */
  unflushed: UnflushedWrites;
}

export class DirectUploads {
  constructor(private readonly d: DirectUploadsDeps) {}

  private get direct(): DirectAccess {
    return requireDirect(this.d.direct, this.d.objects.kind);
  }

  /** createUpload: the intent, then a presigned PUT per block of [offset, offset + length). */
  async create(
    fsName: string,
    caller: Caller,
    at: FileAt,
    req: DirectUploadRequest,
    opts: { token: number | undefined },
  ): Promise<DirectUploadTicket> {
    const direct = this.direct;
    const { fss, slices } = this.d;
    const { fs, inode } = await fss.writableFileAt(fsName, caller, at);
    const { offset, length } = req;
    if (offset + length > MAX_FILE_SIZE_BYTES) throw fsErr('EFBIG', `files are at most ${MAX_FILE_SIZE_BYTES} bytes`);
    const maxLength = directMaxLength(fs, fss.kv.limits, offset);
    if (length > maxLength) {
      throw fsErr(
        'E2BIG',
        `one upload from offset ${offset} holds at most ${maxLength} bytes (${DIRECT_MAX_BLOCKS} blocks, ${slicesInDirectCommit(fss.kv.limits)} chunks): upload in parts`,
        { maxLength },
      );
    }
    const extents = chunkSpans(fs, offset, length).map((s) => ({ offset: offset + s.at, len: s.len }));
    checkDirectOverInline(inode, extents);
    const blockCount = extents.reduce((n, e) => n + sliceBlocks(fs, { ...e, zero: false }).length, 0);
    checkChecksums(req.checksums, blockCount);
    await fss.leases.check(fs, inode.ino, opts.token);
    await fss.quota.check(fs, 0, Math.max(0, offset + length - fss.seenLength(fs.id, inode.ino, inode.length)));
    const urlsExpireAt = Date.now() + DIRECT_URL_EXPIRY_S * 1000;
    // The intent names every object before any URL to write one exists (guarantee 6).
    const pending = await slices.reserve(fs, inode.ino, extents, { checksums: req.checksums, urlsExpireAt });
    const blocks = plannedBlocks(fs, inode.ino, pending.slices);
    const tickets = await Promise.all(
      blocks.map(async (b, index) => {
        const value = req.checksums?.values[index];
        const signed = await direct.presignPut(b.key, {
          length: b.len,
          checksum: value === undefined ? undefined : { algorithm: req.checksums!.algorithm, value },
          expiresInS: DIRECT_URL_EXPIRY_S,
        });
        return { index, fileOffset: b.fileOffset, length: b.len, ...signed };
      }),
    );
    return {
      uploadId: pending.intentId,
      ino: inode.ino,
      offset,
      length,
      expiresAt: new Date(urlsExpireAt).toISOString(),
      blocks: tickets,
    };
  }

  /**
   * commitUpload: check the objects, then commit the slices under writer-lease `token`.
   * `endsFile`: the file then ends where the upload ends (with offset 0, a whole-file replace).
   */
  async commit(
    fsName: string,
    meta: RequestMeta,
    ino: number,
    uploadId: string,
    opts: { token: number | undefined; endsFile: boolean },
  ): Promise<Mutation<Stat>> {
    requireDirect(this.d.direct, this.d.objects.kind); // ENOSYS before anything else
    const { fss, slices } = this.d;
    const prior = await fss.priorAnswer<Stat>(fsName, meta); // a retry of a commit that went through
    if (prior) return prior;
    const fs = await fss.catalogue.live(fsName);
    await fss.writableFile(fs, meta.caller, ino); // whoever commits writes the file (EACCES)
    const upload = await slices.directUpload(fs, ino, uploadId);
    await this.verify(fs, upload);
    await this.d.unflushed.settle(fs.id, ino); // this instance's cached writes came first
    try {
      const m = await slices.commitDirect(fs, ino, uploadId, {
        token: opts.token,
        endsFile: opts.endsFile,
        idem: meta.idempotency && idempotencyScope(fs, meta.idempotency),
      });
      return { value: fss.seen(fs.id, m.value), replayed: m.replayed };
    } catch (e) {
      if (e instanceof FsError && FINAL_REFUSALS.has(e.code)) await this.close(fs, ino, uploadId);
      throw e;
    }
  }

  /** abortUpload: close the upload and delete what was written (ENOENT if it is not open). */
  async abort(fsName: string, caller: Caller, ino: number, uploadId: string): Promise<void> {
    requireDirect(this.d.direct, this.d.objects.kind);
    const fs = await this.d.fss.catalogue.live(fsName);
    await this.d.fss.writableFile(fs, caller, ino); // only a writer of the file may throw its blocks away
    if (!(await this.close(fs, ino, uploadId))) {
      throw fsErr('ENOENT', `inode ${ino} has no open upload ${uploadId} (committed, aborted, expired or unknown)`);
    }
  }

  /** Close an open upload and delete its objects; false if it was not open (committed meanwhile, …). */
  private async close(fs: FsInfo, ino: number, uploadId: string): Promise<boolean> {
    const upload = await this.d.slices.closeDirect(fs, ino, uploadId);
    if (!upload) return false;
    const keys = plannedBlocks(fs, ino, upload.slices).map((b) => b.key);
    // If this fails, the closed intent still names them: the sweeper deletes them.
    await this.d.objects.delete(keys).catch(() => undefined);
    return true;
  }

  /**
   * Every block must exist with its size and, if its PUT was signed with one, its checksum.
   * Blocks with the wrong size or checksum are deleted so the client can PUT them again
   * (their URLs refuse to overwrite); then EINVAL names the missing and rejected blocks.
   */
  private async verify(fs: FsInfo, upload: DirectUpload): Promise<void> {
    const direct = this.direct;
    const blocks = plannedBlocks(fs, upload.ino, upload.slices);
    const sums = upload.record.checksums;
    const missing: number[] = [];
    const rejected: { index: number; reason: string }[] = [];
    const stored = new Map<number, string | undefined>();
    await eachLimited(blocks, DIRECT_PARALLEL_HEADS, async (b, index) => {
      const facts = await direct.head(b.key, { checksum: sums?.algorithm });
      if (!facts) missing.push(index);
      else if (facts.size !== b.len) rejected.push({ index, reason: `${facts.size} bytes, not ${b.len}` });
      else stored.set(index, facts.checksum);
    });
    if (sums) {
      for (const [index, recorded] of stored) {
        // S3 records the checksum a PUT was signed with (and refused a body that did not
        // match it); a store that records none is checked by reading the block, one at a time.
        const sum = recorded ?? checksumOf(sums.algorithm, await this.d.objects.get(blocks[index].key));
        if (sum !== sums.values[index]) {
          rejected.push({ index, reason: `${sums.algorithm} ${sum}, not ${sums.values[index]}` });
        }
      }
    }
    if (missing.length === 0 && rejected.length === 0) return;
    await this.d.objects.delete(rejected.map((r) => blocks[r.index].key));
    missing.sort((a, b) => a - b);
    rejected.sort((a, b) => a.index - b.index);
    throw fsErr(
      'EINVAL',
      `upload ${upload.uploadId} is not complete: ${missing.length} blocks missing, ${rejected.length} rejected (and deleted); PUT them, then commit again`,
      { uploadId: upload.uploadId, missing, rejected },
    );
  }
}
