// bench-results.json: every group's rows (with their numbers, table.ts Figures) and notes, the
// settings, and the machine the run had (cores, load average at start and end, node version,
// commit), so that runs can be compared by a program and a noisy run recognised as one.
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, release, totalmem } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchSettings } from './settings.ts';
import type { Row } from './table.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface MachineFacts {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  kernel: string;
  node: string;
  /** 1, 5 and 15 minute load averages. */
  loadAverageStart: number[];
  loadAverageEnd?: number[];
}

export interface GroupRecord {
  name: string;
  /** Why it did not run, if it did not. */
  skipped?: string;
  seconds?: number;
  notes: string[];
  rows: Row[];
}

export interface BenchResults {
  startedAt: string;
  seconds: number;
  /** `git describe`-like: the commit, "+dirty" with uncommitted changes; absent outside git. */
  commit?: string;
  machine: MachineFacts;
  settings: BenchSettings;
  groups: GroupRecord[];
}

export function machineFacts(): MachineFacts {
  return {
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    kernel: release(),
    node: process.version,
    loadAverageStart: loadAverage(),
  };
}

export const loadAverage = () => loadavg().map((x) => Math.round(x * 100) / 100);

export function commitOf(): string | undefined {
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  const head = git(['rev-parse', '--short', 'HEAD']);
  if (head.status !== 0) return undefined;
  const dirty = git(['status', '--porcelain', '--untracked-files=no']).stdout.trim() !== '';
  return head.stdout.trim() + (dirty ? '+dirty' : '');
}

/** Write the results; the absolute path written. */
export async function writeResults(path: string, results: BenchResults): Promise<string> {
  const file = isAbsolute(path) ? path : join(ROOT, path);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
