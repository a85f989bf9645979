// The S3 object store (CIRRUS_OBJECTS=s3://BUCKET/PREFIX?endpoint=…&region=…), on the AWS SDK.
// Objects are immutable: every put is conditional (If-None-Match: *), so an existing key is
// never overwritten. Transient failures (5xx, throttling, timeouts, cut connections) are
// retried by the SDK's standard retry strategy with backoff; what still fails becomes
// EREMOTEIO (503 with Retry-After), so a flush fails clearly and commits nothing.
//
// A retried PUT whose first attempt was stored but whose answer was lost gets 412 (the key
// exists): the object is then checked to be ours (same size, and the same MD5 ETag or CRC32
// checksum where the store reports one) and the put counts as done. A GET whose body breaks
// off is asked again once (the SDK retries only until the answer's headers).
import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  type ListObjectsV2CommandOutput,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Readable } from 'node:stream';
import { crc32 } from '@node-rs/crc32';
import { fsErr } from '../errno.ts';
import { readBody, readBodyChunks, readBodyParts } from './s3-body.ts';
import { S3_IDLE_TIMEOUT_MS, type S3Location } from './s3-url.ts';
import { checkObjectKey, ObjectNotFound, type ObjectStore, type PutOptions } from './types.ts';
import { crc32cBase64 } from './crc32c.ts';

export const S3_MAX_ATTEMPTS = 5;
export const S3_CONNECT_TIMEOUT_MS = 3_000;
export const S3_MAX_SOCKETS = 64;
/** GETs whose body breaks off are sent this many times in all. */
export const S3_BODY_ATTEMPTS = 2;
/** An S3 ETag that is the MD5 of the body (a single-part PUT without KMS encryption). */
const MD5_ETAG = /^"?([0-9a-f]{32})"?$/;
const DELETE_BATCH = 1000; // DeleteObjects' limit
const LIST_PAGE = 1000;

function httpStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

/**
 * Whether a ranged GET's answer holds the object's bytes from `start`: its Content-Range
 * says so, or (a server may ignore a Range and send the whole object) there is none and the
 * whole object is what was asked for. Otherwise the body's bytes would be taken for bytes
 * at another offset.
 */
function answersRange(
  contentRange: string | undefined,
  length: number | undefined,
  start: number,
  end: number | undefined,
): boolean {
  if (contentRange === undefined) return start === 0 && length !== undefined && (end === undefined || length <= end);
  const m = /^bytes (\d+)-(\d+)\/(?:\d+|\*)$/.exec(contentRange.trim());
  return m !== null && Number(m[1]) === start && (end === undefined || Number(m[2]) < end);
}

function remote(op: string, key: string, e: unknown): Error {
  const err = e as Error;
  return fsErr('EREMOTEIO', `object store ${op} ${key} failed: ${err.name}: ${err.message}`);
}

export interface S3StoreOptions {
  /** A request whose connection is idle this long is abandoned and retried (S3_IDLE_TIMEOUT_MS). */
  idleTimeoutMs?: number;
}

