// Two DynamoDB engines on one table play two CirrusFS instances: conflicting transactions
// (exactly one wins, the other re-runs and sees the winner's write), and the stale-cache cases
// every engine with a cache of versions seen must pass (stale-cache-cases.ts).
import t from 'tap';
import type { FsError } from '../../src/errno.ts';
import type { DynamoKv } from '../../src/kv/dynamodb.ts';
import type { Key } from '../../src/kv/types.ts';
import { dynamoEngines, startDynamo } from '../support/dynamodb.ts';
import { runStaleCacheCases, STALE_CACHE_CASES } from './stale-cache-cases.ts';
import { b, str } from './values.ts';

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

/** Two engines (two clients, two caches) on a fresh table. */
async function pair(): Promise<readonly [DynamoKv, DynamoKv]> {
  const [a, other] = await dynamoEngines(t, dynamo, 'pair', 2);
  return [a, other] as const;
}

/** Both instances read `key`, then both write what they read plus their name. */
function raceOnOneKey(engines: readonly [DynamoKv, DynamoKv], key: Key, maxAttempts?: number) {
  let entered = 0;
  let release!: () => void;
  const bothRead = new Promise<void>((r) => (release = r));
  const runs = { A: 0, B: 0 };
  const attempt = (kv: DynamoKv, name: 'A' | 'B') =>
    kv.transact(
      async (tx) => {
        runs[name]++;
        const v = await tx.get(key);
        if (++entered === 2) release();
        await bothRead;
        tx.put(key, b(`${v}+${name}`));
        return name;
      },
      { maxAttempts },
    );
  return { runs, results: Promise.allSettled([attempt(engines[0], 'A'), attempt(engines[1], 'B')]) };
}

t.test('two instances, conflicting transactions: exactly one wins', async (t) => {
  const engines = await pair();
  const key = { group: 'cas', item: 'k' };
  await engines[0].transact(async (tx) => tx.put(key, b('0')));
  const { results } = raceOnOneKey(engines, key, 1);
  const settled = await results;
  const won = settled.filter((r) => r.status === 'fulfilled');
  const lost = settled.filter((r) => r.status === 'rejected');
  t.equal(won.length, 1, 'one commit wins');
  t.equal(((lost[0] as PromiseRejectedResult).reason as FsError).code, 'EAGAIN', 'the other fails its only attempt');
  const winner = (won[0] as PromiseFulfilledResult<string>).value;
  t.equal(str(await engines[1].get(key)), `0+${winner}`, "the winner's write, alone");
});

t.test('two instances, conflicting transactions: the loser re-runs on the new value', async (t) => {
  const engines = await pair();
  const key = { group: 'cas', item: 'k' };
  await engines[0].transact(async (tx) => tx.put(key, b('0')));
  const { runs, results } = raceOnOneKey(engines, key);
  const settled = await results;
  t.ok(
    settled.every((r) => r.status === 'fulfilled'),
    'both commit in the end',
  );
  t.same([runs.A, runs.B].sort(), [1, 2], 'one ran once, the other twice');
  const final = str(await engines[0].get(key));
  t.ok(final === '0+A+B' || final === '0+B+A', `each applied once, the second on top of the first (${final})`);
  const conflicts = (engines[0].stats().conflicts as number) + (engines[1].stats().conflicts as number);
  t.equal(conflicts, 1, 'one conflict, counted by the engine that lost');
});

t.test('two instances create one name: one creates, the other sees it', async (t) => {
  const engines = await pair();
  const key = { group: 'd', item: 'name' };
  const create = (kv: DynamoKv, who: string) =>
    kv.transact(async (tx) => {
      if (await tx.get(key, { likelyAbsent: true })) return 'exists';
      tx.put(key, b(who));
      return 'created';
    });
  const outcomes = await Promise.all([create(engines[0], 'A'), create(engines[1], 'B')]);
  t.same(outcomes.sort(), ['created', 'exists']);
});

t.test('a stale cache never shows through (two DynamoDB engines)', async (t) => {
  const pairs: (readonly [DynamoKv, DynamoKv])[] = [];
  for (let i = 0; i < STALE_CACHE_CASES; i++) pairs.push(await pair());
  runStaleCacheCases(t, () => pairs.shift()!);
});
