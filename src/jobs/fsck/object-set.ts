// The block objects a filesystem's slices name, as fsck holds them while it lists the bucket:
// a 64-bit fingerprint per object key (two CRC32Cs) in an open-addressing table of typed
// arrays — OBJECT_SET_BYTES_PER_OBJECT per object at most, never the keys themselves — with a
// bit per entry for "seen in the listing". A fingerprint collision (about n²/2^65 for n
// objects) could only hide a finding, never invent one: a leaked key taken for a named one, or
// a missing object for a present one.
import { crc32c } from '@node-rs/crc32';

const EMPTY = 0;
const SEED = 0x5bd1e995;
const MIN_SLOTS = 1024;

/** Bytes per object at the fullest (the table doubles at half full): 2 slots of 9 bytes. */
export const OBJECT_SET_BYTES_PER_OBJECT = 18;

function fingerprint(key: string): [number, number] {
  const b = Buffer.from(key, 'utf8');
  const hi = crc32c(b) >>> 0;
  const lo = crc32c(b, SEED) >>> 0;
  return hi === EMPTY && lo === EMPTY ? [1, 1] : [hi, lo];
}

export class ObjectSet {
  private hi = new Uint32Array(MIN_SLOTS);
  private lo = new Uint32Array(MIN_SLOTS);
  private seen = new Uint8Array(MIN_SLOTS);
  private used = 0;

  get size(): number {
    return this.used;
  }

  private slot(hi: number, lo: number): number {
    const mask = this.hi.length - 1;
    for (let i = (hi ^ Math.imul(lo, 0x27d4eb2d)) & mask; ; i = (i + 1) & mask) {
      if ((this.hi[i] === hi && this.lo[i] === lo) || (this.hi[i] === EMPTY && this.lo[i] === EMPTY)) return i;
    }
  }

  add(key: string): void {
    const [hi, lo] = fingerprint(key);
    const i = this.slot(hi, lo);
    if (this.hi[i] === EMPTY && this.lo[i] === EMPTY) {
      this.hi[i] = hi;
      this.lo[i] = lo;
      this.used++;
      if (this.used * 2 > this.hi.length) this.grow();
    }
  }

  /** Mark `key` seen; false when the set does not hold it. */
  see(key: string): boolean {
    const [hi, lo] = fingerprint(key);
    const i = this.slot(hi, lo);
    if (this.hi[i] === EMPTY && this.lo[i] === EMPTY) return false;
    this.seen[i] = 1;
    return true;
  }

  /** Was `key` held and seen? (For naming the unseen ones in a second pass.) */
  wasSeen(key: string): boolean {
    const [hi, lo] = fingerprint(key);
    const i = this.slot(hi, lo);
    return this.seen[i] === 1;
  }

  /** Held but never seen. */
  get unseen(): number {
    let n = 0;
    for (let i = 0; i < this.hi.length; i++) {
      if (!this.seen[i] && (this.hi[i] !== EMPTY || this.lo[i] !== EMPTY)) n++;
    }
    return n;
  }

  private grow(): void {
    const [hi, lo, seen] = [this.hi, this.lo, this.seen];
    this.hi = new Uint32Array(hi.length * 2);
    this.lo = new Uint32Array(hi.length * 2);
    this.seen = new Uint8Array(hi.length * 2);
    for (let i = 0; i < hi.length; i++) {
      if (hi[i] === EMPTY && lo[i] === EMPTY) continue;
      const j = this.slot(hi[i], lo[i]);
      this.hi[j] = hi[i];
      this.lo[j] = lo[i];
      this.seen[j] = seen[i];
    }
  }

  get bytes(): number {
    return this.hi.length * 9;
  }
}
