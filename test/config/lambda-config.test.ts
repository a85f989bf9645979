// A Lambda instance's configuration: write-through, shared backends, no coordination, and an
// explicit statement that an authenticating front stands before it.
import t from 'tap';
import { loadLambdaConfig } from '../../src/config.ts';

const shared = {
  CIRRUS_META: 'etcd://10.0.0.5:2379',
  CIRRUS_OBJECTS: 's3://bucket/cirrus?region=eu-west-1',
  CIRRUS_ALLOW_UNAUTHENTICATED: 'true',
};

t.test('write-through on shared backends is the Lambda configuration', async (t) => {
  t.match(loadLambdaConfig(shared), {
    cacheMode: 'writethrough',
    meta: { engine: 'etcd' },
    objects: { kind: 's3' },
    coord: { kind: 'local' },
  });
  t.match(loadLambdaConfig({ ...shared, CIRRUS_CACHE: 'writethrough' }), { cacheMode: 'writethrough' });
});

t.test('what cannot work on Lambda is refused with a clear EINVAL', async (t) => {
  for (const [env, why] of [
    [{ CIRRUS_CACHE: 'writeback' }, /writethrough on Lambda/],
    [{ CIRRUS_META: 'memory:/tmp/meta' }, /share no disk/],
    [{ CIRRUS_OBJECTS: 'file:/tmp/objects' }, /share no disk/],
    [{ CIRRUS_COORD: 'etcd://10.0.0.5:2379' }, /CIRRUS_COORD must be local/],
    [{ CIRRUS_ALLOW_UNAUTHENTICATED: 'false' }, /IAM auth/],
  ] as const) {
    t.throws(() => loadLambdaConfig({ ...shared, ...env }), { code: 'EINVAL', message: why }, JSON.stringify(env));
  }
});
