// Prometheus metrics at /metrics (DESIGN §6): requests by operation and status, their
// latency, and gauges read from the services at scrape time.
import client from 'prom-client';
import type { App } from './types.ts';

export function registerMetrics(app: App, gauges: () => Record<string, number>): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'cirrus_process_' });
  const requests = new client.Counter({
    name: 'cirrus_http_requests_total',
    help: 'HTTP requests by operation id and status',
    labelNames: ['operation', 'status'] as const,
    registers: [registry],
  });
  const latency = new client.Histogram({
    name: 'cirrus_http_request_duration_seconds',
    help: 'HTTP request latency by operation id',
    labelNames: ['operation'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  new client.Gauge({
    name: 'cirrus_state',
    help: 'Instance state: metadata engine, sweeper (see the "what" label)',
    labelNames: ['what'] as const,
    registers: [registry],
    collect() {
      for (const [what, value] of Object.entries(gauges())) this.set({ what }, value);
    },
  });
  app.addHook('onResponse', async (req, reply) => {
    const operation = (req.routeOptions.schema as { operationId?: string } | undefined)?.operationId ?? 'other';
    requests.inc({ operation, status: String(reply.statusCode) });
    latency.observe({ operation }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });
}
