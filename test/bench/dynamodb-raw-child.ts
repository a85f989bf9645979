// The raw DynamoDB load generator: single-item conditional PutItem or GetItem calls, or the
// TransactWriteItems of dynamodb-raw-spec.ts, from W workers on one DynamoDBClient, configured like the engine's (dynamoClientConfig: keep-alive,
// no SDK retries). It runs in its own process, as autocannon does for the HTTP scenarios
// (loader-process.ts), so the raw baseline and CirrusFS pay the same client-side placement.
import { DynamoDBClient, GetItemCommand, PutItemCommand, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import { createHistogram } from 'node:perf_hooks';
import { dynamoClientConfig } from '../../src/aws/dynamodb-client.ts';
import {
  RAW_CHECKED_ITEMS,
  RAW_GET_ITEM,
  RAW_GROUP,
  RAW_VALUE_BYTES,
  type DynamoRawSpec,
} from './dynamodb-raw-spec.ts';
import type { LoadResult } from './load-spec.ts';
import { serveLoads } from './loader-child.ts';

const B = (s: string) => Buffer.from(s, 'latin1');
const clients = new Map<string, DynamoDBClient>();

async function runRaw(spec: DynamoRawSpec): Promise<LoadResult> {
  let client = clients.get(spec.endpoint);
  if (!client) {
    client = new DynamoDBClient(
      dynamoClientConfig({
        table: spec.table,
        region: 'us-east-1',
        endpoint: spec.endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
    );
    clients.set(spec.endpoint, client);
  }
  const c = client;
  const value = Buffer.alloc(RAW_VALUE_BYTES, 1);
  const key = (sk: string) => ({ pk: { B: B(RAW_GROUP) }, sk: { B: B(sk) } });
  const TableName = spec.table;
  const tx = (id: string) =>
    c.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          ...RAW_CHECKED_ITEMS.map((sk) => ({
            ConditionCheck: {
              TableName,
              Key: key(sk),
              ConditionExpression: 'v = :v',
              ExpressionAttributeValues: { ':v': { N: '1' } },
            },
          })),
          ...['d', 'i', 'c', 'u'].map((kind) => ({
            Put: {
              TableName,
              Item: { ...key(`${id}.${kind}`), v: { N: '1' }, val: { B: value } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        ],
      }),
    );
  const tx1 = (id: string) =>
    c.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName,
              Item: { ...key(`${id}.t`), v: { N: '1' }, val: { B: value } },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ],
      }),
    );
  const put = (id: string) =>
    c.send(
      new PutItemCommand({
        TableName,
        Item: { ...key(id), v: { N: '1' }, val: { B: value } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  const get = () => c.send(new GetItemCommand({ TableName, Key: key(RAW_GET_ITEM), ConsistentRead: true }));
  const op: (id: string) => Promise<unknown> = { tx, tx1, put, get }[spec.op];
  const hist = createHistogram();
  let ok = 0;
  let failed = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + spec.seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.workers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const s = performance.now();
        try {
          await op(`${spec.tag}.${w}.${i}`);
          ok++;
        } catch {
          failed++;
        }
        hist.record(Math.max(1, Math.round((performance.now() - s) * 1000)));
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds: wallMs / 1000,
    byStatus: { ok },
    errors: failed,
    timeouts: 0,
    latencyMs: { p50: hist.percentile(50) / 1000, p99: hist.percentile(99) / 1000, max: hist.max / 1000 },
    loaderCpu: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

serveLoads(runRaw);
