// CirrusFS on etcd (BENCH_ETCD=0 skips this part): one single-node etcd from the test harness
// and one CirrusFS server in this process whose CIRRUS_META and CIRRUS_COORD are that etcd.
//
// Scenarios, run in interleaved rounds after one warm-up pass, each reporting its best round
// (the host may be shared; see http-rates.ts):
//   rawTxn      the baseline: etcd transactions shaped like a create's commit (2 compares on
//               mod_revision, 3 on create_revision == 0, 4 puts, a failure branch of reads as
//               the engine sends; all keys unique so nothing conflicts), from C workers on one
//               Etcd3 client in this process.
//   rawPattern  context: the whole etcd call sequence of one create (6 ranges in 4 sequential
//               steps, then that txn), same workers and client: what etcd allows a create
//               that makes these round trips, before any CirrusFS or HTTP cost.
//   create      POST …/entries with unique names over HTTP (load-generator.ts, C connections).
//   oneDir      N creators (N connections, default 64) all creating in ONE directory.
//   spread      N creators over N directories, one each.
// oneDir and spread both run through dirs-load-child.ts: one autocannon instance with N
// connections, each pinned to its directory by autocannon's per-connection setupClient hook.
// We chose this over N parallel load-generator runs (N autocannon instances whose latency
// histograms cannot be merged and whose start skew blurs the window) and over an in-process
// fetch driver (which would take the server's own event loop): both cases pay exactly the
// same client cost and differ only in the directories targeted.
//
// Around every CirrusFS run the engine's GET /v1/status meta counters (conflicts = whole
// transactions re-run, mergeRetries = commits redone in the Txn's failure branch because only
// merged counter shards had moved, gaveUp) and etcd's own /metrics (gRPC Range/Txn calls
// handled, WAL fsyncs, etcd's CPU) are read, so the rows can say how many round trips and
// conflicts each create cost. A run's counters close only once the server has finished all it
// started (autocannon stops at its deadline with up to N requests still in the server; left
// alone they would spill into the next scenario: trackInFlight), and per-create figures divide
// by the engine's commits in that window. The server's etcd client is wrapped (bench
// side only) to time its range and txn calls as the engine sees them: where a create's latency
// goes. After the measured rounds, an attribution pass runs the three CirrusFS scenarios once
// more with failed commits charged to the kinds of key that had changed (attributeConflicts).
import { availableParallelism } from 'node:os';
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import { Etcd3, type ICompare, type IRequestOp } from 'etcd3';
import { ETCD_MAX_TXN_OPS, EtcdKv } from '../../src/kv/etcd.ts';
import type { Key, TransactOptions, Tx } from '../../src/kv/types.ts';
import { startEtcd, type EtcdCluster } from '../support/etcd.ts';
import { call, startServer, type TestServer } from '../support/server.ts';
import { DirsLoadGenerator } from './dirs-load.ts';
import { LoadGenerator, type LoadRun } from './load-generator.ts';
import { busyCores, cpuTicks } from './machine-load.ts';
import type { BenchSettings } from './settings.ts';
import { fixed, int, verdict, type Row } from './table.ts';

export const ETCD_CREATE_TARGET = 0.8;
export const HOT_PARENT_TARGET = 0.8;
const FS = 'bench';
/** Length of each run of the attribution pass (shorter than the measured runs if those are long). */
const ATTRIBUTION_SECONDS = 3;

export interface EtcdBenchSettings {
  /** Workers / connections of rawTxn, rawPattern and create (the HTTP benchmarks' C). */
  connections: number;
  /** Concurrent creators of oneDir and spread. */
  creators: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}

/** etcd's own counters (GET /metrics on the client URL). */
interface EtcdCounters {
  ranges: number;
  txns: number;
  fsyncs: number;
  fsyncSeconds: number;
  cpuSeconds: number;
  dbBytes: number;
}

interface MetaCounters {
  conflicts: number;
  commits: number;
  gaveUp: number;
  /** Commits redone in the Txn's failure branch because only merged counters had moved. */
  mergeRetries: number;
}

