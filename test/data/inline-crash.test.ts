// kill -9 between inline writes and their commit on the memory and etcd engines (the case:
// inline-crash-cases.ts).
import { join } from 'node:path';
import t from 'tap';
import { EtcdKv } from '../../src/kv/etcd.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import { startEtcd } from '../support/etcd.ts';
import { inlineCrashCase } from './inline-crash-cases.ts';

inlineCrashCase(t, 'memory', async (_t, dir) => ({
  env: {},
  open: () => MemoryKv.open({ dir: join(dir, 'meta') }),
}));

inlineCrashCase(t, 'etcd', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  return {
    env: { CIRRUS_META: `etcd://${etcd.endpoints[0].replace('http://', '')}/crash` },
    open: async () => new EtcdKv({ endpoints: etcd.endpoints, prefix: 'crash/' }),
  };
});
