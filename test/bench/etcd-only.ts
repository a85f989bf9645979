// Only the CirrusFS-on-etcd part of the benchmarks (etcd-rates.ts), with the same settings
// and table as `npm run bench`: node --import tsx test/bench/etcd-only.ts
import { availableParallelism } from 'node:os';
import { describeEtcd, etcdSettings, etcdRows, measureEtcdRates } from './etcd-rates.ts';
import { loadSettings } from './settings.ts';
import { renderTable } from './table.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const etcd = await measureEtcdRates(etcdSettings(loadSettings()));
  const out = [
    '',
    `CirrusFS on etcd — ${availableParallelism()} CPUs, node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s total`,
    ...describeEtcd(etcd),
    '',
    renderTable(etcdRows(etcd)),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
