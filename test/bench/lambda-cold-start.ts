// Lambda cold start: a fresh process imports the built handler (dist/lambda.js) and answers its
// first event, over etcd and S3 on 127.0.0.1 — as a new Lambda instance does. Baseline, in the
// same run: the same driver importing an empty handler (node's own start-up). Then one
// profiled cold start, its CPU time attributed through the source map to the packages and
// folders the bundle was made from: what dominates.
// Run: node --import tsx test/bench/lambda-cold-start.ts   (LAMBDA_ROUNDS, default 7)
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDist, lambdaPackageSize } from '../../scripts/build.ts';
import { etcdUrl } from '../support/cluster.ts';
import { startEtcd } from '../support/etcd.ts';
import { httpEvent } from '../support/lambda.ts';
import { startS3 } from '../support/s3.ts';
import { fixed, renderTable, type Row, verdict } from './table.ts';

const run = promisify(execFile);
const DRIVER = new URL('../support/lambda-invoke.mjs', import.meta.url).pathname;
const ROUNDS = Number(process.env.LAMBDA_ROUNDS ?? 7);
/** The targets of the deploy issue: import + first answer, and the zipped package. */
const COLD_START_TARGET_MS = 300;
const PACKAGE_TARGET_BYTES = 5 * 1024 * 1024;

interface Sample {
  boot: number;
  importMs: number;
  first: number;
  second: number;
  /** CPU time of the process up to the first answer: what a busy machine does not inflate. */
  firstCpu: number;
  importCpu: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-coldstart-'));
  const dist = join(dir, 'dist');
  const etcd = await startEtcd(1);
  const s3 = await startS3();
  try {
    await buildDist({ dist });
    const size = await lambdaPackageSize(dist);
    const env = {
      ...process.env,
      CIRRUS_META: etcdUrl(etcd, 'coldstart'),
      CIRRUS_OBJECTS: await s3.bucket('coldstart'),
      CIRRUS_ALLOW_UNAUTHENTICATED: 'true',
      CIRRUS_LOG_LEVEL: 'warn',
    };
    const empty = join(dir, 'empty.mjs');
    await writeFile(empty, 'export async function handler() { return { statusCode: 200, body: "" }; }\n');
    let n = 0;
    const once = async (bundle: string, nodeArgs: string[] = []): Promise<Sample> => {
      const events = join(dir, `events-${n}.json`);
      const invocations = [
        { event: httpEvent('http-api', { path: '/healthz' }), remainingMs: 30_000 },
        {
          event: httpEvent('http-api', { method: 'POST', path: '/v1/fs', body: `{"name":"c${n++}"}` }),
          remainingMs: 30_000,
        },
      ];
      await writeFile(events, JSON.stringify(invocations));
      const { stdout } = await run(process.execPath, [...nodeArgs, DRIVER, bundle, events], { env, cwd: dir });
      const [head, a, b] = stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      return {
        boot: head.started,
        importMs: head.imported - head.started,
        first: a.at - head.started,
        second: b.ms,
        firstCpu: a.cpu,
        importCpu: head.importedCpu,
      };
    };
    const samples = async (bundle: string, nodeArgs: string[] = []) => {
      await once(bundle, nodeArgs); // file cache warm, as on a Lambda host
      const out: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) out.push(await once(bundle, nodeArgs));
      return out;
    };
    const base = await samples(empty);
    const plain = await samples(join(dist, 'lambda.js'));
    const mapped = await samples(join(dist, 'lambda.js'), ['--enable-source-maps']);
    const baseMs = median(base.map((s) => s.first));
    const rows: Row[] = [];
    const coldRow = (what: string, xs: Sample[]): Row => {
      const ms = median(xs.map((s) => s.first));
      return {
        metric: `cold start${what}: import + first answer (ms)`,
        value: fixed(ms, 0),
        baseline: fixed(baseMs, 0),
        ratio: fixed(ms / baseMs, 1),
        target: `≤ ${COLD_START_TARGET_MS}`,
        verdict: verdict(ms <= COLD_START_TARGET_MS),
      };
    };
    rows.push({ metric: 'node start-up, before the import (ms)', value: fixed(median(plain.map((s) => s.boot)), 0) });
    rows.push({ metric: 'import of dist/lambda.js (ms)', value: fixed(median(plain.map((s) => s.importMs)), 0) });
    rows.push(coldRow('', plain));
    rows.push(coldRow(' with --enable-source-maps', mapped));
    const cpu = median(plain.map((s) => s.firstCpu));
    const baseCpu = median(base.map((s) => s.firstCpu));
    rows.push({
      metric: 'cold start CPU time: start-up + import + first answer (ms)',
      value: fixed(cpu, 0),
      baseline: fixed(baseCpu, 0),
      ratio: fixed(cpu / baseCpu, 1),
      target: `≤ ${COLD_START_TARGET_MS}`,
      verdict: verdict(cpu <= COLD_START_TARGET_MS),
    });
    rows.push({
      metric: 'CPU time up to the end of the import (ms)',
      value: fixed(median(plain.map((s) => s.importCpu)), 0),
    });
    rows.push({ metric: 'second answer: createFs, warm (ms)', value: fixed(median(plain.map((s) => s.second)), 1) });
    rows.push({
      metric: 'Lambda package, zipped (MiB)',
      value: fixed(size.deflated / 1024 / 1024),
      target: '≤ 5',
      verdict: verdict(size.deflated <= PACKAGE_TARGET_BYTES),
    });
    console.log(
      `Lambda cold start, median of ${ROUNDS} fresh processes (${process.version}); load ${loadavg()[0].toFixed(1)}\n`,
    );
    console.log(renderTable(rows));
    console.log(`\nWhere a cold start's CPU time goes (one profiled start, self time by source):\n`);
    console.log(await profile(dist, env, dir));
  } finally {
    await s3.close();
    await etcd.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
}

