// How the etcd benchmark's results (etcd-results.ts) are shown: the description lines (one
// per round on stderr while it runs, the whole run after the table's header) and the rows of
// the benchmark table, with the targets the CirrusFS scenarios are held to.
import type { ConflictCauses } from './etcd-conflicts.ts';
import { SCENARIOS, type EtcdRates, type EtcdRound } from './etcd-results.ts';
import { fixed, int, verdict, type Row } from './table.ts';

export const ETCD_CREATE_TARGET = 0.8;
export const HOT_PARENT_TARGET = 0.8;

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
      (r.statuses
        ? `; statuses ${
            Object.entries(r.statuses)
              .map(([c, n]) => `${c}×${n}`)
              .join(' ') || 'none'
          }`
        : '') +
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
  parts.push(
    `CPU: etcd ${pct(r.etcdCpu)}, bench process ${pct(r.benchCpu)} (event loop ${pct(r.benchElu)} busy)${loader}${other}`,
  );
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
    {
      metric: 'etcd http create latency p50 / p99, best round (ms)',
      value: `${ms(cr.latencyMs.p50)} / ${ms(cr.latencyMs.p99)}`,
    },
    {
      metric: 'etcd http create: CPU etcd / server process, best round',
      value: `${pct(cr.etcdCpu)} / ${pct(cr.benchCpu)}`,
    },
    {
      metric: 'etcd http create: answers other than 201, errors, timeouts (all rounds)',
      value: int(r.create.failures),
    },
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
