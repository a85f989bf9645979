// CirrusFS on DynamoDB Local (dynamodb-rates.ts); BENCH_DYNAMODB=0 skips it.
import type { BenchGroup } from './bench-group.ts';
import { dynamoSettings, measureDynamoRates } from './dynamodb-rates.ts';
import { describeDynamo, dynamoRows } from './dynamodb-report.ts';

export const dynamodbGroup: BenchGroup = {
  name: 'dynamodb',
  skipped: (s) => (s.dynamodb ? undefined : 'BENCH_DYNAMODB=0'),
  async run(s) {
    process.stderr.write(`[bench] CirrusFS on DynamoDB Local: ${s.dynamoRounds} rounds of ${s.seconds} s\n`);
    const dynamo = await measureDynamoRates(dynamoSettings(s));
    return { notes: describeDynamo(dynamo), rows: dynamoRows(dynamo) };
  },
};
