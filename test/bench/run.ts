// CirrusFS benchmarks (`npm run bench`): HTTP request rates against a Fastify no-op baseline,
// and the memory engine's heap cost per file. Progress goes to stderr, the result table to
// stdout. Settings: BENCH_SECONDS, BENCH_WARMUP_SECONDS, BENCH_CONNECTIONS, BENCH_ROUNDS,
// BENCH_FILES, BENCH_FILES_PER_DIR, BENCH_CONCURRENCY, BENCH_DATA_MIB, BENCH_ETCD (0 skips the
// CirrusFS-on-etcd part), BENCH_ETCD_ROUNDS, BENCH_ETCD_CREATORS, BENCH_DYNAMODB (0 skips the
// CirrusFS-on-DynamoDB part), BENCH_DYNAMODB_ROUNDS (settings.ts). The etcd part alone:
// node --import tsx test/bench/etcd-only.ts; the DynamoDB part: test/bench/dynamodb-only.ts
import { availableParallelism } from 'node:os';
import { measureDataRates } from './data-rates.ts';
import { dataRows } from './data-report.ts';
import { describeEtcd, etcdRows, etcdSettings, measureEtcdRates } from './etcd-rates.ts';
import { dynamoSettings, measureDynamoRates } from './dynamodb-rates.ts';
import { describeDynamo, dynamoRows } from './dynamodb-report.ts';
import { describe, measureHttpRates } from './http-rates.ts';
import { measureMemoryFootprint } from './memory-footprint.ts';
import { loadSettings } from './settings.ts';
import { fixed, int, mib, renderTable, verdict, type Row } from './table.ts';

const GETATTR_TARGET = 0.7;
const CREATE_TARGET = 0.5;
const BYTES_PER_FILE_TARGET = 300;

