// The etcd Registry and FlushRequests (coord/etcd-registry.ts, etcd-flush-requests.ts) against a
// real etcd, two instances on one prefix: who is alive, a flush request answered by the holder,
// and a holder that died before flushing answered as lost.
import { Etcd3 } from 'etcd3';
import t from 'tap';
import { EtcdFlushRequests } from '../../src/coord/etcd-flush-requests.ts';
import { EtcdRegistry } from '../../src/coord/etcd-registry.ts';
import { EtcdSession } from '../../src/coord/etcd-session.ts';
import { etcdClientOptions } from '../../src/kv/etcd.ts';
import { startEtcd } from '../support/etcd.ts';

const TTL_MS = 3_000;
const MARGIN_MS = 1_000;

t.test('etcd registry and flush requests', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  const client = new Etcd3(etcdClientOptions(etcd.endpoints));
  t.teardown(() => client.close());
  let round = 0;

  async function pair() {
    const root = `r${round++}/`;
    const make = async (id: string, verifier: string) => {
      const self = { id, verifier, startedAt: new Date().toISOString() };
      const session = new EtcdSession({ client, ttlMs: TTL_MS, marginMs: MARGIN_MS });
      const registry = new EtcdRegistry({ client, session, prefix: `${root}inst/`, self });
      const flushes = new EtcdFlushRequests({ client, session, prefix: root, self, registry });
      await session.start();
      await flushes.start();
      t.teardown(async () => {
        await flushes.stop();
        await session.stop();
      });
      return { self, session, registry, flushes };
    };
    return { root, a: await make('a', 'aaaaaaaaaaaaaaaa'), b: await make('b', 'bbbbbbbbbbbbbbbb') };
  }

  const ids = async (r: EtcdRegistry) => (await r.instances()).map((i) => `${i.id}:${i.verifier}`).sort();

  await t.test('the registry lists each instance with its verifier while its session lives', async (t) => {
    const { a, b } = await pair();
    t.same(await ids(b.registry), ['a:aaaaaaaaaaaaaaaa', 'b:bbbbbbbbbbbbbbbb']);
    await a.session.stop();
    t.same(await ids(b.registry), ['b:bbbbbbbbbbbbbbbb'], 'an ended session leaves the list');
  });

  await t.test('with no other holder, flushOthers answers at once and sends no request', async (t) => {
    const { root, a, b } = await pair();
    let asked = 0;
    a.flushes.onFlushRequest(async () => {
      asked++;
    });
    await b.flushes.markDirty(1, 7, true); // only the caller itself holds the file
    t.same(await b.flushes.flushOthers(1, 7), { lost: [] });
    t.equal((await client.getAll().prefix(`${root}flushreq/`).keys()).length, 0, 'no flush request was put');
    t.equal(asked, 0);
  });

  await t.test('flushOthers asks the holder, which flushes and clears its marker; nothing is lost', async (t) => {
    const { a, b } = await pair();
    const flushed: string[] = [];
    a.flushes.onFlushRequest(async (fsId, ino) => {
      flushed.push(`${fsId}/${ino}`);
      await a.flushes.markDirty(fsId, ino, false);
    });
    await a.flushes.markDirty(1, 7, true);
    await a.flushes.markDirty(1, 8, true);
    t.same(await b.flushes.flushOthers(1, 7), { lost: [] });
    t.same(flushed, ['1/7'], 'only the file asked for was flushed');
  });

  await t.test('a holder whose session ends before it flushed is answered as lost, by its verifier', async (t) => {
    const { a, b } = await pair();
    a.flushes.onFlushRequest(async () => {
      await a.session.stop(); // dies instead of flushing: its marker and registration go together
    });
    await a.flushes.markDirty(2, 9, true);
    t.same(await b.flushes.flushOthers(2, 9), { lost: ['aaaaaaaaaaaaaaaa'] });
  });

  await t.test('dirty markers are put again under a new session after a loss', async (t) => {
    const { root, a } = await pair();
    await a.flushes.markDirty(3, 4, true);
    const before = await a.session.lease.grant();
    const renewed = new Promise<void>((resolve) => a.session.onRenewed(resolve));
    await client.leaseClient.leaseRevoke({ ID: before });
    await renewed;
    const marker = (await client.get(`${root}dirty/3/4/a`).exec()).kvs[0];
    t.equal(marker?.value.toString(), 'aaaaaaaaaaaaaaaa', 'the marker is back, with the verifier');
    t.equal(marker?.lease.toString(), await a.session.lease.grant(), 'under the new lease');
  });
});
