// The client process's raw S3 jobs (client-jobs.ts): PUT or GET `objects` objects with the AWS
// SDK, `inFlight` at a time, on a keep-alive agent as CirrusFS's S3 store configures its own
// (src/objects/s3.ts), so the baseline pays what the server's S3 client pays. GET bodies are
// consumed as they arrive, as the HTTP jobs consume theirs.
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Readable } from 'node:stream';
import { TEST_CREDENTIALS } from '../support/s3.ts';
import type { S3Job, SequentialResult } from './client-jobs.ts';

export async function runS3(job: S3Job): Promise<SequentialResult> {
  const client = new S3Client({
    endpoint: job.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: job.inFlight }) }),
  });
  const body = job.kind === 's3-put' ? randomBytes(job.objectBytes) : undefined;
  const one = async (i: number) => {
    const Key = `${job.prefix}${i}`;
    if (body) {
      await client.send(new PutObjectCommand({ Bucket: job.bucket, Key, Body: body, ContentLength: body.length }));
      return;
    }
    const out = await client.send(new GetObjectCommand({ Bucket: job.bucket, Key }));
    let got = 0;
    for await (const chunk of out.Body as Readable) got += (chunk as Buffer).length;
    if (got !== job.objectBytes) throw new Error(`GET ${Key}: ${got} bytes of ${job.objectBytes}`);
  };
  try {
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < job.objects) await one(next++);
    };
    await Promise.all(Array.from({ length: Math.min(job.inFlight, job.objects) }, worker));
    return { seconds: (performance.now() - t0) / 1000, bytes: job.objects * job.objectBytes };
  } finally {
    client.destroy();
  }
}
