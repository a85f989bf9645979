// The DynamoDB Election (coord/dynamodb-election.ts) against DynamoDB Local, on injected clocks:
// one leader of several claimants with the first fencing token; a leader whose renewals stop
// self-fences at s + TTL − margin; another instance takes over only once the record is past
// `exp` + the skew margin by its wall clock AND it has seen that `exp` unchanged for a TTL on
// its monotonic clock (the lock client's rule), judging the old session dead in the same
// transaction; resigning leaves the record vacant and the token keeps growing.
// Each instance's session and election get clocks of their own that the test moves (the
// election's monotonic clock only times how long a record was seen; the session's is frozen, so
// that its renewals keep it fresh while the test moves the election's).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import t, { type Test } from 'tap';
import { dynamoClientConfig } from '../../src/aws/dynamodb-client.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { CoordCalls } from '../../src/coord/dynamodb-calls.ts';
import { DynamoElection } from '../../src/coord/dynamodb-election.ts';
import { decodeInstance, decodeLeader, instanceKey, LEADER_KEY } from '../../src/coord/dynamodb-records.ts';
import { DynamoSession } from '../../src/coord/dynamodb-session.ts';
import { until } from '../support/cluster.ts';
import { coordTable, startDynamo, type TestDynamo } from '../support/dynamodb.ts';
import { answerLost, inject } from '../support/dynamodb-faults.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;
const SKEW_MS = 500;
const WALL0 = Date.UTC(2030, 0, 1);
/** Election polls of the follower during which a claim must not happen. */
const QUIET_POLLS = 5;

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

/** One instance on `table`, with a client of its own (so faults can be injected into it alone). */
async function instance(t: Test, d: TestDynamo, table: string, id: string) {
  const client = new DynamoDBClient(dynamoClientConfig(parseDynamoUrl('CIRRUS_COORD', d.url(table))));
  const calls = new CoordCalls(client, table);
  const clock = { session: 0, election: 0, wall: WALL0 };
  const self = { id, verifier: id.padEnd(16, '0'), startedAt: new Date(WALL0).toISOString() };
  const session = new DynamoSession({
    calls,
    self,
    ttlMs: TTL_MS,
    marginMs: MARGIN_MS,
    now: () => clock.session,
    wallNow: () => clock.wall,
  });
  const election = new DynamoElection({
    calls,
    session,
    id,
    skewMs: SKEW_MS,
    now: () => clock.election,
    wallNow: () => clock.wall,
  });
  t.teardown(async () => {
    await election.stop();
    await session.stop();
    client.destroy();
  });
  const start = async () => {
    await session.start();
    await election.start();
  };
  return { id, client, calls, clock, session, election, start };
}

const instanceRecord = async (calls: CoordCalls, id: string) => decodeInstance(await calls.get(instanceKey(id)));

/** Wait until `calls` read the leader record `n` more times (each election poll reads it once). */
async function polls(calls: CoordCalls, n: number): Promise<void> {
  const reads = () => calls.counts.GetItem ?? 0;
  // A follower's poll reads the leader record and its owner's record: two GetItems.
  const target = reads() + 2 * n;
  await until(`${n} election polls`, async () => (reads() >= target ? true : undefined));
}

t.test('of several instances started at once exactly one leads, with fencing token 1', async (t) => {
  const { table, calls } = await coordTable(t, dynamo);
  const all = await Promise.all(['a', 'b', 'c'].map((id) => instance(t, dynamo, table, id)));
  await Promise.all(all.map((i) => i.start()));
  const leaderId = await until('a leader', async () => all.find((i) => i.election.leading())?.id);
  await until('everyone to know it', async () =>
    all.every((i) => i.election.leaderId() === leaderId) ? true : undefined,
  );
  t.same(
    all.filter((i) => i.election.leading()).map((i) => i.id),
    [leaderId],
    'exactly one leads',
  );
  t.match(decodeLeader(await calls.get(LEADER_KEY)), { owner: leaderId, epoch: 1, token: 1 }, 'the record names it');
  t.equal(all.find((i) => i.id === leaderId)?.election.token, 1, 'and it holds token 1');
});

