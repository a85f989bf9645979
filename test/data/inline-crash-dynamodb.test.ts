// kill -9 between inline writes and their commit with the metadata in DynamoDB Local (the case:
// inline-crash-cases.ts).
import t from 'tap';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { freshTable, startDynamo } from '../support/dynamodb.ts';
import { inlineCrashCase } from './inline-crash-cases.ts';

inlineCrashCase(t, 'dynamodb', async (t) => {
  const dynamo = await startDynamo();
  t.teardown(() => dynamo.stop());
  const url = dynamo.url(freshTable('crash'));
  return { env: { CIRRUS_META: url }, open: () => DynamoKv.open(parseDynamoUrl('CIRRUS_META', url)) };
});
