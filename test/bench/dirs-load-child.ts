// The create load generator process for the hot-parent benchmark (etcd-rates.ts): one
// autocannon instance whose connections each stick to one directory. Connection i POSTs
// creates to paths[i % paths.length] for the whole run (autocannon's setupClient hook, called
// once per connection), every request with a name of its own. Both cases of the benchmark run
// through this same code with the same connection count; only `paths` differs (one directory
// for all, or one directory per connection), so the client side costs the same in both.
import autocannon, { type AutocannonOptions, type AutocannonRequest } from 'autocannon';
import type { LoadResult } from './load-spec.ts';
import type { DirsLoadSpec, FromDirsLoader, ToDirsLoader } from './dirs-load.ts';

/** autocannon's per-connection client, as far as setupClient uses it (not in autocannon.d.ts). */
interface AutocannonClient {
  setRequests(requests: AutocannonRequest[]): void;
}

async function runLoad(spec: DirsLoadSpec): Promise<LoadResult> {
  let counter = 0; // one counter for all connections: every request gets a name of its own
  let nextConnection = 0;
  const headers = { 'content-type': 'application/json' };
  const setupRequest = (req: AutocannonRequest): AutocannonRequest => ({
    ...req,
    body: JSON.stringify({ name: `${spec.prefix}${counter++}`, type: 'file' }),
  });
  const request = (path: string): AutocannonRequest => ({ method: 'POST', path, headers, setupRequest });
  const opts: AutocannonOptions & { setupClient(client: AutocannonClient): void } = {
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.seconds,
    timeout: 10,
    requests: [request(spec.paths[0])],
    setupClient: (client) => client.setRequests([request(spec.paths[nextConnection++ % spec.paths.length])]),
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await autocannon(opts);
  const cpu = process.cpuUsage(cpu0);
  const wallMs = performance.now() - t0;
  if (nextConnection !== spec.connections) throw new Error(`setupClient ran for ${nextConnection} of ${spec.connections} connections`);
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

process.on('message', (msg: ToDirsLoader) => {
  if ('exit' in msg) {
    process.disconnect();
    return;
  }
  runLoad(msg.spec).then(
    (result) => process.send!({ id: msg.id, result } satisfies FromDirsLoader),
    (e: unknown) => process.send!({ id: msg.id, error: String((e as Error)?.stack ?? e) } satisfies FromDirsLoader),
  );
});
