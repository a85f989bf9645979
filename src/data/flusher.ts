// Flushing cached writes (DIGEST §3.5; DESIGN §4): reserve a slice id per extent and an intent
// naming their objects, upload the block objects in parallel, then commit the slices in one
// fenced transaction (fs/slices.ts `append`). Objects are written before any metadata names
// them; if the commit does not happen, the objects are deleted (or the sweeper does it).
import { invariant } from '../errno.ts';
import { objectKey, type SliceBlock, sliceBlocks } from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { NewSlice, Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import type { CommitPieces, FlushPiece } from './write-cache.ts';

/** Block PUTs in flight per flush. */
export const FLUSH_PARALLEL_PUTS = 4;

/**
 * THE place block objects of a slice are named and written (flushes and compaction; whole-file
 * uploads cut theirs in data/block-upload.ts): the blocks of `slices`, each one's bytes asked of
 * `bytesOf` just before its PUT, at most `parallel` PUTs in flight. The keys of every PUT
 * started are pushed to `keys` as they start, so a caller can delete them after a failure.
 */
export async function putSliceBlocks(
  objects: ObjectStore,
  target: { fs: FsInfo; ino: number; slices: readonly NewSlice[] },
  bytesOf: (slice: NewSlice, block: SliceBlock) => Promise<Buffer> | Buffer,
  opts: { parallel?: number; keys?: string[] } = {},
): Promise<string[]> {
  const { fs, ino } = target;
  const keys = opts.keys ?? [];
  const jobs = target.slices.flatMap((slice) => sliceBlocks(fs, slice).map((block) => ({ slice, block })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { slice, block } = jobs[next++];
      const body = await bytesOf(slice, block);
      invariant(body.length === block.len, `block ${block.blockIndex} of slice ${slice.sliceId} is whole`);
      const key = objectKey(fs.id, ino, slice.sliceId, block.blockIndex, slice.compaction);
      keys.push(key); // before the PUT: one that fails half way is deleted too
      await objects.put(key, body);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.parallel ?? FLUSH_PARALLEL_PUTS, jobs.length) }, worker));
  return keys;
}

/** Upload slices' bytes as their block objects, at most `parallel` at a time; the keys written. */
export function putSliceObjects(
  objects: ObjectStore,
  fs: FsInfo,
  ino: number,
  slices: readonly { slice: NewSlice; bytes: Buffer }[],
  parallel = FLUSH_PARALLEL_PUTS,
): Promise<string[]> {
  const bytes = new Map(slices.map((s) => [s.slice, s.bytes]));
  return putSliceBlocks(
    objects,
    { fs, ino, slices: slices.map((s) => s.slice) },
    (slice, b) => bytes.get(slice)!.subarray(b.fileOffset - slice.offset, b.fileOffset - slice.offset + b.len),
    { parallel },
  );
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