/** Self time of one profiled cold start, by package (node_modules/…) or src/ folder. */
async function profile(dist: string, env: NodeJS.ProcessEnv, dir: string): Promise<string> {
  const profDir = join(dir, 'prof');
  const events = join(dir, 'events-prof.json');
  await writeFile(
    events,
    JSON.stringify([{ event: httpEvent('http-api', { path: '/healthz' }), remainingMs: 30_000 }]),
  );
  await run(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profDir, DRIVER, join(dist, 'lambda.js'), events], {
    env,
    cwd: dir,
  });
  const [file] = await readdir(profDir);
  const prof = JSON.parse(await readFile(join(profDir, file), 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
    timeDeltas: number[];
  };
  const maps = new Map<string, SourceMap>();
  const mapOf = async (url: string) => {
    if (!maps.has(url))
      maps.set(url, new SourceMap(JSON.parse(await readFile(`${new URL(url).pathname}.map`, 'utf8'))));
    return maps.get(url)!;
  };
  for (const n of prof.nodes) if (/\/lambda[^/]*\.js$/.test(n.callFrame.url)) await mapOf(n.callFrame.url);
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  prof.samples.forEach((id, i) => {
    const { callFrame: f } = byId.get(id)!;
    let where: string;
    if (maps.has(f.url)) {
      const entry = maps.get(f.url)!.findEntry(f.lineNumber, f.columnNumber) as { originalSource?: string };
      const src = entry.originalSource ?? '';
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(src) ?? /(src\/[^/]+)/.exec(src);
      where = m ? m[1] : 'bundle (unmapped)';
    } else if (f.url === '') where = f.functionName ? `(${f.functionName})` : '(native)';
    else where = f.url.startsWith('node:') ? f.url : f.url.replace(/^.*\//, '');
    self.set(where, (self.get(where) ?? 0) + (prof.timeDeltas[i] ?? 0) / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return top
    .map(([k, ms]) => `${fixed(ms, 1).padStart(8)} ms  ${fixed((100 * ms) / total, 1).padStart(5)} %  ${k}`)
    .join('\n');
}

await main();
