// Stored Idempotency-Key answers belong to a filesystem by id: a filesystem deleted and
// created again under the same name does not replay the old one's answers. (Found in review:
// answers were scoped by name, and the new filesystem replayed "201 created" for nothing.)
import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('an idempotent answer of a deleted filesystem is replayed in its namesake', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const key = { 'idempotency-key': 'mkdir-data-1' };
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'scratch' })).status, 201);
  t.equal((await call(s.url, 'PUT', '/v1/fs/scratch/dirs/data', undefined, key)).status, 201);
  t.equal((await call(s.url, 'DELETE', '/v1/fs/scratch?recursive=true')).status, 202);
  await s.built.sweeper.runOnce();
  t.equal((await call(s.url, 'GET', '/v1/fs/scratch')).status, 404, 'the old filesystem is gone');

  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'scratch' })).status, 201, 'a new filesystem, same name');
  const made = await call(s.url, 'PUT', '/v1/fs/scratch/dirs/data', undefined, key);
  t.equal(made.status, 201);
  t.equal(made.headers.get('idempotent-replayed'), null, 'a first request in the new filesystem is not a replay');
  t.equal(
    (await call(s.url, 'GET', '/v1/fs/scratch/attrs/data')).status,
    200,
    'the directory the client was told exists, exists',
  );
});
