// Failures DynamoDB Local does not produce, injected into the engine's own SDK client
// (test/support/dynamodb-faults.ts): throttling, transaction conflicts, and answers lost after
// (or before) DynamoDB applied a commit. Each is retried with backoff and the outcome stays exact.
// Also: DynamoDB's limits answer E2BIG before anything is sent, and a maximal item (400 KB)
// really is accepted.
import t from 'tap';
import { DynamoKv, type DynamoKvOptions } from '../../src/kv/dynamodb.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import type { Key } from '../../src/kv/types.ts';
import { freshTable, startDynamo } from '../support/dynamodb.ts';
import {
  answerLost,
  inject as injectInto,
  overCapacity,
  throttled,
  txConflict,
  type Fault,
} from '../support/dynamodb-faults.ts';
import { b, count, str } from './values.ts';

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

async function open(options: DynamoKvOptions = {}): Promise<DynamoKv> {
  const kv = await DynamoKv.open(parseDynamoUrl('CIRRUS_META', dynamo.url(freshTable('faults'))), options);
  t.teardown(() => kv.close());
  return kv;
}

/** Run `fault` instead of the next `times` calls of `command` of the engine's client. */
const inject = (kv: DynamoKv, command: string, times: number, fault: Fault) =>
  injectInto(kv.client, command, times, fault);
const inc = (v: Buffer | undefined) => b(String(count(v) + 1));
const k: Key = { group: 'g', item: 'k' };

t.test('throttled commits are retried with backoff and commit once', async (t) => {
  const kv = await open();
  inject(kv, 'TransactWriteItemsCommand', 3, async () => {
    throw throttled();
  });
  await kv.transact(async (tx) => tx.merge(k, inc));
  t.equal(count(await kv.get(k)), 1);
  t.equal(kv.stats().throttledRetries, 3, 'three throttled attempts retried');
  t.equal(kv.stats().conflicts, 0, 'not counted as transaction conflicts');
});

t.test('throttled reads (GetItem, TransactGetItems) are retried', async (t) => {
  const kv = await open();
  await kv.transact(async (tx) => {
    tx.put(k, b('v'));
    tx.put({ group: 'g', item: 'k2' }, b('w'));
  });
  inject(kv, 'GetItemCommand', 2, async () => {
    throw overCapacity();
  });
  inject(kv, 'TransactGetItemsCommand', 2, async () => {
    throw throttled();
  });
  t.equal(str(await kv.get(k)), 'v');
  const both = await kv.transact((tx) => tx.getMany([k, { group: 'g', item: 'k2' }]));
  t.same(both.map(str), ['v', 'w']);
  t.equal(kv.stats().throttledRetries, 4);
});

t.test('a commit cancelled by TransactionConflict is retried until it goes through', async (t) => {
  const kv = await open();
  await kv.transact(async (tx) => tx.put(k, b('0')));
  inject(kv, 'TransactWriteItemsCommand', 2, async () => {
    throw txConflict();
  });
  let runs = 0;
  await kv.transact(async (tx) => {
    runs++;
    tx.put(k, b(`${str(await tx.get(k))}+1`));
    tx.put({ group: 'g', item: 'other' }, b('x'));
  });
  t.equal(str(await kv.get(k)), '0+1');
  t.equal(runs, 1, 'the call was retried, the transaction not re-run');
  t.equal(kv.stats().conflictRetries, 2);
});

t.test('a commit applied whose answer was lost is sent again with the same token, applied once', async (t) => {
  const kv = await open();
  const name: Key = { group: 'd', item: 'new-name' };
  const seen = inject(kv, 'TransactWriteItemsCommand', 1, async (send) => {
    await send(); // DynamoDB applies it ...
    throw answerLost(); // ... and the answer never arrives
  });
  const outcome = await kv.transact(async (tx) => {
    if (await tx.get(name, { likelyAbsent: true })) return 'EEXIST';
    tx.put(name, b('mine'));
    tx.merge(k, inc);
    return 'created';
  });
  t.equal(outcome, 'created', 'not EEXIST: the re-send was recognised as the same transaction');
  t.equal(count(await kv.get(k)), 1, 'the merge applied once');
  t.equal(seen.inputs.length, 2, 'sent twice');
  t.equal(seen.inputs[0].ClientRequestToken, seen.inputs[1].ClientRequestToken, 'with one ClientRequestToken');
  t.equal(kv.stats().lostAnswerRetries, 1);
});

