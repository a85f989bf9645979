// The DynamoDB Registry and FlushRequests (coord/dynamodb-registry.ts, dynamodb-flush-requests.ts)
// against DynamoDB Local, two instances on one table (the etcd ones' tests, and what only a
// heartbeat record shows): who is alive; a flush request answered by the holder; a holder that
// resigned, or stopped heartbeating, before it flushed answered as lost by its verifier; markers
// put again under a new session.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import t, { type Test } from 'tap';
import { dynamoClientConfig } from '../../src/aws/dynamodb-client.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { CoordCalls } from '../../src/coord/dynamodb-calls.ts';
import { DynamoFlushRequests } from '../../src/coord/dynamodb-flush-requests.ts';
import { decodeMarker, INSTANCES, markerKey, requestGroup } from '../../src/coord/dynamodb-records.ts';
import { DynamoRegistry } from '../../src/coord/dynamodb-registry.ts';
import { DynamoSession } from '../../src/coord/dynamodb-session.ts';
import { until } from '../support/cluster.ts';
import { coordTable, startDynamo } from '../support/dynamodb.ts';
import { answerLost, inject } from '../support/dynamodb-faults.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;
const SKEW_MS = 500;

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

/** Two instances on a fresh table, each with a client of its own and a wall clock offset the test may move. */
async function pair(t: Test) {
  const { table, calls } = await coordTable(t, dynamo);
  const make = async (id: string) => {
    const client = new DynamoDBClient(dynamoClientConfig(parseDynamoUrl('CIRRUS_COORD', dynamo.url(table))));
    const own = new CoordCalls(client, table);
    const clock = { ahead: 0 };
    const wallNow = () => Date.now() + clock.ahead;
    const self = { id, verifier: id.repeat(16), startedAt: new Date().toISOString() };
    const session = new DynamoSession({ calls: own, self, ttlMs: TTL_MS, marginMs: MARGIN_MS, wallNow });
    const registry = new DynamoRegistry({ calls: own, skewMs: SKEW_MS, wallNow });
    const flushes = new DynamoFlushRequests({ calls: own, session, self, registry });
    await session.start();
    await flushes.start();
    t.teardown(async () => {
      await flushes.stop();
      await session.stop();
      client.destroy();
    });
    return { self, client, clock, session, registry, flushes };
  };
  return { calls, a: await make('a'), b: await make('b') };
}

const ids = async (r: DynamoRegistry) => (await r.instances()).map((i) => `${i.id}:${i.verifier}`).sort();

t.test('the registry lists each instance with its verifier while its session lives', async (t) => {
  const { a, b } = await pair(t);
  t.same(await ids(b.registry), ['a:aaaaaaaaaaaaaaaa', 'b:bbbbbbbbbbbbbbbb']);
  await a.session.stop();
  t.same(await ids(b.registry), ['b:bbbbbbbbbbbbbbbb'], 'a resigned session leaves the list at once');
});

t.test('an instance that stops heartbeating leaves the list once past its exp + the skew margin', async (t) => {
  const { calls, a, b } = await pair(t);
  // Neither a renewal nor a new session's record reaches DynamoDB any more.
  for (const command of ['UpdateItemCommand', 'PutItemCommand']) {
    inject(a.client, command, Number.MAX_SAFE_INTEGER, async () => {
      throw answerLost();
    });
  }
  t.same(await ids(b.registry), ['a:aaaaaaaaaaaaaaaa', 'b:bbbbbbbbbbbbbbbb'], 'listed until then');
  const exp = (await b.registry.records()).find((r) => r.id === 'a')!.expiresAt;
  const gone = await until('a to leave the list', async () => {
    const wall = Date.now();
    return (await ids(b.registry)).includes('a:aaaaaaaaaaaaaaaa') ? undefined : wall;
  });
  t.ok(gone > exp + SKEW_MS - 1_000, 'not before its exp + the skew margin (a 1 s measuring slack)');
  t.same(await ids(b.registry), ['b:bbbbbbbbbbbbbbbb'], 'b alone is listed');
  t.equal((await calls.query(INSTANCES)).length, 2, 'a’s record is still there: only judged, by the rule');
});

