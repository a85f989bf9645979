// When several errors apply, the namespace answers the one Linux answers (DESIGN §6: "Errors
// follow the same call's errno rules"). Each row names the rule it follows, from the man pages
// and the order of checks in the kernel's VFS (fs/namei.c):
// - a path is walked before its last name is looked at: ENOENT / ENOTDIR of a parent first, and
//   a name too long (ENAMETOOLONG) only when the walk reaches it;
// - link(2): the old path is resolved first, then the new name must be free (EEXIST), and only
//   then is a directory refused (EPERM);
// - rename(2): the source must exist (ENOENT); RENAME_NOREPLACE refuses an existing target
//   (EEXIST) and RENAME_EXCHANGE a missing one (ENOENT) at lookup; then a source that is an
//   ancestor of the target is EINVAL and a target that is an ancestor of the source ENOTEMPTY
//   (EINVAL with RENAME_EXCHANGE); then the types (ENOTDIR, EISDIR); then ENOTEMPTY;
// - mkdir(2), symlink(2), creat(2): EEXIST for a taken name, EISDIR opening a directory;
//   symlink(2) copies its target in before any lookup, so an empty target is ENOENT first;
//   a full quota (EDQUOT) or disk (ENOSPC) comes from the filesystem's create, after EEXIST;
// - unlink(2) / rmdir(2): ENOENT, EISDIR / ENOTDIR, ENOTEMPTY; the root is EBUSY.
import t from 'tap';
import { call } from '../support/api.ts';
import { startServer } from '../support/server.ts';

const LONG = 'n'.repeat(256);
type Row = [what: string, method: string, path: string, body: unknown, errno: string];

t.test('errno precedence follows Linux', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const F = '/v1/fs/errno';
  await call(s.url, 'POST', '/v1/fs', { name: 'errno' });
  // /f  /d/f  /d/sub/g  /e/  (d and d/sub are not empty, e is)
  await fetch(`${s.url}${F}/files/f`, { method: 'PUT', body: 'f' });
  await fetch(`${s.url}${F}/files/d/sub/g?parents=true`, { method: 'PUT', body: 'g' });
  await fetch(`${s.url}${F}/files/d/f`, { method: 'PUT', body: 'f' });
  await call(s.url, 'PUT', `${F}/dirs/e`);
  const file = (await call(s.url, 'GET', `${F}/attrs/f`)).json.ino;
  const empty = (await call(s.url, 'GET', `${F}/attrs/e`)).json.ino;
  const dir = (await call(s.url, 'GET', `${F}/attrs/d`)).json.ino;

  const rename = (from: string, to: string, flags: object = {}) => ({ from, to, ...flags });
  const rows: Row[] = [
    // link(2)
    ['link a directory onto a taken name', 'PUT', `${F}/links/f`, { existing: 'd' }, 'EEXIST'],
    ['link a directory into a missing directory', 'PUT', `${F}/links/nope/x`, { existing: 'd' }, 'ENOENT'],
    ['link a directory', 'PUT', `${F}/links/d2`, { existing: 'd' }, 'EPERM'],
    ['link a missing path onto a taken name', 'PUT', `${F}/links/f`, { existing: 'nope' }, 'ENOENT'],
    ['link through a file', 'PUT', `${F}/links/f/x`, { existing: 'd/f' }, 'ENOTDIR'],
    ['linkEntry of a directory onto a taken name', 'PUT', `${F}/inodes/1/entries/f`, { ino: dir }, 'EEXIST'],
    ['linkEntry into a file', 'PUT', `${F}/inodes/${file}/entries/x`, { ino: dir }, 'ENOTDIR'],
    // mkdir(2)
    ['mkdir a taken name', 'PUT', `${F}/dirs/f`, undefined, 'EEXIST'],
    ['mkdir a long name in a missing directory', 'PUT', `${F}/dirs/nope/${LONG}`, undefined, 'ENOENT'],
    ['mkdir under a long name', 'PUT', `${F}/dirs/${LONG}/x`, undefined, 'ENAMETOOLONG'],
    ['mkdir through a file', 'PUT', `${F}/dirs/f/x`, undefined, 'ENOTDIR'],
    ['mkdir the root', 'PUT', `${F}/dirs/%2F`, undefined, 'EEXIST'],
    ['createEntry in a file', 'POST', `${F}/inodes/${file}/entries`, { name: 'x', type: 'dir' }, 'ENOTDIR'],
    ['createEntry of a taken name', 'POST', `${F}/inodes/1/entries`, { name: 'd', type: 'file' }, 'EEXIST'],
    // symlink(2)
    ['symlink at a taken name', 'PUT', `${F}/symlinks/d`, { target: 'x' }, 'EEXIST'],
    ['symlink in a missing directory', 'PUT', `${F}/symlinks/nope/x`, { target: 'x' }, 'ENOENT'],
    // symlink(2) reads the target first: an empty one is ENOENT, whatever the new name is
    ['symlink to an empty target', 'PUT', `${F}/symlinks/x`, { target: '' }, 'ENOENT'],
    ['symlink to an empty target at a taken name', 'PUT', `${F}/symlinks/d`, { target: '' }, 'ENOENT'],
    [
      'createEntry of a symlink to an empty target',
      'POST',
      `${F}/inodes/1/entries`,
      { name: 'x', type: 'symlink', target: '' },
      'ENOENT',
    ],
    // unlink(2), rmdir(2)
    ['delete a missing name', 'DELETE', `${F}/files/nope`, undefined, 'ENOENT'],
    ['delete a non-empty directory', 'DELETE', `${F}/files/d`, undefined, 'ENOTEMPTY'],
    ['delete through a file', 'DELETE', `${F}/files/f/x`, undefined, 'ENOTDIR'],
    ['delete the root', 'DELETE', `${F}/files/%2F`, undefined, 'EBUSY'],
    ['rmdir a file', 'DELETE', `${F}/inodes/1/entries/f?type=dir`, undefined, 'ENOTDIR'],
    ['unlink a directory', 'DELETE', `${F}/inodes/1/entries/e?type=nondir`, undefined, 'EISDIR'],
    ['rmdir a non-empty directory', 'DELETE', `${F}/inodes/1/entries/d?type=dir`, undefined, 'ENOTEMPTY'],
    // rename(2)
    ['rename a missing name onto a taken one', 'POST', `${F}/rename`, rename('nope', 'f'), 'ENOENT'],
    ['rename noReplace onto a taken name', 'POST', `${F}/rename`, rename('f', 'd', { noReplace: true }), 'EEXIST'],
    ['rename noReplace into own subtree', 'POST', `${F}/rename`, rename('d', 'd/sub', { noReplace: true }), 'EEXIST'],
    ['rename exchange with a missing name', 'POST', `${F}/rename`, rename('e', 'nope', { exchange: true }), 'ENOENT'],
    [
      'rename exchange with a missing name in own subtree',
      'POST',
      `${F}/rename`,
      rename('d', 'd/sub/nope', { exchange: true }),
      'ENOENT',
    ],
    ['rename a directory into its own subtree', 'POST', `${F}/rename`, rename('d', 'd/sub/x'), 'EINVAL'],
    ['rename a file onto its ancestor', 'POST', `${F}/rename`, rename('d/sub/g', 'd'), 'ENOTEMPTY'],
    ['rename a directory onto its ancestor', 'POST', `${F}/rename`, rename('d/sub', 'd'), 'ENOTEMPTY'],
    ['rename exchange with an ancestor', 'POST', `${F}/rename`, rename('d/sub', 'd', { exchange: true }), 'EINVAL'],
    ['rename a file onto a directory', 'POST', `${F}/rename`, rename('f', 'e'), 'EISDIR'],
    ['rename a directory onto a file', 'POST', `${F}/rename`, rename('e', 'f'), 'ENOTDIR'],
    ['rename onto a non-empty directory', 'POST', `${F}/rename`, rename('e', 'd'), 'ENOTEMPTY'],
    ['rename through a file', 'POST', `${F}/rename`, rename('f', 'f/x'), 'ENOTDIR'],
    ['rename the root', 'POST', `${F}/rename`, rename('/', 'x'), 'EBUSY'],
    [
      'renameEntry of a file onto its ancestor',
      'POST',
      `${F}/rename-entry`,
      { parent: dir, name: 'f', newParent: 1, newName: 'd' },
      'ENOTEMPTY',
    ],
    [
      'renameEntry onto an empty directory from a file',
      'POST',
      `${F}/rename-entry`,
      { parent: 1, name: 'f', newParent: 1, newName: 'e' },
      'EISDIR',
    ],
    // open(2) with O_CREAT (uploadFile)
    ['upload onto a directory', 'PUT', `${F}/files/e`, 'x', 'EISDIR'],
    ['upload into a missing directory', 'PUT', `${F}/files/nope/x`, 'x', 'ENOENT'],
    ['upload through a file', 'PUT', `${F}/files/f/x`, 'x', 'ENOTDIR'],
  ];
  for (const [what, method, path, body, errno] of rows) {
    const r =
      typeof body === 'string'
        ? await fetch(`${s.url}${path}`, { method, body }).then(async (res) => ({ json: await res.json() }))
        : await call(s.url, method, path, body);
    t.equal(r.json?.code, errno, `${what}: ${errno}`);
  }
  // Nothing above changed the tree.
  const root = await call(s.url, 'GET', `${F}/dirs/%2F`);
  t.same(
    root.json.entries.map((e: { name: string }) => e.name),
    ['d', 'e', 'f'],
    'the root is unchanged',
  );
  t.equal((await call(s.url, 'GET', `${F}/inodes/${empty}`)).json.type, 'dir');
});

