// Flushing cached writes (DIGEST §3.5; DESIGN §4): reserve a slice id per extent and an intent
// naming their objects, upload the block objects in parallel, then commit the slices in one
// fenced transaction (fs/slices.ts `append`). Objects are written before any metadata names
// them; if the commit does not happen, the objects are deleted (or the sweeper does it).
import { objectKey, sliceBlocks } from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { NewSlice, Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import type { CommitPieces, FlushPiece } from './write-cache.ts';

/** Block PUTs in flight per flush. */
export const FLUSH_PARALLEL_PUTS = 4;

/** Upload slices' bytes as their block objects, at most `parallel` at a time; the keys written. */
export async function putSliceObjects(
  objects: ObjectStore,
  fs: FsInfo,
  ino: number,
  slices: readonly { slice: NewSlice; bytes: Buffer }[],
  parallel = FLUSH_PARALLEL_PUTS,
): Promise<string[]> {
  const jobs = slices.flatMap(({ slice, bytes }) =>
    sliceBlocks(fs, slice).map((b) => ({
      key: objectKey(fs.id, ino, slice.sliceId, b.blockIndex, slice.compaction),
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

/** What the write-back cache calls to write a file's pieces as slices (one file at a time). */
export function makeCommitter(slices: Slices, objects: ObjectStore): CommitPieces {
  return async (fs: FsInfo, ino: number, pieces: FlushPiece[], token: number | undefined) => {
    const pending = await slices.reserve(
      fs,
      ino,
      pieces.map((p) => ({ offset: p.offset, len: p.bytes.length })),
    );
    const keys = await putSliceObjects(
      objects,
      fs,
      ino,
      pending.slices.map((slice, i) => ({ slice, bytes: pieces[i].bytes })),
    );
    const committed = await slices.append(fs, ino, pending, { token }).catch(async (e) => {
      // Not committed (fenced, not a file, store unavailable): nothing names these objects.
      await objects
        .delete(keys)
        .then(() => slices.abandon(fs, pending.intentId))
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    });
    if (!committed) await objects.delete(keys);
  };
}
