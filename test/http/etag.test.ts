// An ETag names the inode and its contents, not just a version number: an If-Match taken from
// one file fails on another file at the same path, and other contents carry another ETag.
// (Found in review: ETags were the bare inode version, "2", shared by unrelated files.)
import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('If-Match taken from one file passes on a different file at the same path', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'et' })).status, 201);
  t.equal((await call(s.url, 'PUT', '/v1/fs/et/symlinks/x', { target: 'one' })).status, 201);
  t.equal((await call(s.url, 'PUT', '/v1/fs/et/symlinks/y', { target: 'two' })).status, 201);
  const old = await call(s.url, 'GET', '/v1/fs/et/attrs/x');
  // x is replaced by y (rename bumps y's version once, like x's chown below).
  t.equal((await call(s.url, 'PATCH', '/v1/fs/et/attrs/x', { uid: 7 })).status, 200);
  const etagX = (await call(s.url, 'GET', '/v1/fs/et/attrs/x')).headers.get('etag')!;
  t.equal((await call(s.url, 'POST', '/v1/fs/et/rename', { from: 'y', to: 'x' })).status, 204);
  const now = await call(s.url, 'GET', '/v1/fs/et/attrs/x');
  t.not(now.json.ino, old.json.ino, 'x is now a different inode');
  t.not(now.headers.get('etag'), etagX, `a different file must not have the same ETag (both ${etagX})`);
  const guarded = await call(s.url, 'PATCH', '/v1/fs/et/attrs/x', { uid: 9 }, { 'if-match': etagX });
  t.equal(guarded.status, 412, 'If-Match from the replaced file fails');
});

t.test('If-Match lists: any current tag matches; weak tags never do', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  await call(s.url, 'POST', '/v1/fs', { name: 'im' });
  const made = await call(s.url, 'POST', '/v1/fs/im/inodes/1/entries', { name: 'f', type: 'file' });
  const etag = made.headers.get('etag')!;
  const patch = (ifMatch: string) =>
    call(s.url, 'PATCH', `/v1/fs/im/inodes/${made.json.ino}`, { mode: 0o600 }, { 'if-match': ifMatch });
  t.equal((await patch(`W/${etag}`)).status, 412, 'a weak tag does not match');
  const ok = await patch(`"1.0.0", ${etag}`);
  t.equal(ok.status, 200, 'one of several tags matches');
  t.not(ok.headers.get('etag'), etag, 'the change gives a new tag');
});
