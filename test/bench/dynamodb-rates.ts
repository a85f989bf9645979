// CirrusFS on DynamoDB (BENCH_DYNAMODB=0 skips this part): DynamoDB Local from the test
// harness, one CirrusFS server in this process with CIRRUS_META on it, and two load generator
// child processes — autocannon for HTTP (load-generator.ts) and a raw DynamoDB client
// (dynamodb-raw-child.ts) — so the baseline and CirrusFS are driven alike.
//
// Scenarios, in interleaved rounds after one warm-up pass, each reporting its best round (the
// host may be shared; the load average is reported with them):
//   rawPut    single-item PutItem of a new key with attribute_not_exists, W workers
//   rawTx     context: a TransactWriteItems shaped like a create's commit, W workers
//   rawTx1    context: a TransactWriteItems of one conditional Put — what any create that is
//             one transaction meets on this DynamoDB, however few items it holds
//   create    POST …/inodes/{dir}/entries with unique names, W connections
//   rawGet    single-item GetItem (ConsistentRead) of one key, W workers
//   getattr   GET …/inodes/{ino} of a file, W connections
// The engine's counters over the measured rounds of create and getattr give their DynamoDB calls
// and capacity units per operation under load (conflicts and merge retries included). Then,
// one at a time on the warm server, what each operation costs: DynamoDB calls by kind and the
// capacity units DynamoDB Local reported (ReturnConsumedCapacity TOTAL), per create, getattr
// (file, directory), readdir page (100 entries) and rename.
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { startDynamo, type TestDynamo } from '../support/dynamodb.ts';
import { call } from '../support/api.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { mustCreate } from './etcd-cirrus-runs.ts';
import {
  type DynamoRawSpec,
  RAW_CHECKED_ITEMS,
  RAW_GET_ITEM,
  RAW_GROUP,
  RAW_VALUE_BYTES,
} from './dynamodb-raw-spec.ts';
import { LoadGenerator } from './load-generator.ts';
import { LoaderProcess, type LoadRun } from './loader-process.ts';
import type { BenchSettings } from './settings.ts';

const FS = 'bench';
const TABLE = 'cirrus-bench';
const RAW_CHILD = fileURLToPath(new URL('./dynamodb-raw-child.ts', import.meta.url));
/** Operations per cost measurement (sequential, on the warm server). */
const COST_OPS = 40;
const READDIR_PAGE = 100;
/** Warm-up per scenario at least this long (the first rounds ran at a third of the later ones with 1 s). */
const JVM_WARMUP_SECONDS = 3;

export const DYNAMO_SCENARIOS = ['rawPut', 'rawTx', 'rawTx1', 'create', 'rawGet', 'getattr'] as const;
export type DynamoScenario = (typeof DYNAMO_SCENARIOS)[number];

export interface DynamoBenchSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}

export interface DynamoRound {
  rate: number;
  ok: number;
  failed: number;
  seconds: number;
  latencyMs: { p50: number; p99: number };
  loaderCpu: number;
  serverCpu: number;
  otherCpu?: number;
}

/** DynamoDB calls, items and capacity units per operation. */
export interface DynamoCost {
  calls: Record<string, number>;
  /** Items named or returned, by call kind (AWS bills per item; transactional ones twice). */
  items: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  /** Of the calls, those sent again: throttled, met a transaction conflict, or their answer was lost. */
  retried: number;
  /** Transactions re-run (a condition failed) and commits re-sent to redo their merges. */
  reruns: number;
}

export interface DynamoRates {
  settings: DynamoBenchSettings;
  best: Record<DynamoScenario, DynamoRound>;
  rounds: Record<DynamoScenario, DynamoRound[]>;
  costs: Record<'create' | 'getattrFile' | 'getattrDir' | 'readdir' | 'rename', DynamoCost>;
  /** Per answered request over the measured rounds (16 in flight). */
  underLoad: Record<'create' | 'getattr', DynamoCost>;
  loadavg: { before: number[]; after: number[] };
}

class RawLoader extends LoaderProcess<DynamoRawSpec> {
  constructor() {
    super(RAW_CHILD, 'raw DynamoDB load generator');
  }
}

function round(run: LoadRun, okKey: string): DynamoRound {
  const ok = run.byStatus[okKey] ?? 0;
  const answered = Object.values(run.byStatus).reduce((a, b) => a + b, 0);
  return {
    rate: ok / run.seconds,
    ok,
    failed: answered - ok + run.errors + run.timeouts,
    seconds: run.seconds,
    latencyMs: { p50: run.latencyMs.p50, p99: run.latencyMs.p99 },
    loaderCpu: run.loaderCpu,
    serverCpu: run.serverCpu,
    otherCpu: run.otherCpu,
  };
}

