// unlink(2): search on the walk, ENOENT, then write and search on the parent (EACCES), then the
// sticky bit (EPERM unless the caller owns the entry or the directory), then the type (EISDIR).
// After pjdfstest unlink/00, 05-07, 11.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const theirs = { uid: U2.uid, gid: U2.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('unlink', [
  {
    name: 'its own file in its own directory',
    setup: async (r) => {
      await r.make('d', dir(0o755, mine));
      await r.make('d/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "root's 0600 file in a 0777 directory (the file's mode does not matter)",
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/f', { mode: 0o600 });
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "its own file in root's 0755 directory",
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a directory it may write but not search (0666)',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/f', mine);
      await r.chmod('d', 0o666);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "sticky directory: another user's file",
    setup: async (r) => {
      await r.make('d', dir(0o1777));
      await r.make('d/f', theirs);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'sticky directory: its own file',
    setup: async (r) => {
      await r.make('d', dir(0o1777));
      await r.make('d/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "sticky directory it owns: another user's file",
    setup: async (r) => {
      await r.make('d', dir(0o1777, mine));
      await r.make('d/f', theirs);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "sticky directory: another user's symlink",
    setup: async (r) => {
      await r.make('d', dir(0o1777));
      await r.make('d/l', { type: 'symlink', target: 'x', ...theirs });
    },
    as: 'u1',
    op: (c) => c.unlink('d/l'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'a missing name in a directory it may only search',
    setup: (r) => r.make('d', dir(0o555)),
    as: 'u1',
    op: (c) => c.unlink('d/none'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'an existing name in a directory it may only search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f', mine);
      await r.chmod('d', 0o555);
    },
    as: 'u1',
    op: (c) => c.unlink('d/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'search denied on a grandparent',
    setup: async (r) => {
      await r.make('a', dir(0o700));
      await r.make('a/b', dir(0o777));
      await r.make('a/b/f', mine);
    },
    as: 'u1',
    op: (c) => c.unlink('a/b/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'unlink (type nondir) of a directory: permission first, then EISDIR',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/x', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'nondir'),
    expect: 'EACCES',
    root: 'EISDIR',
  },
  {
    name: 'unlink (type nondir) of a directory in a writable parent',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('d/x', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.removeEntry('d/x', 'nondir'),
    expect: 'EISDIR',
    root: 'EISDIR',
  },
  {
    name: 'unlink by inode in a group-writable directory of its group',
    setup: async (r) => {
      await r.make('d', dir(0o770, { uid: 0, gid: U2.gid }));
      await r.make('d/f', { mode: 0o600 });
    },
    as: 'u1g',
    op: (c) => c.removeEntry('d/f', 'nondir'),
    expect: 'OK',
    root: 'OK',
  },
]);
