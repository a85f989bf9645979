// The direct data plane on S3 (objects/direct.ts): presigned PUT and GET URLs for block objects,
// and HEAD for what a client wrote.
//
// The URLs are signed by a client of their own, with the SDK's flexible checksums off
// (requestChecksumCalculation WHEN_REQUIRED): otherwise the presigner signs a CRC32 of the
// *empty* body into every PUT URL (x-amz-checksum-crc32=AAAAAA==) and S3 refuses every real
// upload. Checksum headers stay headers ("unhoistable"): the client sends them, S3 checks them.
import {
  HeadObjectCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { fsErr, invariant } from '../errno.ts';
import type { ChecksumAlgorithm, DirectAccess, ObjectFacts, SignedRequest } from './direct.ts';
import { MAX_PRESIGN_EXPIRY_S, S3_MAX_PUT_BYTES } from './direct.ts';
import type { S3Location } from './s3-url.ts';
import { checkObjectKey } from './types.ts';

const CHECKSUM_HEADER: Record<ChecksumAlgorithm, string> = {
  CRC32C: 'x-amz-checksum-crc32c',
  SHA256: 'x-amz-checksum-sha256',
};
const UNHOISTABLE = new Set(Object.values(CHECKSUM_HEADER));

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

export class S3DirectAccess implements DirectAccess {
  private readonly signer: S3Client;

  /** `client` sends the HEADs (the object store's own, with its retries and timeouts). */
  constructor(
    private readonly client: S3Client,
    private readonly loc: S3Location,
  ) {
    const config: S3ClientConfig = {
      region: loc.region,
      endpoint: loc.endpoint,
      forcePathStyle: loc.forcePathStyle,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    };
    if (loc.credentials) config.credentials = loc.credentials;
    this.signer = new S3Client(config);
  }

  /** The S3 key of an object key: the same prefix as the object store's (objects/s3.ts). */
  private key(key: string): string {
    return this.loc.prefix + checkObjectKey(key);
  }

  async presignPut(
    key: string,
    opts: { length: number; checksum?: { algorithm: ChecksumAlgorithm; value: string }; expiresInS: number },
  ): Promise<SignedRequest> {
    invariant(opts.length > 0 && opts.length <= S3_MAX_PUT_BYTES, 'a block fits one PUT');
    invariant(opts.expiresInS > 0 && opts.expiresInS <= MAX_PRESIGN_EXPIRY_S, 'a URL expires within SigV4 bounds');
    const headers: Record<string, string> = { 'if-none-match': '*' };
    if (opts.checksum) headers[CHECKSUM_HEADER[opts.checksum.algorithm]] = opts.checksum.value;
    const command = new PutObjectCommand({
      Bucket: this.loc.bucket,
      Key: this.key(key),
      ContentLength: opts.length,
      IfNoneMatch: '*',
      ChecksumCRC32C: opts.checksum?.algorithm === 'CRC32C' ? opts.checksum.value : undefined,
      ChecksumSHA256: opts.checksum?.algorithm === 'SHA256' ? opts.checksum.value : undefined,
    });
    const url = await getSignedUrl(this.signer, command, {
      expiresIn: opts.expiresInS,
      unhoistableHeaders: UNHOISTABLE,
    });
    return { url, headers };
  }

  async presignGet(key: string, opts: { expiresInS: number }): Promise<string> {
    invariant(opts.expiresInS > 0 && opts.expiresInS <= MAX_PRESIGN_EXPIRY_S, 'a URL expires within SigV4 bounds');
    return getSignedUrl(this.signer, new GetObjectCommand({ Bucket: this.loc.bucket, Key: this.key(key) }), {
      expiresIn: opts.expiresInS,
    });
  }

  async head(key: string, opts: { checksum?: ChecksumAlgorithm }): Promise<ObjectFacts | undefined> {
    try {
      const out = await this.client.send(
        new HeadObjectCommand({
          Bucket: this.loc.bucket,
          Key: this.key(key),
          ChecksumMode: opts.checksum ? 'ENABLED' : undefined,
        }),
      );
      const checksum =
        opts.checksum === 'CRC32C' ? out.ChecksumCRC32C : opts.checksum === 'SHA256' ? out.ChecksumSHA256 : undefined;
      return { size: out.ContentLength ?? 0, checksum };
    } catch (e) {
      if (httpStatus(e) === 404 || (e as Error).name === 'NotFound') return undefined;
      const err = e as Error;
      throw fsErr('EREMOTEIO', `object store head ${key} failed: ${err.name}: ${err.message}`);
    }
  }

  close(): void {
    this.signer.destroy();
  }
}
