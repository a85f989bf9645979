// Prometheus metrics at /metrics (DESIGN §6): requests by operation and status, their
// latency, and gauges read from the services at scrape time.
import client from 'prom-client';
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
  app.addHook('onResponse', (req, reply, done) => {
    const operation = (req.routeOptions.schema as { operationId?: string } | undefined)?.operationId ?? 'other';
    const key = `${operation} ${reply.statusCode}`;
    let r = perRoute.get(key);
    if (!r) perRoute.set(key, (r = { operation, status: String(reply.statusCode), count: 0, seconds: 0 }));
    r.count++;
    r.seconds += reply.elapsedTime / 1000;
    done();
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
