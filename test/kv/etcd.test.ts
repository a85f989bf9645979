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
