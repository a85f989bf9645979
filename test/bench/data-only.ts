// Only the data-path part of the benchmarks (data-rates.ts), with the same settings, rows and
// target as `npm run bench`: BENCH_DATA_MIB=64 node --import tsx test/bench/data-only.ts
import { availableParallelism } from 'node:os';
import { measureDataRates } from './data-rates.ts';
import { dataRows, describeData } from './data-report.ts';
import { loadSettings } from './settings.ts';
import { renderTable } from './table.ts';

async function main(): Promise<void> {
  const s = loadSettings();
  const started = performance.now();
  const data = await measureDataRates(s.dataMiB, s.dataRounds);
  const out = [
    '',
    `CirrusFS data path on S3 — ${availableParallelism()} CPUs, node ${process.version}, ${s.dataMiB} MiB sequential, ` +
      `${((performance.now() - started) / 1000).toFixed(0)} s total`,
    ...describeData(data),
    '',
    renderTable(dataRows(data)),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
