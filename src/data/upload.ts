// Cutting a streamed body into block objects (DIGEST §3.5 "Per DataCache"): one slice per
// chunk, one object per block, uploaded as the bytes arrive with at most
// UPLOAD_PARALLEL_PUTS in flight, so memory stays near (parallel + 1) blocks whatever the
// size of the body. Objects are written before any metadata refers to them (DIGEST §3.5
// "Ordering guarantee").
import { fsErr } from '../errno.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import type { Slice } from '../fs/model.ts';
import type { ObjectStore } from '../objects/types.ts';
import { objectKey, type Geometry } from './layout.ts';

export const UPLOAD_PARALLEL_PUTS = 2;

export interface WrittenObjects {
  slices: Slice[];
  length: number;
  keys: string[];
}

export interface UploadTarget {
  fsId: number;
  ino: number;
  geometry: Geometry;
  /** A fresh slice id for each chunk the body reaches. */
  newSliceId: () => Promise<number>;
  /** Refuse bodies longer than this (quota); defaults to the largest file. */
  maxBytes?: number;
}

/**
 * Upload `body` from file offset 0. On failure every object already written is listed in
 * the thrown error's `keys` so the caller can delete them.
 */
export async function writeObjects(
  objects: ObjectStore,
  t: UploadTarget,
  body: AsyncIterable<Uint8Array>,
): Promise<WrittenObjects> {
  const { blockSize, chunkSize } = t.geometry;
  const maxBytes = Math.min(t.maxBytes ?? MAX_FILE_SIZE_BYTES, MAX_FILE_SIZE_BYTES);
  const slices: Slice[] = [];
  const keys: string[] = [];
  const inflight = new Set<Promise<void>>();
  let failure: unknown;
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let offset = 0; // file offset of the first byte in `parts`

  const putBlock = async (bytes: Buffer) => {
    if (offset % chunkSize === 0) {
      // A fresh generation: its slices are committed in chunk order, seq 1, 2, ...
      slices.push({
        sliceId: await t.newSliceId(),
        seq: slices.length + 1,
        compaction: 0,
        offset,
        len: 0,
        zero: false,
      });
    }
    const slice = slices[slices.length - 1];
    const blockIndex = Math.floor((offset % chunkSize) / blockSize);
    const key = objectKey(t.fsId, t.ino, slice.sliceId, blockIndex, 0);
    keys.push(key);
    slice.len += bytes.length;
    offset += bytes.length;
    while (inflight.size >= UPLOAD_PARALLEL_PUTS) await Promise.race(inflight);
    if (failure) throw failure;
    const put = objects.put(key, bytes).then(
      () => void inflight.delete(put),
      (e) => {
        inflight.delete(put);
        failure ??= e;
      },
    );
    inflight.add(put);
  };

  /** Emit whole blocks from the buffered parts (a block ends at a block boundary). */
  const drain = async (final: boolean) => {
    for (;;) {
      const want = blockSize - (offset % blockSize);
      if (partsBytes < want && !(final && partsBytes > 0)) return;
      const all = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsBytes);
      const take = Math.min(want, partsBytes);
      const block = Buffer.from(all.subarray(0, take)); // own copy: the rest stays buffered
      parts = take < all.length ? [all.subarray(take)] : [];
      partsBytes -= take;
      await putBlock(block);
    }
  };

  try {
    for await (const chunk of body) {
      if (failure) throw failure;
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      if (offset + partsBytes + buf.length > maxBytes) {
        throw fsErr(
          maxBytes < MAX_FILE_SIZE_BYTES ? 'ENOSPC' : 'EFBIG',
          `the body is larger than the ${maxBytes} bytes allowed`,
        );
      }
      parts.push(buf);
      partsBytes += buf.length;
      await drain(false);
    }
    await drain(true);
    await Promise.all(inflight);
    if (failure) throw failure;
  } catch (e) {
    await Promise.allSettled(inflight);
    (e as { keys?: string[] }).keys = keys;
    throw e;
  }
  return { slices, length: offset, keys };
}
