// The admin commands that work on the stores directly (cli/stores.ts says why): fsck, gc, dump,
// load. Each opens the stores, runs its job (jobs/) with a progress display on stderr, prints
// its result on stdout — a summary for people, or the job's report as JSON with --json — and
// answers the exit code (cli/exit-codes.ts).
import { FINDING_KINDS, type Finding } from '../jobs/fsck/findings.ts';
import { type FsckReport, fsck } from '../jobs/fsck/fsck.ts';
import { dumpFilesystems } from '../jobs/dump.ts';
import { loadDump } from '../jobs/load.ts';
import { CLI_EXIT } from './exit-codes.ts';
import { formatBytes, formatCount, formatSeconds, progressFor } from './progress.ts';
import { closeStores, openStores, type StoreFlags } from './stores.ts';

export interface OutputFlags {
  json?: boolean;
  /** No progress display (the result is still printed). */
  quiet?: boolean;
}

function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

async function withProgress<T>(flags: OutputFlags, run: (p: ReturnType<typeof progressFor>) => Promise<T>): Promise<T> {
  const progress = progressFor({ quiet: flags.quiet });
  try {
    return await run(progress);
  } finally {
    progress.stop?.();
  }
}

function findingLine(f: Finding): string {
  const state = f.repaired ? 'repaired' : f.unrepaired ? `not repaired: ${f.unrepaired}` : '';
  return `  ${f.kind}: ${f.what}${state ? ` [${state}]` : ''}`;
}

function printFsck(report: FsckReport, where: string, objectsOnly: boolean): void {
  print(`${objectsOnly ? 'gc' : 'fsck'} of ${where} (${report.consistency} view)`);
  for (const fs of report.filesystems) {
    print(
      `${fs.name} (id ${fs.id}): ${formatCount(fs.records)} records, ${formatCount(fs.slices)} slices; ` +
        `${formatCount(fs.objects.listed)} objects listed, ${formatCount(fs.objects.named)} named by slices`,
    );
    for (const f of fs.details) print(findingLine(f));
    for (const [kind, n] of Object.entries(fs.findings)) {
      const listed = fs.details.filter((f) => f.kind === kind).length;
      if (n !== undefined && n > listed) print(`  ${kind}: ${formatCount(n - listed)} more not listed`);
    }
    const kinds = Object.entries(fs.findings).map(([k, n]) => {
      const fixed = fs.repaired[k as keyof typeof fs.repaired];
      return `${k} ${n}${fixed ? ` (${fixed} repaired)` : ''}`;
    });
    print(`${fs.name}: ${fs.status}${kinds.length ? ` — ${kinds.join(', ')}` : ''}`);
  }
  const mem = `inode table ${formatBytes(report.memory.inodeTableBytes)}, object set ${formatBytes(report.memory.objectSetBytes)}`;
  print(`${report.status} (exit ${report.exitCode}) in ${formatSeconds(report.seconds)}; held ${mem}`);
}

export async function fsckCommand(
  flags: StoreFlags & OutputFlags & { fs?: string; repair?: boolean },
  opts: { scope: 'all' | 'objects' },
): Promise<number> {
  const stores = await openStores(flags, { objects: true });
  try {
    const report = await withProgress(flags, (progress) =>
      fsck(stores, { fs: flags.fs, repair: flags.repair ?? false, scope: opts.scope, progress }),
    );
    if (flags.json) printJson({ ...report, where: stores.where });
    else printFsck(report, stores.where, opts.scope === 'objects');
    return report.exitCode;
  } finally {
    await closeStores(stores);
  }
}

export async function dumpCommand(flags: StoreFlags & OutputFlags & { fs?: string; output: string }): Promise<number> {
  const stores = await openStores(flags, { objects: false });
  try {
    const r = await withProgress(flags, (progress) =>
      dumpFilesystems(stores.kv, { path: flags.output, fs: flags.fs, progress }),
    );
    if (flags.json) {
      printJson(r);
    } else {
      const each = r.filesystems.map((f) => `${f.name} ${formatCount(f.pairs)}`).join(', ');
      print(
        `dumped ${r.filesystems.length} filesystem(s) of ${stores.where} to ${r.path}: ${formatCount(r.pairs)} records (${each || 'none'}), ` +
          `${formatBytes(r.bytes)} in ${formatSeconds(r.seconds)} (${r.consistency} view${r.verifiedByRereading ? ', confirmed by a second read' : ''})`,
      );
    }
    return CLI_EXIT.ok;
  } finally {
    await closeStores(stores);
  }
}

export async function loadCommand(
  flags: StoreFlags & OutputFlags & { input: string; resume?: boolean },
): Promise<number> {
  const stores = await openStores(flags, { objects: false });
  try {
    const r = await withProgress(flags, (progress) =>
      loadDump(stores.kv, { path: flags.input, resume: flags.resume, progress }),
    );
    if (flags.json) {
      printJson(r);
    } else {
      const each = r.filesystems.map((f) => `${f.name} (id ${f.id}) ${formatCount(f.pairs)}`).join(', ');
      print(
        `loaded ${r.path} into ${stores.where}: ${formatCount(r.pairs)} records (${each}), ${formatBytes(r.bytes)} in ${formatSeconds(r.seconds)}`,
      );
    }
    return CLI_EXIT.ok;
  } finally {
    await closeStores(stores);
  }
}

/** The finding kinds, for `cirrus fsck --help`. */
export function findingKindsHelp(): string {
  const width = Math.max(...Object.keys(FINDING_KINDS).map((k) => k.length));
  return Object.entries(FINDING_KINDS)
    .map(([k, what]) => `  ${k.padEnd(width)}  ${what}`)
    .join('\n');
}
