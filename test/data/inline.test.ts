// Inline contents on the memory and etcd engines (the cases: inline-cases.ts).
import t from 'tap';
import { type EtcdCluster, startEtcd } from '../support/etcd.ts';
import { inlineCases } from './inline-cases.ts';

inlineCases(t, 'memory', async () => ({}));

let etcd: Promise<EtcdCluster> | undefined;
t.teardown(async () => (await etcd)?.stop());
let prefixes = 0;
inlineCases(t, 'etcd', async () => {
  etcd ??= startEtcd(1);
  return { CIRRUS_META: `etcd://${(await etcd).endpoints[0].replace('http://', '')}/inline${++prefixes}` };
});
