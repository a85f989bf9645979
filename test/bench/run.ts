// CirrusFS benchmarks (`npm run bench`): groups of rows, each measured against a baseline from
// the same run (bench-group.ts). Progress goes to stderr, the notes and the result table to
// stdout, and everything to bench-results.json (bench-results.ts). Settings (settings.ts):
// BENCH_ONLY / BENCH_SKIP (group names, comma-separated), BENCH_RESULTS, BENCH_SECONDS,
// BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_ROUNDS, BENCH_FILES, BENCH_FILES_PER_DIR,
// BENCH_CONCURRENCY, BENCH_DATA_MIB, BENCH_PEER_* , BENCH_LIST_*, BENCH_ETCD (0 skips the
// CirrusFS-on-etcd group), BENCH_ETCD_ROUNDS, BENCH_ETCD_CREATORS, BENCH_DYNAMODB (0 skips the
// CirrusFS-on-DynamoDB group), BENCH_DYNAMODB_ROUNDS. Single groups also run alone:
// node --import tsx test/bench/etcd-only.ts (or data-only.ts, dynamodb-only.ts).
import type { BenchGroup } from './bench-group.ts';
import { commitOf, loadAverage, machineFacts, writeResults, type GroupRecord } from './bench-results.ts';
import { dataGroup } from './group-data.ts';
import { dynamodbGroup } from './group-dynamodb.ts';
import { etcdGroup } from './group-etcd.ts';
import { httpGroup } from './group-http.ts';
import { listingGroup } from './group-listing.ts';
import { memoryGroup } from './group-memory.ts';
import { peersGroup } from './group-peers.ts';
import { loadSettings } from './settings.ts';
import { renderTable } from './table.ts';

/** Every group, in the order they run and print. */
const GROUPS: BenchGroup[] = [httpGroup, memoryGroup, dataGroup, peersGroup, listingGroup, etcdGroup, dynamodbGroup];

function skipReason(g: BenchGroup, s: ReturnType<typeof loadSettings>): string | undefined {
  if (s.only && !s.only.includes(g.name)) return 'not in BENCH_ONLY';
  if (s.skip.includes(g.name)) return 'in BENCH_SKIP';
  return g.skipped?.(s);
}

async function main(): Promise<void> {
  const s = loadSettings();
  const unknown = [...(s.only ?? []), ...s.skip].filter((n) => !GROUPS.some((g) => g.name === n));
  if (unknown.length > 0)
    throw new Error(`unknown group(s) ${unknown.join(', ')}; groups: ${GROUPS.map((g) => g.name).join(', ')}`);
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const machine = machineFacts();
  process.stderr.write(
    `[bench] ${machine.cores} CPUs, node ${machine.node}, load average ${machine.loadAverageStart.join(' ')}; ` +
      `groups: ${GROUPS.map((g) => g.name).join(', ')}\n`,
  );

  const records: GroupRecord[] = [];
  for (const g of GROUPS) {
    const skipped = skipReason(g, s);
    if (skipped) {
      records.push({ name: g.name, skipped, notes: [`${g.name}: skipped (${skipped}).`], rows: [] });
      continue;
    }
    const t0 = performance.now();
    const r = await g.run(s);
    const seconds = (performance.now() - t0) / 1000;
    process.stderr.write(`[bench] ${g.name}: ${seconds.toFixed(0)} s\n`);
    records.push({ name: g.name, seconds, ...r });
  }

  machine.loadAverageEnd = loadAverage();
  const seconds = (performance.now() - started) / 1000;
  const path = await writeResults(s.resultsPath, {
    startedAt,
    seconds,
    commit: commitOf(),
    machine,
    settings: s,
    groups: records,
  });
  const out = [
    '',
    `CirrusFS benchmark — ${machine.cores} CPUs, node ${machine.node}, ${seconds.toFixed(0)} s total ` +
      `(${records.map((r) => (r.seconds === undefined ? `${r.name} skipped` : `${r.name} ${r.seconds.toFixed(0)} s`)).join(', ')}); ` +
      `load average ${machine.loadAverageStart.join(' ')} at start, ${machine.loadAverageEnd.join(' ')} at end`,
    ...records.flatMap((r) => r.notes),
    '',
    renderTable(records.flatMap((r) => r.rows)),
    '',
    `results: ${path}`,
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