async function main(): Promise<void> {
  const s = loadSettings();
  const started = performance.now();
  process.stderr.write(
    `[bench] ${availableParallelism()} CPUs, node ${process.version}; HTTP: ${s.connections} connections, ` +
      `${s.warmupSeconds} s warm-up, ${s.rounds} rounds of ${s.seconds} s per scenario; memory: ${s.files} files, ` +
      `${s.filesPerDir} per directory, ${s.concurrency} in flight\n`,
  );

  const http = await measureHttpRates({
    connections: s.connections,
    seconds: s.seconds,
    warmupSeconds: s.warmupSeconds,
    rounds: s.rounds,
  });
  const mem = await measureMemoryFootprint({ files: s.files, filesPerDir: s.filesPerDir, concurrency: s.concurrency });
  process.stderr.write(`[bench] data path on S3: ${s.dataMiB} MiB sequential\n`);
  const data = await measureDataRates(s.dataMiB);
  if (s.etcd) {
    process.stderr.write(
      `[bench] CirrusFS on a single-node etcd: ${s.etcdRounds} rounds of ${s.seconds} s, ${s.connections} workers / connections, ` +
        `${s.etcdCreators} creators for the hot parent\n`,
    );
  }
  const etcd = s.etcd ? await measureEtcdRates(etcdSettings(s)) : undefined;
  if (s.dynamodb) {
    process.stderr.write(`[bench] CirrusFS on DynamoDB Local: ${s.dynamoRounds} rounds of ${s.seconds} s\n`);
  }
  const dynamo = s.dynamodb ? await measureDynamoRates(dynamoSettings(s)) : undefined;

  const base = http.noop.rate;
  const getattrRatio = http.getattr.rate / base;
  const createRatio = http.create.rate / base;
  const rows: Row[] = [
    { metric: 'http no-op GET /noop (req/s)', value: int(base) },
    {
      metric: 'http getattr GET /v1/fs/{fs}/inodes/{ino} (req/s)',
      value: int(http.getattr.rate),
      baseline: int(base),
      ratio: fixed(getattrRatio),
      target: `>= ${fixed(GETATTR_TARGET)}`,
      verdict: verdict(getattrRatio >= GETATTR_TARGET),
    },
    {
      metric: 'http create POST /v1/fs/{fs}/inodes/{dir}/entries (201/s)',
      value: int(http.create.rate),
      baseline: int(base),
      ratio: fixed(createRatio),
      target: `>= ${fixed(CREATE_TARGET)}`,
      verdict: verdict(createRatio >= CREATE_TARGET),
    },
    { metric: 'http create: answers other than 201, errors, timeouts (all rounds)', value: int(http.create.failures) },
    // Context for create: the same JSON POST answered by the no-op app, i.e. what HTTP and body
    // parsing alone allow; not a target of the issue.
    { metric: 'http no-op POST /noop with a create body (req/s)', value: int(http.noopPost.rate) },
    {
      metric: 'http create vs the no-op POST (info)',
      value: int(http.create.rate),
      baseline: int(http.noopPost.rate),
      ratio: fixed(http.create.rate / http.noopPost.rate),
    },
    ...[http.noop, http.getattr, http.create].map((r) => ({
      metric: `http ${r.name} latency p50 / p99, best round (ms)`,
      value: `${r.best.run.latencyMs.p50} / ${r.best.run.latencyMs.p99}`,
    })),
    {
      metric: `memory engine heap per file @ ${int(mem.files)} files (B)`,
      value: fixed(mem.bytesPerFile, 1),
      target: `<= ${BYTES_PER_FILE_TARGET}`,
      verdict: verdict(mem.bytesPerFile <= BYTES_PER_FILE_TARGET),
    },
    { metric: 'memory engine heap: before -> after', value: `${mib(mem.heapBefore)} -> ${mib(mem.heapAfter)}` },
    { metric: 'memory engine KV keys (per file)', value: `${int(mem.keys)} (${fixed(mem.keys / mem.files)})` },
    { metric: `memory engine create time, ${int(mem.dirs)} dirs + files (s)`, value: fixed(mem.createSeconds, 1) },
    { metric: 'memory engine creates/s (in-process, no HTTP)', value: int(mem.createsPerSecond) },
    { metric: 'memory engine log fdatasyncs during creates', value: int(mem.logSyncs) },
    { metric: 'memory engine kv.close() incl. final snapshot (s)', value: fixed(mem.closeSeconds, 1) },
    {
      metric: 'memory engine snapshot.curvefs on close (bytes, B/file)',
      value: `${int(mem.snapshotBytes)} (${fixed(mem.snapshotBytes / mem.files, 1)})`,
    },
    { metric: 'memory engine process rss after', value: mib(mem.rssAfter) },
    ...dataRows(data),
    ...(etcd ? etcdRows(etcd) : []),
    ...(dynamo ? dynamoRows(dynamo) : []),
  ];

  const out = [
    '',
    `CirrusFS benchmark — ${availableParallelism()} CPUs, node ${process.version}, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s total`,
    `HTTP: ${s.connections} connections, ${s.warmupSeconds} s warm-up, then ${s.rounds} interleaved rounds of ${s.seconds} s ` +
      'per scenario, best round reported. Servers in the benchmark process, autocannon in one child process ' +
      '(a core each; baseline and CirrusFS measured alike). "others" = cores used by anything else meanwhile.',
    ...[http.noop, http.getattr, http.create, http.noopPost].map((r) => `  ${describe(r)}`),
    `Memory: ${int(mem.files)} files in ${int(mem.dirs)} directories via FileSystems.createEntry, ${s.concurrency} in flight, ` +
      "heap after gc with the MemoryKv closed (tree still held); the directories' own records are in the per-file cost" +
      (mem.otherCpu === undefined ? '.' : `; others used ${mem.otherCpu.toFixed(2)} cores meanwhile.`),
    ...(etcd ? describeEtcd(etcd) : ['etcd: skipped (BENCH_ETCD=0).']),
    ...(dynamo ? describeDynamo(dynamo) : ['DynamoDB: skipped (BENCH_DYNAMODB=0).']),
    '',
    renderTable(rows),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
