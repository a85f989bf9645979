// What the etcd benchmark (etcd-rates.ts) measures: the settings, one round of one scenario
// (rate, latency, CPU, the counters read around it), each scenario's rounds with its best, and
// the whole result that etcd-report.ts renders.
import type { ConflictCauses } from './etcd-conflicts.ts';
import type { CallTimes, EtcdCounters, MetaCounters } from './etcd-counters.ts';

export interface EtcdBenchSettings {
  /** Workers / connections of rawTxn, rawPattern and create (the HTTP benchmarks' C). */
  connections: number;
  /** Concurrent creators of oneDir and spread. */
  creators: number;
  seconds: number;
  warmupSeconds: number;
  rounds: number;
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

export type ScenarioName = 'rawTxn' | 'rawPattern' | 'create' | 'oneDir' | 'spread';
export type EtcdRates = Record<ScenarioName, EtcdScenarioResult> & {
  settings: EtcdBenchSettings;
  /** The CirrusFS scenarios once more, with conflicts attributed to keys (not in the rates). */
  attribution: Partial<Record<ScenarioName, EtcdRound>>;
  endpoint: string;
  /** etcd's database size after the last round. */
  dbBytes: number;
};

/** The scenarios in the order each round runs them (and the report lists them). */
export const SCENARIOS: ScenarioName[] = ['rawTxn', 'rawPattern', 'create', 'oneDir', 'spread'];