interface CallTimes {
  range: { n: number; ms: number };
  txn: { n: number; ms: number };
}

export interface EtcdRound {
  /** Successes (txns that succeeded, or 201s) per second. */
  rate: number;
  successes: number;
  /**
   * Operations completed in the window of the etcd and engine counters: raw runs, successes;
   * CirrusFS runs, the engine's commits until the server had nothing left in flight (the load
   * generator stops counting at its deadline, the server finishes what it has started; an id
   * batch or a sweeper pass may add a commit). The per-create figures divide by this.
   */
  done: number;
  /** Failed txns, other statuses, errors, timeouts. */
  failures: number;
  seconds: number;
  latencyMs: { p50: number; p99: number };
  /** This process (the etcd client: raw workers or the CirrusFS server), cores. */
  benchCpu: number;
  benchElu: number;
  etcdCpu: number;
  loaderCpu?: number;
  /** Cores used by anything else (not this process, etcd, the load generator). */
  otherCpu?: number;
  /** etcd counter deltas over the run. */
  etcd: EtcdCounters;
  /** The engine's counters before and after (CirrusFS runs). */
  meta?: { before: MetaCounters; after: MetaCounters };
  /** The CirrusFS server's etcd calls as its client timed them (CirrusFS runs). */
  calls?: CallTimes;
  statuses?: Record<string, number>;
  /** Failed commits by the kind of key that changed (attribution pass only). */
  causes?: ConflictCauses;
}

export interface EtcdScenarioResult {
  name: ScenarioName;
  title: string;
  rate: number;
  best: EtcdRound;
  rounds: EtcdRound[];
  failures: number;
}

type ScenarioName = 'rawTxn' | 'rawPattern' | 'create' | 'oneDir' | 'spread';
export type EtcdRates = Record<ScenarioName, EtcdScenarioResult> & {
  settings: EtcdBenchSettings;
  /** The CirrusFS scenarios once more, with conflicts attributed to keys (not in the rates). */
  attribution: Partial<Record<ScenarioName, EtcdRound>>;
  endpoint: string;
  /** etcd's database size after the last round. */
  dbBytes: number;
};

// ---- etcd and server counters -----------------------------------------------------------

