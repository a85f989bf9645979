// Whole-file contents for the path-level routes: streamed upload and ranged download, in the
// same chunk/slice/block layout the random-access data path uses.
//
// Upload (DESIGN §4 "Write", §3.3 "Intents"): record an upload intent, stream the body into
// block objects under a fresh content generation, then in one transaction switch the inode
// to that generation with its slices and length and delete the intent. Readers never see a
// half-written file; the old generation is queued for purge; a crash before the commit leaves
// only objects named by the intent, which the sweeper deletes when it expires.
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { fsErr } from '../errno.ts';
import { decodeJson, encodeJson } from '../fs/codec.ts';
import { readInode, statOf, writeInode, type Stat } from '../fs/inodes.ts';
import { genPurgeKey, intentKey } from '../fs/keys.ts';
import type { FsInfo } from '../fs/model.ts';
import { createEntry, readDentry, type Caller, type OpCtx } from '../fs/namespace.ts';
import { resolveForCreate, resolvePath } from '../fs/paths.ts';
import type { FileSystems, Mutation, RequestMeta } from '../fs/service.ts';
import { bumpUsage } from '../fs/usage.ts';
import type { ObjectStore } from '../objects/types.ts';
import { planRead, type Piece } from './planner.ts';
import { streamPieces } from './reader.ts';
import { putSlice, readRangeSlices, scanGenSlices } from './slice-store.ts';
import { writeObjects } from './upload.ts';

export const UPLOAD_INTENT_TTL_MS = 24 * 60 * 60 * 1000;
/** Slices written in the commit transaction itself; more are staged in batches first. */
export const COMMIT_INLINE_SLICES = 64;
const STAGE_BATCH_SLICES = 90;

export interface UploadIntent {
  ino: number;
  gen: number;
  sliceIds: number[];
  expiresAt: number;
}

/** A byte range request: [start, end) or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface Download {
  stat: Stat;
  /** Absent when the whole file is sent. */
  range?: { start: number; end: number };
  stream: Readable;
}

export class Contents {
  constructor(
    private readonly fss: FileSystems,
    private readonly objects: ObjectStore,
  ) {}

  private async writeIntent(fs: FsInfo, uploadId: string, intent: UploadIntent): Promise<void> {
    await this.fss.kv.transact(async (tx) => tx.put(intentKey(fs.id, uploadId), encodeJson(intent)));
  }

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
    const fs = await this.fss.info(fsName);
    const existing = await this.fss.read(fsName, meta.caller, async (c) => {
      const at = await resolveForCreate(c, path);
      const d = await readDentry(c, at.parent, at.name);
      if (d?.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(path)} is a directory`);
      if (d && opts.ifNoneMatch) throw fsErr('EPRECONDITION', `${JSON.stringify(path)} exists (If-None-Match: *)`);
      return d?.ino;
    });
    await this.fss.quota.check(fs, existing ? 0 : 1, opts.contentLength ?? 0);
    const ino = existing ?? (await this.fss.inoAllocator(fs).allocate());
    const ids = this.fss.sliceIdAllocator(fs);
    const uploadId = randomBytes(12).toString('hex');
    const intent: UploadIntent = { ino, gen: await ids.allocate(), sliceIds: [], expiresAt: Date.now() + UPLOAD_INTENT_TTL_MS };
    await this.writeIntent(fs, uploadId, intent);
    let keys: string[] = [];
    try {
      const written = await writeObjects(
        this.objects,
        {
          fsId: fs.id,
          ino,
          geometry: fs,
          maxBytes: fs.capacityBytes ? fs.capacityBytes : undefined,
          newSliceId: async () => {
            const id = await ids.allocate();
            intent.sliceIds.push(id);
            await this.writeIntent(fs, uploadId, intent);
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
        await this.fss.kv.transact(async (tx) => batch.forEach((s) => putSlice(tx, fs, fs.id, ino, intent.gen, s)));
      }
      return await this.fss.mutate(fsName, meta, async (c) => {
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
        inode.gen = intent.gen;
        inode.truncMarks = [];
        inode.length = written.length;
        inode.mtime = c.now;
        inode.ctime = c.now;
        writeInode(c.tx, c.fs.id, inode);
        for (const s of inline) putSlice(c.tx, c.fs, c.fs.id, ino, intent.gen, s);
        c.tx.delete(intentKey(c.fs.id, uploadId));
        return { ...statOf(inode), created: !d };
      });
    } catch (e) {
      // Nothing refers to these objects: remove them now rather than wait for the sweeper.
      const written = keys.length ? keys : ((e as { keys?: string[] }).keys ?? []);
      await this.objects
        .delete(written)
        .then(() => this.fss.kv.transact(async (tx) => tx.delete(intentKey(fs.id, uploadId))))
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    }
  }

  /** Plan a read of [start, end) of `ino` with a fresh slice list. */
  private async plan(c: OpCtx, ino: number, start: number, end: number): Promise<Piece[]> {
    const inode = await readInode(c.tx, c.fs.id, ino);
    const stop = Math.min(end, inode.length);
    const slices = await readRangeSlices(c.tx, c.fs, c.fs.id, ino, inode.gen, start, stop);
    return planRead(c.fs, c.fs.id, ino, inode.truncMarks, (chunk) => slices.get(chunk) ?? [], start, stop);
  }

  async downloadFile(fsName: string, caller: Caller, path: string, range?: ByteRange): Promise<Download> {
    const first = await this.fss.read(fsName, caller, async (c) => {
      const ino = await resolvePath(c, path, true);
      const inode = await readInode(c.tx, c.fs.id, ino);
      if (inode.type === 'dir') throw fsErr('EISDIR', `${JSON.stringify(path)} is a directory`);
      const span = clipRange(range, inode.length);
      const pieces = await this.plan(c, ino, span?.start ?? 0, span?.end ?? inode.length);
      return { stat: statOf(inode), span, pieces };
    });
    const end = first.span?.end ?? first.stat.length;
    const replan = (offset: number) => this.fss.read(fsName, caller, (c) => this.plan(c, first.stat.ino, offset, end));
    return { stat: first.stat, range: first.span, stream: streamPieces(this.objects, first.pieces, replan) };
  }
}

/** Resolve a Range against the length: undefined = whole file; ERANGE (416) if unsatisfiable. */
export function clipRange(range: ByteRange | undefined, length: number): { start: number; end: number } | undefined {
  if (!range) return undefined;
  if ('suffix' in range) {
    if (range.suffix === 0 || length === 0) throw fsErr('ERANGE', 'the suffix range selects no bytes', { length });
    return { start: Math.max(0, length - range.suffix), end: length };
  }
  if (range.start >= length) throw fsErr('ERANGE', `range starts at ${range.start}, past the end (${length} bytes)`, { length });
  return { start: range.start, end: Math.min(range.end ?? length, length) };
}

export function decodeIntent(raw: Uint8Array): UploadIntent {
  return decodeJson<UploadIntent>(raw);
}
