// rename(2): search on both walks, ENOENT, noReplace/exchange at lookup, then may_delete of the
// source (write and search, sticky), may_create or may_delete at the destination, write on a
// directory whose parent changes (its ".." is rewritten), then the types (EISDIR/ENOTDIR) and
// ENOTEMPTY. Renaming a file onto another name of itself does nothing and is not checked.
// After pjdfstest rename/00, 05-07, 09, 10, 21.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const theirs = { uid: U2.uid, gid: U2.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('rename', [
  {
    name: 'its own file within its own directory',
    setup: async (r) => {
      await r.make('d', dir(0o755, mine));
      await r.make('d/f', mine);
    },
    as: 'u1',
    op: (c) => c.rename('d/f', 'd/g'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a source directory it may not write',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f', mine);
      await r.make('t', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a destination directory it may not write',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('t', dir(0o755));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a destination directory it may not search',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('t', dir(0o776));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "sticky source directory: another user's file",
    setup: async (r) => {
      await r.make('s', dir(0o1777));
      await r.make('s/f', theirs);
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/g'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'sticky source directory: its own file',
    setup: async (r) => {
      await r.make('s', dir(0o1777));
      await r.make('s/f', mine);
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/g'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "sticky destination: replacing another user's file",
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('t', dir(0o1777));
      await r.make('t/f', theirs);
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/f'),
    expect: { outcome: 'EPERM', stat: { path: 't/f', uid: U2.uid } },
    root: { outcome: 'OK', stat: { path: 't/f', uid: U1.uid } },
  },
  {
    name: 'sticky destination: a new name',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('t', dir(0o1777));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/new'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'moving a directory it may not write to another parent (its ".." changes)',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/x', dir(0o755));
      await r.make('t', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.rename('s/x', 't/x'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'renaming a directory it may not write within its parent',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/x', dir(0o755));
    },
    as: 'u1',
    op: (c) => c.rename('s/x', 's/y'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'moving its own directory to another parent',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/x', dir(0o755, mine));
      await r.make('t', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.rename('s/x', 't/x'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'exchange with a directory it may not write across parents',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('t', dir(0o777));
      await r.make('t/x', dir(0o755));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 't/x', { exchange: true }),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a missing source in a directory it may search',
    setup: (r) => r.make('s', dir(0o555)),
    as: 'u1',
    op: (c) => c.rename('s/none', 's/g'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'noReplace onto an existing name in a directory it may not write: EEXIST first',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f');
      await r.make('s/g');
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/g', { noReplace: true }),
    expect: 'EEXIST',
    root: 'EEXIST',
  },
  {
    name: 'exchange with a missing name: ENOENT first',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f');
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/none', { exchange: true }),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'search denied on the source parent',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.chmod('s', 0o776);
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 'g'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'onto another name of the same file, in a directory it may not write',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f');
      await r.must(r.link('s/f', 's/g'));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/g'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a file onto a directory, with permission: EISDIR',
    setup: async (r) => {
      await r.make('s', dir(0o777));
      await r.make('s/f', mine);
      await r.make('s/x', dir(0o777, mine));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/x'),
    expect: 'EISDIR',
    root: 'EISDIR',
  },
  {
    name: 'a file onto a directory, without permission: EACCES first',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f', mine);
      await r.make('s/x', dir(0o777, mine));
    },
    as: 'u1',
    op: (c) => c.rename('s/f', 's/x'),
    expect: 'EACCES',
    root: 'EISDIR',
  },
  {
    name: 'by inode (renameEntry) out of a directory it may not write',
    setup: async (r) => {
      await r.make('s', dir(0o755));
      await r.make('s/f', mine);
      await r.make('t', dir(0o777));
    },
    as: 'u1',
    op: async (c) =>
      c.req('POST', '/rename-entry', {
        parent: await c.ino('s'),
        name: 'f',
        newParent: await c.ino('t'),
        newName: 'f',
      }),
    expect: 'EACCES',
    root: 'OK',
  },
]);
