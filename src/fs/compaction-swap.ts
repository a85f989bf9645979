// Compaction's commit (DIGEST §4.1 step 8): the swap of one chunk's oldest slices for the slice
// rebuilt from their view, made through Slices.replaceSlices (fs/slices.ts) like every other
// slice change. The rebuild itself, and what to compact, are data/compactor.ts's.
import { invariant } from '../errno.ts';
import type { KvLimits, KvStore } from '../kv/types.ts';
import { decodeInode, encodeInode } from './codec.ts';
import { dropIntent } from './intents.ts';
import { inodeKey, sliceKey } from './keys.ts';
import { chunkIndexOf, chunkStartOf } from './layout.ts';
import type { FsInfo, Slice } from './model.ts';
import { queueReplaced } from './replaced-objects.ts';
import { assertInOneChunk, chunkSlices, genSliceExtents, type PendingSlices, putSlice } from './slice-records.ts';
import { pruneTruncMarks } from './trunc-marks.ts';

/** Keys a compaction's commit touches besides the replaced slices: the inode, the rebuilt slice, the purge record, the intent. */
const REPLACE_KEYS_BESIDES_SLICES = 4;
/**
 * On an engine that bounds the keys a transaction reads (DynamoDB), the replaced slices take at
 * most this share of the budget: the rest is for the commit's checks, which read the chunk's
 * other slices and, to prune truncation marks, the generation's.
 */
const REPLACE_SHARE_OF_KEY_BUDGET = 0.5;

/** Slices one compaction commit can replace, within the engine's write limit (and its key limit). */
export function slicesInReplace(limits: KvLimits): number {
  const byWrites = limits.maxWritesPerTx - REPLACE_KEYS_BESIDES_SLICES;
  if (limits.maxKeysPerTx === undefined) return byWrites;
  return Math.min(
    byWrites,
    Math.floor(limits.maxKeysPerTx * REPLACE_SHARE_OF_KEY_BUDGET) - REPLACE_KEYS_BESIDES_SLICES,
  );
}

/** What a compaction commits for one chunk (see Slices.replaceSlices). */
export interface SliceReplacement {
  /** The generation the slices were read in. */
  gen: number;
  chunk: number;
  /** The slices replaced, exactly as read: the oldest of the chunk in commit order. */
  replaced: readonly Slice[];
  /** The slice rebuilt from their view, reserved with its intent; absent when the view had no bytes. */
  rebuilt?: PendingSlices;
}
/**
 * Compaction's commit (DIGEST §4.1 step 8, the "CAS-like guard"): in one transaction, delete
 * exactly the slices `r.replaced` — the oldest of chunk `r.chunk`, as the compaction read
 * them — put the rebuilt slice (if the view had any bytes) with the newest replaced seq, queue
 * the replaced objects for purge, drop the rebuilt slice's intent, and prune truncation marks
 * the swap left voiding nothing. 'stale' when the file moved on in a way that voids the
 * rebuild (it is gone, its contents were replaced, or a replaced slice was removed by another
 * compaction): nothing is written, and the caller deletes the rebuilt objects.
 */
export function replaceSlices(
  kv: KvStore,
  fs: FsInfo,
  ino: number,
  r: SliceReplacement,
): Promise<'replaced' | 'stale'> {
  invariant(r.replaced.length > 0, 'a compaction replaces at least one slice');
  invariant(r.replaced.length <= slicesInReplace(kv.limits), 'a compaction commit fits in one transaction');
  return kv.transact(async (tx) => {
    const raw = await tx.get(inodeKey(fs.id, ino));
    if (!raw) return 'stale';
    const inode = decodeInode(ino, raw);
    if (inode.type !== 'file' || inode.gen !== r.gen) return 'stale';
    const keys = r.replaced.map((s) => sliceKey(fs.id, ino, r.gen, r.chunk, s.sliceId));
    if ((await tx.getMany(keys)).some((v) => v === undefined)) return 'stale';
    const newest = Math.max(...r.replaced.map((s) => s.seq));
    const replacedIds = new Set(r.replaced.map((s) => s.sliceId));
    for (const s of r.replaced) invariant(chunkIndexOf(fs, s.offset) === r.chunk, 'replaced slices lie in the chunk');
    invariant(newest <= inode.seq, 'replaced slices were committed');
    // The replaced slices are a prefix of the chunk in commit order: one committed before the
    // newest of them but left out would be covered by the rebuilt slice's seq. Checked against
    // as many of the chunk's slices as the engine's key budget allows (all, but on DynamoDB).
    const budget = kv.limits.maxKeysPerTx;
    let spare = budget === undefined ? undefined : budget - REPLACE_KEYS_BESIDES_SLICES - r.replaced.length;
    const checked = await chunkSlices(tx, fs.id, ino, r.gen, r.chunk, spare);
    for (const s of checked) {
      invariant(s.seq > newest || replacedIds.has(s.sliceId), `slice ${s.sliceId} older than the rebuild is replaced`);
    }
    if (spare !== undefined) spare -= checked.filter((s) => !replacedIds.has(s.sliceId)).length;
    for (const k of keys) tx.delete(k);
    let rebuilt: Slice | undefined;
    if (r.rebuilt) {
      const [s] = r.rebuilt.slices;
      invariant(r.rebuilt.slices.length === 1 && !s.zero, 'a compaction rebuilds one data slice');
      assertInOneChunk(fs, s);
      invariant(
        chunkIndexOf(fs, s.offset) === r.chunk && s.offset >= chunkStartOf(fs, r.chunk),
        'rebuilt in its chunk',
      );
      invariant(!replacedIds.has(s.sliceId), 'the rebuilt slice has an id of its own');
      rebuilt = { ...s, seq: newest };
      putSlice(tx, fs, fs.id, ino, r.gen, rebuilt);
      dropIntent(tx, fs.id, r.rebuilt.intentId);
    }
    const live = r.replaced.filter((s) => !s.zero);
    queueReplaced(
      tx,
      fs.id,
      { atMs: Date.now(), sliceId: Math.max(...r.replaced.map((s) => s.sliceId)) },
      {
        ino,
        slices: live.map(({ sliceId, compaction, offset, len }) => ({ sliceId, compaction, offset, len })),
      },
    );
    if (inode.truncMarks.length > 0 && (spare === undefined || spare > 0)) {
      const all = await genSliceExtents(tx, fs.id, inode, spare);
      if (all) {
        const after = [...all.filter((s) => !replacedIds.has(s.sliceId)), ...(rebuilt ? [rebuilt] : [])];
        const marks = pruneTruncMarks(inode.truncMarks, after);
        if (marks.length !== inode.truncMarks.length) {
          // Contents are unchanged: the record is rewritten without a new version (same ETag).
          tx.put(inodeKey(fs.id, ino), encodeInode({ ...inode, truncMarks: marks }));
        }
      }
    }
    return 'replaced';
  });
}
