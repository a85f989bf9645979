// Direct access to block objects for clients (DESIGN §4 "Direct data plane"): presigned URLs
// that let a client PUT or GET one object itself, and the facts the API checks before it
// commits what a client wrote. Only an S3 store offers it; a local directory store has no URL
// a client could reach (the direct plane then answers ENOSYS).
import { createHash } from 'node:crypto';
import { crc32c } from '@node-rs/crc32';

/** Checksums a client may sign into a block PUT; S3 verifies the body against it on arrival. */
export const CHECKSUM_ALGORITHMS = ['CRC32C', 'SHA256'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** S3's largest single PUT (AWS S3 quotas): larger blocks would need multipart uploads. */
export const S3_MAX_PUT_BYTES = 5 * 1024 ** 3;
/** SigV4 presigned URLs live at most 7 days (AWS S3 docs, "Sharing objects with presigned URLs"). */
export const MAX_PRESIGN_EXPIRY_S = 7 * 24 * 3600;

/** A request a client makes itself: the URL, and the headers it must send with it (they are signed). */
export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
}

/** What the store knows of an object. */
export interface ObjectFacts {
  size: number;
  /** The checksum the store recorded for the algorithm asked about, base64; absent if none. */
  checksum?: string;
}

export interface DirectAccess {
  /**
   * A PUT of exactly `length` bytes to `key`, once: Content-Length, If-None-Match: * (an
   * existing object is never overwritten) and the checksum, if given, are signed.
   */
  presignPut(
    key: string,
    opts: { length: number; checksum?: { algorithm: ChecksumAlgorithm; value: string }; expiresInS: number },
  ): Promise<SignedRequest>;
  /** A GET of `key` (the client adds its own Range header, which is not signed). */
  presignGet(key: string, opts: { expiresInS: number }): Promise<string>;
  /** Size and recorded checksum of an object; undefined when it does not exist. */
  head(key: string, opts: { checksum?: ChecksumAlgorithm }): Promise<ObjectFacts | undefined>;
  close(): void;
}

/** The checksum of `bytes` as S3 writes it: base64 of the digest (CRC32C: 4 bytes, big-endian). */
export function checksumOf(algorithm: ChecksumAlgorithm, bytes: Uint8Array): string {
  if (algorithm === 'SHA256') return createHash('sha256').update(bytes).digest('base64');
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32c(bytes) >>> 0);
  return out.toString('base64');
}
