// What is counted around every etcd benchmark run (etcd-rates.ts): etcd's own /metrics (gRPC
// Range/Txn calls handled, WAL fsyncs, etcd's CPU), the engine's GET /v1/status meta counters
// (conflicts = whole transactions re-run, mergeRetries = commits redone in the Txn's failure
// branch because only merged counter shards had moved, gaveUp), and the CirrusFS server's own
// etcd range and txn calls timed as its engine sees them (its etcd client is wrapped, bench
// side only): where a create's latency goes.
import { performance } from 'node:perf_hooks';
import type { EtcdKv } from '../../src/kv/etcd.ts';
import type { TestServer } from '../support/server.ts';
import { call } from '../support/api.ts';

/** etcd's own counters (GET /metrics on the client URL). */
export interface EtcdCounters {
  ranges: number;
  txns: number;
  fsyncs: number;
  fsyncSeconds: number;
  cpuSeconds: number;
  dbBytes: number;
}

export interface MetaCounters {
  conflicts: number;
  commits: number;
  gaveUp: number;
  /** Commits redone in the Txn's failure branch because only merged counters had moved. */
  mergeRetries: number;
}

export interface CallTimes {
  range: { n: number; ms: number };
  txn: { n: number; ms: number };
}

export async function etcdCounters(endpoint: string): Promise<EtcdCounters> {
  const text = await (await fetch(`${endpoint}/metrics`)).text();
  const c: EtcdCounters = { ranges: 0, txns: 0, fsyncs: 0, fsyncSeconds: 0, cpuSeconds: 0, dbBytes: 0 };
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const [, name, labels = '', raw] = m;
    const v = Number(raw);
    if (name === 'grpc_server_handled_total' && labels.includes('grpc_service="etcdserverpb.KV"')) {
      if (labels.includes('grpc_method="Range"')) c.ranges += v;
      else if (labels.includes('grpc_method="Txn"')) c.txns += v;
    } else if (name === 'etcd_disk_wal_fsync_duration_seconds_count') c.fsyncs = v;
    else if (name === 'etcd_disk_wal_fsync_duration_seconds_sum') c.fsyncSeconds = v;
    else if (name === 'process_cpu_seconds_total') c.cpuSeconds = v;
    else if (name === 'etcd_mvcc_db_total_size_in_bytes') c.dbBytes = v;
  }
  return c;
}

export function counterDelta(a: EtcdCounters, b: EtcdCounters): EtcdCounters {
  return {
    ranges: b.ranges - a.ranges,
    txns: b.txns - a.txns,
    fsyncs: b.fsyncs - a.fsyncs,
    fsyncSeconds: b.fsyncSeconds - a.fsyncSeconds,
    cpuSeconds: b.cpuSeconds - a.cpuSeconds,
    dbBytes: b.dbBytes,
  };
}

export async function metaCounters(server: TestServer): Promise<MetaCounters> {
  const r = await call(server.url, 'GET', '/v1/status');
  if (r.status !== 200) throw new Error(`GET /v1/status answered ${r.status}: ${r.text}`);
  const m = r.json.meta as Record<string, unknown>;
  const n = (k: string) => (typeof m[k] === 'number' ? (m[k] as number) : 0);
  return { conflicts: n('conflicts'), commits: n('commits'), gaveUp: n('gaveUp'), mergeRetries: n('mergeRetries') };
}

/** Time the server's etcd range and txn calls (its engine and coordinator share the client). */
export function timeServerCalls(kv: EtcdKv): CallTimes {
  const t: CallTimes = { range: { n: 0, ms: 0 }, txn: { n: 0, ms: 0 } };
  const c = kv.client.kv;
  c.range = timed(c.range.bind(c), t.range);
  c.txn = timed(c.txn.bind(c), t.txn);
  return t;
}

/** `call`, counting its calls and their milliseconds in `into`. */
function timed<A extends unknown[], R>(
  call: (...args: A) => Promise<R>,
  into: { n: number; ms: number },
): (...args: A) => Promise<R> {
  return async (...args) => {
    const t0 = performance.now();
    try {
      return await call(...args);
    } finally {
      into.n++;
      into.ms += performance.now() - t0;
    }
  };
}

export const copyTimes = (t: CallTimes): CallTimes => ({ range: { ...t.range }, txn: { ...t.txn } });
export const timesDelta = (a: CallTimes, b: CallTimes): CallTimes => ({
  range: { n: b.range.n - a.range.n, ms: b.range.ms - a.range.ms },
  txn: { n: b.txn.n - a.txn.n, ms: b.txn.ms - a.txn.ms },
});
