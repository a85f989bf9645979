// Prometheus metrics at /metrics (DESIGN §6): requests by operation and status, their
// latency, and gauges read from the services at scrape time.
import client from 'prom-client';
import type { onResponseHookHandler } from 'fastify';
import type { App } from './types.ts';

export function registerMetrics(app: App, gauges: () => Record<string, number>): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'cirrus_process_' });
  // Per-request accounting is plain arithmetic on a map; prom-client reads it at scrape time.
  // (Updating labelled prom-client metrics on every request cost a third of a getattr.)
  const perRoute = new Map<string, { operation: string; status: string; count: number; seconds: number }>();
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
      for (const [what, value] of Object.entries(gauges())) this.set({ what }, value);
    },
  });
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
    route.onResponse = [...(route.onResponse === undefined ? [] : [route.onResponse].flat()), hook];
  });
  app.addHook('onResponse', (req, reply, done) => {
    if (req.is404) record('other', reply.statusCode, reply.elapsedTime);
    done();
  });
  app.get('/metrics', { schema: { hide: true }, config: { access: { endpoint: 'metrics' } } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
