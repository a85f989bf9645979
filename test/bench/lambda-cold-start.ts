// Lambda cold start: a fresh process imports the built handler (dist/lambda.js) and answers its
// first event, over real backends on 127.0.0.1 — as a new Lambda instance does. Measured for
// the configuration infra/cdk deploys (metadata in DynamoDB, here DynamoDB Local; objects in
// S3) and for etcd + S3. Baseline, in the same run: the same driver importing an empty handler
// (node's own start-up). Then one profiled cold start of the deployed configuration, its CPU
// time attributed through the source maps to the packages and folders the bundle was made
// from: what dominates.
// Run: node --import tsx test/bench/lambda-cold-start.ts
//   LAMBDA_ROUNDS   fresh processes per figure (default 7)
//   LAMBDA_NODE     the node binary the fresh processes run (default: this one), e.g. the Lambda
//                   runtime's: LAMBDA_NODE=$(infra/node-runtime.sh 24.22.3)/node. From Node 22 on
//                   a row with Node's compile cache is added (see compileCacheRows).
//   LAMBDA_DIST     measure this dist/ (e.g. an earlier commit's build) instead of building one
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { SourceMap } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildDist, lambdaPackageSize } from '../../scripts/build.ts';
import { etcdUrl } from '../support/cluster.ts';
import { startDynamo } from '../support/dynamodb.ts';
import { startEtcd } from '../support/etcd.ts';
import { httpEvent } from '../support/lambda.ts';
import { startS3 } from '../support/s3.ts';
import { fixed, renderTable, type Row, verdict } from './table.ts';

