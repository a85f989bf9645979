// Whole-file uploads for the path-level route (DESIGN §4 "Write", §3.3 "Intents"): reserve a
// new content generation and an intent naming its objects, stream the body into block objects
// under that generation, then in one transaction switch the inode to it with its slices and
// length (fs/path-service.ts replaceContents). Readers never see a half-written file; the old
// generation is queued for purge; a crash before the commit leaves only objects named by the
// intent, which the sweeper deletes when it expires.
import { fsErr } from '../errno.ts';
import type { PathOps } from '../fs/path-service.ts';
import type { FileSystems, Mutation, RequestMeta, UnflushedWrites } from '../fs/service.ts';
import type { Stat } from '../fs/inodes.ts';
import type { Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import { BlockUpload } from './block-upload.ts';
import { type BodyChecksums, CheckedBody } from './body-checksums.ts';

export interface UploadOptions {
  /** If-None-Match: * — refuse to replace an existing file (412). */
  ifNoneMatch?: boolean;
  /** Permission bits of a new file. */
  mode?: number;
  /** The body's Content-Length, if the client sent one (checked against what arrived). */
  contentLength?: number;
  /** Checksums the client sent of the whole body, checked before the commit. */
  checksums?: BodyChecksums;
}

export interface FileUploadsDeps {
  fss: FileSystems;
  paths: PathOps;
  slices: Slices;
  objects: ObjectStore;
  /** This instance's cached writes of a replaced file come before the upload. */
  unflushed: UnflushedWrites;
}

export class FileUploads {
  constructor(private readonly d: FileUploadsDeps) {}

  async uploadFile(
    fsName: string,
    meta: RequestMeta,
    path: string,
    body: AsyncIterable<Uint8Array>,
    opts: UploadOptions,
  ): Promise<Mutation<Stat & { created: boolean }>> {
    const { fss, paths, slices, objects } = this.d;
    // A retry of a finished upload is answered before its body is read again.
    const prior = await fss.priorAnswer<Stat & { created: boolean }>(fsName, meta);
    if (prior) return prior;
    const fs = await fss.catalogue.live(fsName); // fresh: a body cannot be re-read to plan again
    const replaced = await paths.findReplaced(fsName, meta.caller, path, opts);
    const lengthNow = replaced?.length ?? 0;
    await fss.quota.check(fs, replaced ? 0 : 1, Math.max(0, (opts.contentLength ?? 0) - lengthNow));
    // Replacing frees the old contents: the body may use what is left plus that.
    const maxBytes = (await fss.quota.remainingBytes(fs)) + lengthNow;
    const ino = replaced?.ino ?? (await fss.inoAllocator(fs).allocate());
    const upload = await slices.reserveGeneration(fs, ino);
    const blocks = new BlockUpload(objects, {
      fsId: fs.id,
      ino,
      geometry: fs,
      maxBytes: Number.isFinite(maxBytes) ? maxBytes : undefined,
      newSliceId: () => slices.reserveUploadSlice(fs, upload),
    });
    const checked = opts.checksums ? new CheckedBody(body, opts.checksums) : undefined;
    try {
      const written = await blocks.write(checked ?? body);
      checked?.verify();
      if (opts.contentLength !== undefined && written.length !== opts.contentLength) {
        throw fsErr('EINVAL', `the body has ${written.length} bytes but Content-Length said ${opts.contentLength}`);
      }
      await slices.stage(fs, upload, written.slices);
      if (replaced) await this.d.unflushed.settle(fs.id, replaced.ino); // cached writes came first
      return await paths.replaceContents(
        fsName,
        meta,
        path,
        { ino, replaced, plannedFsId: fs.id },
        { upload, ...written },
        opts,
      );
    } catch (e) {
      // Nothing refers to these objects: remove them now rather than wait for the sweeper.
      await objects
        .delete(blocks.keys)
        .then(() => slices.abandonGeneration(fs, upload)) // staged under a generation never switched to
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    }
  }
}
