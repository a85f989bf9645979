// The load generator process: runs autocannon for each LoadSpec the parent sends over IPC.
// It lives in its own process so that, on a 2-core machine, the client gets one core and the
// server under test the other (see load-generator.ts).
import autocannon, { type AutocannonOptions } from 'autocannon';
import type { FromLoader, LoadResult, LoadSpec, ToLoader } from './load-spec.ts';

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const opts: AutocannonOptions = {
    url: spec.url,
    connections: spec.connections,
    pipelining: 1,
    duration: spec.seconds,
    timeout: 10,
  };
  if (spec.createNames) {
    const { prefix } = spec.createNames;
    let counter = 0; // one counter for all connections: every request gets a name of its own
    opts.requests = [
      {
        method: 'POST',
        path: spec.path,
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ name: `${prefix}${counter++}`, type: 'file' }) }),
      },
    ];
  } else {
    opts.method = spec.method;
    opts.requests = [{ method: spec.method, path: spec.path }];
  }
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

process.on('message', (msg: ToLoader) => {
  if ('exit' in msg) {
    process.disconnect();
    return;
  }
  runLoad(msg.spec).then(
    (result) => process.send!({ id: msg.id, result } satisfies FromLoader),
    (e: unknown) => process.send!({ id: msg.id, error: String((e as Error)?.stack ?? e) } satisfies FromLoader),
  );
});
