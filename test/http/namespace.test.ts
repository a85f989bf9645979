// The namespace over HTTP, end to end against a real listening server: filesystems, mkdir,
// create/lookup/getattr/setattr, listings with paging, hard links, unlink/rmdir, rename in
// all its forms, symlink resolution and xattrs (DESIGN §1.1, §6).
import t from 'tap';
import { startServer } from '../support/server.ts';
import { type Answer, apiFor, problem } from '../support/api.ts';

const s = await startServer();
t.teardown(() => s.close());

type Res = Answer;
const api = apiFor(s.url);

async function mkfs(name: string): Promise<void> {
  const r = await api('POST', '/v1/fs', { name });
  if (r.status !== 201) throw new Error(`createFs ${name}: ${r.status} ${r.text}`);
}
const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const stat = (fs: string, p: string, follow = false) =>
  api('GET', `/v1/fs/${fs}/attrs/${enc(p)}${follow ? '?follow=true' : ''}`);
const mkdir = async (fs: string, p: string) =>
  (await api('PUT', `/v1/fs/${fs}/dirs/${enc(p)}?parents=true`)).json.ino as number;
const symlink = (fs: string, p: string, target: string) => api('PUT', `/v1/fs/${fs}/symlinks/${enc(p)}`, { target });
const rename = (fs: string, body: Record<string, unknown>) => api('POST', `/v1/fs/${fs}/rename`, body);
const del = (fs: string, p: string, q = '') => api('DELETE', `/v1/fs/${fs}/files/${enc(p)}${q}`);
async function mkfile(fs: string, p: string, body = 'x'): Promise<number> {
  const r = await fetch(`${s.url}/v1/fs/${fs}/files/${enc(p)}`, { method: 'PUT', body });
  if (r.status !== 201 && r.status !== 200) throw new Error(`upload ${p}: ${r.status} ${await r.text()}`);
  return ((await r.json()) as { ino: number }).ino;
}
const names = (r: Res) => (r.json.entries as { name: string }[]).map((e) => e.name);
const ino = async (fs: string, p: string) => (await stat(fs, p)).json?.ino as number | undefined;

t.test('filesystems: create, list, get, delete', async (t) => {
  const c = await api('POST', '/v1/fs', { name: 'cat1' });
  t.equal(c.status, 201);
  t.match(c.json, { name: 'cat1', status: 'INITED', rootIno: 1 });
  problem(t, await api('POST', '/v1/fs', { name: 'cat1' }), 409, 'EEXIST', 'duplicate name');
  t.ok(
    (await api('GET', '/v1/fs')).json.filesystems.some((f: { name: string }) => f.name === 'cat1'),
    'listed',
  );
  const g = await api('GET', '/v1/fs/cat1');
  t.equal(g.status, 200);
  t.match(g.json, { name: 'cat1', usage: { inodes: Number, bytes: 0 } });
  t.equal((await api('DELETE', '/v1/fs/cat1')).status, 204, 'empty fs deleted at once');
  problem(t, await api('GET', '/v1/fs/cat1'), 404, 'ENOENT', 'getFs after delete');
  t.notOk(
    (await api('GET', '/v1/fs')).json.filesystems.some((f: { name: string }) => f.name === 'cat1'),
    'no longer listed',
  );

  await mkfs('cat2');
  await mkdir('cat2', 'd');
  problem(t, await api('DELETE', '/v1/fs/cat2'), 409, 'ENOTEMPTY', 'non-empty without recursive');
  t.equal((await stat('cat2', 'd')).status, 200, 'left intact');
  const rd = await api('DELETE', '/v1/fs/cat2?recursive=true');
  t.ok(rd.status === 202 || rd.status === 204, 'recursive delete accepted');
  if (rd.status === 202) t.equal(rd.json.status, 'DELETING');
  problem(t, await api('GET', '/v1/fs/cat2/dirs/'), 404, 'ENOENT', 'a deleted fs is not served');
});