async function etcdCounters(endpoint: string): Promise<EtcdCounters> {
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

function counterDelta(a: EtcdCounters, b: EtcdCounters): EtcdCounters {
  return {
    ranges: b.ranges - a.ranges,
    txns: b.txns - a.txns,
    fsyncs: b.fsyncs - a.fsyncs,
    fsyncSeconds: b.fsyncSeconds - a.fsyncSeconds,
    cpuSeconds: b.cpuSeconds - a.cpuSeconds,
    dbBytes: b.dbBytes,
  };
}

async function metaCounters(server: TestServer): Promise<MetaCounters> {
  const r = await call(server.url, 'GET', '/v1/status');
  if (r.status !== 200) throw new Error(`GET /v1/status answered ${r.status}: ${r.text}`);
  const m = r.json.meta as Record<string, unknown>;
  const n = (k: string) => (typeof m[k] === 'number' ? (m[k] as number) : 0);
  return { conflicts: n('conflicts'), commits: n('commits'), gaveUp: n('gaveUp'), mergeRetries: n('mergeRetries') };
}

/** Time the server's etcd range and txn calls (its engine and coordinator share the client). */
function timeServerCalls(kv: EtcdKv): CallTimes {
  const t: CallTimes = { range: { n: 0, ms: 0 }, txn: { n: 0, ms: 0 } };
  const c = kv.client.kv;
  const range = c.range.bind(c);
  const txn = c.txn.bind(c);
  c.range = async (req, options) => {
    const t0 = performance.now();
    try {
      return await range(req, options);
    } finally {
      t.range.n++;
      t.range.ms += performance.now() - t0;
    }
  };
  c.txn = async (req, options) => {
    const t0 = performance.now();
    try {
      return await txn(req, options);
    } finally {
      t.txn.n++;
      t.txn.ms += performance.now() - t0;
    }
  };
  return t;
}

/** Which compared keys had changed when the server's commit txns failed, by kind of key. */
export interface ConflictCauses {
  failedTxns: number;
  /** Key kind → failed compares on keys of that kind. */
  byKind: Record<string, number>;
}

/** The kind of a CirrusFS key (src/fs/keys.ts) for conflict attribution. */
function keyKind(key: Buffer, prefix: string): string {
  const flat = key.toString('latin1').slice(prefix.length);
  const at = flat.indexOf('\x00');
  const [group, item] = at < 0 ? [flat, ''] : [flat.slice(0, at), flat.slice(at + 1)];
  if (group === 'fs') return 'catalogue';
  if (group === 'ctr') return 'id counter';
  if (group.startsWith('n') && item === 'a') return 'inode';
  if (group.startsWith('n') && item.startsWith('c')) return 'dir shard';
  if (group.startsWith('d')) return 'dentry';
  if (group.startsWith('u')) return 'usage shard';
  return 'other';
}

/**
 * While `on`, every txn of the server that compares keys gets, after its own failure branch,
 * keys-only reads of every compared key, so a failed commit tells in the same round trip which
 * compares failed; the engine gets back only its own failure responses. Used only in the
 * attribution pass after the measured rounds (it makes a failed txn read a few more keys).
 */
function attributeConflicts(kv: EtcdKv, prefix: string): { on: boolean; causes: ConflictCauses } {
  const state = { on: false, causes: { failedTxns: 0, byKind: {} as Record<string, number> } };
  const c = kv.client.kv;
  const txn = c.txn.bind(c);
  c.txn = async (req, options) => {
    const compare = req.compare ?? [];
    const own = req.failure ?? [];
    if (!state.on || compare.length === 0 || own.length + compare.length > ETCD_MAX_TXN_OPS) return txn(req, options);
    const probes = compare.map((cmp): IRequestOp => ({ request_range: { key: cmp.key, keys_only: true } }));
    const res = await txn({ ...req, failure: [...own, ...probes] }, options);
    if (res.succeeded) return res;
    state.causes.failedTxns++;
    compare.forEach((cmp, i) => {
      const now = res.responses[own.length + i]?.response_range?.kvs[0];
      const changed =
        cmp.target === 'Create'
          ? String(now?.create_revision ?? 0) !== String(cmp.create_revision ?? 0)
          : !now || String(now.mod_revision) !== String(cmp.mod_revision);
      if (!changed) return;
      const kind = keyKind(cmp.key!, prefix);
      state.causes.byKind[kind] = (state.causes.byKind[kind] ?? 0) + 1;
    });
    return { ...res, responses: res.responses.slice(0, own.length) };
  };
  return state;
}

const copyTimes = (t: CallTimes): CallTimes => ({ range: { ...t.range }, txn: { ...t.txn } });
const timesDelta = (a: CallTimes, b: CallTimes): CallTimes => ({
  range: { n: b.range.n - a.range.n, ms: b.range.ms - a.range.ms },
  txn: { n: b.txn.n - a.txn.n, ms: b.txn.ms - a.txn.ms },
});

// ---- raw etcd drivers (in this process, one Etcd3 client) -------------------------------

const latin1 = (s: string) => Buffer.from(s, 'latin1');
// Value sizes close to CirrusFS's records: inode, dentry, directory shard, usage shard.
const VALUES = [Buffer.alloc(48, 1), Buffer.alloc(6, 2), Buffer.alloc(20, 3), Buffer.alloc(10, 4)];

interface RawKeys {
  fs: Buffer;
  fsRev: string;
  dir: Buffer;
  dirRev: string;
}

async function rawSetup(client: Etcd3): Promise<RawKeys> {
  const fs = latin1('rawbench/fs\x00bench');
  const dir = latin1('rawbench/n1.2\x00a');
  const a = await client.kv.put({ key: fs, value: Buffer.alloc(200, 5) });
  const b = await client.kv.put({ key: dir, value: VALUES[0] });
  return { fs, fsRev: a.header.revision, dir, dirRev: b.header.revision };
}

/** The keys one raw "create" touches: inode, dentry and two counter keys, all new. */
function rawOpKeys(id: string): Buffer[] {
  return [latin1(`rawbench/n1.${id}\x00a`), latin1(`rawbench/d1.2\x00${id}`), latin1(`rawbench/n1.2\x00c${id}`), latin1(`rawbench/u1\x00${id}`)];
}

function rawTxnRequest(k: RawKeys, keys: Buffer[]): { compare: ICompare[]; success: IRequestOp[]; failure: IRequestOp[] } {
  const compare: ICompare[] = [
    { key: k.fs, target: 'Mod', result: 'Equal', mod_revision: k.fsRev },
    { key: k.dir, target: 'Mod', result: 'Equal', mod_revision: k.dirRev },
    ...keys.slice(1).map((key): ICompare => ({ key, target: 'Create', result: 'Equal', create_revision: 0 })),
  ];
  const success: IRequestOp[] = keys.map((key, i) => ({ request_put: { key, value: VALUES[i] } }));
  // Like the engine's commit: a failure branch reading the merged keys and the keys read (never
  // taken here, nothing conflicts).
  const failure: IRequestOp[] = [keys[2], keys[3], k.fs, k.dir, keys[1]].map((key) => ({ request_range: { key } }));
  return { compare, success, failure };
}

type RawOp = (id: string) => Promise<boolean>;

function rawTxnOp(client: Etcd3, k: RawKeys): RawOp {
  return async (id) => (await client.kv.txn(rawTxnRequest(k, rawOpKeys(id)))).succeeded;
}

/**
 * A create's etcd calls in order (EtcdKv via FileSystems.createEntry, as of this writing):
 * liveFs's catalogue read; in the transaction the catalogue read that pins the revision, then
 * the directory inode and the dentry at that revision (in parallel); at commit the two merged
 * counter shards (in parallel); the txn. 6 ranges in 4 sequential steps, then 1 txn. The
 * etcd-side counters of the create runs show what the engine really does.
 */
function rawPatternOp(client: Etcd3, k: RawKeys): RawOp {
  return async (id) => {
    const keys = rawOpKeys(id);
    await client.kv.range({ key: k.fs });
    const pinned = await client.kv.range({ key: k.fs });
    const revision = pinned.header.revision;
    await Promise.all([client.kv.range({ key: k.dir, revision }), client.kv.range({ key: keys[1], revision })]);
    await Promise.all([client.kv.range({ key: keys[2] }), client.kv.range({ key: keys[3] })]);
    return (await client.kv.txn(rawTxnRequest(k, keys))).succeeded;
  };
}

async function driveRaw(op: RawOp, workers: number, seconds: number, tag: string, endpoint: string): Promise<EtcdRound> {
  const hist: RecordableHistogram = createHistogram();
  let successes = 0;
  let failures = 0;
  let firstError: unknown;
  const etcd0 = await etcdCounters(endpoint);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const ticks0 = cpuTicks();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const s = performance.now();
        try {
          if (await op(`${tag}.${w}.${i}`)) successes++;
          else failures++;
        } catch (e) {
          failures++;
          firstError ??= e;
          if (failures > 100 && successes === 0) throw e;
        }
        hist.record(Math.max(1, Math.round((performance.now() - s) * 1000)));
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const machine = busyCores(ticks0, cpuTicks(), availableParallelism());
  const etcd = counterDelta(etcd0, await etcdCounters(endpoint));
  if (firstError) process.stderr.write(`[etcd] ${tag}: first error: ${String((firstError as Error)?.message ?? firstError)}\n`);
  const benchCpu = (cpu.user + cpu.system) / 1000 / wallMs;
  const etcdCpu = etcd.cpuSeconds / (wallMs / 1000);
  return {
    rate: successes / (wallMs / 1000),
    successes,
    done: successes,
    failures,
    seconds: wallMs / 1000,
    latencyMs: { p50: hist.percentile(50) / 1000, p99: hist.percentile(99) / 1000 },
    benchCpu,
    benchElu: performance.eventLoopUtilization(elu0).utilization,
    etcdCpu,
    otherCpu: machine === undefined ? undefined : Math.max(0, machine - benchCpu - etcdCpu),
    etcd,
  };
}

// ---- CirrusFS runs ------------------------------------------------------------------------

async function mustCreate(server: TestServer, path: string, body: unknown): Promise<any> {
  const r = await call(server.url, 'POST', path, body);
  if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${r.text}`);
  return r.json;
}

/** What the server still has in hand: HTTP requests, and metadata transactions and reads. */
interface InFlight {
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
function trackInFlight(server: TestServer, kv: EtcdKv): InFlight {
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
    else if ((quietSince ??= now) + QUIET_MS <= now) return;
    if (now > deadline) throw new Error(`the server is still busy after 60 s (${t.requests} requests, ${t.kv} engine calls)`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function driveHttp(
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

// ---- reporting ----------------------------------------------------------------------------

const pct = (x: number) => `${Math.round(x * 100)}%`;
const per = (n: number, d: number) => (d > 0 ? fixed(n / d) : '-');
const ms = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));

/** "dir shard 1.20, usage shard 0.80" per success, most first. */
function causesText(c: ConflictCauses, successes: number): string {
  const kinds = Object.entries(c.byKind).sort((a, b) => b[1] - a[1]);
  return kinds.length === 0 ? 'none' : kinds.map(([k, n]) => `${k} ${per(n, successes)}`).join(', ');
}

export function describeEtcdRound(r: EtcdRound): string {
  const parts = [
    `${int(r.rate)}/s (${r.successes} ok, ${r.failures} failed in ${r.seconds.toFixed(2)} s` +
      (r.statuses ? `; statuses ${Object.entries(r.statuses).map(([c, n]) => `${c}×${n}`).join(' ') || 'none'}` : '') +
      (r.done !== r.successes ? `; ${r.done} commits until the server was idle` : '') +
      `); latency p50 ${ms(r.latencyMs.p50)} ms, p99 ${ms(r.latencyMs.p99)} ms`,
    `etcd per ${r.meta ? 'commit' : 'success'}: ${per(r.etcd.ranges, r.done)} ranges, ${per(r.etcd.txns, r.done)} txns, ` +
      `${per(r.etcd.fsyncs, r.done)} WAL fsyncs (${r.etcd.fsyncs > 0 ? ms((r.etcd.fsyncSeconds / r.etcd.fsyncs) * 1000) : '-'} ms each)`,
  ];
  if (r.meta) {
    const d = r.meta.after.conflicts - r.meta.before.conflicts;
    parts.push(
      `meta.conflicts ${r.meta.before.conflicts} -> ${r.meta.after.conflicts} (+${d}, ${per(d, r.done)} per create), ` +
        `meta.mergeRetries +${r.meta.after.mergeRetries - r.meta.before.mergeRetries} ` +
        `(${per(r.meta.after.mergeRetries - r.meta.before.mergeRetries, r.done)} per create), gaveUp +${r.meta.after.gaveUp - r.meta.before.gaveUp}`,
    );
  }
  if (r.calls) {
    parts.push(
      `server's etcd calls: range ${per(r.calls.range.ms, r.calls.range.n)} ms, txn ${per(r.calls.txn.ms, r.calls.txn.n)} ms on average`,
    );
  }
  if (r.causes) parts.push(`failed commits ${r.causes.failedTxns}, changed keys: ${causesText(r.causes, r.done)}`);
  const other = r.otherCpu === undefined ? '' : `, others ${r.otherCpu.toFixed(2)} cores`;
  const loader = r.loaderCpu === undefined ? '' : `, load generator ${pct(r.loaderCpu)}`;
  parts.push(`CPU: etcd ${pct(r.etcdCpu)}, bench process ${pct(r.benchCpu)} (event loop ${pct(r.benchElu)} busy)${loader}${other}`);
  return parts.join('; ');
}

