// What the parent asks the load generator for, and what it answers (plain JSON over IPC).

export interface LoadSpec {
  /** Origin, e.g. http://127.0.0.1:34567 */
  url: string;
  method: 'GET' | 'POST';
  path: string;
  connections: number;
  seconds: number;
  /** POST a JSON create body {"name": prefix + counter, "type": "file"}: a unique name per request. */
  createNames?: { prefix: string };
}

export interface LoadResult {
  /** Measured wall time of the run as autocannon reports it. */
  seconds: number;
  /** Responses per HTTP status code. */
  byStatus: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU the load generator process used, as a share of one core over the run. */
  loaderCpu: number;
}

/**
 * A message to a job child (job-process.ts): a spec to run (LoadSpec, DirsLoadSpec for
 * dirs-load.ts, ClientJob for client-process.ts), or exit.
 */
export type ToLoader<Spec = LoadSpec> = { id: number; spec: Spec } | { id: number; exit: true };
export type FromLoader<Result = LoadResult> = { id: number; result: Result } | { id: number; error: string };
