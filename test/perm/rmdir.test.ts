// rmdir(2) and recursive removal: write and search on the parent, the sticky bit, then
// ENOTEMPTY. A recursive delete by a user removes only what `rm -r` run by that user could:
// read, write and search on every directory of the tree, and the sticky rules inside it.
// After pjdfstest rmdir/00, 05-07, 11.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const theirs = { uid: U2.uid, gid: U2.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('rmdir', [
  {
    name: 'its own empty directory in its own directory',
    setup: async (r) => {
      await r.make('d', dir(0o755, mine));
      await r.make('d/x', dir(0o755, mine));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "an empty directory in root's 0755 directory",
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/x', dir(0o777, mine));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "sticky parent: another user's directory",
    setup: async (r) => {
      await r.make('d', dir(0o1777));
      await r.make('d/x', dir(0o777, theirs));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'sticky parent: its own directory',
    setup: async (r) => {
      await r.make('d', dir(0o1777));
      await r.make('d/x', dir(0o755, mine));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a non-empty directory in a parent it may not write: EACCES before ENOTEMPTY',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/x', dir(0o777));
      await r.make('d/x/f');
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'EACCES',
    root: 'ENOTEMPTY',
  },
  {
    name: 'a non-empty directory in a writable parent',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/x', dir(0o777));
      await r.make('d/x/f');
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'dir'),
    expect: 'ENOTEMPTY',
    root: 'ENOTEMPTY',
  },
  {
    name: 'rmdir (type dir) of a file in a writable parent',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/f');
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/f', 'dir'),
    expect: 'ENOTDIR',
    root: 'ENOTDIR',
  },
  {
    name: 'a missing directory',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.unlink('d/none'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'recursive: a tree it may write throughout',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/t', dir(0o755, mine));
      await r.make('d/t/s', dir(0o755, mine));
      await r.make('d/t/s/f', { mode: 0o600 });
    },
    as: 'u1',
    op: (c) => c.unlink('d/t', true),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'recursive: a subdirectory it may not write',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/t', dir(0o755, mine));
      await r.make('d/t/s', dir(0o755));
      await r.make('d/t/s/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/t', true),
    expect: { outcome: 'EACCES', stat: { path: 'd/t/s/f', uid: U1.uid } },
    root: 'OK',
  },
  {
    name: 'recursive: a subdirectory it may not read (0333)',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/t', dir(0o755, mine));
      await r.make('d/t/s', dir(0o333, mine));
      await r.make('d/t/s/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/t', true),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "recursive: a sticky subdirectory holding another user's file",
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/t', dir(0o755, mine));
      await r.make('d/t/s', dir(0o1777));
      await r.make('d/t/s/f', theirs);
    },
    as: 'u1',
    op: (c) => c.unlink('d/t', true),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'recursive: a tree in a parent it may not write',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/t', dir(0o777, mine));
      await r.make('d/t/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/t', true),
    expect: 'EACCES',
    root: 'OK',
  },
]);