t.test('makeDir: plain, mode, parents=true', async (t) => {
  await mkfs('mk');
  const a = await api('PUT', '/v1/fs/mk/dirs/a');
  t.equal(a.status, 201);
  t.match(a.json, { type: 'dir', mode: 0o755, nlink: 2 });
  t.equal((await api('PUT', '/v1/fs/mk/dirs/b', { mode: 0o700 })).json.mode, 0o700, 'mode from the body');
  problem(t, await api('PUT', '/v1/fs/mk/dirs/a'), 409, 'EEXIST', 'mkdir of an existing dir');
  problem(t, await api('PUT', '/v1/fs/mk/dirs/x/y'), 404, 'ENOENT', 'mkdir with a missing parent');
  const p = await api('PUT', '/v1/fs/mk/dirs/a/p/q/r?parents=true');
  t.equal(p.status, 201, 'mkdir -p creates');
  for (const level of ['a/p', 'a/p/q', 'a/p/q/r'])
    t.equal((await stat('mk', level)).json?.type, 'dir', `${level} is a dir`);
  const again = await api('PUT', '/v1/fs/mk/dirs/a/p/q/r?parents=true');
  t.equal(again.status, 200, 'mkdir -p of an existing dir → 200');
  t.equal(again.json.ino, p.json.ino);
  t.equal((await api('PUT', '/v1/fs/mk/dirs/a?parents=true')).json.ino, a.json.ino);
  await mkfile('mk', 'f');
  problem(t, await api('PUT', '/v1/fs/mk/dirs/f?parents=true'), 409, 'EEXIST', 'mkdir -p onto a file');
  problem(t, await api('PUT', '/v1/fs/mk/dirs/f/g?parents=true'), 409, 'ENOTDIR', 'mkdir -p through a file');
  problem(t, await api('PUT', '/v1/fs/mk/dirs/'), 409, 'EEXIST', 'mkdir of the root');
});

t.test('createEntry, lookup, getInode', async (t) => {
  await mkfs('ce');
  const E = '/v1/fs/ce/inodes/1/entries';
  const f = await api('POST', E, { name: 'file', type: 'file', mode: 0o640, uid: 1000, gid: 1000 });
  t.equal(f.status, 201);
  t.match(f.json, { type: 'file', mode: 0o640, uid: 1000, gid: 1000, nlink: 1, length: 0 });
  t.match(f.headers.get('etag'), /^".+"$/, 'ETag on create');
  const d = await api('POST', E, { name: 'dir', type: 'dir' });
  t.match(d.json, { type: 'dir', nlink: 2, length: 4096, mode: 0o755 });
  const l = await api('POST', E, { name: 'link', type: 'symlink', target: 'file' });
  t.match(l.json, { type: 'symlink', target: 'file', length: 4 });
  const lk = await api('GET', `${E}/file`);
  t.equal(lk.status, 200);
  t.equal(lk.json.ino, f.json.ino, 'lookup finds the file');
  t.equal((await api('GET', `${E}/link`)).json.type, 'symlink', 'lookup does not follow');
  problem(t, await api('GET', `${E}/nope`), 404, 'ENOENT', 'lookup of a missing name');
  const g = await api('GET', `/v1/fs/ce/inodes/${f.json.ino}`);
  t.equal(g.status, 200);
  t.same(g.json, f.json, 'getInode answers what create answered');
  t.equal(g.headers.get('etag'), f.headers.get('etag'), 'same ETag while unchanged');
  const inner = await api('POST', `/v1/fs/ce/inodes/${d.json.ino}/entries`, { name: 'inner', type: 'file' });
  t.equal(inner.status, 201);
  t.equal((await api('GET', `/v1/fs/ce/inodes/${d.json.ino}/entries/inner`)).json.ino, inner.json.ino);
  t.equal(await ino('ce', 'dir/inner'), inner.json.ino, 'visible by path');
  problem(t, await api('POST', E, { name: 'file', type: 'dir' }), 409, 'EEXIST', 'duplicate name');
  problem(t, await api('POST', E, { name: 't', type: 'file', target: 'x' }), 400, 'EINVAL', 'target on a file');
  problem(
    t,
    await api('POST', `/v1/fs/ce/inodes/${f.json.ino}/entries`, { name: 'x', type: 'file' }),
    409,
    'ENOTDIR',
    'create in a file',
  );
});

