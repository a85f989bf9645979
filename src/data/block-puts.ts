// Writing block objects with PUTs in parallel (DIGEST §3.5): the one PUT pipeline of the data
// path, shared by the write-back cache's flushes (data/flusher.ts) and whole-file uploads
// (data/block-upload.ts). It bounds the PUTs in flight, remembers every key it wrote (also
// after a failure, so the caller can delete what nothing will name), and reports the first
// failure.
//
// An upload's blocks are copies held only until their PUT answers, so their number in flight
// is what an upload costs in memory: they are taken from one process-wide budget (uploadBudget),
// and an upload keeps more PUTs in flight only while the budget has room (always at least one,
// so every upload moves). A flush's blocks are views of bytes the write cache already counts, so
// flushes take no budget.
import { invariant } from '../errno.ts';
import type { ObjectStore } from '../objects/types.ts';
import { putBlockObject } from './block-objects.ts';
import { ByteBudget } from './byte-budget.ts';

/**
 * PUTs in flight per writer at most: enough to keep a link to S3 busy with blocks of a few MiB
 * (the AWS CLI's default is 10 concurrent requests), few enough that one writer cannot take
 * every socket of the client's pool.
 */
export const MAX_PARALLEL_PUTS = 8;
/** The share of the write-back cache's size (CIRRUS_CACHE_BYTES) that uploads' blocks in flight may hold. */
export const UPLOAD_BUFFER_SHARE = 1 / 4;

/** The bytes of block copies in flight that every upload of the process shares, next to a write-back cache of `cacheBytes`. */
export function uploadBudget(cacheBytes: number): ByteBudget {
  return new ByteBudget(Math.floor(cacheBytes * UPLOAD_BUFFER_SHARE), 'upload');
}

export interface BlockPutsOptions {
  /** PUTs in flight at most (default MAX_PARALLEL_PUTS). */
  parallel?: number;
  /** Count the bytes in flight against this budget (uploads). */
  budget?: ByteBudget;
}

/** One writer's PUTs: `put` waits for room, `finish` for every PUT to answer. */
export class BlockPuts {
  /** Every key put so far, whether its PUT succeeded, failed or is in flight. */
  readonly keys: string[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private readonly parallel: number;
  private failure: unknown;
  private failed = false;

  constructor(
    private readonly objects: ObjectStore,
    private readonly opts: BlockPutsOptions = {},
  ) {
    this.parallel = opts.parallel ?? MAX_PARALLEL_PUTS;
    invariant(this.parallel >= 1, 'at least one PUT in flight');
  }

  /**
   * Start a PUT once there is room for it; throws the first failure of an earlier PUT.
   * `onPages` gets the block's page checksums once it is stored.
   */
  async put(key: string, bytes: Buffer, opts: { onPages?: (pages: number[]) => void } = {}): Promise<void> {
    const { budget } = this.opts;
    for (;;) {
      this.throwIfFailed();
      const room = this.inflight.size < this.parallel;
      if (room && (!budget || budget.take(bytes.length, { force: this.inflight.size === 0 }))) break;
      await Promise.race(this.inflight);
    }
    this.keys.push(key);
    // Every block goes through putBlockObject: its page checksums, and its CRC32C sent along.
    const put = putBlockObject(this.objects, key, bytes).then(
      (pages) => opts.onPages?.(pages),
      (e: unknown) => {
        if (!this.failed) [this.failed, this.failure] = [true, e];
      },
    );
    const tracked = put.finally(() => {
      this.inflight.delete(tracked);
      budget?.give(bytes.length);
    });
    this.inflight.add(tracked);
  }

  /** Wait for every PUT; throws the first failure. */
  async finish(): Promise<void> {
    await this.settle();
    this.throwIfFailed();
  }

  /** Wait for every PUT, failed or not (before deleting what was written). */
  async settle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private throwIfFailed(): void {
    if (this.failed) throw this.failure;
  }
}