/** The engine's counters between two readings of kv.stats(), per operation of `n`. */
function costBetween(before: Record<string, unknown>, after: Record<string, unknown>, n: number): DynamoCost {
  const delta = (fields: string[]) => fields.reduce((d, f) => d + (after[f] as number) - (before[f] as number), 0);
  const perOp = (field: string) => {
    const out: Record<string, number> = {};
    const by0 = before[field] as Record<string, number>;
    for (const [name, count] of Object.entries(after[field] as Record<string, number>)) {
      const d = count - (by0[name] ?? 0);
      if (d > 0) out[name] = d / n;
    }
    return out;
  };
  return {
    calls: perOp('callsByOp'),
    items: perOp('itemsByOp'),
    readUnits: ((after.readUnits as number) - (before.readUnits as number)) / n,
    writeUnits: ((after.writeUnits as number) - (before.writeUnits as number)) / n,
    retried: delta(['throttledRetries', 'conflictRetries', 'lostAnswerRetries']) / n,
    reruns: delta(['conflicts', 'staleGuesses', 'mergeRetries']) / n,
  };
}

/** The engine's counters before and after `n` sequential runs of `op`, per run. */
async function costOf(kv: DynamoKv, n: number, op: (i: number) => Promise<unknown>): Promise<DynamoCost> {
  const before = kv.stats();
  for (let i = 0; i < n; i++) await op(i);
  return costBetween(before, kv.stats(), n);
}

/** How long the engine's call counts must stay unchanged to count as settled, and the most to wait for it. */
const SETTLE_QUIET_MS = 300;
const SETTLE_MAX_MS = 10_000;

/** kv.stats() once no call has been sent or answered for SETTLE_QUIET_MS. */
async function settled(kv: DynamoKv): Promise<Record<string, unknown>> {
  const deadline = performance.now() + SETTLE_MAX_MS;
  const mark = (st: Record<string, unknown>) => JSON.stringify([st.callsByOp, st.itemsByOp]);
  let last = kv.stats();
  for (;;) {
    await new Promise((r) => setTimeout(r, SETTLE_QUIET_MS));
    const now = kv.stats();
    if (mark(now) === mark(last) || performance.now() > deadline) return now;
    last = now;
  }
}

/** Counters summed over several measured runs of one scenario. */
class LoadCosts {
  private calls: Record<string, number> = {};
  private items: Record<string, number> = {};
  private readUnits = 0;
  private writeUnits = 0;
  private retried = 0;
  private reruns = 0;
  private ops = 0;

  /**
   * autocannon ends a run with one request in flight per connection, which the server still
   * completes: the counters are read once its calls have settled, and those requests count.
   */
  async measure(kv: DynamoKv, connections: number, run: () => Promise<DynamoRound>): Promise<DynamoRound> {
    const before = kv.stats();
    const r = await run();
    const answered = r.ok + r.failed + connections;
    const c = costBetween(before, await settled(kv), 1);
    for (const [op, n] of Object.entries(c.calls)) this.calls[op] = (this.calls[op] ?? 0) + n;
    for (const [op, n] of Object.entries(c.items)) this.items[op] = (this.items[op] ?? 0) + n;
    this.readUnits += c.readUnits;
    this.writeUnits += c.writeUnits;
    this.retried += c.retried;
    this.reruns += c.reruns;
    this.ops += answered;
    return r;
  }

  perOp(): DynamoCost {
    const per = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v / this.ops]));
    return {
      calls: per(this.calls),
      items: per(this.items),
      readUnits: this.readUnits / this.ops,
      writeUnits: this.writeUnits / this.ops,
      retried: this.retried / this.ops,
      reruns: this.reruns / this.ops,
    };
  }
}

