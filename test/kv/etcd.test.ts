// The etcd engine passes the same conformance suite as the memory engine, on a single node
// and on a 3-member cluster (Debian etcd-server on loopback).
import t from 'tap';
import { EtcdKv } from '../../src/kv/etcd.ts';
import { startEtcd } from '../support/etcd.ts';
import { runKvConformance } from './conformance.ts';

for (const size of [1, 3] as const) {
  t.test(`etcd engine conformance (${size === 1 ? 'single node' : '3-member cluster'})`, async (t) => {
    const etcd = await startEtcd(size);
    t.teardown(() => etcd.stop());
    let n = 0;
    // Each case gets its own key prefix: a fresh, empty store on the same cluster.
    runKvConformance(t, async () => new EtcdKv({ endpoints: etcd.endpoints, prefix: `c${n++}/` }));
  });
}

t.test('a commit larger than one etcd request answers E2BIG at once, not "unavailable" after retries', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  const kv = new EtcdKv({ endpoints: etcd.endpoints, prefix: 'big/' });
  t.teardown(() => kv.close());
  const value = Buffer.alloc(100 * 1024, 7); // under the per-value limit
  await t.rejects(
    kv.transact(async (tx) => {
      for (let i = 0; i < 20; i++) tx.put({ group: 'g', item: `k${i}` }, value); // 2 MB in all
    }),
    { code: 'E2BIG' },
  );
  t.equal(kv.stats().unavailableRetries, 0, 'refused without being retried as an unavailable etcd');
  t.equal(await kv.get({ group: 'g', item: 'k0' }), undefined, 'nothing was written');
});
