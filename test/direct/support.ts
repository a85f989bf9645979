// Helpers of the direct data plane's tests: a CirrusFS server over the test S3 server, the
// block PUTs a client makes, and the objects an inode has in the bucket.
import { createHash } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { Answer } from '../support/api.ts';
import { TEST_CREDENTIALS, type TestS3 } from '../support/s3.ts';

export interface Ticket {
  uploadId: string;
  ino: number;
  offset: number;
  length: number;
  expiresAt: string;
  blocks: { index: number; fileOffset: number; length: number; url: string; headers: Record<string, string> }[];
}

/** Bytes that differ at every offset (a block put at the wrong place shows). */
export function pattern(length: number, seed = 1): Buffer {
  const b = Buffer.alloc(length);
  for (let i = 0; i < length; i++) b[i] = (i * 31 + seed * 7 + (i >> 8)) % 251;
  return b;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('base64');

/** PUT the ticket's blocks from `bytes` (the range's bytes, from its offset); the statuses. */
export async function putBlocks(ticket: Ticket, bytes: Buffer, only?: (index: number) => boolean): Promise<number[]> {
  const statuses: number[] = [];
  for (const b of ticket.blocks) {
    if (only && !only(b.index)) continue;
    const at = b.fileOffset - ticket.offset;
    const res = await fetch(b.url, { method: 'PUT', headers: b.headers, body: bytes.subarray(at, at + b.length) });
    await res.arrayBuffer();
    statuses.push(res.status);
  }
  return statuses;
}

/** Keys under an inode's object prefix in the bucket. */
export async function inodeObjects(s3: TestS3, bucket: string, fsId: number, ino: number): Promise<string[]> {
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });
  try {
    const out = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: `cirrus/${fsId}/${ino % 256}/${ino}/` }),
    );
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  } finally {
    client.destroy();
  }
}

/** A ticket from an answer, or a failure that shows the problem. */
export function ticketOf(r: Answer): Ticket {
  if (r.status !== 201) throw new Error(`createUpload answered ${r.status}: ${r.text}`);
  return r.json as Ticket;
}