const run = promisify(execFile);
const DRIVER = new URL('../support/lambda-invoke.mjs', import.meta.url).pathname;
const ROUNDS = Number(process.env.LAMBDA_ROUNDS ?? 7);
const NODE = process.env.LAMBDA_NODE || process.execPath;
/** The targets of the deploy issue: import + first answer, and the zipped package. */
const COLD_START_TARGET_MS = 300;
const PACKAGE_TARGET_BYTES = 5 * 1024 * 1024;
/** module.enableCompileCache and NODE_COMPILE_CACHE exist from Node 22.1. */
const COMPILE_CACHE_MAJOR = 22;

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
  const dist = process.env.LAMBDA_DIST || join(dir, 'dist');
  const [etcd, s3, dynamo] = await Promise.all([startEtcd(1), startS3(), startDynamo()]);
  try {
    const { stdout: nodeVersion } = await run(NODE, ['--version']);
    const major = Number(/^v(\d+)/.exec(nodeVersion)![1]);
    if (!process.env.LAMBDA_DIST) await buildDist({ dist });
    const size = await lambdaPackageSize(dist);
    const common = {
      ...process.env,
      CIRRUS_OBJECTS: await s3.bucket('coldstart'),
      CIRRUS_ALLOW_UNAUTHENTICATED: 'true',
      CIRRUS_LOG_LEVEL: 'warn',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    // As infra/cdk/lib/cirrus-stack.ts configures the function (its table exists there; here
    // the engine creates it on the warm-up start).
    const deployed = { ...common, CIRRUS_META: dynamo.url('coldstart'), CIRRUS_CACHE: 'writethrough' };
    const overEtcd = { ...common, CIRRUS_META: etcdUrl(etcd, 'coldstart') };
    const empty = join(dir, 'empty.mjs');
    await writeFile(empty, 'export async function handler() { return { statusCode: 200, body: "" }; }\n');
    let n = 0;
    const once = async (bundle: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []): Promise<Sample> => {
      const events = join(dir, `events-${n}.json`);
      const invocations = [
        { event: httpEvent('http-api', { path: '/healthz' }), remainingMs: 30_000 },
        {
          event: httpEvent('http-api', { method: 'POST', path: '/v1/fs', body: `{"name":"c${n++}"}` }),
          remainingMs: 30_000,
        },
      ];
      await writeFile(events, JSON.stringify(invocations));
      const { stdout } = await run(NODE, [...nodeArgs, DRIVER, bundle, events], { env, cwd: dir });
      const [head, a, b] = stdout
        .trim()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l));
      if (bundle !== empty && (a.answer.statusCode !== 200 || b.answer.statusCode !== 201))
        throw new Error(`a cold start answered ${a.answer.statusCode}, ${b.answer.statusCode}: ${b.answer.body}`);
      return {
        boot: head.started,
        importMs: head.imported - head.started,
        first: a.at - head.started,
        second: b.ms,
        firstCpu: a.cpu,
        importCpu: head.importedCpu,
      };
    };
    const samples = async (bundle: string, env: NodeJS.ProcessEnv, nodeArgs: string[] = []) => {
      await once(bundle, env, nodeArgs); // file cache warm, as on a Lambda host
      const out: Sample[] = [];
      for (let i = 0; i < ROUNDS; i++) out.push(await once(bundle, env, nodeArgs));
      return out;
    };
    const lambda = join(dist, 'lambda.js');
    const base = await samples(empty, common);
    const baseMs = median(base.map((s) => s.first));
    const baseCpu = median(base.map((s) => s.firstCpu));
    const rows: Row[] = [];
    const coldRows = (what: string, xs: Sample[]): Row[] => {
      const ms = median(xs.map((s) => s.first));
      const cpu = median(xs.map((s) => s.firstCpu));
      return [
        {
          metric: `${what}: import + first answer (ms)`,
          value: fixed(ms, 0),
          baseline: fixed(baseMs, 0),
          ratio: fixed(ms / baseMs, 1),
          target: `≤ ${COLD_START_TARGET_MS}`,
          verdict: verdict(ms <= COLD_START_TARGET_MS),
        },
        {
          metric: `${what}: CPU time, start-up + import + first answer (ms)`,
          value: fixed(cpu, 0),
          baseline: fixed(baseCpu, 0),
          ratio: fixed(cpu / baseCpu, 1),
          target: `≤ ${COLD_START_TARGET_MS}`,
          verdict: verdict(cpu <= COLD_START_TARGET_MS),
        },
      ];
    };
    const plain = await samples(lambda, deployed);
    rows.push({ metric: 'node start-up, before the import (ms)', value: fixed(median(plain.map((s) => s.boot)), 0) });
    rows.push({ metric: 'import of dist/lambda.js (ms)', value: fixed(median(plain.map((s) => s.importMs)), 0) });
    rows.push({
      metric: 'CPU time up to the end of the import (ms)',
      value: fixed(median(plain.map((s) => s.importCpu)), 0),
    });
    rows.push(...coldRows('cold start, DynamoDB + S3', plain));
    // infra/cdk runs the function with NODE_OPTIONS=--enable-source-maps.
    rows.push(...coldRows('… with --enable-source-maps', await samples(lambda, deployed, ['--enable-source-maps'])));
    if (major >= COMPILE_CACHE_MAJOR) rows.push(...(await compileCacheRows(dir, lambda, deployed, samples, coldRows)));
    rows.push(...coldRows('cold start, etcd + S3', await samples(lambda, overEtcd)));
    rows.push({ metric: 'second answer: createFs, warm (ms)', value: fixed(median(plain.map((s) => s.second)), 1) });
    rows.push({
      metric: 'Lambda package, zipped (MiB)',
      value: fixed(size.deflated / 1024 / 1024),
      target: '≤ 5',
      verdict: verdict(size.deflated <= PACKAGE_TARGET_BYTES),
    });
    console.log(
      `Lambda cold start, median of ${ROUNDS} fresh processes (node ${nodeVersion.trim()}); load ${loadavg()[0].toFixed(1)}\n`,
    );
    console.log(renderTable(rows));
    console.log(`\nWhere a cold start's CPU time goes (profiled starts, DynamoDB + S3, median self time by source):\n`);
    console.log(await profile(dist, deployed, dir));
  } finally {
    await Promise.all([s3.close(), etcd.stop(), dynamo.stop()]);
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Node's compile cache (NODE_COMPILE_CACHE) holds V8's code for each module it compiled, keyed
 * by the module's path and contents. A Lambda execution environment starts with an empty /tmp,
 * so a cache written at run time never serves a cold start: only one shipped in the package,
 * made by the runtime's exact Node version, could. This row shows what such a cache would give
 * (a warm cache in a directory of its own, filled by one start), not what a deployment gets.
 */
async function compileCacheRows(
  dir: string,
  lambda: string,
  env: NodeJS.ProcessEnv,
  samples: (bundle: string, env: NodeJS.ProcessEnv) => Promise<Sample[]>,
  coldRows: (what: string, xs: Sample[]) => Row[],
): Promise<Row[]> {
  const cached = { ...env, NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
  return coldRows('… with a warm compile cache (not a Lambda cold start)', await samples(lambda, cached));
}

interface ProfileNode {
  id: number;
  callFrame: { url: string; lineNumber: number; columnNumber: number; functionName: string };
}

/** Profiled cold starts: a single one, on a loaded machine, can put a descheduling anywhere. */
const PROFILED_STARTS = 5;

/**
 * Self time of profiled cold starts, by package (node_modules/…) or src/ folder: the median over
 * PROFILED_STARTS starts of each source's time. "bundle (unmapped)" is code of the bundle the
 * source maps name no source for: the chunks' top level (where esbuild hoists the ES modules'
 * own top-level code) and esbuild's helpers (its CommonJS wrappers' time is their modules').
 */
async function profile(dist: string, env: NodeJS.ProcessEnv, dir: string): Promise<string> {
  const events = join(dir, 'events-prof.json');
  await writeFile(
    events,
    JSON.stringify([{ event: httpEvent('http-api', { path: '/healthz' }), remainingMs: 30_000 }]),
  );
  const maps = new Map<string, SourceMap>();
  const mapOf = async (url: string) => {
    if (!maps.has(url))
      maps.set(url, new SourceMap(JSON.parse(await readFile(`${new URL(url).pathname}.map`, 'utf8'))));
    return maps.get(url)!;
  };
  const starts: Map<string, number>[] = [];
  for (let i = 0; i < PROFILED_STARTS; i++) {
    const profDir = join(dir, `prof-${i}`);
    await run(NODE, ['--cpu-prof', '--cpu-prof-dir', profDir, DRIVER, join(dist, 'lambda.js'), events], {
      env,
      cwd: dir,
    });
    const [file] = await readdir(profDir);
    const prof = JSON.parse(await readFile(join(profDir, file), 'utf8')) as {
      nodes: ProfileNode[];
      samples: number[];
      timeDeltas: number[];
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
    starts.push(self);
  }
  const sources = new Set(starts.flatMap((s) => [...s.keys()]));
  const medians = new Map([...sources].map((k) => [k, median(starts.map((s) => s.get(k) ?? 0))]));
  const total = median(starts.map((s) => [...s.values()].reduce((a, b) => a + b, 0)));
  const top = [...medians.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  return [
    `median profiled start: ${fixed(total, 0)} ms`,
    ...top.map(([k, ms]) => `${fixed(ms, 1).padStart(8)} ms  ${fixed((100 * ms) / total, 1).padStart(5)} %  ${k}`),
  ].join('\n');
}

await main();
