// The client process's HTTP jobs (client-jobs.ts), on undici pools: keep-alive connections,
// one request in flight per connection, bodies consumed as they arrive (never kept). The same
// code drives CirrusFS, rclone and nginx, so the servers differ and the client does not.
import { randomBytes } from 'node:crypto';
import { createHistogram } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { Pool } from 'undici';
import type {
  ApiSequentialJob,
  DownloadJob,
  OpsJob,
  OpsResult,
  SequentialResult,
  TransferResult,
  UploadJob,
} from './client-jobs.ts';

const MiB = 1024 * 1024;
/** Upload bodies are sent in pieces of this size (one random buffer, sent again and again). */
const UPLOAD_PIECE_BYTES = MiB;
const uploadPiece = randomBytes(UPLOAD_PIECE_BYTES);

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Read a body to its end (as a client would), keeping only its length. */
async function drain(body: AsyncIterable<unknown>): Promise<number> {
  let bytes = 0;
  for await (const chunk of body) bytes += (chunk as Buffer).length;
  return bytes;
}

async function withPool<T>(origin: string, connections: number, run: (pool: Pool) => Promise<T>): Promise<T> {
  const pool = new Pool(origin, { connections, pipelining: 1 });
  try {
    return await run(pool);
  } finally {
    await pool.close();
  }
}

export function runOps(job: OpsJob): Promise<OpsResult> {
  const body = job.bodyBytes === undefined ? undefined : randomBytes(job.bodyBytes);
  return withPool(job.origin, job.inFlight, async (pool) => {
    const hist = createHistogram();
    const byStatus: Record<string, number> = {};
    let errors = 0;
    let firstError: string | undefined;
    let next = 0;
    const t0 = performance.now();
    const worker = async () => {
      while (next < job.paths.length) {
        const path = job.paths[next++];
        const started = performance.now();
        try {
          const res = await pool.request({ method: job.method, path, headers: job.headers, body });
          await drain(res.body);
          byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
        } catch (e) {
          errors++;
          firstError ??= String((e as Error)?.message ?? e);
        }
        hist.record(Math.max(1, Math.round((performance.now() - started) * 1000)));
      }
    };
    await Promise.all(Array.from({ length: Math.min(job.inFlight, job.paths.length) }, worker));
    const took = seconds(t0);
    const ok = job.okStatus.reduce((n, s) => n + (byStatus[s] ?? 0), 0);
    const ms = (us: number) => us / 1000;
    return {
      seconds: took,
      ok,
      byStatus,
      errors,
      firstError,
      latencyMs: { mean: ms(hist.mean), p50: ms(hist.percentile(50)), p99: ms(hist.percentile(99)) },
    };
  });
}

async function* uploadBody(bytes: number): AsyncGenerator<Buffer> {
  for (let sent = 0; sent < bytes; sent += UPLOAD_PIECE_BYTES) {
    yield sent + UPLOAD_PIECE_BYTES <= bytes ? uploadPiece : uploadPiece.subarray(0, bytes - sent);
  }
}

export function runUpload(job: UploadJob): Promise<TransferResult> {
  return withPool(job.origin, 1, async (pool) => {
    const t0 = performance.now();
    const res = await pool.request({
      method: 'PUT',
      path: job.path,
      headers: { 'content-length': String(job.bytes), 'content-type': 'application/octet-stream' },
      body: Readable.from(uploadBody(job.bytes), { objectMode: false }),
    });
    const answer = await res.body.text();
    const took = seconds(t0);
    if (!job.okStatus.includes(res.statusCode))
      throw new Error(`PUT ${job.path}: ${res.statusCode} ${answer.slice(0, 300)}`);
    return { seconds: took, bytes: job.bytes, status: res.statusCode };
  });
}

export function runDownload(job: DownloadJob): Promise<TransferResult> {
  return withPool(job.origin, 1, async (pool) => {
    const t0 = performance.now();
    const res = await pool.request({ method: 'GET', path: job.path });
    const bytes = await drain(res.body);
    const took = seconds(t0);
    if (res.statusCode !== 200 || bytes !== job.bytes)
      throw new Error(`GET ${job.path}: ${res.statusCode}, ${bytes} bytes of ${job.bytes}`);
    return { seconds: took, bytes, status: res.statusCode };
  });
}

/** writeData at increasing offsets then one flushData ('api-write'), or ranged readData ('api-read'). */
export function runApiSequential(job: ApiSequentialJob): Promise<SequentialResult> {
  const piece = randomBytes(job.pieceBytes);
  return withPool(job.origin, 1, async (pool) => {
    const t0 = performance.now();
    if (job.kind === 'api-write') {
      const verifiers = new Set<string>();
      for (let i = 0; i < job.pieces; i++) {
        const path = `${job.inodePath}/data?offset=${i * job.pieceBytes}`;
        const res = await pool.request({ method: 'PUT', path, body: piece });
        const text = await res.body.text();
        if (res.statusCode !== 200) throw new Error(`writeData: ${res.statusCode} ${text}`);
        verifiers.add((JSON.parse(text) as { verifier: string }).verifier);
      }
      const res = await pool.request({
        method: 'POST',
        path: `${job.inodePath}/flush`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ verifiers: [...verifiers] }),
      });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`flush: ${res.statusCode} ${text}`);
    } else {
      for (let i = 0; i < job.pieces; i++) {
        const range = `bytes=${i * job.pieceBytes}-${(i + 1) * job.pieceBytes - 1}`;
        const res = await pool.request({ method: 'GET', path: `${job.inodePath}/data`, headers: { range } });
        const got = await drain(res.body);
        if (res.statusCode !== 206 || got !== job.pieceBytes)
          throw new Error(`readData: ${res.statusCode}, ${got} bytes`);
      }
    }
    return { seconds: seconds(t0), bytes: job.pieces * job.pieceBytes };
  });
}
