// HTTP request rates (http-rates.ts): getattr and create against a Fastify no-op route, with the
// issue's targets: getattr >= 0.70 x the no-op GET, create >= 0.5 x the no-op POST with the same
// body (a create parses a JSON body; a GET does not).
import type { BenchGroup } from './bench-group.ts';
import { describe, measureHttpRates } from './http-rates.ts';
import { fixed, int, verdict } from './table.ts';

const GETATTR_TARGET = 0.7;
const CREATE_TARGET = 0.5;

export const httpGroup: BenchGroup = {
  name: 'http',
  async run(s) {
    const http = await measureHttpRates({
      connections: s.connections,
      seconds: s.seconds,
      warmupSeconds: s.warmupSeconds,
      rounds: s.rounds,
    });
    const base = http.noop.rate;
    const getattrRatio = http.getattr.rate / base;
    const postBase = http.noopPost.rate;
    const createRatio = http.create.rate / postBase;
    return {
      notes: [
        `HTTP: ${s.connections} connections, ${s.warmupSeconds} s warm-up, then ${s.rounds} interleaved rounds of ${s.seconds} s ` +
          'per scenario, best round reported. Servers in the benchmark process, autocannon in one child process ' +
          '(a core each; baseline and CirrusFS measured alike). "others" = cores used by anything else meanwhile.',
        ...[http.noop, http.getattr, http.create, http.noopPost].map((r) => `  ${describe(r)}`),
      ],
      rows: [
        { metric: 'http no-op GET /noop (req/s)', value: int(base), figures: { value: base, unit: 'req/s' } },
        {
          metric: 'http getattr GET /v1/fs/{fs}/inodes/{ino} (req/s)',
          value: int(http.getattr.rate),
          baseline: int(base),
          ratio: fixed(getattrRatio),
          target: `>= ${fixed(GETATTR_TARGET)}`,
          verdict: verdict(getattrRatio >= GETATTR_TARGET),
          figures: { value: http.getattr.rate, baseline: base, ratio: getattrRatio, unit: 'req/s' },
        },
        {
          metric: 'http no-op POST /noop with a create body (req/s)',
          value: int(postBase),
          figures: { value: postBase, unit: 'req/s' },
        },
        {
          metric: 'http create POST /v1/fs/{fs}/inodes/{dir}/entries vs the no-op POST (201/s)',
          value: int(http.create.rate),
          baseline: int(postBase),
          ratio: fixed(createRatio),
          target: `>= ${fixed(CREATE_TARGET)}`,
          verdict: verdict(createRatio >= CREATE_TARGET),
          figures: { value: http.create.rate, baseline: postBase, ratio: createRatio, unit: 'req/s' },
        },
        {
          metric: 'http create: answers other than 201, errors, timeouts (all rounds)',
          value: int(http.create.failures),
        },
        // Context: create against the no-op GET (no body to parse).
        {
          metric: 'http create vs the no-op GET (info)',
          value: int(http.create.rate),
          baseline: int(base),
          ratio: fixed(http.create.rate / base),
          figures: { value: http.create.rate, baseline: base, ratio: http.create.rate / base, unit: 'req/s' },
        },
        ...[http.noop, http.getattr, http.create].map((r) => ({
          metric: `http ${r.name} latency p50 / p99, best round (ms)`,
          value: `${r.best.run.latencyMs.p50} / ${r.best.run.latencyMs.p99}`,
        })),
      ],
    };
  },
};
