// Flushing cached writes (DIGEST §3.5; DESIGN §4): a slice id per extent (batched ids), an
// upload intent, the block objects uploaded in parallel, then one transaction that appends
// the slices, grows the length and sets mtime, and drops the intent. Objects are written
// before any metadata names them.
import { fsErr } from '../errno.ts';
import { decodeInode } from '../fs/codec.ts';
import { nowTimespec } from '../fs/clock.ts';
import { writeInode } from '../fs/inodes.ts';
import { inodeKey, leaseKeys } from '../fs/keys.ts';
import { assertWriter } from '../coord/leases.ts';
import type { FsInfo, Slice } from '../fs/model.ts';
import type { FileSystems } from '../fs/service.ts';
import { bumpUsage } from '../fs/usage.ts';
import type { ObjectStore } from '../objects/types.ts';
import { dropIntent, newIntentId, UPLOAD_INTENT_TTL_MS, writeIntent } from './intents.ts';
import { objectKey, sliceBlocks, type Geometry } from './layout.ts';
import { putSlice } from './slice-store.ts';
import type { CommitPieces, FlushPiece } from './write-cache.ts';

export const FLUSH_PARALLEL_PUTS = 4;

/** Upload a slice's bytes as its block objects, at most `parallel` at a time. */
export async function putSliceObjects(
  objects: ObjectStore,
  g: Geometry,
  fsId: number,
  ino: number,
  slices: { slice: Slice; bytes: Buffer }[],
  parallel = FLUSH_PARALLEL_PUTS,
): Promise<string[]> {
  const jobs = slices.flatMap(({ slice, bytes }) =>
    sliceBlocks(g, slice).map((b) => ({
      key: objectKey(fsId, ino, slice.sliceId, b.blockIndex, slice.compaction),
      body: bytes.subarray(b.fileOffset - slice.offset, b.fileOffset - slice.offset + b.len),
    })),
  );
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await objects.put(job.key, job.body);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  return jobs.map((j) => j.key);
}

export function makeCommitter(fss: FileSystems, objects: ObjectStore): CommitPieces {
  return async (fs: FsInfo, ino: number, pieces: FlushPiece[], token: number | undefined) => {
    const [g, fsId] = [fs, fs.id];
    const ids = fss.sliceIdAllocator(fs);
    const slices: { slice: Slice; bytes: Buffer }[] = [];
    for (const p of pieces) {
      // seq is given in the commit transaction below
      slices.push({
        slice: {
          sliceId: await ids.allocate(),
          seq: 0,
          compaction: 0,
          offset: p.offset,
          len: p.bytes.length,
          zero: false,
        },
        bytes: p.bytes,
      });
    }
    const intentId = newIntentId();
    await writeIntent(fss.kv, fs, intentId, {
      ino,
      sliceIds: slices.map((s) => s.slice.sliceId),
      expiresAt: Date.now() + UPLOAD_INTENT_TTL_MS,
    });
    const keys = await putSliceObjects(objects, g, fsId, ino, slices);
    const committed = await fss.kv
      .transact(async (tx) => {
        const raw = await tx.get(inodeKey(fsId, ino));
        dropIntent(tx, fsId, intentId);
        if (!raw) return false; // the file was purged meanwhile: nothing to attach the data to
        const inode = decodeInode(ino, raw);
        if (inode.type !== 'file') throw fsErr('EISDIR', `inode ${ino} is not a regular file`);
        // Fencing (DESIGN §1.5): compared in the same transaction as the slices it guards.
        await assertWriter(tx, leaseKeys(fsId, ino), token, Date.now());
        // Committed now, so newer than everything committed before (pieces are in write order).
        for (const s of slices) putSlice(tx, g, fsId, ino, inode.gen, { ...s.slice, seq: ++inode.seq });
        const length = Math.max(inode.length, ...slices.map((s) => s.slice.offset + s.slice.len));
        bumpUsage(tx, fsId, 0, length - inode.length);
        inode.length = length;
        inode.mtime = inode.ctime = nowTimespec();
        writeInode(tx, fsId, inode);
        return true;
      })
      .catch(async (e) => {
        // Not committed (fenced, file gone, store unavailable): nothing names these objects.
        await objects
          .delete(keys)
          .then(() => fss.kv.transact(async (tx) => dropIntent(tx, fsId, intentId)))
          .catch(() => undefined); // the intent stays and the sweeper finishes the job
        throw e;
      });
    if (!committed) await objects.delete(keys);
  };
}
