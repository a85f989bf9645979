// Flushing cached writes (DIGEST §3.5; DESIGN §4). A flush starts with one transaction
// (fs/slices.ts beginFlush): a file that stays within its filesystem's inlineBytes gets the
// bytes as its inline contents right there, and the flush is done. Otherwise that transaction
// reserved a slice id per extent and an intent naming their objects; the block objects are
// uploaded in parallel, then the slices are committed in one fenced transaction (`append`).
// Objects are written before any metadata names them; if the commit does not happen, the
// objects are deleted (or the sweeper does it).
import { invariant } from '../errno.ts';
import { objectKey, type SliceBlock, sliceBlocks } from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { NewSlice } from '../fs/slice-records.ts';
import { InlineChanged, type Slices } from '../fs/slices.ts';
import type { ObjectStore } from '../objects/types.ts';
import { sliceChecksums } from './block-objects.ts';
import { BlockPuts } from './block-puts.ts';
import type { CommitPieces, FlushPiece } from './write-cache.ts';

/** Block PUTs in flight per flush. */
export const FLUSH_PARALLEL_PUTS = 4;
/**
 * A flush that finds the file's inline contents changed under it (another instance wrote them
 * meanwhile) starts over this many times before it gives up and is retried later.
 */
const FLUSH_ATTEMPTS = 4;

/**
 * THE place block objects of a slice are named and written (flushes and compaction; whole-file
 * uploads cut theirs in data/block-upload.ts): the blocks of `slices`, each one's bytes asked of
 * `bytesOf` just before its PUT, through `puts` (which bounds the PUTs in flight and lists every
 * key it started in `puts.keys`, so a caller can delete them after a failure). The slices
 * come back with their page checksums (data/block-objects.ts), to be committed with them.
 */
export async function putSliceBlocks(
  puts: BlockPuts,
  target: { fs: FsInfo; ino: number; slices: readonly NewSlice[] },
  bytesOf: (slice: NewSlice, block: SliceBlock) => Promise<Buffer> | Buffer,
): Promise<NewSlice[]> {
  const { fs, ino } = target;
  const out: NewSlice[] = [];
  for (const slice of target.slices) {
    const sums = sliceChecksums([]);
    for (const block of sliceBlocks(fs, slice)) {
      const body = await bytesOf(slice, block);
      invariant(body.length === block.len, `block ${block.blockIndex} of slice ${slice.sliceId} is whole`);
      const object = sums.objects.push([]) - 1; // filled when its PUT has computed them, in block order
      await puts.put(objectKey(fs.id, ino, slice.sliceId, block.blockIndex, slice.compaction), body, {
        onPages: (pages) => {
          sums.objects[object] = pages;
        },
      });
    }
    out.push({ ...slice, checksums: sums });
  }
  await puts.finish();
  return out;
}

/** Upload slices' bytes as their block objects through `puts` (the keys are in `puts.keys`); the slices with their checksums. */
function putSliceObjects(
  puts: BlockPuts,
  fs: FsInfo,
  ino: number,
  slices: readonly { slice: NewSlice; bytes: Buffer }[],
): Promise<NewSlice[]> {
  const bytes = new Map(slices.map((s) => [s.slice, s.bytes]));
  return putSliceBlocks(puts, { fs, ino, slices: slices.map((s) => s.slice) }, (slice, b) => {
    const at = b.fileOffset - slice.offset;
    return bytes.get(slice)!.subarray(at, at + b.len);
  });
}

/** What the write-back cache calls to write a file's pieces (one file at a time). */
export function makeCommitter(slices: Slices, objects: ObjectStore): CommitPieces {
  const once = async (fs: FsInfo, ino: number, pieces: FlushPiece[], token: number | undefined) => {
    const start = await slices.beginFlush(fs, ino, pieces, { token });
    if (start.kind !== 'blocks') return; // inline: committed; gone: nothing to write into
    const { pending, extents } = start;
    const puts = new BlockPuts(objects, { parallel: FLUSH_PARALLEL_PUTS });
    let committed: boolean;
    try {
      const written = await putSliceObjects(
        puts,
        fs,
        ino,
        pending.slices.map((slice, i) => ({ slice, bytes: extents[i].bytes })),
      );
      committed = await slices.append(fs, ino, { ...pending, slices: written }, { token });
    } catch (e) {
      // Not committed (fenced, not a file, store unavailable): nothing names these objects.
      await puts.settle();
      await objects
        .delete(puts.keys)
        .then(() => slices.abandon(fs, pending.intentId))
        .catch(() => undefined); // the intent stays and the sweeper finishes the job
      throw e;
    }
    if (!committed) await objects.delete(puts.keys); // the file went meanwhile; the intent is dropped
  };
  return async (fs, ino, pieces, token) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(fs, ino, pieces, token);
      } catch (e) {
        if (!(e instanceof InlineChanged) || attempt >= FLUSH_ATTEMPTS) throw e;
      }
    }
  };
}
