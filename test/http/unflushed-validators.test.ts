// ETag and Last-Modified of a file with writes still in this instance's write-back cache: a
// stat or download shows those bytes, so its validators must differ from the committed ones —
// else an If-None-Match would answer 304 for a changed file, or an If-Range 206 mixing the old
// bytes the client holds with the new ones.
import t from 'tap';
import { apiFor } from '../support/api.ts';
import { startServer } from '../support/server.ts';

t.test('a write in the write-back cache changes the ETag at once', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  t.equal((await api('POST', '/v1/fs', { name: 'wb' })).status, 201);
  const url = `${s.url}/v1/fs/wb/files/f`;
  t.equal((await fetch(url, { method: 'PUT', body: 'aaaaaaaaaa' })).status, 201);
  const before = await fetch(url);
  const etag = before.headers.get('etag')!;
  t.equal(await before.text(), 'aaaaaaaaaa');
  const ino = (await api('GET', '/v1/fs/wb/attrs/f')).json.ino;

  const w = await fetch(`${s.url}/v1/fs/wb/inodes/${ino}/data?offset=5`, { method: 'PUT', body: 'BBBBB' });
  t.equal(((await w.json()) as { stable: boolean }).stable, false, 'the write sits in the cache (unstable)');

  const stat = await api('GET', '/v1/fs/wb/attrs/f');
  t.not(stat.headers.get('etag'), etag, 'stat: a new ETag while the write is unflushed');
  t.equal(
    (await api('GET', `/v1/fs/wb/inodes/${ino}`)).headers.get('etag'),
    stat.headers.get('etag'),
    'getattr agrees',
  );
  const revalidated = await fetch(url, { headers: { 'if-none-match': etag } });
  t.equal(revalidated.status, 200, 'If-None-Match with the old ETag: 200, not 304');
  t.equal(await revalidated.text(), 'aaaaaBBBBB', 'with the written bytes');
  const pendingTag = revalidated.headers.get('etag')!;
  t.equal(pendingTag, stat.headers.get('etag'), 'download and stat name the same version');
  t.equal((await fetch(url, { headers: { 'if-none-match': pendingTag } })).status, 304, 'that version revalidates');
  const resumed = await fetch(url, { headers: { range: 'bytes=5-', 'if-range': etag } });
  t.equal(resumed.status, 200, 'If-Range with the old ETag: the whole file');
  t.equal(await resumed.text(), 'aaaaaBBBBB');
  const head = await fetch(`${s.url}/v1/fs/wb/inodes/${ino}/data`, {
    method: 'HEAD',
    headers: { 'if-none-match': etag },
  });
  t.equal(head.status, 200, 'HEAD with the old ETag: 200');

  // A second cached write is another version again.
  await fetch(`${s.url}/v1/fs/wb/inodes/${ino}/data?offset=0`, { method: 'PUT', body: 'C' });
  const second = await fetch(url, { headers: { 'if-none-match': pendingTag } });
  t.equal(second.status, 200, 'the ETag of the first unflushed write does not cover the second');
  t.equal(await second.text(), 'CaaaaBBBBB');
  const secondTag = second.headers.get('etag')!;

  // Once committed, the record's version moved: neither pending tag matches, the contents stay.
  t.equal((await api('POST', `/v1/fs/wb/inodes/${ino}/flush`, { verifiers: [] })).status, 200, 'flushed');
  const flushed = await fetch(url, { headers: { 'if-none-match': secondTag } });
  t.equal(flushed.status, 200, 'after the flush: a committed ETag');
  t.equal(await flushed.text(), 'CaaaaBBBBB');
  const committed = flushed.headers.get('etag')!;
  t.not(committed, etag);
  t.not(committed, secondTag);
  t.equal((await fetch(url, { headers: { 'if-none-match': committed } })).status, 304);
});

t.test('Last-Modified moves with an unflushed write', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  t.equal((await api('POST', '/v1/fs', { name: 'lm' })).status, 201);
  const url = `${s.url}/v1/fs/lm/files/f`;
  await fetch(url, { method: 'PUT', body: 'old' });
  const since = (await fetch(url)).headers.get('last-modified')!;
  await new Promise((r) => setTimeout(r, 1100)); // Last-Modified has second precision
  const ino = (await api('GET', '/v1/fs/lm/attrs/f')).json.ino;
  await fetch(`${s.url}/v1/fs/lm/inodes/${ino}/data?offset=0`, { method: 'PUT', body: 'NEW' });
  const r = await fetch(url, { headers: { 'if-modified-since': since } });
  t.equal(r.status, 200, 'If-Modified-Since the committed date: 200 while a write is unflushed');
  t.equal(await r.text(), 'NEW');
});
