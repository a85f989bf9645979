// The generated SDK (clients/typescript/sdk, @hey-api/openapi-ts) drives a whole session against
// a real listening server: no casts, no custom serializers, no hand-built URLs. The same file is
// type-checked by `tsc -p .` (strict), so a document that generates wrong types fails here too.
import t from 'tap';
import { createClient } from '../../clients/typescript/sdk/client/index.ts';
import {
  createEntry,
  createFs,
  createLink,
  createSymlink,
  deletePath,
  downloadFile,
  flushData,
  getXattr,
  headFile,
  listDir,
  lookup,
  makeDir,
  type Problem,
  readData,
  readDir,
  renamePath,
  setPathAttrs,
  setXattr,
  statPath,
  uploadFile,
  writeData,
} from '../../clients/typescript/sdk/index.ts';
import { startServer } from '../support/server.ts';

/** A value the scenario needs to go on (a narrowing check, not a cast). */
function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`no ${what}`);
  return value;
}

/** What a caller does with a problem: switch on the status and the POSIX code. */
function explain(status: number, p: Problem): string {
  switch (status) {
    case 404:
      return p.code === 'ENOENT' ? 'missing' : `404 ${p.code}`;
    case 409:
      switch (p.code) {
        case 'EEXIST':
          return 'exists';
        case 'ENOTEMPTY':
          return 'not empty';
        default:
          return `409 ${p.code}`;
      }
    case 412:
      return 'stale';
    default:
      return `${status} ${p.code}`;
  }
}

