// The DynamoDB engine passes the KV conformance suite on DynamoDB Local (Amazon's jar), each
// case on a table of its own; and it opens only a table with the agreed key schema.
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import t from 'tap';
import { dynamoClientConfig } from '../../src/aws/dynamodb-client.ts';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { freshTable, startDynamo } from '../support/dynamodb.ts';
import { runKvConformance } from './conformance.ts';

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());
const open = (table = freshTable('kv')) => DynamoKv.open(parseDynamoUrl('CIRRUS_META', dynamo.url(table)));

t.test('dynamodb engine conformance (DynamoDB Local)', async (t) => {
  runKvConformance(t, () => open());
});

t.test('the table: created with an endpoint, else required, and its key schema checked', async (t) => {
  const location = parseDynamoUrl('CIRRUS_META', dynamo.url(freshTable('absent')));
  await t.rejects(DynamoKv.open(location, { createTable: false }), {
    code: 'ENOENT',
    message: new RegExp(`table ${location.table} does not exist`),
  });
  const kv = await DynamoKv.open(location);
  await kv.close();
  const again = await DynamoKv.open(location, { createTable: false });
  t.equal(again.engine, 'dynamodb', 'once created it opens without creating');
  await again.close();

  const wrong = freshTable('wrong');
  const client = new DynamoDBClient(dynamoClientConfig(parseDynamoUrl('CIRRUS_META', dynamo.url(wrong))));
  await client.send(
    new CreateTableCommand({
      TableName: wrong,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    }),
  );
  client.destroy();
  await t.rejects(open(wrong), { code: 'EINVAL', message: /key schema \[id \(S, HASH\)\].*pk \(B\).*sk \(B\)/ });
});
