// Idempotency-Key (DESIGN §3.4, §6): a retried mutation with the same key returns the first
// answer (status, body, `idempotent-replayed: true`) and changes nothing more; the key with
// another request is refused; failures are not stored, so a retry after fixing the cause runs.
import t, { type Test } from 'tap';
import { startServer } from '../support/server.ts';
import { type Answer, apiFor, problem } from '../support/api.ts';

const s = await startServer();
t.teardown(() => s.close());

type Res = Answer;
const api = apiFor(s.url);
const key = (k: string) => ({ 'idempotency-key': k });

/** The retry answers exactly what the first request answered, marked as a replay. */
function replayOf(t: Test, first: Res, again: Res, what: string) {
  t.equal(first.headers.get('idempotent-replayed'), null, `${what}: the first answer is not a replay`);
  t.equal(again.status, first.status, `${what}: same status`);
  t.equal(again.text, first.text, `${what}: same body`);
  t.equal(again.headers.get('idempotent-replayed'), 'true', `${what}: idempotent-replayed: true`);
}

const names = async (fs: string, dir = '') =>
  ((await api('GET', `/v1/fs/${fs}/dirs/${dir}`)).json.entries as { name: string }[]).map((e) => e.name);
const stat = (fs: string, p: string) => api('GET', `/v1/fs/${fs}/attrs/${p}`);

for (const fs of ['idem', 'other']) {
  const r = await api('POST', '/v1/fs', { name: fs });
  if (r.status !== 201) throw new Error(`createFs ${fs}: ${r.status} ${r.text}`);
}

t.test('createEntry', async (t) => {
  const E = '/v1/fs/idem/inodes/1/entries';
  const body = { name: 'c1', type: 'file', mode: 0o600 };
  const first = await api('POST', E, body, key('create-1'));
  t.equal(first.status, 201);
  const again = await api('POST', E, body, key('create-1'));
  replayOf(t, first, again, 'createEntry');
  t.equal(again.headers.get('etag'), first.headers.get('etag'), 'same ETag');
  t.same(await names('idem'), ['c1'], 'one entry');
  // The stored answer is replayed even after the world moved on; nothing is redone.
  t.equal((await api('DELETE', `${E}/c1`)).status, 204);
  const late = await api('POST', E, body, key('create-1'));
  t.equal(late.status, 201);
  t.equal(late.text, first.text, 'the first answer again');
  t.same(await names('idem'), [], 'not created a second time');
  const other = await api('POST', E, { ...body, name: 'c2' }, key('create-1'));
  problem(t, other, 400, 'EINVAL', 'same key, different body');
  t.same(await names('idem'), [], 'and nothing was created');
  problem(
    t,
    await api('POST', '/v1/fs/idem/inodes/99999/entries', body, key('create-1')),
    400,
    'EINVAL',
    'same key, different path',
  );
  const elsewhere = await api('POST', '/v1/fs/other/inodes/1/entries', body, key('create-1'));
  t.equal(elsewhere.status, 201, 'keys are scoped per filesystem');
  t.equal(elsewhere.headers.get('idempotent-replayed'), null);
  t.same(await names('other'), ['c1']);
});

t.test('makeDir', async (t) => {
  const first = await api('PUT', '/v1/fs/idem/dirs/m1', { mode: 0o700 }, key('mkdir-1'));
  t.equal(first.status, 201);
  const again = await api('PUT', '/v1/fs/idem/dirs/m1', { mode: 0o700 }, key('mkdir-1'));
  replayOf(t, first, again, 'makeDir');
  const plain = await api('PUT', '/v1/fs/idem/dirs/m1', { mode: 0o700 });
  problem(t, plain, 409, 'EEXIST', 'without the key it is a second mkdir');
  problem(
    t,
    await api('PUT', '/v1/fs/idem/dirs/m2', { mode: 0o700 }, key('mkdir-1')),
    400,
    'EINVAL',
    'same key, other path',
  );
  problem(
    t,
    await api('PUT', '/v1/fs/idem/dirs/m1', { mode: 0o755 }, key('mkdir-1')),
    400,
    'EINVAL',
    'same key, other body',
  );
  problem(t, await stat('idem', 'm2'), 404, 'ENOENT', 'm2 was not created');
  t.equal((await stat('idem', 'm1')).json.mode, 0o700, 'm1 unchanged');
});

