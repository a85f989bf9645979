// If-Match on every mutation of an existing inode (RFC 9110 §13.1.1): a stale ETag answers 412
// EPRECONDITION and changes nothing; the current one lets the change through. Path and inode
// routes alike: upload over a file, delete, rename (the source), setattr, xattrs, writeData,
// flushData. The other checks come first (a failing request answers its own error).
import t from 'tap';
import { apiFor, problem } from '../support/api.ts';
import { startServer } from '../support/server.ts';

const STALE = '"1.0.0"';

t.test('If-Match on every mutation: stale → 412 and nothing changed, current → done', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  const F = '/v1/fs/im';
  t.equal((await api('POST', '/v1/fs', { name: 'im' })).status, 201);
  const put = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${F}/files/${path}`, { method: 'PUT', body, headers });
  const etagOf = async (path: string) => (await api('GET', `${F}/attrs/${path}`)).headers.get('etag')!;
  const text = async (path: string) => (await fetch(`${s.url}${F}/files/${path}`)).text();

  // uploadFile over a file
  t.equal((await put('f', 'one')).status, 201);
  let tag = await etagOf('f');
  const r = await put('f', 'two', { 'if-match': STALE });
  t.equal(r.status, 412, 'upload with a stale If-Match');
  t.equal(((await r.json()) as { code: string }).code, 'EPRECONDITION');
  t.equal(await text('f'), 'one', 'the file is unchanged');
  t.equal(await etagOf('f'), tag, 'its ETag too');
  t.equal((await put('f', 'two', { 'if-match': tag })).status, 200, 'upload with the current ETag');
  t.equal(await text('f'), 'two');
  t.equal((await put('new', 'x', { 'if-match': '*' })).status, 412, 'If-Match: * and no file: 412');
  t.equal((await put('new', 'x', { 'if-match': tag })).status, 412, 'If-Match on a missing file: 412');
  problem(t, await api('GET', `${F}/attrs/new`), 404, 'ENOENT', 'no file was created');
  t.equal((await put('f', 'three', { 'if-match': '*' })).status, 200, 'If-Match: * and a file: replaced');

  // setattr (path and inode)
  tag = await etagOf('f');
  const ino = (await api('GET', `${F}/attrs/f`)).json.ino;
  problem(t, await api('PATCH', `${F}/attrs/f`, { mode: 0o600 }, { 'if-match': STALE }), 412, 'EPRECONDITION', 'chmod');
  problem(
    t,
    await api('PATCH', `${F}/inodes/${ino}`, { size: 1 }, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'truncate',
  );
  t.equal((await api('GET', `${F}/attrs/f`)).json.mode, 0o644, 'mode unchanged');
  t.equal(await text('f'), 'three', 'length unchanged');
  t.equal(await etagOf('f'), tag, 'ETag unchanged');
  // The other checks come first: a directory cannot be truncated whatever the If-Match says.
  await api('PUT', `${F}/dirs/d`);
  problem(t, await api('PATCH', `${F}/attrs/d`, { size: 1 }, { 'if-match': STALE }), 409, 'EISDIR', 'truncate a dir');

  // xattrs
  const xattr = `${F}/inodes/${ino}/xattrs/user.k`;
  problem(
    t,
    await api('PUT', xattr, { value: 'v', encoding: 'utf8' }, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'setXattr',
  );
  problem(t, await api('GET', xattr), 404, 'ENODATA', 'no xattr was set');
  t.equal((await api('PUT', xattr, { value: 'v', encoding: 'utf8' }, { 'if-match': tag })).status, 204, 'setXattr');
  tag = await etagOf('f');
  problem(t, await api('DELETE', xattr, undefined, { 'if-match': STALE }), 412, 'EPRECONDITION', 'removeXattr');
  t.equal((await api('GET', `${xattr}?encoding=utf8`)).json.value, 'v', 'the xattr is still there');
  t.equal((await api('DELETE', xattr, undefined, { 'if-match': tag })).status, 204, 'removeXattr');

  // writeData, flushData
  tag = await etagOf('f');
  const data = `${s.url}${F}/inodes/${ino}/data`;
  const w = await fetch(`${data}?offset=0`, { method: 'PUT', body: 'XY', headers: { 'if-match': STALE } });
  t.equal(w.status, 412, 'writeData with a stale If-Match');
  t.equal(await text('f'), 'three', 'nothing written');
  const ok = await fetch(`${data}?offset=0`, { method: 'PUT', body: 'TH', headers: { 'if-match': tag } });
  t.equal(ok.status, 200, 'writeData with the current ETag');
  const verifier = ((await ok.json()) as { verifier: string }).verifier;
  const flush = `${F}/inodes/${ino}/flush`;
  problem(
    t,
    await api('POST', flush, { verifiers: [verifier] }, { 'if-match': tag }),
    412,
    'EPRECONDITION',
    'flushData with the ETag from before the write',
  );
  const seen = (await api('GET', `${F}/inodes/${ino}`)).headers.get('etag')!;
  t.equal(
    (await api('POST', flush, { verifiers: [verifier] }, { 'if-match': seen })).status,
    200,
    'flushData with the current ETag',
  );
  t.equal(await text('f'), 'THree');

  // rename (path and inode): If-Match names the source
  tag = await etagOf('f');
  problem(
    t,
    await api('POST', `${F}/rename`, { from: 'f', to: 'g' }, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'renamePath',
  );
  problem(
    t,
    await api('POST', `${F}/rename-entry`, { parent: 1, name: 'f', newParent: 1, newName: 'g' }, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'renameEntry',
  );
  problem(t, await api('GET', `${F}/attrs/g`), 404, 'ENOENT', 'nothing renamed');
  t.equal((await api('POST', `${F}/rename`, { from: 'f', to: 'g' }, { 'if-match': tag })).status, 204, 'renamePath');

  // delete (path, recursive, inode)
  tag = await etagOf('g');
  problem(t, await api('DELETE', `${F}/files/g`, undefined, { 'if-match': STALE }), 412, 'EPRECONDITION', 'deletePath');
  problem(
    t,
    await api('DELETE', `${F}/inodes/1/entries/g`, undefined, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'removeEntry',
  );
  t.equal(await text('g'), 'THree', 'the file is still there');
  await put('d/inner', 'x');
  problem(
    t,
    await api('DELETE', `${F}/files/d?recursive=true`, undefined, { 'if-match': STALE }),
    412,
    'EPRECONDITION',
    'recursive delete',
  );
  t.equal(await text('d/inner'), 'x', 'the tree is still there');
  t.equal(
    (await api('DELETE', `${F}/files/d?recursive=true`, undefined, { 'if-match': await etagOf('d') })).status,
    204,
  );
  t.equal((await api('DELETE', `${F}/inodes/1/entries/g`, undefined, { 'if-match': tag })).status, 204, 'removeEntry');
});
