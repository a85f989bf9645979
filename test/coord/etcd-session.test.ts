// The etcd Session (coord/etcd-session.ts) against a real etcd: what it holds lives under its
// lease, a lost lease is replaced with everything held put again, and stop resigns.
import { Etcd3 } from 'etcd3';
import t from 'tap';
import { EtcdSession } from '../../src/coord/etcd-session.ts';
import { etcdClientOptions } from '../../src/kv/etcd.ts';
import { until } from '../support/cluster.ts';
import { startEtcd } from '../support/etcd.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;

t.test('etcd session', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  const client = new Etcd3(etcdClientOptions(etcd.endpoints));
  t.teardown(() => client.close());

  const leaseOf = async (key: string) => (await client.get(key).exec()).kvs[0]?.lease.toString();

  await t.test('holds are put in order under the lease; a lost lease is replaced and they are put again', async (t) => {
    const session = new EtcdSession({ client, ttlMs: TTL_MS, marginMs: MARGIN_MS });
    t.teardown(() => session.stop());
    const order: string[] = [];
    for (const key of ['s1/first', 's1/second']) {
      session.hold(async () => {
        order.push(key);
        await session.lease.put(key).value('held').exec();
      });
    }
    const events: string[] = [];
    session.onLost(() => events.push(`lost (fresh: ${session.fresh()})`));
    const renewed = new Promise<void>((resolve) =>
      session.onRenewed(() => {
        events.push(`renewed (fresh: ${session.fresh()})`);
        resolve();
      }),
    );
    await session.start();
    t.same(order, ['s1/first', 's1/second'], 'holds ran in the order registered');
    t.equal(session.fresh(), true, 'fresh once granted');
    const firstLease = await session.lease.grant();
    t.equal(await leaseOf('s1/first'), firstLease, 'the held key lives under the lease');

    // etcd drops the lease (as when it expired it): the next keepalive answer says so.
    await client.leaseClient.leaseRevoke({ ID: firstLease });
    t.equal(await leaseOf('s1/first'), undefined, 'its keys went with it');
    await renewed;
    t.same(events, ['lost (fresh: false)', 'renewed (fresh: true)'], 'stale from the loss on, fresh once replaced');
    const secondLease = await session.lease.grant();
    t.not(secondLease, firstLease, 'a new lease');
    t.same(order, ['s1/first', 's1/second', 's1/first', 's1/second'], 'every hold ran again, in order');
    t.equal(await leaseOf('s1/first'), secondLease, 'the held keys are back, under the new lease');
    t.equal(await leaseOf('s1/second'), secondLease);
  });

  await t.test('a hold that fails fails the start, and the half-made lease is revoked', async (t) => {
    const session = new EtcdSession({ client, ttlMs: TTL_MS, marginMs: MARGIN_MS });
    session.hold(async () => {
      await session.lease.put('s2/k').value('held').exec();
    });
    session.hold(async () => {
      throw new Error('refused');
    });
    await t.rejects(session.start(), /refused/);
    t.equal(session.fresh(), false, 'a half-made session is not fresh');
    await until('the half-made lease to be revoked', async () =>
      (await leaseOf('s2/k')) === undefined ? true : undefined,
    );
    t.pass('its key is gone with it');
  });

  await t.test('stop resigns: everything held goes at once', async (t) => {
    const session = new EtcdSession({ client, ttlMs: TTL_MS, marginMs: MARGIN_MS });
    session.hold(async () => {
      await session.lease.put('s3/k').value('held').exec();
    });
    await session.start();
    t.ok(await leaseOf('s3/k'), 'held while the session lives');
    await session.stop();
    t.equal(await leaseOf('s3/k'), undefined, 'gone when stop returns');
  });
});
