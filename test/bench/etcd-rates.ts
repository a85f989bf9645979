// CirrusFS on etcd (BENCH_ETCD=0 skips this part): one single-node etcd from the test harness
// and one CirrusFS server in this process whose CIRRUS_META and CIRRUS_COORD are that etcd.
//
// Scenarios, run in interleaved rounds after one warm-up pass, each reporting its best round
// (the host may be shared; see http-rates.ts):
//   rawTxn      the baseline: etcd transactions shaped like a create's commit, from C workers
//               on one Etcd3 client in this process (etcd-raw.ts).
//   rawPattern  context: the whole etcd call sequence of one create, same workers and client
//               (etcd-raw.ts).
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
// Around every CirrusFS run the engine's meta counters and etcd's own /metrics are read
// (etcd-counters.ts), so the rows can say how many round trips and conflicts each create
// cost; a run's counters close only once the server has finished all it started
// (etcd-cirrus-runs.ts). After the measured rounds, an attribution pass runs the three
// CirrusFS scenarios once more with failed commits charged to the kinds of key that had
// changed (etcd-conflicts.ts). Results: etcd-results.ts; rendering: etcd-report.ts.
import { Etcd3 } from 'etcd3';
import { EtcdKv } from '../../src/kv/etcd.ts';
import { startEtcd, type EtcdCluster } from '../support/etcd.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { DirsLoadGenerator } from './dirs-load.ts';
import { driveHttp, mustCreate, trackInFlight } from './etcd-cirrus-runs.ts';
import { attributeConflicts } from './etcd-conflicts.ts';
import { etcdCounters, timeServerCalls } from './etcd-counters.ts';
import { driveRaw, rawPatternOp, rawSetup, rawTxnOp } from './etcd-raw.ts';
import { describeEtcdRound } from './etcd-report.ts';
import {
  SCENARIOS,
  type EtcdBenchSettings,
  type EtcdRates,
  type EtcdRound,
  type EtcdScenarioResult,
  type ScenarioName,
} from './etcd-results.ts';
import { LoadGenerator } from './load-generator.ts';
import type { BenchSettings } from './settings.ts';

export { describeEtcd, describeEtcdRound, etcdRows, ETCD_CREATE_TARGET, HOT_PARENT_TARGET } from './etcd-report.ts';
export type { ConflictCauses } from './etcd-conflicts.ts';
export type { EtcdBenchSettings, EtcdRates, EtcdRound, EtcdScenarioResult } from './etcd-results.ts';

const FS = 'bench';
/** Length of each run of the attribution pass (shorter than the measured runs if those are long). */
const ATTRIBUTION_SECONDS = 3;

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
    server = await startServer({ env: { CIRRUS_META: url, CIRRUS_COORD: url }, contract: false }); // as users run it
    const srv = server;
    if (!(srv.built.kv instanceof EtcdKv))
      throw new Error(`the server's metadata engine is ${srv.built.kv.engine}, not etcd`);
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
            () =>
              g.run({
                url: srv.url,
                method: 'POST',
                path: entries(createDir),
                connections: s.connections,
                seconds: sec,
                createNames: { prefix: `${tag}-` },
              }),
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
            () =>
              dg.run({
                url: srv.url,
                paths: [entries(hotDir)],
                connections: s.creators,
                seconds: sec,
                prefix: `${tag}-`,
              }),
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
            () =>
              dg.run({
                url: srv.url,
                paths: spreadDirs.map(entries),
                connections: s.creators,
                seconds: sec,
                prefix: `${tag}-`,
              }),
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
      return {
        name,
        title: scenarios[name].title,
        rate: best.rate,
        best,
        rounds: rs,
        failures: rs.reduce((x, q) => x + q.failures, 0),
      };
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
  return {
    connections: s.connections,
    creators: s.etcdCreators,
    seconds: s.seconds,
    warmupSeconds: s.warmupSeconds,
    rounds: s.etcdRounds,
  };
}
