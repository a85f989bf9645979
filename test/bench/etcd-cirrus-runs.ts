// The CirrusFS side of the etcd benchmark (etcd-rates.ts): one HTTP create run against the
// server on etcd, with the counters of etcd-counters.ts read around it. A run's counters close
// only once the server has finished all it started (autocannon stops at its deadline with up
// to N requests still in the server; left alone they would spill into the next scenario:
// trackInFlight, drain), and per-create figures divide by the engine's commits in that window.
import type { EtcdKv } from '../../src/kv/etcd.ts';
import type { Key, TransactOptions, Tx } from '../../src/kv/types.ts';
import type { TestServer } from '../support/server.ts';
import { call } from '../support/api.ts';
import { copyTimes, counterDelta, etcdCounters, metaCounters, timesDelta, type CallTimes } from './etcd-counters.ts';
import type { EtcdRound } from './etcd-results.ts';
import type { LoadRun } from './load-generator.ts';

export async function mustCreate(server: TestServer, path: string, body: unknown): Promise<any> {
  const r = await call(server.url, 'POST', path, body);
  if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${r.text}`);
  return r.json;
}

/** What the server still has in hand: HTTP requests, and metadata transactions and reads. */
export interface InFlight {
  requests: number;
  kv: number;
}

/**
 * Count the server's requests (its HTTP server's own events) and its engine's transact/get
 * calls in flight. Both are needed: a request's 'close' comes as soon as the client hangs up
 * (autocannon does at its deadline) while the handler goes on, so only the engine counter sees
 * that work through (retry backoffs included: they happen inside transact); the request counter
 * covers a request between its arrival and its first engine call.
 */
export function trackInFlight(server: TestServer, kv: EtcdKv): InFlight {
  const t: InFlight = { requests: 0, kv: 0 };
  server.built.app.server.on('request', (_req, res) => {
    t.requests++;
    res.once('close', () => t.requests--);
  });
  const transact = kv.transact.bind(kv);
  kv.transact = <T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T> => {
    t.kv++;
    return transact(fn, options).finally(() => t.kv--);
  };
  const get = kv.get.bind(kv);
  kv.get = (key: Key) => {
    t.kv++;
    return get(key).finally(() => t.kv--);
  };
  return t;
}

const QUIET_MS = 20;

/** Wait until the server has finished all it started (autocannon's deadline leaves some). */
async function drain(t: InFlight): Promise<void> {
  const deadline = Date.now() + 60_000;
  let quietSince: number | undefined;
  for (;;) {
    const now = Date.now();
    if (t.requests > 0 || t.kv > 0) quietSince = undefined;
    else {
      quietSince ??= now;
      if (quietSince + QUIET_MS <= now) return;
    }
    if (now > deadline)
      throw new Error(`the server is still busy after 60 s (${t.requests} requests, ${t.kv} engine calls)`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

export async function driveHttp(
  load: () => Promise<LoadRun>,
  server: TestServer,
  inFlight: InFlight,
  times: CallTimes,
  endpoint: string,
): Promise<EtcdRound> {
  await drain(inFlight);
  const meta0 = await metaCounters(server);
  const etcd0 = await etcdCounters(endpoint);
  const calls0 = copyTimes(times);
  const run = await load();
  const etcdAtDeadline = await etcdCounters(endpoint);
  await drain(inFlight);
  const calls = timesDelta(calls0, times);
  const etcd = counterDelta(etcd0, await etcdCounters(endpoint));
  const meta1 = await metaCounters(server);
  const successes = run.byStatus['201'] ?? 0;
  const answered = Object.values(run.byStatus).reduce((a, b) => a + b, 0);
  // CPU shares over the load generator's window, like the server's (load-generator.ts).
  const etcdCpu = (etcdAtDeadline.cpuSeconds - etcd0.cpuSeconds) / run.seconds;
  return {
    rate: successes / run.seconds,
    successes,
    done: meta1.commits - meta0.commits,
    failures: answered - successes + run.errors + run.timeouts,
    seconds: run.seconds,
    latencyMs: { p50: run.latencyMs.p50, p99: run.latencyMs.p99 },
    benchCpu: run.serverCpu,
    benchElu: run.serverElu,
    etcdCpu,
    loaderCpu: run.loaderCpu,
    otherCpu: run.otherCpu === undefined ? undefined : Math.max(0, run.otherCpu - etcdCpu),
    etcd,
    meta: { before: meta0, after: meta1 },
    calls,
    statuses: run.byStatus,
  };
}
