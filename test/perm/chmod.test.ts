// chmod(2): only the owner or root (EPERM); search on every directory walked (EACCES); a
// non-root owner setting setgid on something of a group it is not in gets the bit cleared
// (Linux setattr_prepare); the final symlink is followed. After pjdfstest chmod/00, 05-07, 11, 12.
import { runSuite, U1, U2 } from './harness.ts';

runSuite('chmod', [
  {
    name: 'the owner changes its file',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0o600),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o600 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o600 } },
  },
  {
    name: 'another user may not',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o666 }),
    as: 'u2',
    op: (c) => c.chmod('f', 0o600),
    expect: { outcome: 'EPERM', stat: { path: 'f', mode: 0o666 } },
    root: 'OK',
  },
  {
    name: 'a member of the group who is not the owner may not',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o664 }),
    as: 'u1g',
    op: (c) => c.chmod('f', 0o777),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'the owner changes its directory',
    setup: (r) => r.make('d', { type: 'dir', uid: U1.uid, gid: U1.gid, mode: 0o755 }),
    as: 'u1',
    op: (c) => c.chmod('d', 0o700),
    expect: { outcome: 'OK', stat: { path: 'd', mode: 0o700 } },
    root: 'OK',
  },
  {
    name: 'search permission denied on the parent',
    setup: async (r) => {
      await r.make('d', { type: 'dir', mode: 0o755 });
      await r.make('d/f', { uid: U1.uid, gid: U1.gid, mode: 0o644 });
      await r.chmod('d', 0o644);
    },
    as: 'u1',
    op: (c) => c.chmod('d/f', 0o600),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'search only (0711) on the parent is enough',
    setup: async (r) => {
      await r.make('d', { type: 'dir', mode: 0o711 });
      await r.make('d/f', { uid: U1.uid, gid: U1.gid, mode: 0o644 });
    },
    as: 'u1',
    op: (c) => c.chmod('d/f', 0o600),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'search denied on a grandparent',
    setup: async (r) => {
      await r.make('a', { type: 'dir', mode: 0o700 });
      await r.make('a/b', { type: 'dir', mode: 0o777 });
      await r.make('a/b/f', { uid: U1.uid, gid: U1.gid });
    },
    as: 'u1',
    op: (c) => c.chmod('a/b/f', 0o600),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a missing file',
    setup: (r) => r.make('d', { type: 'dir', mode: 0o777 }),
    as: 'u1',
    op: (c) => c.chmod('d/none', 0o600),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'a path through a file',
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chmod('f/x', 0o600),
    expect: 'ENOTDIR',
    root: 'ENOTDIR',
  },
  {
    name: 'a symlink loop',
    setup: async (r) => {
      await r.make('l1', { type: 'symlink', target: 'l2' });
      await r.make('l2', { type: 'symlink', target: 'l1' });
    },
    as: 'u1',
    op: (c) => c.chmod('l1/x', 0o600),
    expect: 'ELOOP',
    root: 'ELOOP',
  },
  {
    name: 'setgid on a file of a group the owner is not in is cleared',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U2.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0o2755),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2755 } },
  },
  {
    name: 'setgid on a file of a group the owner is in is kept',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U2.gid, mode: 0o644 }),
    as: 'u1g',
    op: (c) => c.chmod('f', 0o2755),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o2755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2755 } },
  },
  {
    name: 'setgid on a directory of another group is cleared too',
    setup: (r) => r.make('d', { type: 'dir', uid: U1.uid, gid: U2.gid, mode: 0o755 }),
    as: 'u1',
    op: (c) => c.chmod('d', 0o2775),
    expect: { outcome: 'OK', stat: { path: 'd', mode: 0o775 } },
    root: { outcome: 'OK', stat: { path: 'd', mode: 0o2775 } },
  },
  {
    name: 'setuid by the owner is kept',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o755 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0o4755),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o4755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o4755 } },
  },
  {
    name: 'the sticky bit on a file (Linux allows it)',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0o1644),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o1644 } },
    root: 'OK',
  },
  {
    name: 'through a symlink to another user’s file (followed)',
    setup: async (r) => {
      await r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 });
      await r.make('d', { type: 'dir', uid: U1.uid, gid: U1.gid, mode: 0o755 });
      await r.make('d/l', { type: 'symlink', target: '../f', uid: U1.uid, gid: U1.gid });
    },
    as: 'u1',
    op: (c) => c.chmod('d/l', 0o600),
    expect: { outcome: 'EPERM', stat: { path: 'f', mode: 0o666 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o600 } },
  },
  {
    name: 'through a symlink to its own file',
    setup: async (r) => {
      await r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o644 });
      await r.make('l', { type: 'symlink', target: 'f' });
    },
    as: 'u1',
    op: (c) => c.chmod('l', 0o640),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o640 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o640 } },
  },
  {
    name: 'the owner may remove every permission of its own file',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0 } },
    root: 'OK',
  },
  {
    name: 'an owner whose file has mode 0 may still chmod it',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U1.gid, mode: 0 }),
    as: 'u1',
    op: (c) => c.chmod('f', 0o600),
    expect: 'OK',
    root: 'OK',
  },
]);
