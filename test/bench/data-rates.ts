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
  /** Interleaved rounds; every figure is its best round's. */
  rounds: number;
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

/** The faster of two runs of the same job. */
const best = <R extends { bytes: number; seconds: number }>(a: R | undefined, b: R): R =>
  a === undefined || mibs(b) > mibs(a) ? b : a;

/** `rounds`: interleaved rounds of the raw and API runs, each figure its best (BENCH_DATA_ROUNDS). */
export async function measureDataRates(totalMiB: number, rounds: number): Promise<DataRates> {
  const s3 = await startS3();
  const client = ClientProcess.start();
  let server: CirrusProcess | undefined;
  try {
    await s3.bucket('raw');
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

    // Rounds interleave the baseline and the API (raw S3: PUT then GET totalMiB objects of
    // 1 MiB, one at a time; then the API's file), and each figure keeps its best round, as the
    // other groups do on a shared host: a neighbour's burst only ever lowers a rate.
    let rawPut: ClientRun<'s3-put'> | undefined;
    let rawGet: ClientRun<'s3-get'> | undefined;
    let apiWrite: ClientRun<'api-write'> | undefined;
    let apiRead: ClientRun<'api-read'> | undefined;
    let apiReread: ClientRun<'api-read'> | undefined;
    for (let round = 1; round <= rounds; round++) {
      const raw = {
        endpoint: s3.endpoint,
        bucket: 'raw',
        prefix: `r${round}-`,
        objects: totalMiB,
        objectBytes: MiB,
        inFlight: 1,
      };
      rawPut = best(rawPut, await client.run({ kind: 's3-put', ...raw }, { s3: s3.pid }));
      rawGet = best(rawGet, await client.run({ kind: 's3-get', ...raw }, { s3: s3.pid }));
      const name = `seq${round}`;
      const seq = (await expectCall(server.url, 'POST', entries, 201, { name, type: 'file' })).ino as number;
      const job = { origin: server.url, inodePath: `/v1/fs/bench/inodes/${seq}`, pieceBytes: MiB, pieces: totalMiB };
      apiWrite = best(apiWrite, await client.run({ kind: 'api-write', ...job }, watch));
      apiRead = best(apiRead, await client.run({ kind: 'api-read', ...job }, watch));
      apiReread = best(apiReread, await client.run({ kind: 'api-read', ...job }, watch));
    }
    if (!rawPut || !rawGet || !apiWrite || !apiRead || !apiReread) throw new Error('the data benchmark ran no round');

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
      rounds,
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
