// The etcd engine's cache of versions seen never shows a stale value: the shared cases
// (stale-cache-cases.ts) on pairs of engines over one etcd.
import t from 'tap';
import { startEtcd } from '../support/etcd.ts';
import { enginePairs } from './etcd-pair.ts';
import { runStaleCacheCases } from './stale-cache-cases.ts';

t.test('a stale cache never shows through', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  runStaleCacheCases(t, enginePairs(t, etcd, 'p'));
});