t.test('setInodeAttrs and setPathAttrs with If-Match', async (t) => {
  await mkfs('sa');
  const f = await api('POST', '/v1/fs/sa/inodes/1/entries', { name: 'f', type: 'file' });
  const I = `/v1/fs/sa/inodes/${f.json.ino}`;
  const etag1 = (await api('GET', I)).headers.get('etag')!;
  const change = {
    mode: 0o600,
    uid: 1001,
    gid: 1002,
    atime: '2001-02-03T04:05:06.123456789Z',
    mtime: '1999-12-31T23:59:59.000000001Z',
    size: 4096,
  };
  const p = await api('PATCH', I, change, { 'if-match': etag1 });
  t.equal(p.status, 200, 'current ETag → 200');
  const want = { mode: 0o600, uid: 1001, gid: 1002, atime: change.atime, mtime: change.mtime, length: 4096 };
  t.match(p.json, want, 'answer carries the new attributes, nanoseconds exact');
  t.not(p.headers.get('etag'), etag1, 'ETag changed');
  const g = await api('GET', I);
  t.match(g.json, want, 'getInode round-trips them exactly');
  t.equal(g.headers.get('etag'), p.headers.get('etag'));
  const stale = await api('PATCH', I, { mode: 0o644 }, { 'if-match': etag1 });
  problem(t, stale, 412, 'EPRECONDITION', 'stale If-Match');
  t.equal((await api('GET', I)).json.mode, 0o600, 'nothing changed by the refused PATCH');
  t.equal((await api('PATCH', I, { mode: 0o644 }, { 'if-match': '*' })).status, 200, 'If-Match: * always matches');
  const tz = await api('PATCH', '/v1/fs/sa/attrs/f', { mtime: '2020-06-01T12:00:00.5+02:00' });
  t.equal(tz.json.mtime, '2020-06-01T10:00:00.500000000Z', 'offsets are normalised to UTC');
  // A directory's ETag changes when an entry is created in it.
  const d = await api('PUT', '/v1/fs/sa/dirs/d');
  const detag = (await api('GET', `/v1/fs/sa/inodes/${d.json.ino}`)).headers.get('etag')!;
  await mkfile('sa', 'd/child');
  problem(
    t,
    await api('PATCH', `/v1/fs/sa/inodes/${d.json.ino}`, { mode: 0o700 }, { 'if-match': detag }),
    412,
    'EPRECONDITION',
    'dir ETag after a create inside',
  );
  problem(t, await api('PATCH', '/v1/fs/sa/attrs/d', { size: 1 }), 409, 'EISDIR', 'size of a directory');
});