t.test('the hey-api SDK drives a full session', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const client = createClient({ baseUrl: s.url });
  const fs = 'sdk';

  const made = await createFs({ client, body: { name: fs } });
  t.equal(made.response.status, 201, 'createFs');
  t.equal(made.response.headers.get('location'), `/v1/fs/${fs}`, 'Location of the filesystem');

  const dir = await makeDir({ client, path: { fs, path: 'docs/notes' }, query: { parents: true } });
  t.equal(dir.data?.type, 'dir', 'nested mkdir -p through %2F');
  t.equal(dir.response.headers.get('location'), `/v1/fs/${fs}/dirs/docs/notes`, 'Location of the directory');

  const up = await uploadFile({ client, path: { fs, path: 'docs/hello.txt' }, body: new Blob(['hello, cirrus\n']) });
  t.equal(up.response.status, 201, 'upload created');
  t.equal(up.data?.length, 14, 'upload length');

  const stat = await statPath({ client, path: { fs, path: 'docs/hello.txt' } });
  const etag = must(stat.response.headers.get('etag'), 'ETag');
  t.match(etag, /^"[^"]+"$/, 'stat carries an ETag');
  t.equal(stat.data?.ino, up.data?.ino, 'stat answers the uploaded inode');
  const fresh = await statPath({ client, path: { fs, path: 'docs/hello.txt' }, headers: { 'if-none-match': etag } });
  t.equal(fresh.response.status, 304, 'If-None-Match with the current ETag: 304');

  const chmod = await setPathAttrs({
    client,
    path: { fs, path: 'docs/hello.txt' },
    headers: { 'if-match': etag },
    body: { mode: 0o600 },
  });
  t.equal(chmod.data?.mode, 0o600, 'conditional setattr with the current ETag');
  const stale = await setPathAttrs({
    client,
    path: { fs, path: 'docs/hello.txt' },
    headers: { 'if-match': etag },
    body: { mode: 0o644 },
  });
  t.equal(stale.error && explain(stale.response.status, stale.error), 'stale', 'the old ETag is refused (412)');

  for (const name of ['a', 'b', 'c']) await makeDir({ client, path: { fs, path: `/docs/notes/${name}` } });
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDir({ client, path: { fs, path: 'docs/notes' }, query: { limit: 2, cursor } });
    names.push(...(page.data?.entries ?? []).map((e) => e.name));
    cursor = page.data?.nextCursor;
  } while (cursor);
  t.same(names, ['a', 'b', 'c'], 'listing pages of 2 with the cursor');
  const root = await listDir({ client, path: { fs, path: '/' }, query: { attrs: true } });
  t.same(
    root.data?.entries.map((e) => [e.name, e.attrs?.type]),
    [['docs', 'dir']],
    'the root is "/" (readdirplus)',
  );

  const ln = await createLink({
    client,
    path: { fs, path: 'docs/hello-again.txt' },
    body: { existing: 'docs/hello.txt' },
  });
  t.equal(ln.data?.nlink, 2, 'hard link');
  const sym = await createSymlink({ client, path: { fs, path: 'latest' }, body: { target: 'docs/hello.txt' } });
  t.equal(sym.data?.type, 'symlink', 'symlink');
  t.equal(sym.response.headers.get('location'), `/v1/fs/${fs}/inodes/${sym.data?.ino}`, 'Location of the inode');
  const mv = await renamePath({ client, path: { fs }, body: { from: 'docs/hello-again.txt', to: 'docs/notes/h.txt' } });
  t.equal(mv.response.status, 204, 'rename');
  const clobber = await renamePath({
    client,
    path: { fs },
    body: { from: 'docs/hello.txt', to: 'docs/notes/h.txt', noReplace: true },
  });
  t.equal(clobber.error && explain(clobber.response.status, clobber.error), 'exists', 'noReplace: 409 EEXIST');

  const ino = must(up.data, 'upload answer').ino;
  await setXattr({ client, path: { fs, ino, name: 'user.comment' }, body: { value: 'first', encoding: 'utf8' } });
  const x = await getXattr({ client, path: { fs, ino, name: 'user.comment' }, query: { encoding: 'utf8' } });
  t.equal(x.data?.value, 'first', 'xattr round trip');

  const created = await createEntry({ client, path: { fs, ino: 1 }, body: { name: 'README', type: 'file' } });
  t.equal(created.response.status, 201, 'createEntry');
  const found = await lookup({ client, path: { fs, ino: 1, name: 'README' } });
  t.equal(found.data?.ino, created.data?.ino, 'lookup');
  const entries = await readDir({ client, path: { fs, ino: 1 } });
  t.same(
    entries.data?.entries.map((e) => e.name),
    ['README', 'docs', 'latest'],
    'readDir of the root inode',
  );

  const w = await writeData({ client, path: { fs, ino }, query: { offset: 7 }, body: new Blob(['CIRRUS']) });
  t.equal(w.data?.written, 6, 'writeData at an offset');
  const flushed = await flushData({
    client,
    path: { fs, ino },
    body: { verifiers: [must(w.data, 'write answer').verifier] },
  });
  t.equal(flushed.data?.stable, true, 'flushData');
  const part = await readData({ client, path: { fs, ino }, headers: { range: 'bytes=7-12' } });
  t.equal(part.response.status, 206, 'ranged readData');
  t.equal(await part.data?.text(), 'CIRRUS', 'the written bytes');

  const whole = await downloadFile({ client, path: { fs, path: 'latest' } });
  t.equal(await whole.data?.text(), 'hello, CIRRUS\n', 'download through the symlink');
  const range = await downloadFile({ client, path: { fs, path: 'docs/hello.txt' }, headers: { range: 'bytes=0-4' } });
  t.equal(range.response.headers.get('content-range'), 'bytes 0-4/14', 'Content-Range');
  t.equal(await range.data?.text(), 'hello', 'download with Range');
  const head = await headFile({ client, path: { fs, path: 'docs/hello.txt' } });
  t.equal(head.response.headers.get('content-length'), '14', 'HEAD: the length, no body');

  const notEmpty = await deletePath({ client, path: { fs, path: 'docs' } });
  t.equal(notEmpty.error && explain(notEmpty.response.status, notEmpty.error), 'not empty', 'rmdir of a full dir');
  const gone = await deletePath({ client, path: { fs, path: 'docs' }, query: { recursive: true } });
  t.equal(gone.response.status, 204, 'recursive delete');
  const missing = await statPath({ client, path: { fs, path: 'docs/hello.txt' } });
  t.equal(missing.error && explain(missing.response.status, missing.error), 'missing', 'gone: 404 ENOENT');
});
