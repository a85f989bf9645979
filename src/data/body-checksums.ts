// Whole-body checksums a client may send with an upload or a write (Content-MD5, RFC 1864;
// X-Checksum-CRC32C, the base64 big-endian CRC32C as S3's x-amz-checksum-crc32c): computed as
// the body streams in and checked before anything is committed, so bytes damaged between the
// client and us are refused (400 EBADCHECKSUM) rather than stored.
import { createHash } from 'node:crypto';
import { fsErr } from '../errno.ts';
import { crc32cBase64, crc32cOf } from '../objects/crc32c.ts';

/** What the client says its body hashes to (base64, as sent). */
export interface BodyChecksums {
  contentMd5?: string;
  crc32c?: string;
}

const BASE64_MD5 = /^[A-Za-z0-9+/]{22}==$/;
const BASE64_CRC32C = /^[A-Za-z0-9+/]{6}==$/;

/** The checksums in a request's headers, each checked for form (EINVAL); undefined if none was sent. */
export function bodyChecksumsOf(headers: Record<string, string | string[] | undefined>): BodyChecksums | undefined {
  const md5 = headers['content-md5'];
  const crc = headers['x-checksum-crc32c'];
  if (md5 === undefined && crc === undefined) return undefined;
  if (md5 !== undefined && (typeof md5 !== 'string' || !BASE64_MD5.test(md5)))
    throw fsErr('EINVAL', 'Content-MD5 must be the base64 of the 16-byte MD5 of the body');
  if (crc !== undefined && (typeof crc !== 'string' || !BASE64_CRC32C.test(crc)))
    throw fsErr('EINVAL', 'X-Checksum-CRC32C must be the base64 of the 4-byte big-endian CRC32C of the body');
  return { contentMd5: md5, crc32c: crc };
}

/** A body passed through unchanged while its checksums are computed; `verify` once it has ended. */
export class CheckedBody implements AsyncIterable<Uint8Array> {
  private readonly md5 = createHash('md5');
  private crc = 0;
  private ended = false;

  constructor(
    private readonly body: AsyncIterable<Uint8Array>,
    private readonly expected: BodyChecksums,
  ) {}

  async *[Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    for await (const chunk of this.body) {
      if (this.expected.contentMd5 !== undefined) this.md5.update(chunk);
      if (this.expected.crc32c !== undefined) this.crc = crc32cOf(chunk, this.crc);
      yield chunk;
    }
    this.ended = true;
  }

  /** Throws EBADCHECKSUM (400) if the body that arrived is not the one the client hashed. */
  verify(): void {
    if (!this.ended) throw fsErr('EIO', 'a body checksum was checked before the body ended');
    const { contentMd5, crc32c } = this.expected;
    const md5 = contentMd5 === undefined ? undefined : this.md5.digest('base64');
    if (md5 !== undefined && md5 !== contentMd5)
      throw fsErr('EBADCHECKSUM', `the body's MD5 is ${md5}, Content-MD5 said ${contentMd5}: nothing was written`);
    const crc = crc32cBase64(this.crc);
    if (crc32c !== undefined && crc !== crc32c)
      throw fsErr('EBADCHECKSUM', `the body's CRC32C is ${crc}, X-Checksum-CRC32C said ${crc32c}: nothing was written`);
  }
}