export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3';
  readonly location: string;
  readonly client: S3Client;
  readonly counters = {
    /** PUTs answered 412 that found their own object stored by an attempt whose answer was lost. */
    putsFoundStored: 0,
    /** GETs sent again because the body broke off. */
    bodyRetries: 0,
  };

  constructor(
    private readonly loc: S3Location,
    options: S3StoreOptions = {},
  ) {
    this.location = `s3://${loc.bucket}/${loc.prefix}${loc.endpoint ? ` at ${loc.endpoint}` : ''}`;
    const agentOptions = { keepAlive: true, maxSockets: S3_MAX_SOCKETS };
    const config: S3ClientConfig = {
      region: loc.region,
      endpoint: loc.endpoint,
      forcePathStyle: loc.forcePathStyle,
      maxAttempts: S3_MAX_ATTEMPTS,
      retryMode: 'standard',
      requestHandler: new NodeHttpHandler({
        connectionTimeout: S3_CONNECT_TIMEOUT_MS,
        // The idle limit, also while a body streams: a stalled S3 connection fails (TimeoutError,
        // retried) instead of hanging. (The SDK's `requestTimeout` only logs a warning unless
        // told to throw, and it ends at the answer's headers.)
        socketTimeout: options.idleTimeoutMs ?? S3_IDLE_TIMEOUT_MS,
        httpAgent: new Agent(agentOptions),
        httpsAgent: new HttpsAgent(agentOptions),
      }),
    };
    if (loc.credentials) config.credentials = loc.credentials;
    this.client = new S3Client(config);
  }

  private key(key: string): string {
    return this.loc.prefix + checkObjectKey(key);
  }

  async put(key: string, body: Buffer, opts: PutOptions = {}): Promise<void> {
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.loc.bucket,
          Key: this.key(key),
          Body: body,
          ContentLength: body.length,
          IfNoneMatch: '*',
          // The additional checksum: S3 checks the bytes it received against it and refuses
          // the PUT (400 BadDigest) if they were damaged on the way.
          ...(opts.crc32c === undefined ? {} : { ChecksumCRC32C: crc32cBase64(opts.crc32c) }),
        }),
      );
    } catch (e) {
      if (httpStatus(e) !== 412) throw remote('put', key, e);
      await this.checkStoredAlready(key, body, opts);
    }
  }

  /**
   * A conditional PUT found the key taken. Keys are never reused, so it is this very put's
   * earlier attempt, stored by S3 but its answer lost; unless the object differs, which is a
   * bug (an id given out twice) and never taken for success.
   */
  private async checkStoredAlready(key: string, body: Buffer, opts: PutOptions): Promise<void> {
    let head: { ContentLength?: number; ETag?: string; ChecksumCRC32?: string; ChecksumCRC32C?: string };
    try {
      head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.loc.bucket, Key: this.key(key), ChecksumMode: 'ENABLED' }),
      );
    } catch (e) {
      throw remote('put (checking the object already stored)', key, e);
    }
    const md5 = MD5_ETAG.exec(head.ETag ?? '')?.[1];
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    const differs =
      head.ContentLength !== body.length ||
      (md5 !== undefined && md5 !== createHash('md5').update(body).digest('hex')) ||
      (head.ChecksumCRC32 !== undefined && head.ChecksumCRC32 !== crc.toString('base64')) ||
      (head.ChecksumCRC32C !== undefined &&
        opts.crc32c !== undefined &&
        head.ChecksumCRC32C !== crc32cBase64(opts.crc32c));
    if (differs) {
      throw fsErr(
        'EIO',
        `object ${key} already exists with other contents (${head.ContentLength} bytes, ETag ${head.ETag}): objects are never overwritten`,
      );
    }
    this.counters.putsFoundStored++;
  }

  async get(key: string, start = 0, end?: number): Promise<Buffer> {
    if (end !== undefined && end <= start) return Buffer.alloc(0);
    return (await this.fetch(key, start, end, (body, length) => readBody(body, length))) ?? Buffer.alloc(0);
  }

  async getParts(key: string, start: number, end: number, partBytes: number): Promise<Buffer[]> {
    if (end <= start) return [];
    return (await this.fetch(key, start, end, (body, length) => readBodyParts(body, length, partBytes))) ?? [];
  }

  async getChunks(key: string, start: number, end: number): Promise<Buffer[]> {
    if (end <= start) return [];
    return (await this.fetch(key, start, end, readBodyChunks)) ?? [];
  }

  /** A (ranged) GET whose body `read` consumes; undefined when the range starts past the end. */
  private async fetch<T>(
    key: string,
    start: number,
    end: number | undefined,
    read: (body: Readable, length?: number) => Promise<T>,
  ): Promise<T | undefined> {
    const range = start > 0 || end !== undefined ? `bytes=${start}-${end === undefined ? '' : end - 1}` : undefined;
    for (let attempt = 1; ; attempt++) {
      let out: { Body?: unknown; ContentRange?: string; ContentLength?: number };
      try {
        out = await this.client.send(
          new GetObjectCommand({ Bucket: this.loc.bucket, Key: this.key(key), Range: range }),
        );
      } catch (e) {
        const status = httpStatus(e);
        if (status === 404 || (e as Error).name === 'NoSuchKey') throw new ObjectNotFound(key);
        if (status === 416) return undefined; // the range starts at or past the end
        throw remote('get', key, e);
      }
      const body = out.Body as Readable;
      if (range !== undefined && !answersRange(out.ContentRange, out.ContentLength, start, end)) {
        body.destroy(); // not read: free the connection
        const got = out.ContentRange ? `Content-Range ${out.ContentRange}` : 'no Content-Range';
        throw remote('get', key, new Error(`asked for ${range}, got ${got}: the Range was ignored`));
      }
      try {
        return await read(body, out.ContentLength);
      } catch (e) {
        body.destroy();
        if (attempt >= S3_BODY_ATTEMPTS) throw remote('get', key, e);
        this.counters.bodyRetries++;
      }
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      try {
        const out = await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.loc.bucket,
            Delete: { Objects: batch.map((k) => ({ Key: this.key(k) })), Quiet: true },
          }),
        );
        const failed = (out.Errors ?? []).filter((x) => x.Code !== 'NoSuchKey');
        if (failed.length > 0)
          throw new Error(`${failed.length} objects not deleted, e.g. ${failed[0].Key}: ${failed[0].Code}`);
      } catch (e) {
        throw remote('delete', batch[0], e);
      }
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(
          new ListObjectsV2Command({
            Bucket: this.loc.bucket,
            Prefix: this.loc.prefix + prefix,
            ContinuationToken: token,
            MaxKeys: LIST_PAGE,
          }),
        );
      } catch (e) {
        throw remote('list', prefix, e);
      }
      for (const o of page.Contents ?? []) if (o.Key) yield o.Key.slice(this.loc.prefix.length);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  stats(): Record<string, number> {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