t.test('renamePath', async (t) => {
  await fetch(`${s.url}/v1/fs/idem/files/ra`, { method: 'PUT', body: 'A' });
  const ino = (await stat('idem', 'ra')).json.ino;
  const body = { from: 'ra', to: 'rb' };
  const first = await api('POST', '/v1/fs/idem/rename', body, key('rename-1'));
  t.equal(first.status, 204);
  const again = await api('POST', '/v1/fs/idem/rename', body, key('rename-1'));
  replayOf(t, first, again, 'renamePath');
  t.equal((await stat('idem', 'rb')).json.ino, ino, 'rb is the moved file');
  problem(t, await stat('idem', 'ra'), 404, 'ENOENT', 'ra stays gone');
  // A new "ra" must not be moved onto "rb" by a late retry.
  await fetch(`${s.url}/v1/fs/idem/files/ra`, { method: 'PUT', body: 'new A' });
  const late = await api('POST', '/v1/fs/idem/rename', body, key('rename-1'));
  t.equal(late.status, 204);
  t.equal(late.headers.get('idempotent-replayed'), 'true');
  t.equal(await (await fetch(`${s.url}/v1/fs/idem/files/ra`)).text(), 'new A', 'the new ra is untouched');
  t.equal((await stat('idem', 'rb')).json.ino, ino, 'rb still the first file');
  problem(
    t,
    await api('POST', '/v1/fs/idem/rename', { from: 'ra', to: 'rc' }, key('rename-1')),
    400,
    'EINVAL',
    'same key, other body',
  );
  problem(t, await stat('idem', 'rc'), 404, 'ENOENT', 'nothing renamed');
});

t.test('deletePath', async (t) => {
  await fetch(`${s.url}/v1/fs/idem/files/d1`, { method: 'PUT', body: 'doomed' });
  const first = await api('DELETE', '/v1/fs/idem/files/d1', undefined, key('delete-1'));
  t.equal(first.status, 204);
  const again = await api('DELETE', '/v1/fs/idem/files/d1', undefined, key('delete-1'));
  replayOf(t, first, again, 'deletePath');
  problem(t, await api('DELETE', '/v1/fs/idem/files/d1'), 404, 'ENOENT', 'without the key it is a second delete');
  await fetch(`${s.url}/v1/fs/idem/files/d1`, { method: 'PUT', body: 'reborn' });
  const late = await api('DELETE', '/v1/fs/idem/files/d1', undefined, key('delete-1'));
  t.equal(late.status, 204);
  t.equal(late.headers.get('idempotent-replayed'), 'true');
  t.equal(await (await fetch(`${s.url}/v1/fs/idem/files/d1`)).text(), 'reborn', 'the new d1 was not deleted');
  problem(
    t,
    await api('DELETE', '/v1/fs/idem/files/d1?recursive=true', undefined, key('delete-1')),
    400,
    'EINVAL',
    'same key, other query',
  );
  t.equal((await stat('idem', 'd1')).status, 200, 'still there');
});

t.test('failures are not stored: a retry after fixing the cause runs', async (t) => {
  problem(
    t,
    await api('PUT', '/v1/fs/idem/dirs/fx/child', undefined, key('fail-1')),
    404,
    'ENOENT',
    'mkdir with a missing parent',
  );
  t.equal((await api('PUT', '/v1/fs/idem/dirs/fx')).status, 201, 'fix the cause');
  const retry = await api('PUT', '/v1/fs/idem/dirs/fx/child', undefined, key('fail-1'));
  t.equal(retry.status, 201, 'the retry runs');
  t.equal(retry.headers.get('idempotent-replayed'), null, 'and is not a replay');
  t.equal((await stat('idem', 'fx/child')).json?.type, 'dir');

  problem(
    t,
    await api('POST', '/v1/fs/idem/rename', { from: 'fsrc', to: 'fdst' }, key('fail-2')),
    404,
    'ENOENT',
    'rename of a missing file',
  );
  await fetch(`${s.url}/v1/fs/idem/files/fsrc`, { method: 'PUT', body: 'now here' });
  const r2 = await api('POST', '/v1/fs/idem/rename', { from: 'fsrc', to: 'fdst' }, key('fail-2'));
  t.equal(r2.status, 204, 'the retried rename runs');
  t.equal(r2.headers.get('idempotent-replayed'), null);
  t.equal(await (await fetch(`${s.url}/v1/fs/idem/files/fdst`)).text(), 'now here');

  const E = '/v1/fs/idem/inodes/1/entries';
  await api('POST', E, { name: 'taken', type: 'file' });
  problem(
    t,
    await api('POST', E, { name: 'taken', type: 'dir' }, key('fail-3')),
    409,
    'EEXIST',
    'create onto an existing name',
  );
  await api('DELETE', `${E}/taken`);
  const r3 = await api('POST', E, { name: 'taken', type: 'dir' }, key('fail-3'));
  t.equal(r3.status, 201, 'the retried create runs');
  t.equal(r3.json.type, 'dir');
  const r4 = await api('POST', E, { name: 'taken', type: 'dir' }, key('fail-3'));
  replayOf(t, r3, r4, 'and is then stored');
});