t.test('a commit lost before DynamoDB saw it is applied by the re-send', async (t) => {
  const kv = await open();
  inject(kv, 'TransactWriteItemsCommand', 2, async () => {
    throw answerLost();
  });
  await kv.transact(async (tx) => tx.merge(k, inc));
  t.equal(count(await kv.get(k)), 1);
  t.equal(kv.stats().lostAnswerRetries, 2);
});

t.test('throttling that outlasts the retry budget answers EAGAIN and writes nothing', async (t) => {
  const kv = await open({ retryBudgetMs: 300 });
  inject(kv, 'TransactWriteItemsCommand', Number.MAX_SAFE_INTEGER, async () => {
    throw throttled();
  });
  await t.rejects(
    kv.transact(async (tx) => tx.put(k, b('v'))),
    { code: 'EAGAIN', message: /throttled/ },
  );
  t.equal(await kv.get(k), undefined);
});

t.test("DynamoDB's transaction limits answer E2BIG before anything is sent", async (t) => {
  const kv = await open();
  const calls = () => kv.stats().calls as number;
  const limits = kv.limits;
  await kv.transact(async (tx) => {
    for (let i = 0; i < 60; i++) tx.put({ group: 'r', item: `k${i}` }, b('v'));
  });
  // 60 keys read (a scan) and 41 others written: 101 actions.
  const before = calls();
  await t.rejects(
    kv.transact(async (tx) => {
      await tx.scan('r', { limit: 100 });
      for (let i = 0; i < 41; i++) tx.put({ group: 'w', item: `k${i}` }, b('v'));
    }),
    { code: 'E2BIG', message: /reads and writes 101 keys/ },
  );
  t.equal(calls() - before, 1, 'only the scan was sent');

  const big = Buffer.alloc(limits.maxValueBytes, 7);
  const n = Math.floor(limits.maxTxBytes / big.length) + 1; // just over 4 MB in all
  const start = calls();
  await t.rejects(
    kv.transact(async (tx) => {
      for (let i = 0; i < n; i++) tx.put({ group: 'big', item: `k${i}` }, big);
    }),
    { code: 'E2BIG', message: /bytes; one DynamoDB transaction holds at most/ },
  );
  t.equal(calls(), start, 'nothing sent');
  await t.rejects(
    kv.transact(async (tx) => tx.put({ group: 'g', item: '' }, b('v'))),
    { code: 'EINVAL' },
    'an empty item is refused (DynamoDB has no empty key attribute)',
  );
});

t.test('a value at the declared limit with the longest key fits in one 400 KB item', async (t) => {
  const kv = await open();
  const { maxValueBytes, maxKeyBytes } = kv.limits;
  const key: Key = { group: 'G', item: 'i'.repeat(maxKeyBytes - 1) };
  const value = Buffer.alloc(maxValueBytes, 9);
  await kv.transact(async (tx) => tx.put(key, value));
  t.same(await kv.get(key), value, 'stored and read back whole');
  // Four of them (1.6 MB) in one transaction: under the 4 MB cap.
  await kv.transact(async (tx) => {
    for (let i = 0; i < 4; i++) tx.put({ group: 'G', item: `${i}`.padEnd(maxKeyBytes - 1, 'x') }, value);
  });
  const page = await kv.transact((tx) => tx.scan('G', { limit: 10 }));
  t.equal(page.entries.length, 5, 'a page of five 400 KB items (Query pages at 1 MB)');
});
