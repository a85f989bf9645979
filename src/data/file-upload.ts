// Whole-file uploads for the path-level route (DESIGN §4 "Write", §3.3 "Intents", "Inline
// contents"). Readers never see a half-written file: the file switches to its new contents in
// one transaction.
//
// A body of at most the filesystem's inlineBytes (or an empty one) is read whole and committed
// in ONE transaction as the file's inline contents (fs/path-service.ts writeSmallFile): no
// object, no intent, no slice. A larger body streams into block objects: one transaction
// reserves a new content generation and the slice ids of its chunks with an intent naming them
// (fs/slices.ts reserveGeneration; a body of unknown length extends it every UPLOAD_IDS_AHEAD
// chunks), the blocks are PUT through the data path's PUT pipeline as the bytes arrive, and
// one transaction switches the inode to the new generation (replaceContents). The old
// generation is queued for purge; a crash before the commit leaves only objects named by the
// intent, which the sweeper deletes when it expires.
import { fsErr } from '../errno.ts';
import { contentTypeToKeep } from '../fs/content-type.ts';
import type { FsInfo } from '../fs/model.ts';
import { type PathOps, type ReplaceOptions, UnsettledWrites } from '../fs/path-service.ts';
import type { IfMatch } from '../fs/preconditions.ts';
import type { FileSystems, Mutation, RequestMeta, UnflushedWrites } from '../fs/service.ts';
import type { Stat } from '../fs/inodes.ts';
import type { Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import type { ByteBudget } from './byte-budget.ts';
import { BlockUpload } from './block-upload.ts';
import { type BodyChecksums, CheckedBody } from './body-checksums.ts';

export interface UploadOptions {
  /** If-None-Match: * — refuse to replace an existing file (412). */
  ifNoneMatch?: boolean;
  /** If-Match: replace only this version of the file (412 otherwise, or if there is none). */
  ifMatch?: IfMatch;
  /** Permission bits of a new file. */
  mode?: number;
  /** The request's Content-Type, kept as the file's (absent: application/octet-stream). */
  contentType?: string;
  /** The body's Content-Length, if the client sent one (checked against what arrived). */
  contentLength?: number;
  /** Checksums the client sent of the whole body, checked before the commit. */
  checksums?: BodyChecksums;
}

/** An upload's options with what its commit checks (If-Match, If-None-Match, mode, media type). */
type PlannedUpload = UploadOptions & { replace: ReplaceOptions; checked?: CheckedBody };

export interface FileUploadsDeps {
  fss: FileSystems;
  paths: PathOps;
  slices: Slices;
  objects: ObjectStore;
  /** This instance's cached writes of a replaced file come before the upload. */
  unflushed: UnflushedWrites;
  /** Upload bytes in flight, shared by every upload of the process. */
  budget: ByteBudget;
}

type Uploaded = Mutation<Stat & { created: boolean }>;

/** The start of a body: all of it (`whole`), or the bytes read so far and the body from its start again. */
type Head = { whole: Buffer } | { body: AsyncIterable<Uint8Array> };

/**
 * Read `body` until it ends or passes `limit` bytes. A body announced longer than `limit` is
 * not read here at all.
 */
async function readHead(body: AsyncIterable<Uint8Array>, limit: number, announced?: number): Promise<Head> {
  if (announced !== undefined && announced > limit) return { body };
  const it = body[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (;;) {
    const next = await it.next();
    if (next.done) return { whole: Buffer.concat(chunks, bytes) };
    chunks.push(next.value);
    bytes += next.value.length;
    if (bytes > limit) break;
  }
  async function* again(): AsyncGenerator<Uint8Array> {
    yield* chunks;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { body: again() };
}

function checkLength(got: number, announced: number | undefined): void {
  if (announced !== undefined && got !== announced) {
    throw fsErr('EINVAL', `the body has ${got} bytes but Content-Length said ${announced}`);
  }
}

export class FileUploads {
  constructor(private readonly d: FileUploadsDeps) {}

  async uploadFile(
    fsName: string,
    meta: RequestMeta,
    path: string,
    body: AsyncIterable<Uint8Array>,
    opts: UploadOptions,
  ): Promise<Uploaded> {
    const { fss } = this.d;
    // A retry of a finished upload is answered before its body is read again.
    const prior = await fss.priorAnswer<Stat & { created: boolean }>(fsName, meta);
    if (prior) return prior;
    const fs = await fss.catalogue.live(fsName); // fresh: a body cannot be re-read to plan again
    const replace: ReplaceOptions = {
      ifNoneMatch: opts.ifNoneMatch,
      precondition: fss.precondition(opts.ifMatch),
      mode: opts.mode,
      contentType: opts.contentType === undefined ? undefined : contentTypeToKeep(opts.contentType),
    };
    // Content-MD5 / X-Checksum-CRC32C: the body is checked as it streams, before any commit.
    const checked = opts.checksums ? new CheckedBody(body, opts.checksums) : undefined;
    const head = await readHead(checked ?? body, fs.inlineBytes, opts.contentLength);
    if ('whole' in head) {
      checked?.verify();
      return this.uploadSmall(fsName, meta, path, head.whole, { ...opts, replace });
    }
    return this.uploadBlocks(fsName, meta, path, fs, head.body, { ...opts, replace, checked });
  }

  /** A body that fits inline: one transaction (see PathOps.writeSmallFile). */
  private uploadSmall(fsName: string, meta: RequestMeta, path: string, bytes: Buffer, opts: PlannedUpload) {
    const { fss, paths, slices } = this.d;
    checkLength(bytes.length, opts.contentLength);
    return fss.planned(fsName, async (fs) => {
      const quota = await fss.quota.checker(fs);
      // Used only if the file is new: a replace keeps its inode (the number is then skipped).
      const newIno = await fss.inoAllocator(fs).allocate();
      const gen = await slices.newGeneration(fs);
      const target = { newIno, plannedFsId: fs.id, quota };
      try {
        return await paths.writeSmallFile(
          fsName,
          meta,
          path,
          target,
          { gen, bytes },
          { ...opts.replace, unflushed: 'refuse' },
        );
      } catch (e) {
        if (!(e instanceof UnsettledWrites)) throw e;
        // This instance's cached writes of the file came before the upload: commit them first.
        await this.d.unflushed.settle(fs.id, e.ino);
        return paths.writeSmallFile(
          fsName,
          meta,
          path,
          target,
          { gen, bytes },
          { ...opts.replace, unflushed: 'settled' },
        );
      }
    });
  }

  /** A body larger than inlineBytes, streamed into block objects. */
  private async uploadBlocks(
    fsName: string,
    meta: RequestMeta,
    path: string,
    fs: FsInfo,
    body: AsyncIterable<Uint8Array>,
    opts: PlannedUpload,
  ): Promise<Uploaded> {
    const { fss, paths, slices, objects } = this.d;
    const { replace } = opts;
    // Checked before the body is read (a stale If-Match costs no upload), and again in the commit.
    const replaced = await paths.findReplaced(fsName, meta.caller, path, replace);
    const lengthNow = replaced?.length ?? 0;
    await fss.quota.check(fs, replaced ? 0 : 1, Math.max(0, (opts.contentLength ?? 0) - lengthNow));
    // Replacing frees the old contents: the body may use what is left plus that.
    const maxBytes = (await fss.quota.remainingBytes(fs)) + lengthNow;
    const ino = replaced?.ino ?? (await fss.inoAllocator(fs).allocate());
    const upload = await slices.reserveGeneration(fs, ino, opts.contentLength);
    const blocks = new BlockUpload(objects, {
      fsId: fs.id,
      ino,
      geometry: fs,
      maxBytes: Number.isFinite(maxBytes) ? maxBytes : undefined,
      newSliceId: () => slices.nextUploadSlice(fs, upload),
      budget: this.d.budget,
    });
    try {
      const written = await blocks.write(body);
      opts.checked?.verify();
      checkLength(written.length, opts.contentLength);
      await slices.stage(fs, upload, written.slices);
      if (replaced) await this.d.unflushed.settle(fs.id, replaced.ino); // cached writes came first
      return await paths.replaceContents(
        fsName,
        meta,
        path,
        { ino, replaced, plannedFsId: fs.id },
        { upload, ...written },
        replace,
      );
    } catch (e) {
      // Nothing refers to these objects: remove them now rather than wait for the sweeper.
      await objects
        .delete([...blocks.keys])
        .then(() => slices.abandonGeneration(fs, upload)) // staged under a generation never switched to
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    }
  }
}