t.test('a silent leader self-fences; the other takes over only past exp + skew AND after a TTL seen', async (t) => {
  const { table, calls } = await coordTable(t, dynamo);
  const a = await instance(t, dynamo, table, 'a');
  const b = await instance(t, dynamo, table, 'b');
  await a.start();
  await until('a to lead', async () => (a.election.leading() ? true : undefined));
  await b.start();
  await until('b to follow a', async () => (b.election.leaderId() === 'a' ? true : undefined));
  t.equal(b.election.leading(), false, 'b follows');
  const aRecord = await instanceRecord(calls, 'a');
  t.equal(aRecord?.expiresAt, WALL0 + TTL_MS, "a's record: exp = its wall clock + TTL");

  // a falls silent: none of its calls reaches DynamoDB any more (as if its host were cut off).
  for (const command of ['UpdateItemCommand', 'GetItemCommand', 'TransactWriteItemsCommand', 'PutItemCommand']) {
    inject(a.client, command, Number.MAX_SAFE_INTEGER, async () => {
      throw answerLost();
    });
  }
  a.clock.session = TTL_MS - MARGIN_MS - 1;
  t.equal(a.election.leading(), true, 'a still leads 1 ms before its deadline');
  a.clock.session = TTL_MS - MARGIN_MS;
  t.equal(a.election.leading(), false, 'a stops leading at last renewal + TTL − margin');
  t.equal(a.election.fencedCount, 1, 'as a self-fencing');

  // b's wall clock is past a's exp + the skew margin, but b has not yet seen that exp for a TTL.
  b.clock.wall = WALL0 + TTL_MS + SKEW_MS + 1;
  b.clock.election = TTL_MS - 1;
  await polls(b.calls, QUIET_POLLS);
  t.equal(b.election.leading(), false, 'no takeover before the exp was seen unchanged for a TTL');
  t.match(decodeLeader(await calls.get(LEADER_KEY)), { owner: 'a', token: 1 }, 'the record still names a');

  // Seen for a TTL, but by a wall clock only at exp + the margin: still no takeover.
  b.clock.election = TTL_MS;
  b.clock.wall = WALL0 + TTL_MS + SKEW_MS;
  await polls(b.calls, QUIET_POLLS);
  t.equal(b.election.leading(), false, 'no takeover at exp + the skew margin exactly');

  b.clock.wall = WALL0 + TTL_MS + SKEW_MS + 1;
  await until('b to take over', async () => (b.election.leading() ? true : undefined));
  t.match(decodeLeader(await calls.get(LEADER_KEY)), { owner: 'b', token: 2 }, 'the record names b, token 2');
  t.equal(b.election.token, 2, 'b leads with the next token');
  t.equal((await instanceRecord(calls, 'a'))?.dead, true, "a's session was judged dead in the same transaction");
  t.equal(a.election.leading(), false, 'a does not lead');
});

t.test('resigning leaves the record vacant; the next claim gets the next token', async (t) => {
  const { table, calls } = await coordTable(t, dynamo);
  const a = await instance(t, dynamo, table, 'a');
  const b = await instance(t, dynamo, table, 'b');
  await a.start();
  await until('a to lead', async () => (a.election.leading() ? true : undefined));
  await b.start();
  await until('b to follow a', async () => (b.election.leaderId() === 'a' ? true : undefined));
  await a.election.stop();
  t.equal(a.election.leading(), false, 'a stepped down');
  await until('b to lead', async () => (b.election.leading() ? true : undefined));
  t.match(decodeLeader(await calls.get(LEADER_KEY)), { owner: 'b', token: 2 }, 'b claimed the vacant record, token 2');
  t.equal((await instanceRecord(calls, 'a'))?.dead, false, "a's session was not judged dead: it resigned");
});
