// The child's side of a load generator process (load-generator-child.ts, dirs-load-child.ts):
// answer the parent's specs over IPC one by one, and run autocannon the same way for both, with
// the same client settings and the load generator's own CPU taken over the run.
import autocannon, { type AutocannonOptions, type AutocannonRequest } from 'autocannon';
import type { FromLoader, LoadResult, ToLoader } from './load-spec.ts';

/** Run each spec the parent sends with `runLoad` and answer with its result or error. */
export function serveLoads<Spec, Result = LoadResult>(runLoad: (spec: Spec) => Promise<Result>): void {
  process.on('message', (msg: ToLoader<Spec>) => {
    if ('exit' in msg) {
      process.disconnect();
      return;
    }
    runLoad(msg.spec).then(
      (result) => process.send!({ id: msg.id, result } satisfies FromLoader<Result>),
      (e: unknown) =>
        process.send!({ id: msg.id, error: String((e as Error)?.stack ?? e) } satisfies FromLoader<Result>),
    );
  });
}

/** The client settings every load run shares: one request in flight per connection, 10 s timeout. */
export function loadOptions(spec: { url: string; connections: number; seconds: number }): AutocannonOptions {
  return { url: spec.url, connections: spec.connections, pipelining: 1, duration: spec.seconds, timeout: 10 };
}

/**
 * POST …/entries requests whose JSON create bodies {"name": prefix + counter, "type": "file"}
 * take their names from one counter for every request made by the returned function (all
 * connections): every request gets a name of its own.
 */
export function uniqueCreates(prefix: string): (path: string) => AutocannonRequest {
  let counter = 0;
  const headers = { 'content-type': 'application/json' };
  const setupRequest = (req: AutocannonRequest): AutocannonRequest => ({
    ...req,
    body: JSON.stringify({ name: `${prefix}${counter++}`, type: 'file' }),
  });
  return (path) => ({ method: 'POST', path, headers, setupRequest });
}

/** Run autocannon once; the result with this process's CPU over the run as a share of one core. */
export async function runAutocannon(opts: AutocannonOptions): Promise<LoadResult> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await autocannon(opts);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  const byStatus: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats)) byStatus[code] = s.count;
  return {
    seconds: r.duration,
    byStatus,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    loaderCpu: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}
