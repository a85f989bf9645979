// Data path throughput on S3 (the local fauxqs server): sequential 1 MiB writes and reads
// through the API next to raw S3 PUT/GET of the same bytes, and the object count for a file
// written in 4 KiB pieces. Three processes besides this one: the S3 server, the CirrusFS server
// (memory metadata, S3 objects; cirrus-process.ts) and the client (client-process.ts), which
// makes both the API calls and the raw S3 calls (AWS SDK, keep-alive agent as the server's own).
// Everything one request at a time (sequential), so the ratios compare like with like, and the
// server's CPU is its own: neither the client nor the SDK of the baseline share its event loop.
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { startS3, TEST_CREDENTIALS } from '../support/s3.ts';
import { expectCall, startCirrusProcess, type CirrusProcess } from './cirrus-process.ts';
import { ClientProcess, type ClientRun } from './client-process.ts';

const MiB = 1024 * 1024;
const PIECE_BYTES = 4096;
const PIECES_FILE_BYTES = 8 * MiB;

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
  /** Each measured run, with the CPU shares of the server, the S3 server and the client. */
  runs: {
    rawPut: ClientRun<'s3-put'>;
    rawGet: ClientRun<'s3-get'>;
    apiWrite: ClientRun<'api-write'>;
    apiRead: ClientRun<'api-read'>;
    apiReread: ClientRun<'api-read'>;
  };
}

const mibs = (r: { bytes: number; seconds: number }) => r.bytes / MiB / r.seconds;
/** MiB written and read before the measured runs (enough for the JIT to compile the paths they take). */
const WARMUP_MIB = 32;

export async function measureDataRates(totalMiB: number): Promise<DataRates> {
  const s3 = await startS3();
  const client = ClientProcess.start();
  let server: CirrusProcess | undefined;
  try {
    // Raw S3: PUT then GET totalMiB objects of 1 MiB, one at a time.
    await s3.bucket('raw');
    const raw = { endpoint: s3.endpoint, bucket: 'raw', prefix: 'o', objects: totalMiB, objectBytes: MiB, inFlight: 1 };
    const rawPut = await client.run({ kind: 's3-put', ...raw }, { s3: s3.pid });
    const rawGet = await client.run({ kind: 's3-get', ...raw }, { s3: s3.pid });

    // Through the API: 1 MiB writeData requests at increasing offsets, then a flush (so the
    // bytes are in S3, as the raw PUTs are); then 1 MiB ranged readData requests, twice.
    server = await startCirrusProcess({ objects: await s3.bucket('cirrus') });
    const watch = { cirrusfs: server.pid, s3: s3.pid };
    await expectCall(server.url, 'POST', '/v1/fs', 201, { name: 'bench' });
    const entries = '/v1/fs/bench/inodes/1/entries';
    // Warm-up, not measured: the same jobs on another file, so the server (JavaScript) is
    // measured with its paths compiled, as the HTTP and peer benchmarks measure it.
    const warm = (await expectCall(server.url, 'POST', entries, 201, { name: 'warm', type: 'file' })).ino as number;
    const warmJob = {
      origin: server.url,
      inodePath: `/v1/fs/bench/inodes/${warm}`,
      pieceBytes: MiB,
      pieces: WARMUP_MIB,
    };
    await client.run({ kind: 'api-write', ...warmJob }, watch);
    await client.run({ kind: 'api-read', ...warmJob }, watch);
    const seq = (await expectCall(server.url, 'POST', entries, 201, { name: 'seq', type: 'file' })).ino as number;
    const job = { origin: server.url, inodePath: `/v1/fs/bench/inodes/${seq}`, pieceBytes: MiB, pieces: totalMiB };
    const apiWrite = await client.run({ kind: 'api-write', ...job }, watch);
    const apiRead = await client.run({ kind: 'api-read', ...job }, watch);
    const apiReread = await client.run({ kind: 'api-read', ...job }, watch);

    // 8 MiB written as 4 KiB pieces, then flushed: how many objects?
    const small = (await expectCall(server.url, 'POST', entries, 201, { name: 'small', type: 'file' })).ino as number;
    const smallWrites = PIECES_FILE_BYTES / PIECE_BYTES;
    await client.run(
      {
        kind: 'api-write',
        origin: server.url,
        inodePath: `/v1/fs/bench/inodes/${small}`,
        pieceBytes: PIECE_BYTES,
        pieces: smallWrites,
      },
      watch,
    );
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
      rawPutMiBs: mibs(rawPut),
      apiWriteMiBs: mibs(apiWrite),
      rawGetMiBs: mibs(rawGet),
      apiReadMiBs: mibs(apiRead),
      apiRereadMiBs: mibs(apiReread),
      smallWriteObjects: listed.KeyCount ?? 0,
      smallWrites,
      runs: { rawPut, rawGet, apiWrite, apiRead, apiReread },
    };
  } finally {
    await server?.close();
    await client.close();
    await s3.close();
  }
}
