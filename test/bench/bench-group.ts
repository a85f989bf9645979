// One group of benchmark rows (HTTP rates, memory, data path, peers, listing, etcd, ...): run.ts
// only lists the groups, runs each in turn, prints their notes and rows, and writes them all
// to bench-results.json. A group measures everything its rows compare within its own run.
import type { BenchSettings } from './settings.ts';
import type { Row } from './table.ts';

export interface GroupResult {
  /** Description lines printed above the table: setup, per-round figures, CPU shares. */
  notes: string[];
  rows: Row[];
}

export interface BenchGroup {
  /** Short name, for BENCH_ONLY and bench-results.json. */
  name: string;
  /** Why this group does not run with these settings (e.g. switched off); undefined if it runs. */
  skipped?(s: BenchSettings): string | undefined;
  run(s: BenchSettings): Promise<GroupResult>;
}
