// Request rates over HTTP: the Fastify no-op baseline, getattr and create on CirrusFS. Every
// scenario gets the same connections and duration and counts as successes only the status it
// should answer (200, or 201 for create).
//
// The scenarios run in rounds (noop, getattr, create, noop, getattr, ...) with both servers up,
// after one warm-up pass, and each reports its best round. Rounds exist because the host may
// be shared: a neighbour's burst only ever lowers a rate, so the best of several interleaved
// rounds is the closest estimate of what each server can do, and interleaving keeps the
// baseline and the CirrusFS routes measured under similar conditions. Every round is printed
// with the CPU used by others during it (load-generator.ts), so a disturbed run is visible.
import { startCirrusFixture, type CirrusFixture } from './cirrus-fixture.ts';
import { LoadGenerator, type LoadRun } from './load-generator.ts';
import type { LoadSpec } from './load-spec.ts';
import { startNoopServer, type NoopServer } from './noop-server.ts';

export interface HttpSettings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
}

export interface RoundResult {
  /** Successful answers per second. */
  rate: number;
  successes: number;
  /** Answers with any other status, plus socket errors and timeouts. */
  failures: number;
  run: LoadRun;
}

export interface RateResult {
  name: string;
  successStatus: number;
  /** The best round's rate. */
  rate: number;
  best: RoundResult;
  rounds: RoundResult[];
  /** Failures summed over all rounds (warm-up excluded). */
  failures: number;
}

export interface HttpRates {
  noop: RateResult;
  getattr: RateResult;
  create: RateResult;
  noopPost: RateResult;
}

type Spec = Omit<LoadSpec, 'connections' | 'seconds'>;

interface Scenario {
  name: keyof HttpRates;
  successStatus: number;
  /** `tag` makes create names unique across warm-up and rounds. */
  spec(tag: string): Spec;
}

function scenarios(noop: NoopServer, fx: CirrusFixture): Scenario[] {
  const base = `/v1/fs/${fx.fsName}/inodes`;
  return [
    { name: 'noop', successStatus: 200, spec: () => ({ url: noop.url, method: 'GET', path: '/noop' }) },
    {
      name: 'getattr',
      successStatus: 200,
      spec: () => ({ url: fx.server.url, method: 'GET', path: `${base}/${fx.fileIno}` }),
    },
    {
      name: 'create',
      successStatus: 201,
      spec: (tag) => ({
        url: fx.server.url,
        method: 'POST',
        path: `${base}/${fx.dirIno}/entries`,
        createNames: { prefix: `${tag}-` },
      }),
    },
    {
      name: 'noopPost',
      successStatus: 200,
      spec: (tag) => ({ url: noop.url, method: 'POST', path: '/noop', createNames: { prefix: `${tag}-` } }),
    },
  ];
}

function roundResult(run: LoadRun, successStatus: number): RoundResult {
  const successes = run.byStatus[String(successStatus)] ?? 0;
  const answered = Object.values(run.byStatus).reduce((a, b) => a + b, 0);
  return { rate: successes / run.seconds, successes, failures: answered - successes + run.errors + run.timeouts, run };
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describeRound(r: RoundResult, successStatus: number): string {
  const statuses = Object.entries(r.run.byStatus)
    .map(([code, n]) => `${code}×${n}`)
    .join(' ');
  const other = r.run.otherCpu === undefined ? '' : `, others ${r.run.otherCpu.toFixed(2)} cores`;
  return (
    `${Math.round(r.rate)} req/s (${r.successes} × ${successStatus} in ${r.run.seconds} s; statuses ${statuses || 'none'}; ` +
    `errors ${r.run.errors}, timeouts ${r.run.timeouts}); latency p50 ${r.run.latencyMs.p50} ms, p99 ${r.run.latencyMs.p99} ms; ` +
    `CPU: server ${pct(r.run.serverCpu)} (event loop ${pct(r.run.serverElu)} busy), load generator ${pct(r.run.loaderCpu)}${other}`
  );
}

export function describe(r: RateResult): string {
  const all = r.rounds.map((x) => Math.round(x.rate)).join(', ');
  return `${r.name}: best ${describeRound(r.best, r.successStatus)}; rounds: ${all} req/s`;
}

export async function measureHttpRates(s: HttpSettings): Promise<HttpRates> {
  const gen = LoadGenerator.start();
  const noop = await startNoopServer();
  let fx: CirrusFixture | undefined;
  try {
    fx = await startCirrusFixture();
    const list = scenarios(noop, fx);
    if (s.warmupSeconds > 0) {
      for (const sc of list)
        await gen.run({ ...sc.spec('warmup'), connections: s.connections, seconds: s.warmupSeconds });
    }
    const rounds = new Map<string, RoundResult[]>(list.map((sc) => [sc.name, []]));
    for (let round = 1; round <= s.rounds; round++) {
      for (const sc of list) {
        const run = await gen.run({ ...sc.spec(`r${round}`), connections: s.connections, seconds: s.seconds });
        const r = roundResult(run, sc.successStatus);
        rounds.get(sc.name)!.push(r);
        process.stderr.write(`[http] round ${round}/${s.rounds} ${sc.name}: ${describeRound(r, sc.successStatus)}\n`);
      }
    }
    const summary = (sc: Scenario): RateResult => {
      const rs = rounds.get(sc.name)!;
      const best = rs.reduce((a, b) => (b.rate > a.rate ? b : a));
      const failures = rs.reduce((n, r) => n + r.failures, 0);
      return { name: sc.name, successStatus: sc.successStatus, rate: best.rate, best, rounds: rs, failures };
    };
    const [n, g, c, p] = list.map(summary);
    return { noop: n, getattr: g, create: c, noopPost: p };
  } finally {
    await fx?.server.close();
    await noop.app.close();
    await gen.close();
  }
}
