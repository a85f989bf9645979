// Dump/load at scale, with the memory each `cirrus` process holds (issue: "1 M files dumped with
// the memory figures"). Not part of `npm run bench` (minutes of setup per million files):
//
//   node --import tsx test/bench/dump-scale.ts [--files 1000000] [--small 100000 (0: none)] [--dynamodb]
//     [--out FILE.json]
//
// For each size (the small one shows what changes with the number of files):
//   1. build: empty files in directories of DIR_FILES, in a memory-engine directory, written by
//      the namespace's own createEntry (listing-build-child.ts);
//   2. `cirrus dump` from the memory engine;
//   3. `cirrus load` of that dump into a fresh memory-engine directory;
//   4. `cirrus load` of that dump into a fresh etcd;
//   5. `cirrus dump` from etcd, compared byte for byte with the first dump;
//   6. `cirrus fsck` on etcd (with an empty object store: no file has contents);
//   7. with --dynamodb, `cirrus load` into a fresh table of DynamoDB Local (opt-in: Local writes
//      ~1,500 records/s on this machine kind, so 1 M files take about 25 minutes).
// Each step's resident memory (VmRSS of the child, sampled every SAMPLE_MS) is reported as its
// peak and its samples at quarter points. The memory engine holds the whole store in its own
// heap, so steps 2 and 3 grow with the files by design (the load must hold no more than the
// dump of what it loaded: the engine's own); etcd's and DynamoDB's steps show the job's own
// memory, which must not grow with the files.
import { type ChildProcess, fork, spawn } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startDynamo } from '../support/dynamodb.ts';
import { startEtcd } from '../support/etcd.ts';
import { tempDir } from '../support/server.ts';
import type { ListingBuild, ListingBuilt } from './listing-spec.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SAMPLE_MS = 250;
const DIR_FILES = 10_000;
const MiB = 1024 * 1024;

interface Step {
  step: string;
  seconds: number;
  peakRssMiB: number;
  /** RSS at 25/50/75/100 % of the run's samples. */
  quartersMiB: number[];
  exit: number;
  lastLine: string;
}

async function rssOf(pid: number): Promise<number | undefined> {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Sample a child's RSS until it exits. */
async function sampled(child: ChildProcess): Promise<{ samples: number[]; code: number }> {
  const samples: number[] = [];
  let code: number | undefined;
  child.on('exit', (c) => (code = c ?? -1));
  while (code === undefined) {
    const r = await rssOf(child.pid!);
    if (r !== undefined) samples.push(r);
    await new Promise((r) => setTimeout(r, SAMPLE_MS));
  }
  return { samples, code };
}

async function cirrus(step: string, args: string[], env: Record<string, string>): Promise<Step> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/cirrus.mjs'), ...args, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => {
    err += d;
    process.stderr.write(`  [${step}] ${d}`);
  });
  const { samples, code } = await sampled(child);
  const seconds = (performance.now() - t0) / 1000;
  const q = (f: number) => samples[Math.min(samples.length - 1, Math.floor(f * samples.length))] ?? 0;
  const lines = err.trim().split('\n');
  return {
    step,
    seconds: Math.round(seconds * 10) / 10,
    peakRssMiB: Math.round(Math.max(0, ...samples) / MiB),
    quartersMiB: [0.25, 0.5, 0.75, 0.999].map((f) => Math.round(q(f) / MiB)),
    exit: code,
    lastLine:
      code === 0 || code === 1 ? (out.length < 400 ? out.trim() : `${out.length} bytes of JSON`) : lines.at(-1)!,
  };
}

async function build(metaDir: string, files: number): Promise<ListingBuilt> {
  const dirs = Array.from({ length: Math.ceil(files / DIR_FILES) }, (_, i) => ({
    name: `d${i}`,
    entries: Math.min(DIR_FILES, files - i * DIR_FILES),
  }));
  const spec: ListingBuild = { metaDir, fsName: 'big', dirs };
  const child = fork(join(ROOT, 'test/bench/listing-build-child.ts'), [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.on('message', (m) => resolve(m as ListingBuilt));
    child.on('exit', (c) => c !== 0 && reject(new Error(`build exited ${c}`)));
  });
}

async function runSize(files: number, work: string, opts: { dynamodb: boolean }): Promise<Record<string, unknown>> {
  const dir = join(work, `n${files}`);
  await mkdir(join(dir, 'objects'), { recursive: true });
  process.stderr.write(`build ${files} files\n`);
  const built = await build(join(dir, 'meta'), files);
  const memoryEnv = { CIRRUS_META: `memory:${join(dir, 'meta')}`, CIRRUS_OBJECTS: `file:${join(dir, 'objects')}` };
  const a = join(dir, 'a.dump');
  const b = join(dir, 'b.dump');
  const steps: Step[] = [];
  steps.push(await cirrus('dump memory', ['dump', a], memoryEnv));
  const loadedMeta = join(dir, 'loaded');
  steps.push(await cirrus('load memory', ['load', a], { ...memoryEnv, CIRRUS_META: `memory:${loadedMeta}` }));
  await rm(loadedMeta, { recursive: true, force: true });
  const etcd = await startEtcd(1);
  try {
    const etcdEnv = {
      CIRRUS_META: `etcd://${etcd.endpoints[0].replace('http://', '')}/bench`,
      CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
    };
    steps.push(await cirrus('load etcd', ['load', a], etcdEnv));
    steps.push(await cirrus('dump etcd', ['dump', b], etcdEnv));
    steps.push(await cirrus('fsck etcd', ['fsck'], etcdEnv));
  } finally {
    await etcd.stop();
  }
  if (opts.dynamodb) {
    const dynamo = await startDynamo();
    try {
      const dynamoEnv = {
        CIRRUS_META: dynamo.url('dump-scale'),
        CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', // node 20: one line of noise per process
      };
      steps.push(await cirrus('load dynamodb', ['load', a], dynamoEnv));
    } finally {
      await dynamo.stop();
    }
  }
  // Compared whole in memory: the bench's own process, not a measured one.
  const dumpedTwice = steps.every((s) => s.exit === 0 || s.step === 'fsck etcd');
  const identical = dumpedTwice ? (await readFile(a)).equals(await readFile(b)) : undefined;
  const result = {
    files,
    buildSeconds: Math.round(built.seconds),
    keys: built.keys,
    dumpBytes: (await stat(a)).size,
    identical,
    steps,
  };
  await rm(dir, { recursive: true, force: true });
  return result;
}

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '1000000' },
    small: { type: 'string', default: '100000' },
    dynamodb: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const work = await tempDir('cirrus-dump-scale-');
const results = [];
try {
  for (const n of [Number(values.small), Number(values.files)].filter((n) => n > 0)) {
    const r = await runSize(n, work, { dynamodb: values.dynamodb! });
    results.push(r);
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
const table = [
  '| files | step | seconds | peak RSS MiB | RSS at 25/50/75/100 % |',
  '|---|---|---|---|---|',
  ...results.flatMap((r) =>
    (r.steps as Step[]).map(
      (s) => `| ${r.files} | ${s.step} | ${s.seconds} | ${s.peakRssMiB} | ${s.quartersMiB.join(' / ')} |`,
    ),
  ),
];
process.stdout.write(`${table.join('\n')}\n`);
if (values.out) await writeFile(values.out, JSON.stringify({ results, table }, null, 2));
