// Bytes a kind of transfer may hold in flight across the whole process: the block copies of
// uploads waiting for their PUT (data/block-puts.ts), the object bytes streamed reads fetch
// ahead of what they send (data/reader.ts). A transfer takes room before it starts a request
// and gives it back once the bytes are gone; one with nothing in flight takes its room even
// when the budget is spent (`force`), so every transfer moves and memory stays bounded by the
// budget plus one request per transfer.
import { invariant } from '../errno.ts';

export class ByteBudget {
  private used = 0;

  /** `what` names the budget in messages: e.g. "upload". */
  constructor(
    readonly maxBytes: number,
    readonly what: string,
  ) {
    invariant(maxBytes > 0, `the ${what} budget holds some bytes`);
  }

  get usedBytes(): number {
    return this.used;
  }

  /** Take `n` bytes if they fit; `force` takes them anyway (a transfer's only request in flight). */
  take(n: number, opts: { force: boolean }): boolean {
    if (!opts.force && this.used + n > this.maxBytes) return false;
    this.used += n;
    return true;
  }

  give(n: number): void {
    this.used -= n;
    invariant(this.used >= 0, `the ${this.what} budget gives back no more than was taken`);
  }
}
