// CRC32C (Castagnoli), the checksum of object bodies and of their pages: the one S3 takes as an
// additional checksum (x-amz-checksum-crc32c), computed by @node-rs/crc32 (SSE4.2/ARMv8 CRC
// instructions, so checking every page costs little next to moving it).
import { crc32c } from '@node-rs/crc32';
import { invariant } from '../errno.ts';

/** CRC32C of `bytes` as an unsigned 32-bit number, chained from `seed` (the CRC of the bytes before). */
export function crc32cOf(bytes: Uint8Array, seed = 0): number {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  return crc32c(buf, seed) >>> 0;
}

/** The big-endian base64 form of a CRC32C that S3 (x-amz-checksum-crc32c) and our upload headers use. */
export function crc32cBase64(crc: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(crc >>> 0);
  return b.toString('base64');
}

// Combining CRCs: the CRC32C of A‖B from crc(A), crc(B) and B's length, without reading A or B
// again (the method of zlib's crc32_combine: appending n zero bytes to A multiplies its CRC by
// x^(8n) modulo the polynomial, and the CRC's pre- and post-inversion cancel out). Lets a
// block's whole-object CRC be derived from its page CRCs, one pass over the bytes instead of two.

/** CRC-32C's polynomial, bit-reversed (the CRC is computed least significant bit first). */
const POLY_REVERSED = 0x82f63b78;
/** x^0 in the bit-reversed representation. */
const X0 = 0x80000000;

/** a(x)·b(x) modulo the polynomial, in the bit-reversed representation. */
function multiplyModP(a: number, b: number): number {
  let product = 0;
  for (let m = X0; m !== 0; m >>>= 1) {
    if ((a & m) !== 0) product ^= b;
    b = b & 1 ? (b >>> 1) ^ POLY_REVERSED : b >>> 1;
  }
  return product >>> 0;
}

/** Bytes a combined CRC's second part may have at most: 2^29 bytes are 2^32 bits, the last power of the table below. */
export const MAX_COMBINE_BYTES = 2 ** 29 - 1;

/** x^(2^k) modulo the polynomial, for k = 0…31. */
const X_POW_2K: number[] = (() => {
  const table: number[] = [];
  let p = X0 >>> 1; // x^1
  for (let k = 0; k < 32; k++) {
    table.push(p);
    p = multiplyModP(p, p);
  }
  return table;
})();

/** x^(8·bytes) modulo the polynomial: the operator that appends `bytes` zero bytes. */
function shiftOperator(bytes: number): number {
  invariant(Number.isInteger(bytes) && bytes >= 0 && bytes <= MAX_COMBINE_BYTES, 'a length the table covers');
  let p = X0;
  let k = 3; // 8·bytes = bytes·2^3
  for (let n = bytes; n > 0; n >>>= 1, k++) if (n & 1) p = multiplyModP(X_POW_2K[k], p);
  return p;
}

/** The CRC32C of A‖B, given crcA = CRC32C(A), crcB = CRC32C(B) and B's length in bytes. */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftOperator(lengthB), crcA) ^ crcB) >>> 0;
}
