// Data path throughput on S3 (the local fauxqs server): sequential 1 MiB writes and reads
// through the API next to raw S3 PUT/GET of the same bytes with the same SDK settings, and the
// object count for a file written in 4 KiB pieces. Everything in one run, one writer/reader
// at a time (sequential), so the ratios compare like with like.
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3, TEST_CREDENTIALS } from '../support/s3.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const MiB = 1024 * 1024;

export interface DataRates {
  mib: number;
  rawPutMiBs: number;
  apiWriteMiBs: number;
  rawGetMiBs: number;
  apiReadMiBs: number;
  /** The same 1 MiB ranges read again right after (info: what the read cache keeps of a scan). */
  apiRereadMiBs: number;
  smallWriteObjects: number;
  smallWrites: number;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

export async function measureDataRates(totalMiB: number): Promise<DataRates> {
  const s3 = await startS3();
  const body = Buffer.alloc(MiB, 0x5a);
  try {
    // Raw S3: PUT then GET totalMiB objects of 1 MiB, one at a time.
    const bucket = 'raw';
    await s3.bucket(bucket);
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    let t0 = performance.now();
    for (let i = 0; i < totalMiB; i++)
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: `o${i}`, Body: body, ContentLength: MiB }));
    const rawPutMiBs = totalMiB / seconds(t0);
    t0 = performance.now();
    for (let i = 0; i < totalMiB; i++) {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key: `o${i}` }));
      await out.Body!.transformToByteArray();
    }
    const rawGetMiBs = totalMiB / seconds(t0);
    client.destroy();

    // Through the API: 1 MiB writeData requests at increasing offsets, then a flush (so the
    // bytes are in S3, as the raw PUTs are); then 1 MiB ranged readData requests.
    const server = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('cirrus') } });
    try {
      await call(server.url, 'POST', '/v1/fs', { name: 'bench' });
      const ino = (await call(server.url, 'POST', '/v1/fs/bench/inodes/1/entries', { name: 'seq', type: 'file' })).json
        .ino;
      const base = `${server.url}/v1/fs/bench/inodes/${ino}`;
      const verifiers = new Set<string>();
      t0 = performance.now();
      for (let i = 0; i < totalMiB; i++) {
        const r = await fetch(`${base}/data?offset=${i * MiB}`, { method: 'PUT', body });
        if (r.status !== 200) throw new Error(`writeData: ${r.status} ${await r.text()}`);
        verifiers.add(((await r.json()) as { verifier: string }).verifier);
      }
      const flushed = await call(server.url, 'POST', `/v1/fs/bench/inodes/${ino}/flush`, { verifiers: [...verifiers] });
      if (flushed.status !== 200) throw new Error(`flush: ${flushed.status} ${flushed.text}`);
      const apiWriteMiBs = totalMiB / seconds(t0);

      const readRanges = async () => {
        const started = performance.now();
        for (let i = 0; i < totalMiB; i++) {
          const r = await fetch(`${base}/data`, { headers: { range: `bytes=${i * MiB}-${(i + 1) * MiB - 1}` } });
          const got = await r.arrayBuffer();
          if (r.status !== 206 || got.byteLength !== MiB)
            throw new Error(`readData: ${r.status}, ${got.byteLength} bytes`);
        }
        return totalMiB / seconds(started);
      };
      const apiReadMiBs = await readRanges();
      const apiRereadMiBs = await readRanges();

      // 8 MiB written as 4 KiB pieces, then flushed: how many objects?
      const small = (await call(server.url, 'POST', '/v1/fs/bench/inodes/1/entries', { name: 'small', type: 'file' }))
        .json.ino;
      const piece = Buffer.alloc(4096, 1);
      const smallWrites = (8 * MiB) / 4096;
      const smallVerifiers = new Set<string>();
      for (let i = 0; i < smallWrites; i++) {
        const r = await fetch(`${server.url}/v1/fs/bench/inodes/${small}/data?offset=${i * 4096}`, {
          method: 'PUT',
          body: piece,
        });
        smallVerifiers.add(((await r.json()) as { verifier: string }).verifier);
      }
      await call(server.url, 'POST', `/v1/fs/bench/inodes/${small}/flush`, { verifiers: [...smallVerifiers] });
      const lister = new S3Client({
        endpoint: s3.endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: TEST_CREDENTIALS,
      });
      const listed = await lister.send(
        new ListObjectsV2Command({ Bucket: 'cirrus', Prefix: `cirrus/1/${small % 256}/${small}/` }),
      );
      lister.destroy();
      return {
        mib: totalMiB,
        rawPutMiBs,
        apiWriteMiBs,
        rawGetMiBs,
        apiReadMiBs,
        apiRereadMiBs,
        smallWriteObjects: listed.KeyCount ?? 0,
        smallWrites,
      };
    } finally {
      await server.close();
    }
  } finally {
    await s3.close();
  }
}
