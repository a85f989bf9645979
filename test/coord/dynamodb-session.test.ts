// The DynamoDB Session (coord/dynamodb-session.ts) against DynamoDB Local, on injected clocks:
// its record and expiry, the freshness deadline, holds made before the record, a loss (no
// renewal confirmed for a TTL; judged dead by another instance) and the next epoch, resigning,
// and the failures DynamoDB Local does not produce (throttled renewals, lost answers), injected.
import t, { type Test } from 'tap';
import { decodeInstance, instanceKey } from '../../src/coord/dynamodb-records.ts';
import { DynamoRegistry } from '../../src/coord/dynamodb-registry.ts';
import { DynamoSession } from '../../src/coord/dynamodb-session.ts';
import { until } from '../support/cluster.ts';
import { coordTable, startDynamo } from '../support/dynamodb.ts';
import { answerLost, inject, throttled } from '../support/dynamodb-faults.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;
const SKEW_MS = 500;
const WALL0 = Date.UTC(2030, 0, 1);

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

/** A session on a fresh table, with clocks the test moves. */
async function session(t: Test, id = 'a') {
  const { calls, client } = await coordTable(t, dynamo);
  const clock = { mono: 0, wall: WALL0 };
  const self = { id, verifier: 'aaaaaaaaaaaaaaaa', startedAt: new Date(WALL0).toISOString() };
  const s = new DynamoSession({
    calls,
    self,
    ttlMs: TTL_MS,
    marginMs: MARGIN_MS,
    now: () => clock.mono,
    wallNow: () => clock.wall,
  });
  t.teardown(() => s.stop());
  const record = async () => decodeInstance(await calls.get(instanceKey(id)));
  return { s, calls, client, clock, record, self };
}

t.test('the record holds the registration and exp = wall clock + TTL; fresh until sent + TTL − margin', async (t) => {
  const { s, clock, record, self } = await session(t);
  await s.start();
  t.same(
    await record(),
    { id: 'a', epoch: 1, expiresAt: WALL0 + TTL_MS, info: self, dead: false },
    'epoch 1, the instance and its verifier, exp = wall clock + TTL',
  );
  t.equal(s.fresh(), true, 'fresh once its record is put');
  clock.mono = TTL_MS - MARGIN_MS - 1;
  t.equal(s.fresh(), true, 'one millisecond before the deadline');
  clock.mono = TTL_MS - MARGIN_MS;
  t.equal(s.fresh(), false, 'not at the deadline (the record still lives for the margin)');

  // The next renewal is sent at the clocks' present time and moves both.
  clock.mono = 2_500;
  clock.wall = WALL0 + 2_500;
  await until('a renewal', async () => ((await record())?.expiresAt === WALL0 + 2_500 + TTL_MS ? true : undefined));
  await until('it to be confirmed', async () => (s.fresh() ? true : undefined));
  clock.mono = 2_500 + TTL_MS - MARGIN_MS - 1;
  t.equal(s.fresh(), true, 'the deadline moved with the renewal');
});

