// A CirrusFS table: the metadata engine's (kv/dynamodb-items.ts) and the coordinator's
// (coord/dynamodb-records.ts), which may be one table. Checked at startup (its key schema must
// be the agreed one), and created on demand in development — when CIRRUS_META or CIRRUS_COORD
// names an endpoint (DynamoDB Local). In AWS the infrastructure code creates it; a missing
// table is then a clear startup error, not a table made with the wrong settings.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  type TableDescription,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import pRetry from 'p-retry';
import { fsErr } from '../errno.ts';
import { transientKind } from './dynamodb-errors.ts';

/** The key schema every CirrusFS table has: binary partition and sort keys. */
export const TABLE_KEY = { partition: 'pk', sort: 'sk' } as const;

/** How long a table just created may take to become ACTIVE. */
const TABLE_ACTIVE_WAIT_S = 60;
/**
 * How long the check at startup is retried while DynamoDB throttles or does not answer: a
 * DynamoDB Local just started on a busy machine can take more than a call's deadline (5 s) to
 * answer its first request.
 */
const DESCRIBE_RETRY_MS = 30_000;

/** Throttled, or no answer: sent again until DESCRIBE_RETRY_MS have passed. */
const STARTUP_RETRY = {
  retries: Number.MAX_SAFE_INTEGER,
  maxRetryTime: DESCRIBE_RETRY_MS,
  minTimeout: 100,
  maxTimeout: 2_000,
  shouldRetry: ({ error }: { error: unknown }) => transientKind(error) !== undefined,
};

async function describe(client: DynamoDBClient, table: string): Promise<TableDescription | undefined> {
  try {
    return await pRetry(
      async () => (await client.send(new DescribeTableCommand({ TableName: table }))).Table,
      STARTUP_RETRY,
    );
  } catch (e) {
    if ((e as Error).name === 'ResourceNotFoundException') return undefined;
    throw fsErr('EREMOTEIO', `DynamoDB: cannot describe table ${table}: ${(e as Error).name}: ${(e as Error).message}`);
  }
}

function checkSchema(table: string, d: TableDescription): void {
  const type = (name: string) => d.AttributeDefinitions?.find((a) => a.AttributeName === name)?.AttributeType;
  const role = (name: string) => d.KeySchema?.find((k) => k.AttributeName === name)?.KeyType;
  const ok =
    d.KeySchema?.length === 2 &&
    role(TABLE_KEY.partition) === 'HASH' &&
    role(TABLE_KEY.sort) === 'RANGE' &&
    type(TABLE_KEY.partition) === 'B' &&
    type(TABLE_KEY.sort) === 'B';
  if (!ok) {
    const found = (d.KeySchema ?? []).map((k) => `${k.AttributeName} (${type(k.AttributeName!)}, ${k.KeyType})`);
    throw fsErr(
      'EINVAL',
      `DynamoDB table ${table} has the key schema [${found.join(', ')}]; CirrusFS needs partition key ` +
        `${TABLE_KEY.partition} (B) and sort key ${TABLE_KEY.sort} (B)`,
    );
  }
}

/** Make sure `table` exists with our key schema; create it (on-demand billing) if `create`. */
export async function ensureTable(client: DynamoDBClient, table: string, opts: { create: boolean }): Promise<void> {
  let d = await describe(client, table);
  if (!d && !opts.create) {
    throw fsErr(
      'ENOENT',
      `DynamoDB table ${table} does not exist: create it with the infrastructure code (partition key ` +
        `${TABLE_KEY.partition} B, sort key ${TABLE_KEY.sort} B), or name an endpoint for development to have it created`,
    );
  }
  if (!d) {
    let status: string | undefined;
    try {
      const created = await pRetry(
        () =>
          client.send(
            new CreateTableCommand({
              TableName: table,
              BillingMode: 'PAY_PER_REQUEST',
              AttributeDefinitions: [
                { AttributeName: TABLE_KEY.partition, AttributeType: 'B' },
                { AttributeName: TABLE_KEY.sort, AttributeType: 'B' },
              ],
              KeySchema: [
                { AttributeName: TABLE_KEY.partition, KeyType: 'HASH' },
                { AttributeName: TABLE_KEY.sort, KeyType: 'RANGE' },
              ],
            }),
          ),
        STARTUP_RETRY,
      );
      status = created.TableDescription?.TableStatus;
    } catch (e) {
      // Another instance created it first, or an earlier attempt of ours whose answer was lost.
      if ((e as Error).name !== 'ResourceInUseException') {
        throw fsErr('EREMOTEIO', `DynamoDB: cannot create table ${table}: ${(e as Error).message}`);
      }
    }
    // DynamoDB Local answers ACTIVE at once; AWS takes seconds.
    if (status !== 'ACTIVE') {
      await waitUntilTableExists({ client, maxWaitTime: TABLE_ACTIVE_WAIT_S, minDelay: 1 }, { TableName: table });
    }
    d = await describe(client, table);
  }
  checkSchema(table, d!);
}
