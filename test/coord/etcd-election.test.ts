// The etcd Election (coord/etcd-election.ts) against a real etcd: campaign order, the own-key
// check of DIGEST §5.2, resignation, and self-fencing driven by an injected monotonic clock.
import { Etcd3 } from 'etcd3';
import t from 'tap';
import { EtcdElection } from '../../src/coord/etcd-election.ts';
import { EtcdSession } from '../../src/coord/etcd-session.ts';
import { assertLeading, LeadershipLost } from '../../src/coord/leadership.ts';
import { etcdClientOptions } from '../../src/kv/etcd.ts';
import { until } from '../support/cluster.ts';
import { startEtcd } from '../support/etcd.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;

t.test('etcd election', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  const client = new Etcd3(etcdClientOptions(etcd.endpoints));
  t.teardown(() => client.close());
  let round = 0;

  /** Candidates campaigning on one prefix, started in the order given. */
  async function candidates(ids: string[], now?: () => number) {
    const prefix = `r${round++}/elect/`;
    const made: { id: string; session: EtcdSession; election: EtcdElection }[] = [];
    for (const id of ids) {
      const session = new EtcdSession({ client, ttlMs: TTL_MS, marginMs: MARGIN_MS, now });
      const election = new EtcdElection({ client, session, prefix, id });
      await session.start();
      await election.start();
      made.push({ id, session, election });
    }
    t.teardown(async () => {
      for (const c of made) {
        await c.election.stop();
        await c.session.stop();
      }
    });
    return { prefix, made };
  }

  const leaderSeenByAll = (made: { election: EtcdElection }[], id: string) =>
    until(`all to name ${id} as leader`, async () =>
      made.every((c) => c.election.leaderId() === id) ? true : undefined,
    );

  await t.test('the oldest campaign key leads; the others follow it; resigning hands over to the next', async (t) => {
    const { made } = await candidates(['a', 'b', 'c']);
    const [a, b, c] = made;
    await until('a to lead', async () => (a.election.leading() ? true : undefined));
    await leaderSeenByAll(made, 'a');
    t.equal(a.election.leading(), true, 'the first to campaign leads');
    t.equal(b.election.leading(), false, 'the second follows');
    t.equal(c.election.leading(), false, 'the third follows');
    t.type(a.election.since, 'string', 'the leader knows since when');
    t.equal(b.election.since, undefined, 'a follower has no since');

    await a.election.stop();
    await a.session.stop(); // resign: its campaign key goes with its lease
    await until('b to lead', async () => (b.election.leading() ? true : undefined));
    await until('c to name b', async () => (c.election.leaderId() === 'b' ? true : undefined));
    t.equal(c.election.leading(), false, 'the third still follows: the next in line took over');
  });

  await t.test('a winner whose own key is gone does not lead, even with a fresh session', async (t) => {
    const { prefix, made } = await candidates(['a', 'b']);
    const [a, b] = made;
    await until('a to lead', async () => (a.election.leading() ? true : undefined));
    await client.delete().key(`${prefix}a`).exec(); // as if etcd had expired a's key
    await until('b to lead', async () => (b.election.leading() ? true : undefined));
    t.equal(a.session.fresh(), true, "a's session is still fresh");
    t.equal(a.election.leading(), false, 'but a does not lead: its key is not in the answer');
    t.equal(a.election.leaderId(), 'b', 'and a names b');
    t.equal(a.election.fencedCount, 0, 'a plain step-down, not a self-fencing');
  });

  await t.test(
    'a leader past its freshness deadline stops leading at its next check, before etcd expires it',
    async (t) => {
      const clock = { now: 0 };
      const { made } = await candidates(['a'], () => clock.now);
      const [a] = made;
      await until('a to lead', async () => (a.election.leading() ? true : undefined));
      // Every renewal so far was sent at monotonic 0: the deadline is TTL − margin.
      clock.now = TTL_MS - MARGIN_MS - 1;
      t.equal(a.election.leading(), true, 'one millisecond before the deadline it leads');
      clock.now = TTL_MS - MARGIN_MS;
      t.equal(a.election.leading(), false, 'at the deadline it does not');
      t.equal(a.election.fencedCount, 1, 'counted as a self-fencing');
      t.equal(a.election.since, undefined);
      t.throws(() => assertLeading(a.election, 'a job step'), LeadershipLost, 'leader work gets LeadershipLost');
      t.equal(a.election.leaderId(), 'a', 'its key is still the oldest at etcd (the lease lives on)');
      await until('a renewal sent after the jump to be confirmed', async () => (a.session.fresh() ? true : undefined));
      await until('a to lead again', async () => (a.election.leading() ? true : undefined));
      t.equal(a.election.fencedCount, 1);
    },
  );
});