async function must(server: TestServer, method: string, path: string, body?: unknown): Promise<void> {
  const r = await call(server.url, method, path, body);
  if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.text}`);
}

export async function measureDynamoRates(s: DynamoBenchSettings): Promise<DynamoRates> {
  let dynamo: TestDynamo | undefined;
  let server: TestServer | undefined;
  let http: LoadGenerator | undefined;
  let raw: RawLoader | undefined;
  const before = loadavg();
  try {
    dynamo = await startDynamo();
    server = await startServer({
      env: { CIRRUS_META: dynamo.url(TABLE), CIRRUS_SWEEP_INTERVAL_MS: String(3_600_000) },
      contract: false, // measured as users run it
    });
    const srv = server;
    const kv = srv.built.kv;
    if (!(kv instanceof DynamoKv)) throw new Error(`the server's metadata engine is ${kv.engine}, not dynamodb`);
    for (const sk of [RAW_GET_ITEM, ...RAW_CHECKED_ITEMS]) {
      await kv.client.send(
        new PutItemCommand({
          TableName: TABLE,
          Item: {
            pk: { B: Buffer.from(RAW_GROUP) },
            sk: { B: Buffer.from(sk) },
            v: { N: '1' },
            val: { B: Buffer.alloc(RAW_VALUE_BYTES, 1) },
          },
        }),
      );
    }
    await mustCreate(srv, '/v1/fs', { name: FS });
    const entries = (ino: number) => `/v1/fs/${FS}/inodes/${ino}/entries`;
    const createDir = (await mustCreate(srv, entries(1), { name: 'creates', type: 'dir' })).ino as number;
    const file = (await mustCreate(srv, entries(1), { name: 'stat-me', type: 'file' })).ino as number;

    http = LoadGenerator.start();
    raw = new RawLoader();
    const [g, r, endpoint] = [http, raw, dynamo.endpoint];
    const scenarios: Record<DynamoScenario, (tag: string, sec: number) => Promise<DynamoRound>> = {
      rawPut: async (tag, sec) =>
        round(await r.run({ endpoint, table: TABLE, op: 'put', workers: s.connections, seconds: sec, tag }), 'ok'),
      rawTx: async (tag, sec) =>
        round(await r.run({ endpoint, table: TABLE, op: 'tx', workers: s.connections, seconds: sec, tag }), 'ok'),
      rawTx1: async (tag, sec) =>
        round(await r.run({ endpoint, table: TABLE, op: 'tx1', workers: s.connections, seconds: sec, tag }), 'ok'),
      create: async (tag, sec) =>
        round(
          await g.run({
            url: srv.url,
            method: 'POST',
            path: entries(createDir),
            connections: s.connections,
            seconds: sec,
            createNames: { prefix: `${tag}-` },
          }),
          '201',
        ),
      rawGet: async (tag, sec) =>
        round(await r.run({ endpoint, table: TABLE, op: 'get', workers: s.connections, seconds: sec, tag }), 'ok'),
      getattr: async (_tag, sec) =>
        round(
          await g.run({
            url: srv.url,
            method: 'GET',
            path: `/v1/fs/${FS}/inodes/${file}`,
            connections: s.connections,
            seconds: sec,
          }),
          '200',
        ),
    };
    // DynamoDB Local is a JVM: its JIT needs more warming than the Node servers.
    const warmup = Math.max(s.warmupSeconds, JVM_WARMUP_SECONDS);
    for (const name of DYNAMO_SCENARIOS) await scenarios[name]('warmup', warmup);
    const rounds = Object.fromEntries(DYNAMO_SCENARIOS.map((n) => [n, [] as DynamoRound[]])) as DynamoRates['rounds'];
    const loads = { create: new LoadCosts(), getattr: new LoadCosts() };
    for (let i = 1; i <= s.rounds; i++) {
      for (const name of DYNAMO_SCENARIOS) {
        const run = () => scenarios[name](`r${i}`, s.seconds);
        const x =
          name === 'create' || name === 'getattr' ? await loads[name].measure(kv, s.connections, run) : await run();
        rounds[name].push(x);
        process.stderr.write(`[dynamodb] round ${i}/${s.rounds} ${name}: ${describeDynamoRound(x)}\n`);
      }
    }
    const best = Object.fromEntries(
      DYNAMO_SCENARIOS.map((n) => [n, rounds[n].reduce((a, b) => (b.rate > a.rate ? b : a))]),
    ) as DynamoRates['best'];

    // Costs, one operation at a time on the warm server.
    const costDir = (await mustCreate(srv, entries(1), { name: 'costs', type: 'dir' })).ino as number;
    await mustCreate(srv, entries(costDir), { name: 'warm', type: 'file' });
    const create = await costOf(kv, COST_OPS, (i) =>
      mustCreate(srv, entries(costDir), { name: `c${i}`, type: 'file' }),
    );
    const getattrFile = await costOf(kv, COST_OPS, () => must(srv, 'GET', `/v1/fs/${FS}/inodes/${file}`));
    const getattrDir = await costOf(kv, COST_OPS, () => must(srv, 'GET', `/v1/fs/${FS}/inodes/${costDir}`));
    const readdir = await costOf(kv, COST_OPS, () => must(srv, 'GET', `${entries(createDir)}?limit=${READDIR_PAGE}`));
    const rename = await costOf(kv, COST_OPS, (i) =>
      must(srv, 'POST', `/v1/fs/${FS}/rename-entry`, {
        parent: costDir,
        name: `c${i}`,
        newParent: costDir,
        newName: `r${i}`,
      }),
    );
    return {
      settings: s,
      best,
      rounds,
      costs: { create, getattrFile, getattrDir, readdir, rename },
      underLoad: { create: loads.create.perOp(), getattr: loads.getattr.perOp() },
      loadavg: { before, after: loadavg() },
    };
  } finally {
    await raw?.close();
    await http?.close();
    await server?.close();
    await dynamo?.stop();
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describeDynamoRound(r: DynamoRound): string {
  const other = r.otherCpu === undefined ? '' : `, others ${r.otherCpu.toFixed(2)} cores`;
  return (
    `${Math.round(r.rate)}/s (${r.ok} ok, ${r.failed} failed in ${r.seconds.toFixed(2)} s); latency p50 ` +
    `${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms; CPU: bench process ${pct(r.serverCpu)}, load generator ` +
    `${pct(r.loaderCpu)}${other}`
  );
}

/** The DynamoDB part's settings from the benchmark's. */
export function dynamoSettings(s: BenchSettings): DynamoBenchSettings {
  return { connections: s.connections, seconds: s.seconds, warmupSeconds: s.warmupSeconds, rounds: s.dynamoRounds };
}