export function describeEtcd(r: EtcdRates): string[] {
  const s = r.settings;
  return [
    `etcd: single node (harness, ${r.endpoint}); one CirrusFS server on it (CIRRUS_META = CIRRUS_COORD = etcd) in the ` +
      `benchmark process; ${s.warmupSeconds} s warm-up, then ${s.rounds} interleaved rounds of ${s.seconds} s per scenario, best ` +
      `round reported; raw etcd from ${s.connections} workers on one Etcd3 client in the benchmark process; HTTP via autocannon ` +
      `in a child process; etcd db ${(r.dbBytes / 2 ** 20).toFixed(0)} MiB at the end.`,
    ...SCENARIOS.map((n) => {
      const x = r[n];
      return `  ${n} (${x.title}): best ${describeEtcdRound(x.best)}; rounds: ${x.rounds.map((q) => int(q.rate)).join(', ')}/s`;
    }),
    'Attribution pass (after the rounds, not in the rates): failed commit txns read back their compared keys, so each ' +
      'conflict is charged to the kinds of key that had changed:',
    ...Object.entries(r.attribution).map(([n, a]) => `  ${n}: ${describeEtcdRound(a)}`),
  ];
}

function conflictsRow(label: string, r: EtcdRound): Row {
  const m = r.meta!;
  const d = m.after.conflicts - m.before.conflicts;
  const mr = m.after.mergeRetries - m.before.mergeRetries;
  return {
    metric: `etcd ${label}: meta.conflicts before -> after (per create); mergeRetries/create`,
    value: `${int(m.before.conflicts)} -> ${int(m.after.conflicts)} (${per(d, r.done)}); ${per(mr, r.done)}`,
  };
}

