// What the benchmark process asks its client process for (client-process.ts, client-child.ts)
// and what it answers: plain JSON over IPC. Every HTTP job goes through the same client (undici
// pools with keep-alive, one request in flight per connection), whatever server it targets;
// raw S3 jobs go through the AWS SDK with the keep-alive agent settings CirrusFS's own S3
// store uses (src/objects/s3.ts), so the baseline has the client the server has.

/** Requests, one per path, `inFlight` at a time (closed loop): small-file uploads, stats, listings. */
export interface OpsJob {
  kind: 'ops';
  /** e.g. http://127.0.0.1:34567 */
  origin: string;
  /** Any method, WebDAV's included (PROPFIND, MKCOL). */
  method: string;
  /** One request per path, in order; a path may repeat. */
  paths: string[];
  headers?: Record<string, string>;
  /** Send a body of this many bytes with every request. */
  bodyBytes?: number;
  inFlight: number;
  /** The statuses that count as success. */
  okStatus: number[];
}

export interface OpsResult {
  seconds: number;
  /** Answers with an ok status. */
  ok: number;
  byStatus: Record<string, number>;
  /** Requests that got no answer (socket errors, timeouts). */
  errors: number;
  firstError?: string;
  latencyMs: { mean: number; p50: number; p99: number };
}

/** One whole file streamed up in one PUT, Content-Length known. */
export interface UploadJob {
  kind: 'upload';
  origin: string;
  path: string;
  bytes: number;
  okStatus: number[];
}

/** One GET of a whole file, the body consumed and its length checked. */
export interface DownloadJob {
  kind: 'download';
  origin: string;
  path: string;
  bytes: number;
}

export interface TransferResult {
  seconds: number;
  bytes: number;
  status: number;
}

/** `objects` objects of `objectBytes` each under `prefix`, `inFlight` at a time, with the AWS SDK. */
export interface S3Job {
  kind: 's3-put' | 's3-get';
  endpoint: string;
  bucket: string;
  prefix: string;
  objects: number;
  objectBytes: number;
  inFlight: number;
}

/**
 * CirrusFS inode-level data calls, one at a time: `pieces` writeData requests of `pieceBytes`
 * at increasing offsets then one flushData with their verifiers ('api-write'), or ranged
 * readData requests over the same ranges ('api-read').
 */
export interface ApiSequentialJob {
  kind: 'api-write' | 'api-read';
  origin: string;
  /** e.g. /v1/fs/bench/inodes/17 */
  inodePath: string;
  pieceBytes: number;
  pieces: number;
}

export interface SequentialResult {
  seconds: number;
  bytes: number;
}

export type ClientJob = OpsJob | UploadJob | DownloadJob | S3Job | ApiSequentialJob;

/** The answer to each kind of job. */
export interface ClientResults {
  ops: OpsResult;
  upload: TransferResult;
  download: TransferResult;
  's3-put': SequentialResult;
  's3-get': SequentialResult;
  'api-write': SequentialResult;
  'api-read': SequentialResult;
}

/** Every answer also says how much CPU the client process used over the job (share of one core). */
export type ClientAnswer<K extends ClientJob['kind'] = ClientJob['kind']> = ClientResults[K] & { clientCpu: number };
