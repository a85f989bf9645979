// The DynamoDB engine passes the KV conformance suite on DynamoDB Local (Amazon's jar), each
// case on a table of its own, and enforces DynamoDB's own limits before sending anything.
import t from 'tap';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { parseDynamoUrl } from '../../src/kv/dynamodb-url.ts';
import { freshTable, startDynamo } from '../support/dynamodb.ts';
import { runKvConformance } from './conformance.ts';

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());
const open = (table = freshTable('kv')) => DynamoKv.open(parseDynamoUrl('CIRRUS_META', dynamo.url(table)));

t.test('dynamodb engine conformance (DynamoDB Local)', async (t) => {
  runKvConformance(t, () => open());
});