t.test('a full inode quota answers EEXIST for a taken name, EDQUOT only for a new one', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const F = '/v1/fs/full';
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'full', inodeQuota: 2 })).status, 201);
  t.equal((await call(s.url, 'PUT', `${F}/dirs/a`)).status, 201);
  t.equal((await call(s.url, 'PUT', `${F}/dirs/b`)).status, 201);
  await new Promise((r) => setTimeout(r, 1100)); // past the 1 s usage cache
  const rows: Row[] = [
    ['mkdir a taken name', 'PUT', `${F}/dirs/a`, undefined, 'EEXIST'],
    ['createEntry of a taken name', 'POST', `${F}/inodes/1/entries`, { name: 'b', type: 'file' }, 'EEXIST'],
    ['symlink at a taken name', 'PUT', `${F}/symlinks/a`, { target: 'x' }, 'EEXIST'],
    ['mkdir in a missing directory', 'PUT', `${F}/dirs/nope/x`, undefined, 'ENOENT'],
    ['mkdir a new name', 'PUT', `${F}/dirs/c`, undefined, 'EDQUOT'],
    ['createEntry of a new name', 'POST', `${F}/inodes/1/entries`, { name: 'c', type: 'file' }, 'EDQUOT'],
    ['symlink at a new name', 'PUT', `${F}/symlinks/c`, { target: 'x' }, 'EDQUOT'],
  ];
  for (const [what, method, path, body, errno] of rows) {
    t.equal((await call(s.url, method, path, body)).json?.code, errno, `${what}: ${errno}`);
  }
  const mkdirP = await call(s.url, 'PUT', `${F}/dirs/a?parents=true`);
  t.equal(mkdirP.status, 200, 'mkdir -p of an existing directory needs no quota');
});