/** Failed compares per create on directory counter shards / usage shards / any other key. */
function causesRow(label: string, a: EtcdRound): Row {
  const by = a.causes!.byKind;
  const other = Object.entries(by).reduce((n, [k, v]) => (k === 'dir shard' || k === 'usage shard' ? n : n + v), 0);
  return {
    metric: `etcd ${label}: failed compares/create on dir shard / usage shard / other`,
    value: `${per(by['dir shard'] ?? 0, a.done)} / ${per(by['usage shard'] ?? 0, a.done)} / ${per(other, a.done)}`,
  };
}

export function etcdRows(r: EtcdRates): Row[] {
  const c = r.settings.connections;
  const n = r.settings.creators;
  const base = r.rawTxn.rate;
  const createRatio = r.create.rate / base;
  const hotRatio = r.oneDir.rate / r.spread.rate;
  const cr = r.create.best;
  return [
    { metric: `etcd raw txn, 5 compares + 4 puts, ${c} workers, one client (txn/s)`, value: int(base) },
    {
      metric: `etcd http create POST /v1/fs/{fs}/inodes/{dir}/entries, ${c} conns (201/s)`,
      value: int(r.create.rate),
      baseline: int(base),
      ratio: fixed(createRatio),
      target: `>= ${fixed(ETCD_CREATE_TARGET)}`,
      verdict: verdict(createRatio >= ETCD_CREATE_TARGET),
    },
    {
      metric: `etcd raw create call pattern: 6 ranges in 4 steps + txn (op/s)`,
      value: int(r.rawPattern.rate),
      baseline: int(base),
      ratio: fixed(r.rawPattern.rate / base),
    },
    {
      metric: 'etcd http create vs the raw create call pattern',
      value: int(r.create.rate),
      baseline: int(r.rawPattern.rate),
      ratio: fixed(r.create.rate / r.rawPattern.rate),
    },
    {
      metric: 'etcd http create: etcd ranges / txns / WAL fsyncs per create',
      value: `${per(cr.etcd.ranges, cr.done)} / ${per(cr.etcd.txns, cr.done)} / ${per(cr.etcd.fsyncs, cr.done)}`,
    },
    {
      metric: 'etcd http create: server-side range / txn call latency (ms)',
      value: `${per(cr.calls!.range.ms, cr.calls!.range.n)} / ${per(cr.calls!.txn.ms, cr.calls!.txn.n)}`,
    },
    conflictsRow('http create', cr),
    causesRow('http create', r.attribution.create!),
    { metric: 'etcd http create latency p50 / p99, best round (ms)', value: `${ms(cr.latencyMs.p50)} / ${ms(cr.latencyMs.p99)}` },
    { metric: 'etcd http create: CPU etcd / server process, best round', value: `${pct(cr.etcdCpu)} / ${pct(cr.benchCpu)}` },
    { metric: 'etcd http create: answers other than 201, errors, timeouts (all rounds)', value: int(r.create.failures) },
    { metric: `etcd spread: ${n} creators over ${n} directories, one each (201/s)`, value: int(r.spread.rate) },
    {
      metric: `etcd hot parent: ${n} creators in one directory (201/s)`,
      value: int(r.oneDir.rate),
      baseline: int(r.spread.rate),
      ratio: fixed(hotRatio),
      target: `>= ${fixed(HOT_PARENT_TARGET)}`,
      verdict: verdict(hotRatio >= HOT_PARENT_TARGET),
    },
    {
      // Paired within each round (the two run back to back): how much the ratio moves with noise.
      metric: 'etcd hot parent: one dir / spread, round by round',
      value: r.oneDir.rounds.map((x, i) => fixed(x.rate / r.spread.rounds[i].rate)).join(', '),
    },
    conflictsRow('hot parent one dir', r.oneDir.best),
    conflictsRow('hot parent spread', r.spread.best),
    causesRow('hot parent one dir', r.attribution.oneDir!),
    causesRow('hot parent spread', r.attribution.spread!),
    {
      metric: 'etcd hot parent: etcd txns per create, one dir / spread',
      value: `${per(r.oneDir.best.etcd.txns, r.oneDir.best.done)} / ${per(r.spread.best.etcd.txns, r.spread.best.done)}`,
    },
    {
      metric: 'etcd hot parent latency p50 / p99, one dir | spread (ms)',
      value: `${ms(r.oneDir.best.latencyMs.p50)} / ${ms(r.oneDir.best.latencyMs.p99)} | ${ms(r.spread.best.latencyMs.p50)} / ${ms(r.spread.best.latencyMs.p99)}`,
    },
    {
      metric: 'etcd hot parent: failed creates, one dir / spread (all rounds)',
      value: `${int(r.oneDir.failures)} / ${int(r.spread.failures)}`,
    },
  ];
}

