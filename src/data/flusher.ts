// Flushing cached writes (DIGEST §3.5; DESIGN §4): reserve a slice id per extent and an intent
// naming their objects, upload the block objects in parallel, then commit the slices in one
// fenced transaction (fs/slices.ts `append`). Objects are written before any metadata names
// them; if the commit does not happen, the objects are deleted (or the sweeper does it).
import { objectKey, sliceBlocks } from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { NewSlice, Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import { putBlockObject, sliceChecksums } from './block-objects.ts';
import type { CommitPieces, FlushPiece } from './write-cache.ts';

/** Block PUTs in flight per flush. */
export const FLUSH_PARALLEL_PUTS = 4;

/**
 * Upload slices' bytes as their block objects, at most `parallel` at a time: the keys written,
 * and each slice with its checksums (data/block-objects.ts).
 */
export async function putSliceObjects(
  objects: ObjectStore,
  fs: FsInfo,
  ino: number,
  slices: readonly { slice: NewSlice; bytes: Buffer }[],
  parallel = FLUSH_PARALLEL_PUTS,
): Promise<{ keys: string[]; slices: NewSlice[] }> {
  const sums = slices.map(({ slice }) => sliceChecksums(sliceBlocks(fs, slice).map(() => [])));
  const jobs = slices.flatMap(({ slice, bytes }, i) =>
    sliceBlocks(fs, slice).map((b, object) => ({
      key: objectKey(fs.id, ino, slice.sliceId, b.blockIndex, slice.compaction),
      body: bytes.subarray(b.fileOffset - slice.offset, b.fileOffset - slice.offset + b.len),
      pages: sums[i].objects,
      object,
    })),
  );
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      job.pages[job.object] = await putBlockObject(objects, job.key, job.body);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, worker));
  return { keys: jobs.map((j) => j.key), slices: slices.map(({ slice }, i) => ({ ...slice, checksums: sums[i] })) };
}

/** What the write-back cache calls to write a file's pieces as slices (one file at a time). */
export function makeCommitter(slices: Slices, objects: ObjectStore): CommitPieces {
  return async (fs: FsInfo, ino: number, pieces: FlushPiece[], token: number | undefined) => {
    const pending = await slices.reserve(
      fs,
      ino,
      pieces.map((p) => ({ offset: p.offset, len: p.bytes.length })),
    );
    const written = await putSliceObjects(
      objects,
      fs,
      ino,
      pending.slices.map((slice, i) => ({ slice, bytes: pieces[i].bytes })),
    );
    const keys = written.keys;
    const committed = await slices
      .append(fs, ino, { ...pending, slices: written.slices }, { token })
      .catch(async (e) => {
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
