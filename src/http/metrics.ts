// Prometheus metrics at /metrics (DESIGN §6): requests by operation and status, their
// latency, gauges read from the services at scrape time, and each background job's progress
// (labelled by job). Requests are counted in a plain map from the start; prom-client, which
// only turns figures into the exposition format, is imported and its registry built at the
// first scrape (a Lambda cold start need not compile it; the process metrics' event-loop and
// GC observers therefore start at that first scrape).
import type { Counter, Registry } from 'prom-client';
import type { onResponseHookHandler } from 'fastify';
import { builtOnFirstUse } from './first-use.ts';
import { hookList } from './route-hooks.ts';
import type { App } from './types.ts';

/** A background job's figures as getStatus shows them (jobs/job-stats.ts JobStats). */
export interface JobFigures {
  runs: number;
  lastRunAt?: string;
  lastRunItems: number;
  items: number;
  errors: number;
  counters: Record<string, number>;
}

export interface MetricSources {
  /** Instance state, one gauge per name. */
  gauges: () => Record<string, number>;
  /** The background jobs, by job name. */
  jobs: () => Readonly<Record<string, JobFigures>>;
}

type PromClient = typeof import('prom-client');

/** What a request's accounting adds up per operation and status, read at scrape time. */
interface RouteFigures {
  operation: string;
  status: string;
  count: number;
  seconds: number;
}

/** Prometheus metrics of the background jobs, one series per job (and counter), read at scrape time. */
function registerJobMetrics(
  client: PromClient,
  registry: Registry,
  jobs: () => Readonly<Record<string, JobFigures>>,
): void {
  const perJob = (
    name: string,
    help: string,
    kind: 'counter' | 'gauge',
    value: (j: JobFigures) => number | undefined,
  ) => {
    const Metric = kind === 'counter' ? client.Counter : client.Gauge;
    new Metric({
      name,
      help,
      labelNames: ['job'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [job, figures] of Object.entries(jobs())) {
          const v = value(figures);
          if (v === undefined) continue;
          if (this instanceof client.Gauge) this.set({ job }, v);
          else (this as Counter).inc({ job }, v);
        }
      },
    });
  };
  perJob('cirrus_job_runs_total', 'Sweeper passes in which the job ran', 'counter', (j) => j.runs);
  perJob(
    'cirrus_job_items_total',
    'Items the job did (see getStatus jobs for what an item is)',
    'counter',
    (j) => j.items,
  );
  perJob('cirrus_job_errors_total', 'Failed runs of the job', 'counter', (j) => j.errors);
  perJob('cirrus_job_last_run_items', 'Items the job did in its last run', 'gauge', (j) => j.lastRunItems);
  perJob('cirrus_job_last_run_timestamp_seconds', 'When the job last ran', 'gauge', (j) =>
    j.lastRunAt === undefined ? undefined : Date.parse(j.lastRunAt) / 1000,
  );
  new client.Counter({
    name: 'cirrus_job_work_total',
    help: 'Job-specific totals (compaction bytesWritten, trash delayedByLease, …), by job and what',
    labelNames: ['job', 'what'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [job, figures] of Object.entries(jobs())) {
        for (const [what, n] of Object.entries(figures.counters)) this.inc({ job, what }, n);
      }
    },
  });
}

/** The registry every scrape reads: built once, at the first scrape. */
async function buildRegistry(sources: MetricSources, perRoute: ReadonlyMap<string, RouteFigures>): Promise<Registry> {
  const { default: client } = await import('prom-client');
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'cirrus_process_' });
  const perRouteCounter = (name: string, help: string, field: 'count' | 'seconds') =>
    new client.Counter({
      name,
      help,
      labelNames: ['operation', 'status'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const r of perRoute.values()) this.inc({ operation: r.operation, status: r.status }, r[field]);
      },
    });
  perRouteCounter('cirrus_http_requests_total', 'HTTP requests by operation id and status', 'count');
  perRouteCounter(
    'cirrus_http_request_seconds_total',
    'Time spent answering HTTP requests, by operation id and status (divide by the count for the mean)',
    'seconds',
  );
  new client.Gauge({
    name: 'cirrus_state',
    help: 'Instance state: metadata engine, sweeper (see the "what" label)',
    labelNames: ['what'] as const,
    registers: [registry],
    collect() {
      for (const [what, value] of Object.entries(sources.gauges())) this.set({ what }, value);
    },
  });
  registerJobMetrics(client, registry, sources.jobs);
  return registry;
}

export function registerMetrics(app: App, sources: MetricSources): void {
  // Per-request accounting is plain arithmetic on a map; prom-client reads it at scrape time.
  // (Updating labelled prom-client metrics on every request cost a third of a getattr.)
  const perRoute = new Map<string, RouteFigures>();
  // Per status, per operation: a route's own onResponse hook knows its operation id, so no
  // request has to look it up (Fastify builds `req.routeOptions` anew on every access: that
  // lookup cost a tenth of a getattr). Unmatched requests (404s) count as "other".
  const record = (operation: string, status: number, ms: number) => {
    const key = `${operation} ${status}`;
    let r = perRoute.get(key);
    if (!r) {
      r = { operation, status: String(status), count: 0, seconds: 0 };
      perRoute.set(key, r);
    }
    r.count++;
    r.seconds += ms / 1000;
  };
  app.addHook('onRoute', (route) => {
    const operation = (route.schema as { operationId?: string } | undefined)?.operationId ?? 'other';
    const hook: onResponseHookHandler = (_req, reply, done) => {
      record(operation, reply.statusCode, reply.elapsedTime);
      done();
    };
    route.onResponse = [...hookList(route.onResponse), hook];
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (req.is404) record('other', reply.statusCode, reply.elapsedTime);
    done();
  });
  const registry = builtOnFirstUse(() => buildRegistry(sources, perRoute));
  app.get('/metrics', { schema: { hide: true }, config: { access: { endpoint: 'metrics' } } }, async (_req, reply) => {
    const built = await registry();
    reply.header('content-type', built.contentType);
    return built.metrics();
  });
}
