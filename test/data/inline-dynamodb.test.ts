// Inline contents with the metadata in DynamoDB Local (the cases: inline-cases.ts).
import t from 'tap';
import { freshTable, startDynamo, type TestDynamo } from '../support/dynamodb.ts';
import { inlineCases } from './inline-cases.ts';

let dynamo: Promise<TestDynamo> | undefined;
t.teardown(async () => (await dynamo)?.stop());
inlineCases(t, 'dynamodb', async () => {
  dynamo ??= startDynamo();
  return { CIRRUS_META: (await dynamo).url(freshTable('inline')) };
});
