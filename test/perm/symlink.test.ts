// symlink(2): search on the walk, EEXIST, then write and search on the parent; the link is the
// caller's (in the parent's group when it is setgid); its target is never checked.
// After pjdfstest symlink/00, 05-07, 08.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('symlink', [
  {
    name: 'in its own directory',
    setup: (r) => r.make('d', dir(0o755, mine)),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: { outcome: 'OK', stat: { path: 'd/l', uid: U1.uid, gid: U1.gid, mode: 0o777 } },
    root: { outcome: 'OK', stat: { path: 'd/l', uid: 0, gid: 0 } },
  },
  {
    name: "in root's 0755 directory",
    setup: (r) => r.make('d', dir(0o755)),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'in a 0777 directory',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'in a directory it may write but not search',
    setup: (r) => r.make('d', dir(0o766)),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'an existing name in a directory it may only search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/l');
    },
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: 'EEXIST',
    root: 'EEXIST',
  },
  {
    name: 'search denied on a grandparent',
    setup: async (r) => {
      await r.make('a', dir(0o700));
      await r.make('a/b', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.symlink('target', 'a/b/l'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'in a setgid directory: the directory’s group',
    setup: (r) => r.make('d', dir(0o2777, { uid: 0, gid: U2.gid })),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/l'),
    expect: { outcome: 'OK', stat: { path: 'd/l', uid: U1.uid, gid: U2.gid } },
    root: { outcome: 'OK', stat: { path: 'd/l', gid: U2.gid } },
  },
  {
    name: 'a target it could never reach',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('secret', dir(0o700));
    },
    as: 'u1',
    op: (c) => c.symlink('../secret/x', 'd/l'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a missing parent',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.symlink('target', 'd/none/l'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'following it later needs search on the target’s directories',
    setup: async (r) => {
      await r.make('secret', dir(0o700));
      await r.make('secret/f', { mode: 0o644 });
      await r.make('l', { type: 'symlink', target: 'secret/f' });
    },
    as: 'u1',
    op: (c) => c.read('l'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: '".." in a target needs search on the directory it leaves',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/x', dir(0o700));
      await r.make('f', { mode: 0o644 });
      await r.make('d/l', { type: 'symlink', target: 'x/../../f' });
    },
    as: 'u1',
    op: (c) => c.read('d/l'),
    expect: 'EACCES',
    root: 'OK',
  },
]);