t.test('with no other holder, flushOthers answers at once and sends no request', async (t) => {
  const { calls, a, b } = await pair(t);
  let asked = 0;
  a.flushes.onFlushRequest(async () => {
    asked++;
  });
  await b.flushes.markDirty(1, 7, true); // only the caller itself holds the file
  t.same(await b.flushes.flushOthers(1, 7), { lost: [] });
  t.same(await calls.query(requestGroup('a')), [], 'no flush request was put');
  t.equal(asked, 0);
});

t.test('flushOthers asks the holder, which flushes and clears its marker; nothing is lost', async (t) => {
  const { calls, a, b } = await pair(t);
  const flushed: string[] = [];
  a.flushes.onFlushRequest(async (fsId, ino) => {
    flushed.push(`${fsId}/${ino}`);
    await a.flushes.markDirty(fsId, ino, false);
  });
  await a.flushes.markDirty(1, 7, true);
  await a.flushes.markDirty(1, 8, true);
  t.same(await b.flushes.flushOthers(1, 7), { lost: [] });
  t.same(flushed, ['1/7'], 'only the file asked for was flushed');
  t.equal(await calls.get(markerKey('a', 1, 7)), undefined, 'its marker is gone');
  t.ok(await calls.get(markerKey('a', 1, 8)), 'the other file’s marker stays');
  await until('the request to be removed', async () =>
    (await calls.query(requestGroup('a'))).length === 0 ? true : undefined,
  );
});

t.test('a holder whose session ends before it flushed is answered as lost, by its verifier', async (t) => {
  const { a, b } = await pair(t);
  a.flushes.onFlushRequest(async () => {
    await a.session.stop(); // resigns instead of flushing: its writes die with it
  });
  await a.flushes.markDirty(2, 9, true);
  t.same(await b.flushes.flushOthers(2, 9), { lost: ['aaaaaaaaaaaaaaaa'] });
});

t.test('a holder that stopped heartbeating is judged dead and answered as lost', async (t) => {
  const { a, b } = await pair(t);
  await a.flushes.markDirty(2, 10, true);
  // a is cut off: no renewal and no poll of its requests reaches DynamoDB any more.
  for (const command of ['UpdateItemCommand', 'QueryCommand', 'PutItemCommand']) {
    inject(a.client, command, Number.MAX_SAFE_INTEGER, async () => {
      throw answerLost();
    });
  }
  // b waits for a to flush or to be past its exp + the skew margin, then judges it dead.
  t.same(await b.flushes.flushOthers(2, 10), { lost: ['aaaaaaaaaaaaaaaa'] }, 'its verifier is lost');
  t.equal((await b.registry.records()).find((r) => r.id === 'a')?.dead, true, 'its session was judged dead, for good');
});

t.test('dirty markers are put again under a new session after a loss', async (t) => {
  const { calls, a, b } = await pair(t);
  await a.flushes.markDirty(3, 4, true);
  t.equal(decodeMarker((await calls.get(markerKey('a', 3, 4)))!).epoch, 1, 'the marker of session 1');
  const renewed = new Promise<void>((resolve) => a.session.onRenewed(resolve));
  // b, its clock far ahead, judges a's session dead; a loses it at its next renewal.
  b.clock.ahead = TTL_MS + SKEW_MS + 1;
  const record = (await b.registry.records()).find((r) => r.id === 'a')!;
  t.equal(await b.registry.settle(record), 'dead', 'judged dead');
  await renewed;
  t.equal(a.session.epoch, 2, 'a new session');
  t.same(
    decodeMarker((await calls.get(markerKey('a', 3, 4)))!),
    { verifier: 'aaaaaaaaaaaaaaaa', epoch: 2 },
    'the marker is back under it, with the verifier',
  );
});
