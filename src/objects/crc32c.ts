// CRC32C (Castagnoli), the checksum of object bodies and of their pages: the one S3 takes as an
// additional checksum (x-amz-checksum-crc32c), computed by @node-rs/crc32 (SSE4.2/ARMv8 CRC
// instructions, so checking every page costs little next to moving it).
import { crc32c } from '@node-rs/crc32';

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
