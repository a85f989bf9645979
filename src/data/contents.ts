// Whole-file contents for the path-level routes: streamed upload and ranged download, in the
// same chunk/slice/block layout the random-access data path uses.
//
// Upload (DESIGN §4 "Write", §3.3 "Intents"): record an upload intent, stream the body into
// block objects under a fresh content generation, then in one transaction switch the inode
// to that generation with its slices and length and delete the intent. Readers never see a
// half-written file; the old generation is queued for purge; a crash before the commit leaves
// only objects named by the intent, which the sweeper deletes when it expires.
import { fsErr } from '../errno.ts';
import { liveFs } from '../fs/catalogue.ts';
import { encodeJson } from '../fs/codec.ts';
import { readInode, statOf, writeInode, type Stat } from '../fs/inodes.ts';
import { genPurgeKey } from '../fs/keys.ts';
import { dropIntent, newIntentId, UPLOAD_INTENT_TTL_MS, writeIntent, type UploadIntent } from './intents.ts';
import { createEntry, readDentry } from '../fs/namespace.ts';
import { resolveForCreate } from '../fs/paths.ts';
import type { FileSystems, Mutation, RequestMeta } from '../fs/service.ts';
import { bumpUsage } from '../fs/usage.ts';
import type { ObjectStore } from '../objects/types.ts';
import { deleteGenSlices, putSlice, scanGenSlices } from './slice-store.ts';
import { writeObjects } from './upload.ts';

/** Slices written in the commit transaction itself; more are staged in batches first. */
export const COMMIT_INLINE_SLICES = 64;
const STAGE_BATCH_SLICES = 90;

export class Contents {
  constructor(
    private readonly fss: FileSystems,
    private readonly objects: ObjectStore,
  ) {}

  async uploadFile(
    fsName: string,
    meta: RequestMeta,
    path: string,
    body: AsyncIterable<Uint8Array>,
    opts: { ifNoneMatch?: boolean; mode?: number; contentLength?: number },
  ): Promise<Mutation<Stat & { created: boolean }>> {
    // A retry of a finished upload is answered before its body is read again.
    const prior = await this.fss.priorAnswer<Stat & { created: boolean }>(fsName, meta);
    if (prior) return prior;
    const fs = await liveFs(this.fss.kv, fsName); // fresh: a body cannot be re-read to plan again
    const found = await this.fss.read(fsName, meta.caller, async (c) => {
      const at = await resolveForCreate(c, path);
      const d = await readDentry(c, at.parent, at.name);
      if (d?.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(path)} is a directory`);
      if (d && opts.ifNoneMatch) throw fsErr('EPRECONDITION', `${JSON.stringify(path)} exists (If-None-Match: *)`);
      return d && { ino: d.ino, length: (await readInode(c.tx, c.fs.id, d.ino)).length };
    });
    const existing = found?.ino;
    await this.fss.quota.check(fs, existing ? 0 : 1, Math.max(0, (opts.contentLength ?? 0) - (found?.length ?? 0)));
    // Replacing frees the old contents: the body may use what is left plus that.
    const maxBytes = (await this.fss.quota.remainingBytes(fs)) + (found?.length ?? 0);
    const ino = existing ?? (await this.fss.inoAllocator(fs).allocate());
    const ids = this.fss.sliceIdAllocator(fs);
    const uploadId = newIntentId();
    const gen = await ids.allocate();
    const intent: UploadIntent = { ino, stagedGen: gen, sliceIds: [], expiresAt: Date.now() + UPLOAD_INTENT_TTL_MS };
    await writeIntent(this.fss.kv, fs, uploadId, intent);
    let keys: string[] = [];
    try {
      const written = await writeObjects(
        this.objects,
        {
          fsId: fs.id,
          ino,
          geometry: fs,
          maxBytes: Number.isFinite(maxBytes) ? maxBytes : undefined,
          newSliceId: async () => {
            const id = await ids.allocate();
            intent.sliceIds.push(id);
            await writeIntent(this.fss.kv, fs, uploadId, intent);
            return id;
          },
        },
        body,
      );
      keys = written.keys;
      if (opts.contentLength !== undefined && written.length !== opts.contentLength) {
        throw fsErr('EINVAL', `the body has ${written.length} bytes but Content-Length said ${opts.contentLength}`);
      }
      const inline = written.slices.slice(0, COMMIT_INLINE_SLICES);
      for (let i = COMMIT_INLINE_SLICES; i < written.slices.length; i += STAGE_BATCH_SLICES) {
        const batch = written.slices.slice(i, i + STAGE_BATCH_SLICES);
        await this.fss.kv.transact(async (tx) => {
          for (const s of batch) putSlice(tx, fs, fs.id, ino, gen, s);
        });
      }
      if (existing !== undefined) await this.fss.content?.beforeReplace(fs.id, existing); // cached writes came first
      return await this.fss.mutate(
        fsName,
        meta,
        async (c) => {
          const at = await resolveForCreate(c, path);
          const d = await readDentry(c, at.parent, at.name);
          if (d && opts.ifNoneMatch) throw fsErr('EPRECONDITION', `${JSON.stringify(path)} exists (If-None-Match: *)`);
          if (d?.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(path)} is a directory`);
          if (d ? d.ino !== ino : existing !== undefined) {
            throw fsErr('EBUSY', `${JSON.stringify(path)} was replaced by another file during the upload; retry`);
          }
          if (!d) await createEntry(c, at.parent, at.name, { type: 'file', mode: opts.mode }, ino);
          const inode = await readInode(c.tx, c.fs.id, ino);
          if ((await scanGenSlices(c.tx, c.fs.id, ino, inode.gen, 1)).length > 0) {
            c.tx.put(genPurgeKey(c.fs.id, ino, inode.gen), encodeJson({ at: Date.now() }));
          }
          bumpUsage(c.tx, c.fs.id, 0, written.length - inode.length);
          inode.gen = gen;
          inode.seq = written.slices.length;
          inode.truncMarks = [];
          inode.length = written.length;
          inode.mtime = c.now;
          inode.ctime = c.now;
          writeInode(c.tx, c.fs.id, inode);
          for (const s of inline) putSlice(c.tx, c.fs, c.fs.id, ino, gen, s);
          dropIntent(c.tx, c.fs.id, uploadId);
          return { ...statOf(inode), created: !d };
        },
        fs.id,
      );
    } catch (e) {
      // Nothing refers to these objects: remove them now rather than wait for the sweeper.
      const written = keys.length ? keys : ((e as { keys?: string[] }).keys ?? []);
      await this.objects
        .delete(written)
        .then(() => deleteGenSlices(this.fss.kv, fs.id, ino, gen)) // staged under a generation never switched to
        .then(() => this.fss.kv.transact(async (tx) => dropIntent(tx, fs.id, uploadId)))
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    }
  }
}