t.test('listDir / readDir: byte order, paging, attrs', async (t) => {
  await mkfs('ls');
  const dir = await mkdir('ls', 'many');
  const all = [
    ...Array.from({ length: 19 }, (_, i) => `f${String(i).padStart(2, '0')}`),
    'B',
    'a',
    'Zed',
    'é',
    '~tilde',
    '_u',
  ];
  for (const [i, name] of all.entries()) {
    const r = await api('POST', `/v1/fs/ls/inodes/${dir}/entries`, { name, type: i % 5 === 0 ? 'dir' : 'file' });
    t.equal(r.status, 201, `create ${name}`);
  }
  const expected = [...all].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const collect = async (base: string, limit: number) => {
    const seen: { name: string; ino: number; type: string; attrs?: { ino: number; type: string; nlink: number } }[] =
      [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const r = await api(
        'GET',
        `${base}${base.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      t.equal(r.status, 200);
      t.ok(r.json.entries.length <= limit, 'page within limit');
      seen.push(...r.json.entries);
      cursor = r.json.nextCursor;
    } while (cursor && ++pages < 20);
    return { seen, pages: pages + 1 };
  };
  const byPath = await collect('/v1/fs/ls/dirs/many', 7);
  t.same(
    byPath.seen.map((e) => e.name),
    expected,
    'listDir pages: every entry once, in byte order',
  );
  t.equal(byPath.pages, 4, '25 entries in pages of 7');
  const byIno = await collect(`/v1/fs/ls/inodes/${dir}/entries?attrs=true`, 10);
  t.same(
    byIno.seen.map((e) => e.name),
    expected,
    'readDir pages: same order',
  );
  t.equal(new Set(byIno.seen.map((e) => e.ino)).size, 25, 'no inode repeated');
  t.ok(
    byIno.seen.every((e) => e.attrs?.ino === e.ino && e.attrs.type === e.type),
    'attrs=true: each entry has its attrs',
  );
  t.ok(
    byIno.seen.filter((e) => e.type === 'dir').every((e) => e.attrs?.nlink === 2),
    'subdirectories have nlink 2',
  );
  const whole = await api('GET', '/v1/fs/ls/dirs/many');
  t.same(names(whole), expected, 'one page by default');
  t.equal(whole.json.nextCursor, undefined, 'no cursor on the last page');
  t.notOk(whole.json.entries[0].attrs, 'no attrs unless asked');
  const root = await api('GET', '/v1/fs/ls/dirs/');
  t.equal(root.status, 200, 'root listed with dirs/');
  t.same(names(root), ['many']);
  t.same(names(await api('GET', '/v1/fs/ls/inodes/1/entries')), ['many'], 'readDir of inode 1');
});

t.test('hard links', async (t) => {
  await mkfs('hl');
  const d = await mkdir('hl', 'd');
  const h1 = await mkfile('hl', 'h1', 'shared');
  const l2 = await api('PUT', '/v1/fs/hl/links/h2', { existing: 'h1' });
  t.equal(l2.status, 201);
  t.match(l2.json, { ino: h1, nlink: 2 });
  const l3 = await api('PUT', `/v1/fs/hl/inodes/${d}/entries/h3`, { ino: h1 });
  t.equal(l3.status, 201);
  t.match(l3.json, { ino: h1, nlink: 3 });
  t.match((await stat('hl', 'd/h3')).json, { ino: h1, nlink: 3 });
  t.equal(await (await fetch(`${s.url}/v1/fs/hl/files/d/h3`)).text(), 'shared', 'same contents through every name');
  problem(t, await api('PUT', '/v1/fs/hl/links/dl', { existing: 'd' }), 403, 'EPERM', 'createLink of a directory');
  problem(t, await api('PUT', '/v1/fs/hl/inodes/1/entries/dl', { ino: d }), 403, 'EPERM', 'linkEntry of a directory');
  problem(t, await api('PUT', '/v1/fs/hl/links/h2', { existing: 'h1' }), 409, 'EEXIST', 'link onto an existing name');
  problem(t, await api('PUT', '/v1/fs/hl/links/h4', { existing: 'nope' }), 404, 'ENOENT', 'link to a missing file');
  t.equal((await del('hl', 'h1')).status, 204);
  t.equal((await stat('hl', 'h2')).json.nlink, 2, 'unlink drops one link');
  t.equal((await api('DELETE', `/v1/fs/hl/inodes/${d}/entries/h3`)).status, 204, 'removeEntry');
  t.equal((await stat('hl', 'h2')).json.nlink, 1);
  await symlink('hl', 's', 'h2');
  const ls = await api('PUT', '/v1/fs/hl/links/s2', { existing: 's' });
  t.match(ls.json, { type: 'symlink', nlink: 2 }, 'link(2) of a symlink links the symlink itself');
});

t.test('unlink, rmdir, recursive delete, directory nlink', async (t) => {
  await mkfs('rm');
  const full = await mkdir('rm', 'full');
  await mkfile('rm', 'full/f');
  problem(t, await del('rm', 'full'), 409, 'ENOTEMPTY', 'deletePath of a non-empty dir');
  problem(
    t,
    await api('DELETE', '/v1/fs/rm/inodes/1/entries/full'),
    409,
    'ENOTEMPTY',
    'removeEntry of a non-empty dir',
  );
  problem(t, await api('DELETE', '/v1/fs/rm/inodes/1/entries/full?type=nondir'), 409, 'EISDIR', 'unlink of a dir');
  problem(t, await api('DELETE', `/v1/fs/rm/inodes/${full}/entries/f?type=dir`), 409, 'ENOTDIR', 'rmdir of a file');
  t.equal((await del('rm', 'full/f')).status, 204, 'deletePath of a file');
  problem(t, await stat('rm', 'full/f'), 404, 'ENOENT', 'file gone');
  t.equal((await del('rm', 'full')).status, 204, 'deletePath of an empty dir');
  problem(t, await stat('rm', 'full'), 404, 'ENOENT', 'dir gone');
  problem(t, await del('rm', 'full'), 404, 'ENOENT', 'delete of a missing path');

  const tree = await mkdir('rm', 'tree/a/b/c');
  const top = (await ino('rm', 'tree'))!;
  for (const f of ['tree/x', 'tree/a/y', 'tree/a/b/c/z']) await mkfile('rm', f);
  t.equal((await del('rm', 'tree', '?recursive=true')).status, 204, 'recursive delete');
  problem(t, await stat('rm', 'tree'), 404, 'ENOENT', 'tree gone at once');
  problem(t, await stat('rm', 'tree/a/b/c/z'), 404, 'ENOENT', 'deep file gone');
  problem(t, await api('GET', '/v1/fs/rm/dirs/tree'), 404, 'ENOENT', 'listDir of the removed tree');
  problem(t, await api('GET', `/v1/fs/rm/inodes/${top}/entries`), 404, 'ENOENT', 'readDir of the detached dir');
  problem(
    t,
    await api('POST', `/v1/fs/rm/inodes/${top}/entries`, { name: 'n', type: 'file' }),
    404,
    'ENOENT',
    'create in the detached dir',
  );
  // Directories below the detached one are not stamped one by one (that would touch the whole
  // tree in one transaction); an entry created in one by inode number before the purge gets
  // there is purged with the rest, never orphaned.
  const late = await api('POST', `/v1/fs/rm/inodes/${tree}/entries`, { name: 'n', type: 'file' });
  t.equal(late.status, 201, 'create deep inside the detached tree races the purge');
  await s.built.sweeper.runOnce(Date.now() + 2 * 86_400_000);
  problem(
    t,
    await api('GET', `/v1/fs/rm/inodes/${late.json.ino}`),
    404,
    'ENOENT',
    'the late entry is purged with the tree',
  );
  problem(t, await api('GET', `/v1/fs/rm/inodes/${tree}`), 404, 'ENOENT', 'so is its directory');
  t.same(names(await api('GET', '/v1/fs/rm/dirs/')), [], 'root is empty');
  t.equal((await api('PUT', '/v1/fs/rm/dirs/tree')).status, 201, 'the name can be reused');
  t.same(names(await api('GET', '/v1/fs/rm/dirs/tree')), [], 'and the new dir is empty');

  await mkdir('rm', 'n');
  await mkdir('rm', 'n/a');
  await mkdir('rm', 'n/b');
  await mkfile('rm', 'n/f');
  t.match((await stat('rm', 'n')).json, { nlink: 4, entries: 3 }, 'nlink = 2 + subdirectories');
  await del('rm', 'n/a');
  t.equal((await stat('rm', 'n')).json.nlink, 3, 'after rmdir');
  await rename('rm', { from: 'n/b', to: 'b2' });
  t.equal((await stat('rm', 'n')).json.nlink, 2, 'after moving a subdir out');
  t.equal((await stat('rm', '')).json.nlink, 2 + 3, 'root: tree, n, b2');
});

t.test('rename', async (t) => {
  await mkfs('rn');
  const a = await mkfile('rn', 'a');
  t.equal((await rename('rn', { from: 'a', to: 'b' })).status, 204, 'simple rename');
  problem(t, await stat('rn', 'a'), 404, 'ENOENT', 'old name gone');
  t.equal(await ino('rn', 'b'), a, 'new name, same inode');
  t.equal((await rename('rn', { from: 'b', to: 'b' })).status, 204, 'onto itself');

  await mkdir('rn', 'd1');
  await mkdir('rn', 'd2');
  const x = await mkfile('rn', 'd1/x');
  t.equal((await rename('rn', { from: 'd1/x', to: 'd2/y' })).status, 204, 'across directories');
  t.same(names(await api('GET', '/v1/fs/rn/dirs/d1')), []);
  t.equal(await ino('rn', 'd2/y'), x);

  const r1 = await mkfile('rn', 'r1', 'one');
  await mkfile('rn', 'r2', 'two');
  t.equal((await rename('rn', { from: 'r1', to: 'r2' })).status, 204, 'replace a file');
  t.equal(await ino('rn', 'r2'), r1);
  t.equal(await (await fetch(`${s.url}/v1/fs/rn/files/r2`)).text(), 'one', 'the replaced name reads the moved file');
  problem(t, await stat('rn', 'r1'), 404, 'ENOENT');

  const n1 = await mkfile('rn', 'n1');
  const n2 = await mkfile('rn', 'n2');
  problem(t, await rename('rn', { from: 'n1', to: 'n2', noReplace: true }), 409, 'EEXIST', 'noReplace');
  t.same([await ino('rn', 'n1'), await ino('rn', 'n2')], [n1, n2], 'both untouched');
  t.equal((await rename('rn', { from: 'n1', to: 'n2', exchange: true })).status, 204, 'exchange');
  t.same([await ino('rn', 'n1'), await ino('rn', 'n2')], [n2, n1], 'swapped');
  problem(
    t,
    await rename('rn', { from: 'n1', to: 'none', exchange: true }),
    404,
    'ENOENT',
    'exchange with a missing name',
  );
  problem(t, await rename('rn', { from: 'none', to: 'z' }), 404, 'ENOENT', 'rename of a missing name');

  // Exchange across directories, one side a directory; its ".." must follow it.
  await mkdir('rn', 'x1');
  const marker = await mkfile('rn', 'x1/marker');
  const xf = await mkfile('rn', 'x1/file');
  const sub = await mkdir('rn', 'x2/sub');
  await mkfile('rn', 'x2/sub/inner');
  t.equal(
    (await rename('rn', { from: 'x1/file', to: 'x2/sub', exchange: true })).status,
    204,
    'exchange file ↔ dir across dirs',
  );
  t.match((await stat('rn', 'x1/file')).json, { ino: sub, type: 'dir' });
  t.match((await stat('rn', 'x2/sub')).json, { ino: xf, type: 'file' });
  t.equal((await stat('rn', 'x1/file/inner')).status, 200, 'the dir moved with its contents');
  t.equal((await stat('rn', 'x1')).json.nlink, 3, 'x1 gained a subdirectory');
  t.equal((await stat('rn', 'x2')).json.nlink, 2, 'x2 lost one');
  await symlink('rn', 'x1/file/back', '../marker');
  t.equal((await stat('rn', 'x1/file/back', true)).json?.ino, marker, '".." of the moved dir is its new parent');

  await mkdir('rn', 's/t/u');
  problem(t, await rename('rn', { from: 's', to: 's/t/u/v' }), 400, 'EINVAL', 'dir into its own subtree');
  problem(t, await rename('rn', { from: 's', to: 's/v' }), 400, 'EINVAL', 'dir into itself');
  problem(t, await rename('rn', { from: 's/t', to: 's/t/u/t' }), 400, 'EINVAL', 'subdir into its subtree');
  t.equal((await stat('rn', 's/t/u')).status, 200, 'tree unchanged');

  const df = await mkdir('rn', 'df');
  await mkfile('rn', 'ff');
  await mkdir('rn', 'ne');
  await mkfile('rn', 'ne/x');
  await mkdir('rn', 'em');
  problem(t, await rename('rn', { from: 'df', to: 'ff' }), 409, 'ENOTDIR', 'dir onto a file');
  problem(t, await rename('rn', { from: 'ff', to: 'df' }), 409, 'EISDIR', 'file onto a dir');
  problem(t, await rename('rn', { from: 'df', to: 'ne' }), 409, 'ENOTEMPTY', 'onto a non-empty dir');
  const rootLinks = (await stat('rn', '')).json.nlink;
  t.equal((await rename('rn', { from: 'df', to: 'em' })).status, 204, 'onto an empty dir');
  t.equal(await ino('rn', 'em'), df);
  problem(t, await stat('rn', 'df'), 404, 'ENOENT');
  t.equal((await stat('rn', '')).json.nlink, rootLinks - 1, 'the replaced dir no longer counts');

  const d2 = (await ino('rn', 'd2'))!;
  const re = await api('POST', '/v1/fs/rn/rename-entry', { parent: d2, name: 'y', newParent: 1, newName: 'yy' });
  t.equal(re.status, 204, 'renameEntry by inode');
  t.equal(await ino('rn', 'yy'), x);
  problem(
    t,
    await api('POST', '/v1/fs/rn/rename-entry', { parent: 1, name: 'yy', newParent: 1, newName: 'b', noReplace: true }),
    409,
    'EEXIST',
    'renameEntry noReplace',
  );
  t.equal(
    (
      await api('POST', '/v1/fs/rn/rename-entry', {
        parent: 1,
        name: 'yy',
        newParent: d2,
        newName: 'n',
        exchange: false,
      })
    ).status,
    204,
  );
});

t.test('symlinks: lstat vs stat, intermediate links, loops', async (t) => {
  await mkfs('sl');
  await mkdir('sl', 'tgt');
  const inTgt = await mkfile('sl', 'tgt/file.txt', 'target contents');
  await symlink('sl', 'ln', 'tgt/file.txt');
  const l = await stat('sl', 'ln');
  t.match(l.json, { type: 'symlink', target: 'tgt/file.txt', length: 12 }, 'statPath shows the link');
  t.match((await stat('sl', 'ln', true)).json, { type: 'file', ino: inTgt }, 'follow=true shows the target');
  t.equal(await (await fetch(`${s.url}/v1/fs/sl/files/ln`)).text(), 'target contents', 'download follows');
  const cases: [string, string, string][] = [
    ['rel', 'tgt', 'rel/file.txt'],
    ['abs', '/tgt', 'abs/file.txt'],
    ['deep/er/up', '../../tgt', 'deep/er/up/file.txt'],
    ['deep/rel', 'er/up', 'deep/rel/file.txt'],
    ['dots', './tgt/../tgt', 'dots/file.txt'],
    ['rootup', '../../tgt', 'rootup/file.txt'],
  ];
  await mkdir('sl', 'deep/er');
  for (const [at, target, via] of cases) {
    t.equal((await symlink('sl', at, target)).status, 201, `symlink ${at} → ${target}`);
    t.equal(await ino('sl', via), inTgt, `${via} resolves through ${target}`);
  }
  await symlink('sl', 'loop1', 'loop2');
  await symlink('sl', 'loop2', 'loop1');
  await symlink('sl', 'self', 'self');
  t.equal((await stat('sl', 'loop1')).json?.type, 'symlink', 'lstat of a looping link is fine');
  problem(t, await stat('sl', 'loop1', true), 400, 'ELOOP', 'stat of a loop');
  problem(t, await stat('sl', 'loop1/x'), 400, 'ELOOP', 'walking through a loop');
  problem(t, await stat('sl', 'self/x'), 400, 'ELOOP', 'self loop');
  problem(t, await api('GET', '/v1/fs/sl/files/self'), 400, 'ELOOP', 'download of a loop');
  problem(t, await stat('sl', 'ln/x'), 409, 'ENOTDIR', 'through a link to a file');
  problem(t, await stat('sl', 'dangling', true), 404, 'ENOENT', 'stat of a missing name');
  await symlink('sl', 'dangling', 'nowhere');
  problem(t, await stat('sl', 'dangling', true), 404, 'ENOENT', 'stat of a dangling link');
  t.equal((await del('sl', 'ln')).status, 204, 'deletePath removes the link');
  t.equal(await ino('sl', 'tgt/file.txt'), inTgt, 'not its target');
});

t.test('xattrs', async (t) => {
  await mkfs('xa');
  const f = await mkfile('xa', 'f');
  const X = `/v1/fs/xa/inodes/${f}/xattrs`;
  t.equal((await api('PUT', `${X}/user.text`, { value: 'héllo ✓', encoding: 'utf8' })).status, 204);
  t.same((await api('GET', `${X}/user.text?encoding=utf8`)).json, {
    name: 'user.text',
    value: 'héllo ✓',
    encoding: 'utf8',
  });
  t.equal(
    (await api('GET', `${X}/user.text`)).json.value,
    Buffer.from('héllo ✓').toString('base64'),
    'base64 by default',
  );
  const bin = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  t.equal((await api('PUT', `${X}/user.bin`, { value: bin.toString('base64'), encoding: 'base64' })).status, 204);
  t.equal((await api('GET', `${X}/user.bin?encoding=base64`)).json.value, bin.toString('base64'), 'binary round trip');
  t.same((await api('GET', X)).json.names.sort(), ['user.bin', 'user.text']);
  problem(
    t,
    await api('PUT', `${X}/user.text`, { value: 'x', encoding: 'utf8', mode: 'create' }),
    409,
    'EEXIST',
    'create when set',
  );
  problem(
    t,
    await api('PUT', `${X}/user.none`, { value: 'eA==', mode: 'replace' }),
    404,
    'ENODATA',
    'replace when absent',
  );
  t.equal((await api('PUT', `${X}/user.text`, { value: 'new', encoding: 'utf8', mode: 'replace' })).status, 204);
  t.equal((await api('GET', `${X}/user.text?encoding=utf8`)).json.value, 'new');
  t.equal(
    (await api('PUT', `${X}/user.fresh`, { value: '', mode: 'create' })).status,
    204,
    'create when absent; empty value',
  );
  t.equal((await api('GET', `${X}/user.fresh`)).json.value, '');
  t.equal((await api('DELETE', `${X}/user.text`)).status, 204);
  problem(t, await api('GET', `${X}/user.text`), 404, 'ENODATA', 'get after remove');
  problem(t, await api('DELETE', `${X}/user.text`), 404, 'ENODATA', 'remove twice');
  t.same((await api('GET', X)).json.names.sort(), ['user.bin', 'user.fresh']);
  problem(t, await api('GET', '/v1/fs/xa/inodes/99999/xattrs'), 404, 'ENOENT', 'xattrs of a missing inode');
});
