// Requests of the direct helper: to the API (JSON, problem answers become DirectError) and
// to S3 (presigned URLs), each retried with backoff on network errors, 429 and 5xx.
import pRetry, { AbortError } from 'p-retry';
import type { DirectClientOptions, Problem } from './types.ts';

/** Statuses worth another attempt: throttling and server-side failures. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
export const DEFAULT_RETRIES = 4;

/** A request answered with an error: the status and, from the API, its problem (code, detail). */
export class DirectError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problem?: Problem,
  ) {
    super(message);
    this.name = 'DirectError';
  }
}

export async function errorOf(res: Response, what: string): Promise<DirectError> {
  const text = await res.text().catch(() => '');
  let problem: Problem | undefined;
  try {
    problem = JSON.parse(text) as Problem;
  } catch {
    problem = undefined;
  }
  const code = problem?.code ?? `HTTP${res.status}`;
  return new DirectError(
    res.status,
    code,
    `${what}: ${res.status} ${code} ${problem?.detail ?? text.slice(0, 200)}`,
    problem,
  );
}

export class Http {
  private readonly fetch: typeof fetch;
  private readonly retries: number;

  constructor(private readonly o: DirectClientOptions) {
    this.fetch = o.fetch ?? globalThis.fetch.bind(globalThis);
    this.retries = o.retries ?? DEFAULT_RETRIES;
  }

  /**
   * `attempt` until it answers; errors that another attempt cannot fix (4xx other than 408
   * and 429) are thrown at once. `accept(res)` turns an answer into the result, or undefined
   * to treat it as a failure to retry or report.
   */
  private async retrying<T>(
    what: string,
    attempt: () => Promise<Response>,
    accept: (res: Response) => Promise<T | undefined>,
  ): Promise<T> {
    return pRetry(
      async () => {
        const res = await attempt();
        const value = await accept(res);
        if (value !== undefined) return value;
        const error = await errorOf(res, what);
        throw RETRY_STATUSES.has(res.status) ? error : new AbortError(error);
      },
      { retries: this.retries, minTimeout: 100, maxTimeout: 5_000, factor: 2, randomize: true },
    ).catch((e: unknown) => {
      throw e instanceof AbortError ? e.originalError : e;
    });
  }

  /** A JSON request to the API; the parsed answer (null for 204). */
  api<T>(method: string, path: string, opts: { body?: unknown; headers?: Record<string, string>; ok?: number[] } = {}) {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}${path}`;
    const headers: Record<string, string> = { ...this.o.headers, ...opts.headers };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return this.retrying<{ status: number; json: T }>(
      `${method} ${path}`,
      () => this.fetch(url, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }),
      async (res) => {
        if (!res.ok && !opts.ok?.includes(res.status)) return undefined;
        const text = await res.text();
        return { status: res.status, json: (text ? JSON.parse(text) : null) as T };
      },
    );
  }

  /**
   * PUT a block to its presigned URL. 412 means the object already exists: only an earlier
   * attempt of this very PUT can have written it (the URL names a fresh object), and the
   * commit checks it anyway.
   */
  putBlock(url: string, headers: Record<string, string>, body: Blob): Promise<void> {
    return this.retrying(
      `PUT block ${new URL(url).pathname}`,
      () => this.fetch(url, { method: 'PUT', headers, body }),
      async (res) => {
        if (!res.ok && res.status !== 412) return undefined;
        await res.arrayBuffer();
        return true;
      },
    ).then(() => undefined);
  }

  /** GET bytes [start, end) of an object through its presigned URL. */
  getRange(url: string, start: number, end: number): Promise<Uint8Array> {
    return this.retrying(
      `GET ${new URL(url).pathname} bytes ${start}-${end - 1}`,
      () => this.fetch(url, { headers: { range: `bytes=${start}-${end - 1}` } }),
      async (res) => {
        if (res.status !== 206 && !(res.status === 200 && start === 0)) return undefined;
        const bytes = new Uint8Array(await res.arrayBuffer());
        // A 200 is the whole object: keep what was asked for. Too few bytes: try again.
        return bytes.length >= end - start ? bytes.subarray(0, end - start) : undefined;
      },
    );
  }
}
