// Cutting a streamed body into block objects (DIGEST §3.5 "Per DataCache"): one slice per
// chunk, one object per block, uploaded as the bytes arrive through the data path's PUT
// pipeline (data/block-puts.ts): as many PUTs in flight as the process-wide upload budget
// allows (at least one, at most MAX_PARALLEL_PUTS), so memory stays within the budget plus the
// block being cut, whatever the size of the body. Objects are written before any metadata
// refers to them (DIGEST §3.5 "Ordering guarantee").
import { fsErr, invariant } from '../errno.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import { blockAt, objectKey, type Geometry } from '../fs/layout.ts';
import type { Slice } from '../fs/model.ts';
import type { ObjectStore } from '../objects/types.ts';
import { sliceChecksums } from './block-objects.ts';
import { BlockPuts } from './block-puts.ts';
import type { ByteBudget } from './byte-budget.ts';

export interface WrittenObjects {
  /** One slice per chunk reached, back to back from offset 0, with seq 1, 2, … in order. */
  slices: Slice[];
  length: number;
}

export interface UploadTarget {
  fsId: number;
  ino: number;
  geometry: Geometry;
  /** A fresh slice id for each chunk the body reaches (named by the upload's intent first). */
  newSliceId: () => Promise<number>;
  /** Refuse bodies longer than this (quota); defaults to the largest file. */
  maxBytes?: number;
  /** The process-wide budget of upload bytes in flight. */
  budget: ByteBudget;
}

/**
 * One upload of a body from file offset 0. `keys` lists every object written so far, also
 * after a failure, so the caller can delete them.
 */
export class BlockUpload {
  private readonly slices: Slice[] = [];
  private readonly puts: BlockPuts;
  /** Bytes received but not yet cut into a block; `offset` is the file offset of the first. */
  private parts: Buffer[] = [];
  private partsBytes = 0;
  private offset = 0;

  constructor(
    objects: ObjectStore,
    private readonly target: UploadTarget,
  ) {
    this.puts = new BlockPuts(objects, { budget: target.budget });
  }

  /** Every object written so far, also after a failure. */
  get keys(): readonly string[] {
    return this.puts.keys;
  }

  async write(body: AsyncIterable<Uint8Array>): Promise<WrittenObjects> {
    const maxBytes = Math.min(this.target.maxBytes ?? MAX_FILE_SIZE_BYTES, MAX_FILE_SIZE_BYTES);
    try {
      for await (const chunk of body) {
        const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
        if (this.offset + this.partsBytes + buf.length > maxBytes) {
          const code = maxBytes < MAX_FILE_SIZE_BYTES ? 'ENOSPC' : 'EFBIG';
          throw fsErr(code, `the body is larger than the ${maxBytes} bytes allowed`);
        }
        this.parts.push(buf);
        this.partsBytes += buf.length;
        await this.drain({ final: false });
      }
      await this.drain({ final: true });
      await this.puts.finish();
    } catch (e) {
      await this.puts.settle();
      throw e;
    }
    return { slices: this.slices, length: this.offset };
  }

  /** Emit whole blocks from the buffered parts (a block ends at a block boundary); at the end, the rest. */
  private async drain(opts: { final: boolean }): Promise<void> {
    for (;;) {
      const want = blockAt(this.target.geometry, this.offset).end - this.offset;
      if (this.partsBytes < want && !(opts.final && this.partsBytes > 0)) return;
      await this.putBlock(this.cut(Math.min(want, this.partsBytes)));
    }
  }

  /**
   * The first `take` buffered bytes as one buffer of their own (an object is PUT as one body),
   * copied once from the body's chunks; the rest of the last chunk used stays buffered as a
   * view of it. (Joining the chunks and then copying the block out of the join copied every
   * byte twice: 11 % of a 256 MiB upload's CPU, and as much again in garbage.)
   */
  private cut(take: number): Buffer {
    const block = Buffer.allocUnsafe(take); // every byte is written below
    let at = 0;
    let used = 0; // chunks wholly in the block
    for (const part of this.parts) {
      const n = Math.min(part.length, take - at);
      part.copy(block, at, 0, n);
      at += n;
      if (n < part.length) {
        this.parts[used] = part.subarray(n);
        break;
      }
      used++;
      if (at === take) break;
    }
    invariant(at === take, 'a block is cut from bytes already buffered');
    this.parts.splice(0, used);
    this.partsBytes -= take;
    return block;
  }

  private async putBlock(bytes: Buffer): Promise<void> {
    const block = blockAt(this.target.geometry, this.offset);
    if (block.index === 0 && block.start === this.offset) {
      // A chunk starts: a new slice of the upload's generation, committed in chunk order.
      const sliceId = await this.target.newSliceId();
      this.slices.push({
        sliceId,
        seq: this.slices.length + 1,
        compaction: 0,
        offset: this.offset,
        len: 0,
        zero: false,
      });
    }
    const slice = this.slices[this.slices.length - 1];
    slice.len += bytes.length;
    this.offset += bytes.length;
    slice.checksums ??= sliceChecksums([]);
    const sums = slice.checksums;
    const object = sums.objects.push([]) - 1; // filled when its PUT has computed them, in block order
    await this.puts.put(objectKey(this.target.fsId, this.target.ino, slice.sliceId, block.index, 0), bytes, {
      onPages: (pages) => {
        sums.objects[object] = pages;
      },
    });
  }
}