t.test('no renewal confirmed for a TTL: lost, then the next epoch, its holds made before its record', async (t) => {
  const { s, client, clock, record } = await session(t);
  const order: string[] = [];
  for (const name of ['first', 'second']) {
    s.hold(async () => {
      order.push(`${name} (record epoch ${(await record())?.epoch ?? 'none'})`);
    });
  }
  const events: string[] = [];
  s.onLost(() => events.push(`lost (fresh: ${s.fresh()})`));
  const renewed = new Promise<void>((resolve) =>
    s.onRenewed(() => {
      events.push(`renewed (fresh: ${s.fresh()})`);
      resolve();
    }),
  );
  await s.start();
  t.same(order, ['first (record epoch none)', 'second (record epoch none)'], 'holds first, in order');
  // DynamoDB applies every renewal but no answer arrives: none counts.
  clock.wall = WALL0 + 500;
  // Counted once DynamoDB has applied it (`faulted` counts a call as it enters the fault).
  let applied = 0;
  inject(client, 'UpdateItemCommand', Number.MAX_SAFE_INTEGER, async (send) => {
    await send();
    applied++;
    throw answerLost();
  });
  await until('a renewal to be applied without an answer', async () => (applied > 0 ? true : undefined));
  t.equal((await record())?.expiresAt, WALL0 + 500 + TTL_MS, 'the record was renewed at DynamoDB');
  clock.mono = TTL_MS - MARGIN_MS;
  t.equal(s.fresh(), false, 'stale at the deadline of the last confirmed renewal, whatever the record says');
  clock.mono = TTL_MS;
  await renewed;
  t.same(events, ['lost (fresh: false)', 'renewed (fresh: true)'], 'a loss after the deadline, then a new session');
  t.equal(s.epoch, 2, 'the next epoch');
  t.equal((await record())?.epoch, 2, 'its record');
  t.same(
    order.slice(2),
    ['first (record epoch 1)', 'second (record epoch 1)'],
    'the holds ran again, in order, before the new record was put',
  );
});

t.test('a session another instance judged dead is lost at its next renewal, and starts anew', async (t) => {
  const { s, calls, client, record } = await session(t);
  await s.start();
  // Renewals wait until the dead mark has been read back: one sent before that would fail its
  // condition and put the next epoch's record (dead: false) before the test could read the mark.
  let judged!: () => void;
  const readBack = new Promise<void>((resolve) => (judged = resolve));
  inject(
    client,
    'UpdateItemCommand',
    Number.MAX_SAFE_INTEGER,
    async (send) => {
      await readBack;
      return send();
    },
    (input) => input.UpdateExpression === 'SET #exp = :exp',
  );
  const events: string[] = [];
  s.onLost(() => events.push(`lost (fresh: ${s.fresh()})`));
  const renewed = new Promise<void>((resolve) => s.onRenewed(resolve));
  // Another instance whose clock runs ahead by more than TTL + the skew margin judges it dead.
  const other = new DynamoRegistry({ calls, skewMs: SKEW_MS, wallNow: () => WALL0 + TTL_MS + SKEW_MS + 1 });
  t.equal(await other.settle((await record())!), 'dead', 'judged dead');
  t.equal((await record())?.dead, true, 'and marked so');
  judged();
  await renewed;
  t.same(events, ['lost (fresh: true)'], 'lost while still fresh by its own clock: a plain loss, not a fencing');
  t.match(await record(), { epoch: 2, dead: false }, 'a new session in its place');
});

t.test('throttled renewals are retried; only a confirmed one moves the deadline', async (t) => {
  const { s, client, clock, record } = await session(t);
  await s.start();
  const faults = inject(client, 'UpdateItemCommand', 3, async () => {
    throw throttled();
  });
  clock.mono = 1_500;
  clock.wall = WALL0 + 1_500;
  await until('a renewal after the throttling', async () =>
    (await record())?.expiresAt === WALL0 + 1_500 + TTL_MS ? true : undefined,
  );
  t.equal(faults.faulted, 3, 'three throttled renewals');
  // DynamoDB applies a renewal before its answer reaches the session: past the first deadline,
  // only the confirmed renewal keeps the session fresh.
  clock.mono = TTL_MS - MARGIN_MS;
  await until('it to be confirmed', async () => (s.fresh() ? true : undefined));
  t.equal(s.epoch, 1, 'the session was never lost');
  clock.mono = 1_500 + TTL_MS - MARGIN_MS - 1;
  t.equal(s.fresh(), true, 'fresh until the confirmed renewal’s deadline');
});

t.test('stop resigns: the record goes at once', async (t) => {
  const { s, record } = await session(t);
  await s.start();
  t.ok(await record(), 'registered while the session lives');
  await s.stop();
  t.equal(await record(), undefined, 'gone when stop returns');
  t.equal(s.fresh(), false, 'and the session is no longer fresh');
});