// ---- the benchmark ------------------------------------------------------------------------

const SCENARIOS: ScenarioName[] = ['rawTxn', 'rawPattern', 'create', 'oneDir', 'spread'];

export async function measureEtcdRates(s: EtcdBenchSettings): Promise<EtcdRates> {
  let etcd: EtcdCluster | undefined;
  let server: TestServer | undefined;
  let raw: Etcd3 | undefined;
  let gen: LoadGenerator | undefined;
  let dirsGen: DirsLoadGenerator | undefined;
  try {
    etcd = await startEtcd(1);
    const endpoint = etcd.endpoints[0];
    const url = `etcd://${endpoint.replace(/^http:\/\//, '')}`;
    server = await startServer({ env: { CIRRUS_META: url, CIRRUS_COORD: url } });
    const srv = server;
    if (!(srv.built.kv instanceof EtcdKv)) throw new Error(`the server's metadata engine is ${srv.built.kv.engine}, not etcd`);
    const times = timeServerCalls(srv.built.kv);
    const inFlight = trackInFlight(srv, srv.built.kv);
    const blame = attributeConflicts(srv.built.kv, srv.built.kv.stats().prefix as string);

    await mustCreate(srv, '/v1/fs', { name: FS });
    const entries = (ino: number) => `/v1/fs/${FS}/inodes/${ino}/entries`;
    const mkdir = async (name: string) => (await mustCreate(srv, entries(1), { name, type: 'dir' })).ino as number;
    const createDir = await mkdir('creates');
    const hotDir = await mkdir('hot');
    const spreadDirs: number[] = [];
    for (let i = 0; i < s.creators; i++) spreadDirs.push(await mkdir(`spread-${i}`));

    raw = new Etcd3({ hosts: etcd.endpoints });
    const keys = await rawSetup(raw);
    gen = LoadGenerator.start();
    dirsGen = new DirsLoadGenerator();
    const [client, g, dg] = [raw, gen, dirsGen];

    const scenarios: Record<ScenarioName, { title: string; run(tag: string, seconds: number): Promise<EtcdRound> }> = {
      rawTxn: {
        title: `etcd txn, ${s.connections} workers`,
        run: (tag, sec) => driveRaw(rawTxnOp(client, keys), s.connections, sec, `t${tag}`, endpoint),
      },
      rawPattern: {
        title: `etcd create call pattern, ${s.connections} workers`,
        run: (tag, sec) => driveRaw(rawPatternOp(client, keys), s.connections, sec, `p${tag}`, endpoint),
      },
      create: {
        title: `HTTP create, ${s.connections} connections, one directory`,
        run: (tag, sec) =>
          driveHttp(
            () => g.run({ url: srv.url, method: 'POST', path: entries(createDir), connections: s.connections, seconds: sec, createNames: { prefix: `${tag}-` } }),
            srv,
            inFlight,
            times,
            endpoint,
          ),
      },
      oneDir: {
        title: `HTTP create, ${s.creators} connections, all in one directory`,
        run: (tag, sec) =>
          driveHttp(
            () => dg.run({ url: srv.url, paths: [entries(hotDir)], connections: s.creators, seconds: sec, prefix: `${tag}-` }),
            srv,
            inFlight,
            times,
            endpoint,
          ),
      },
      spread: {
        title: `HTTP create, ${s.creators} connections, one directory each`,
        run: (tag, sec) =>
          driveHttp(
            () => dg.run({ url: srv.url, paths: spreadDirs.map(entries), connections: s.creators, seconds: sec, prefix: `${tag}-` }),
            srv,
            inFlight,
            times,
            endpoint,
          ),
      },
    };

    if (s.warmupSeconds > 0) {
      for (const name of SCENARIOS) await scenarios[name].run('warmup', s.warmupSeconds);
    }
    const rounds = new Map<ScenarioName, EtcdRound[]>(SCENARIOS.map((n) => [n, []]));
    for (let round = 1; round <= s.rounds; round++) {
      for (const name of SCENARIOS) {
        const r = await scenarios[name].run(`r${round}`, s.seconds);
        rounds.get(name)!.push(r);
        process.stderr.write(`[etcd] round ${round}/${s.rounds} ${name}: ${describeEtcdRound(r)}\n`);
      }
    }
    // The attribution pass: each CirrusFS scenario once more with failed commits explained.
    const attribution: EtcdRates['attribution'] = {};
    blame.on = true;
    for (const name of ['create', 'oneDir', 'spread'] as const) {
      blame.causes.failedTxns = 0;
      blame.causes.byKind = {};
      const r = await scenarios[name].run('attr', Math.min(s.seconds, ATTRIBUTION_SECONDS));
      r.causes = { failedTxns: blame.causes.failedTxns, byKind: { ...blame.causes.byKind } };
      attribution[name] = r;
      process.stderr.write(`[etcd] attribution ${name}: ${describeEtcdRound(r)}\n`);
    }
    blame.on = false;
    const summary = (name: ScenarioName): EtcdScenarioResult => {
      const rs = rounds.get(name)!;
      const best = rs.reduce((a, b) => (b.rate > a.rate ? b : a));
      return { name, title: scenarios[name].title, rate: best.rate, best, rounds: rs, failures: rs.reduce((x, q) => x + q.failures, 0) };
    };
    return {
      rawTxn: summary('rawTxn'),
      rawPattern: summary('rawPattern'),
      create: summary('create'),
      oneDir: summary('oneDir'),
      spread: summary('spread'),
      settings: s,
      attribution,
      endpoint,
      dbBytes: (await etcdCounters(endpoint)).dbBytes,
    };
  } finally {
    await dirsGen?.close();
    await gen?.close();
    raw?.close();
    await server?.close();
    await etcd?.stop();
  }
}

/** The etcd part's settings from the benchmark's. */
export function etcdSettings(s: BenchSettings): EtcdBenchSettings {
  return { connections: s.connections, creators: s.etcdCreators, seconds: s.seconds, warmupSeconds: s.warmupSeconds, rounds: s.etcdRounds };
}
