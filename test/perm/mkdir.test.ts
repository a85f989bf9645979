// mkdir(2): search on every directory walked, then EEXIST, then write and search on the parent
// (EACCES); the new directory is the caller's, in the parent's group when the parent is setgid
// (and setgid itself then); its mode is the one given. After pjdfstest mkdir/00, 05, 06, 10.
import { runSuite, U1, U2 } from './harness.ts';

const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('mkdir', [
  {
    name: 'in its own directory',
    setup: (r) => r.make('d', dir(0o755, U1)),
    as: 'u1',
    op: (c) => c.mkdir('d/x', 0o750),
    expect: { outcome: 'OK', stat: { path: 'd/x', uid: U1.uid, gid: U1.gid, mode: 0o750 } },
    root: { outcome: 'OK', stat: { path: 'd/x', uid: 0, gid: 0, mode: 0o750 } },
  },
  {
    name: "in root's 0755 directory",
    setup: (r) => r.make('d', dir(0o755)),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'write without search (0666)',
    setup: (r) => r.make('d', dir(0o666)),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'search without write (0555)',
    setup: (r) => r.make('d', dir(0o555)),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'group write for a member (0770, group 65533)',
    setup: (r) => r.make('d', dir(0o770, { uid: 0, gid: U2.gid })),
    as: 'u1g',
    op: (c) => c.mkdir('d/x'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'group write for a non-member',
    setup: (r) => r.make('d', dir(0o770, { uid: 0, gid: U2.gid })),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'other write (0777)',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'the owner class decides even when others may (owner 0, others 7)',
    setup: (r) => r.make('d', dir(0o077, U1)),
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'the group class decides for a member (group 0, others 7)',
    setup: (r) => r.make('d', dir(0o707, { uid: 0, gid: U2.gid })),
    as: 'u1g',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'search denied on a grandparent',
    setup: async (r) => {
      await r.make('a', dir(0o700));
      await r.make('a/b', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.mkdir('a/b/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'an existing name in a directory it may only search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/x', dir(0o755));
      await r.chmod('d', 0o555);
    },
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EEXIST',
    root: 'EEXIST',
  },
  {
    name: 'an existing name in a directory it may not search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/x', dir(0o755));
      await r.chmod('d', 0o666);
    },
    as: 'u1',
    op: (c) => c.mkdir('d/x'),
    expect: 'EACCES',
    root: 'EEXIST',
  },
  {
    name: 'a missing parent',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.mkdir('d/none/x'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'a path through a file',
    setup: (r) => r.make('f', { mode: 0o777 }),
    as: 'u1',
    op: (c) => c.mkdir('f/x'),
    expect: 'ENOTDIR',
    root: 'ENOTDIR',
  },
  {
    name: 'a setgid parent passes its group and setgid',
    setup: (r) => r.make('d', dir(0o2777, { uid: 0, gid: U2.gid })),
    as: 'u1',
    op: (c) => c.mkdir('d/x', 0o755),
    expect: { outcome: 'OK', stat: { path: 'd/x', uid: U1.uid, gid: U2.gid, mode: 0o2755 } },
    root: { outcome: 'OK', stat: { path: 'd/x', uid: 0, gid: U2.gid, mode: 0o2755 } },
  },
  {
    name: 'mkdir -p stops where search is denied',
    setup: (r) => r.make('d', dir(0o700)),
    as: 'u1',
    op: (c) => c.req('PUT', `/dirs/${c.dir}/d/x/y?parents=true`),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a symlink to a writable directory is followed',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('l', { type: 'symlink', target: 'd' });
    },
    as: 'u1',
    op: (c) => c.mkdir('l/x'),
    expect: { outcome: 'OK', stat: { path: 'd/x', uid: U1.uid } },
    root: 'OK',
  },
]);
