// A file's Content-Type: the upload's is kept and served on download (and HEAD), shown in stat,
// settable by setattr, reset by an upload without one; the default is application/octet-stream
// and costs the inode record nothing. Bodies with a Content-Encoding other than identity are
// refused (415 EMEDIATYPE), never stored still encoded.
import { gzipSync } from 'node:zlib';
import t from 'tap';
import { decodeInode, encodeInode } from '../../src/fs/codec.ts';
import type { Inode } from '../../src/fs/model.ts';
import { apiFor, problem } from '../support/api.ts';
import { startServer } from '../support/server.ts';

t.test('the upload Content-Type is kept, served, shown in stat and settable', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  const F = '/v1/fs/ct';
  t.equal((await api('POST', '/v1/fs', { name: 'ct' })).status, 201);
  const put = (path: string, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${F}/files/${path}`, { method: 'PUT', body, headers });

  const up = await put('page.html', '<p>hi</p>', { 'content-type': 'text/html; charset=utf-8' });
  t.equal(up.status, 201);
  t.equal(((await up.json()) as { contentType: string }).contentType, 'text/html; charset=utf-8', 'in the answer');
  const got = await fetch(`${s.url}${F}/files/page.html`);
  t.equal(got.headers.get('content-type'), 'text/html; charset=utf-8', 'served on download');
  t.equal(await got.text(), '<p>hi</p>');
  const head = await fetch(`${s.url}${F}/files/page.html`, { method: 'HEAD' });
  t.equal(head.headers.get('content-type'), 'text/html; charset=utf-8', 'and on HEAD');
  const stat = await api('GET', `${F}/attrs/page.html`);
  t.equal(stat.json.contentType, 'text/html; charset=utf-8', 'shown in stat');
  const ranged = await fetch(`${s.url}/v1/fs/ct/inodes/${stat.json.ino}/data`, { headers: { range: 'bytes=0-2' } });
  t.equal(ranged.headers.get('content-type'), 'text/html; charset=utf-8', 'readData too');

  const patched = await api('PATCH', `${F}/attrs/page.html`, { contentType: 'text/plain' });
  t.equal(patched.json.contentType, 'text/plain', 'set by setattr');
  t.not(patched.headers.get('etag'), stat.headers.get('etag'), 'a new ETag');
  t.equal((await fetch(`${s.url}${F}/files/page.html`)).headers.get('content-type'), 'text/plain');
  problem(t, await api('PATCH', `${F}/attrs/page.html`, { contentType: 'not a type' }), 400, 'EINVAL', 'bad type');
  await api('PUT', `${F}/dirs/d`);
  problem(t, await api('PATCH', `${F}/attrs/d`, { contentType: 'text/plain' }), 400, 'EINVAL', 'on a directory');
  t.equal((await put('bad', 'x', { 'content-type': 'text' })).status, 415, 'an upload with an unparsable type');

  const plain = await put('page.html', new TextEncoder().encode('bytes')); // fetch sends no Content-Type for bytes
  t.equal(
    ((await plain.json()) as { contentType: string }).contentType,
    'application/octet-stream',
    'reset by an upload without one',
  );
  t.equal((await fetch(`${s.url}${F}/files/page.html`)).headers.get('content-type'), 'application/octet-stream');
  await put('page.html', 'x', { 'content-type': 'text/plain' });
  const reset = await api('PATCH', `${F}/attrs/page.html`, { contentType: 'application/octet-stream' });
  t.equal(reset.json.contentType, 'application/octet-stream', 'setattr back to the default');
  t.equal(
    (await api('GET', `${F}/dirs/%2F?attrs=true`)).json.entries.find((e: { name: string }) => e.name === 'd').attrs
      .contentType,
    undefined,
    'directories have none',
  );
});

t.test('the default Content-Type costs the inode record nothing', async (t) => {
  const now = { sec: 1, nsec: 0 };
  const inode: Inode = {
    ...{ ino: 20, type: 'file', mode: 0o644, uid: 0, gid: 0, nlink: 1, length: 0, rdev: 0, version: 1 },
    ...{ atime: now, mtime: now, ctime: now, parents: [1], gen: 0, seq: 0, truncMarks: [] },
  };
  const plain = encodeInode(inode);
  const typed = encodeInode({ ...inode, contentType: 'text/plain' });
  t.equal(typed.length - plain.length, 'text/plain'.length + 1, 'only a set type is stored (its bytes and a length)');
  t.equal(decodeInode(20, typed).contentType, 'text/plain', 'round trip');
  t.equal(decodeInode(20, plain).contentType, undefined);
});

t.test('bodies with a Content-Encoding are refused with 415, not stored', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  t.equal((await api('POST', '/v1/fs', { name: 'enc' })).status, 201);
  const zipped = gzipSync(Buffer.from('hello, cirrus\n'));
  const up = await fetch(`${s.url}/v1/fs/enc/files/z.txt`, {
    method: 'PUT',
    body: zipped,
    headers: { 'content-encoding': 'gzip' },
  });
  t.equal(up.status, 415, 'gzip upload: 415');
  t.equal(((await up.json()) as { code: string }).code, 'EMEDIATYPE');
  problem(t, await api('GET', '/v1/fs/enc/attrs/z.txt'), 404, 'ENOENT', 'nothing stored');
  const ok = await fetch(`${s.url}/v1/fs/enc/files/z.txt`, {
    method: 'PUT',
    body: 'plain',
    headers: { 'content-encoding': 'identity' },
  });
  t.equal(ok.status, 201, 'identity is fine');
  const ino = (await api('GET', '/v1/fs/enc/attrs/z.txt')).json.ino;
  const w = await fetch(`${s.url}/v1/fs/enc/inodes/${ino}/data?offset=0`, {
    method: 'PUT',
    body: zipped,
    headers: { 'content-encoding': 'br' },
  });
  t.equal(w.status, 415, 'writeData with a coding: 415');
  t.equal(await (await fetch(`${s.url}/v1/fs/enc/files/z.txt`)).text(), 'plain', 'nothing written');
});
