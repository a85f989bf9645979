// link(2): search on both walks, EEXIST, write and search on the new name's directory, then
// EPERM for a directory. The linked file's own mode does not matter (the kernel's default,
// fs.protected_hardlinks=0, as POSIX). After pjdfstest link/00, 05-07, 10, 11.
import { runSuite, U1 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('link', [
  {
    name: 'its own file into its own directory',
    setup: async (r) => {
      await r.make('d', dir(0o755, mine));
      await r.make('d/f', mine);
    },
    as: 'u1',
    op: (c) => c.link('d/f', 'd/g'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "into root's 0755 directory",
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('f', mine);
    },
    as: 'u1',
    op: (c) => c.link('f', 'd/g'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "root's 0600 file into a 0777 directory",
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('f', { mode: 0o600 });
    },
    as: 'u1',
    op: (c) => c.link('f', 'd/g'),
    expect: { outcome: 'OK', stat: { path: 'd/g', uid: 0, mode: 0o600 } },
    root: 'OK',
  },
  {
    name: 'search denied on the existing file’s directory',
    setup: async (r) => {
      await r.make('s', dir(0o700));
      await r.make('s/f', mine);
      await r.make('d', dir(0o777));
    },
    as: 'u1',
    op: (c) => c.link('s/f', 'd/g'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'an existing new name in a directory it may only search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/g');
      await r.make('f', mine);
    },
    as: 'u1',
    op: (c) => c.link('f', 'd/g'),
    expect: 'EEXIST',
    root: 'EEXIST',
  },
  {
    name: 'a directory, into a writable directory',
    setup: async (r) => {
      await r.make('d', dir(0o777));
      await r.make('x', dir(0o777, mine));
    },
    as: 'u1',
    op: (c) => c.link('x', 'd/y'),
    expect: 'EPERM',
    root: 'EPERM',
  },
  {
    name: 'a directory, into a directory it may not write: EACCES first',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('x', dir(0o777, mine));
    },
    as: 'u1',
    op: (c) => c.link('x', 'd/y'),
    expect: 'EACCES',
    root: 'EPERM',
  },
  {
    name: 'a missing file',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.link('none', 'd/g'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'by inode (linkEntry) into a directory it may not write',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('f', mine);
    },
    as: 'u1',
    op: async (c) => c.req('PUT', `/inodes/${await c.ino('d')}/entries/g`, { ino: await c.ino('f') }),
    expect: 'EACCES',
    root: 'OK',
  },
]);
