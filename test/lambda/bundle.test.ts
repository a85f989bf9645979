// The built Lambda package (dist/lambda.js from `npm run build`, here built into a directory of
// its own) as AWS runs it: fresh processes, each one instance, over real etcd and S3. Nothing
// keeps an instance's event loop alive after it answered, and a write answered by one instance
// can be flushed through another (its verifier vouches for it: writes are write-through).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import t, { type Test } from 'tap';
import { buildDist, lambdaPackageSize } from '../../scripts/build.ts';
import { etcdUrl } from '../support/cluster.ts';
import { startDynamo } from '../support/dynamodb.ts';
import { startEtcd } from '../support/etcd.ts';
import { answerBody, httpEvent, type LambdaAnswer, scheduledEvent } from '../support/lambda.ts';
import { startS3 } from '../support/s3.ts';

const run = promisify(execFile);
const DRIVER = new URL('../support/lambda-invoke.mjs', import.meta.url).pathname;
/** A Lambda package may be at most 50 MB zipped (AWS quota); we hold ours to 5 MB. */
const PACKAGE_BUDGET_BYTES = 5 * 1024 * 1024;
/** Short, so a sweeper timer, if one ran, would have passed many times between invocations. */
const SWEEP_INTERVAL_MS = 100;

/** Resources that never keep a process alive by themselves. */
const TRANSIENT = ['PipeWrap', 'TTYWrap', 'Immediate'];

/**
 * Two engines' worth of fresh processes, a JVM (DynamoDB Local) among the servers: ~70 s alone,
 * several times that on a machine loaded by the rest of the suite, whatever the runner's own
 * per-file limit. A limit of the harness, not a timed assertion.
 */
t.setTimeout(300_000);

type Invocation = { event: unknown; remainingMs?: number } | { sleepMs: number };

t.test('the built Lambda package', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-lambda-'));
  const dist = join(dir, 'dist');
  const [etcd, dynamo, s3] = await Promise.all([startEtcd(1), startDynamo(), startS3()]);
  t.teardown(async () => {
    await Promise.all([s3.close(), etcd.stop(), dynamo.stop()]);
    await rm(dir, { recursive: true, force: true });
  });
  await buildDist({ dist });
  const size = await lambdaPackageSize(dist);
  t.ok(size.deflated < PACKAGE_BUDGET_BYTES, `the package zips to ${size.deflated} bytes, under 5 MiB`);
  // Metadata on etcd, and on DynamoDB as infra/cdk deploys it: each engine is its own chunk
  // of the bundle, with its own client (gRPC; the AWS SDK's ES module build).
  const engines = { etcd: etcdUrl(etcd, 'bundle'), dynamodb: dynamo.url('bundle') };
  for (const [engine, meta] of Object.entries(engines)) {
    t.test(`over ${engine} and S3`, (t) =>
      instances(t, { dist, dir: join(dir, engine), meta, bucket: s3.bucket(engine) }),
    );
  }
});

async function instances(t: Test, o: { dist: string; dir: string; meta: string; bucket: Promise<string> }) {
  await mkdir(o.dir);
  const env = {
    ...process.env,
    CIRRUS_META: o.meta,
    CIRRUS_OBJECTS: await o.bucket,
    CIRRUS_ALLOW_UNAUTHENTICATED: 'true',
    CIRRUS_LOG_LEVEL: 'warn',
    CIRRUS_SWEEP_INTERVAL_MS: String(SWEEP_INTERVAL_MS),
  };
  let n = 0;
  /** One fresh instance: the answers, and what was left keeping it alive when it returned. */
  const instance = async (invocations: Invocation[]) => {
    const file = join(o.dir, `events-${n++}.json`);
    await writeFile(file, JSON.stringify(invocations.map((i) => ('event' in i ? { remainingMs: 30_000, ...i } : i))));
    // The child must end by itself; the timeout only turns a hang into a failure.
    const { stdout } = await run(process.execPath, [DRIVER, join(o.dist, 'lambda.js'), file], {
      env,
      cwd: o.dir,
      timeout: 60_000,
      maxBuffer: 16 << 20,
    });
    const lines = stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l));
    const answers = lines.filter((l) => 'answer' in l).map((l) => l.answer);
    // The stdio pipes and pending setImmediate callbacks end with the process; timers and
    // sockets would not.
    const alive = (lines.at(-1).alive as string[]).filter((r) => !TRANSIENT.includes(r));
    return { answers, alive };
  };
  const http = (a: unknown) => ({ ...(a as LambdaAnswer), ...answerBody(a as LambdaAnswer) });

  const first = await instance([
    { event: httpEvent('http-api', { path: '/healthz' }) },
    { event: httpEvent('function-url', { method: 'POST', path: '/v1/fs', body: '{"name":"b"}' }) },
    { event: httpEvent('http-api', { method: 'PUT', path: '/v1/fs/b/files/f', body: Buffer.from('0123456789') }) },
    { event: httpEvent('http-api', { path: '/v1/fs/b/attrs/nope' }) },
    { sleepMs: 10 * SWEEP_INTERVAL_MS },
    { event: httpEvent('http-api', { path: '/v1/status' }) },
  ]);
  const [health, created, uploaded, missing, status] = first.answers.map(http);
  t.same(health.json, { status: 'ok' }, '/healthz');
  t.equal(created.statusCode, 201, 'createFs');
  t.equal(uploaded.statusCode, 201, 'uploadFile');
  t.equal(missing.statusCode, 404);
  t.match(missing.json, { code: 'ENOENT' }, 'problem+json');
  t.equal(status.json.jobs.passes, 0, 'no sweeper pass ran between invocations: no timer runs the jobs');
  t.same(
    first.alive,
    [],
    'no timer or socket holds the event loop after the answers (and the process ended by itself)',
  );

  const ino = uploaded.json.ino as number;
  const second = await instance([
    {
      event: httpEvent('function-url', {
        method: 'PUT',
        path: `/v1/fs/b/inodes/${ino}/data`,
        query: { offset: '2' },
        body: Buffer.from('AB'),
      }),
    },
  ]);
  const written = http(second.answers[0]);
  t.match(written.json, { written: 2, stable: true }, 'a write on instance 2, committed before its answer');

  const third = await instance([
    {
      event: httpEvent('http-api', {
        method: 'POST',
        path: `/v1/fs/b/inodes/${ino}/flush`,
        body: JSON.stringify({ verifiers: [written.json.verifier] }),
      }),
    },
    { event: httpEvent('http-api', { path: '/v1/fs/b/files/f' }) },
    { event: scheduledEvent(), remainingMs: 60_000 },
  ]);
  const [flushed, read, pass] = third.answers;
  t.equal(http(flushed).statusCode, 200, "instance 3 accepts instance 2's verifier: nothing of it was lost");
  t.equal(http(read).bytes.toString(), '01AB456789');
  t.match(pass, { complete: true }, 'a scheduled pass');
  t.same(third.alive, [], 'no timer or socket holds the event loop after a scheduled pass');
}
