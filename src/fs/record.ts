// Compact binary records for metadata values: unsigned LEB128 varints, zigzag for signed
// numbers, length-prefixed byte strings. Values stay small because the memory engine holds
// millions of them (DESIGN §3.2); CurveFS chose protobuf for the same reason (DIGEST §7.3),
// and protobuf's wire format is these same varints.
import { fsErr, invariant } from '../errno.ts';

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

export class RecordWriter {
  private buf = Buffer.allocUnsafe(64);
  private at = 0;

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  u8(n: number): this {
    this.room(1);
    this.buf[this.at++] = n;
    return this;
  }

  uint(n: number): this {
    invariant(Number.isInteger(n) && n >= 0 && n <= MAX_SAFE, `varint ${n} is a safe unsigned integer`);
    this.room(8);
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
    return this;
  }

  /** Signed integers, zigzag-encoded so small negatives stay small. */
  int(n: number): this {
    invariant(Number.isInteger(n), `int ${n} is an integer`);
    return this.uint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  bytes(b: Uint8Array): this {
    this.uint(b.length);
    this.room(b.length);
    this.buf.set(b, this.at);
    this.at += b.length;
    return this;
  }

  /** A UTF-8 string. */
  str(s: string): this {
    return this.bytes(Buffer.from(s, 'utf8'));
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }
}

export class RecordReader {
  private at = 0;
  constructor(private readonly buf: Uint8Array) {}

  private corrupt(): never {
    throw fsErr('EIO', 'corrupt metadata record');
  }

  get remaining(): number {
    return this.buf.length - this.at;
  }

  u8(): number {
    if (this.at >= this.buf.length) this.corrupt();
    return this.buf[this.at++];
  }

  uint(): number {
    let n = 0;
    let scale = 1;
    for (;;) {
      const byte = this.u8();
      n += (byte & 0x7f) * scale;
      if (byte < 0x80) break;
      scale *= 0x80;
      if (scale > MAX_SAFE) this.corrupt();
    }
    return n;
  }

  int(): number {
    const z = this.uint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  bytes(): Buffer {
    const n = this.uint();
    if (this.at + n > this.buf.length) this.corrupt();
    const out = Buffer.from(this.buf.subarray(this.at, this.at + n));
    this.at += n;
    return out;
  }

  str(): string {
    return this.bytes().toString('utf8');
  }
}
