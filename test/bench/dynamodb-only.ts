// Only the CirrusFS-on-DynamoDB part of the benchmarks (dynamodb-rates.ts), with the same
// settings and table as `npm run bench`: node --import tsx test/bench/dynamodb-only.ts
import { availableParallelism } from 'node:os';
import { dynamoSettings, measureDynamoRates } from './dynamodb-rates.ts';
import { describeDynamo, dynamoRows } from './dynamodb-report.ts';
import { loadSettings } from './settings.ts';
import { renderTable } from './table.ts';

async function main(): Promise<void> {
  const started = performance.now();
  const r = await measureDynamoRates(dynamoSettings(loadSettings()));
  const out = [
    '',
    `CirrusFS on DynamoDB — ${availableParallelism()} CPUs, node ${process.version}, ${((performance.now() - started) / 1000).toFixed(0)} s total`,
    ...describeDynamo(r),
    '',
    renderTable(dynamoRows(r)),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

main().catch((e: unknown) => {
  process.stderr.write(`[bench] failed: ${(e as Error)?.stack ?? e}\n`);
  process.exitCode = 1;
});
