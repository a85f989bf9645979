// readdir(3) (listDir, readDir): read on the directory; readdirplus (attrs=true) also looks
// each entry up, which needs search; the walk needs search on every directory above.
import { runSuite, U1, U2 } from './harness.ts';

const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('readdir', [
  {
    name: "root's 0755 directory",
    setup: (r) => r.make('d', dir(0o755)),
    as: 'u1',
    op: (c) => c.readdir('d'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a directory it may search but not read (0711)',
    setup: (r) => r.make('d', dir(0o711)),
    as: 'u1',
    op: (c) => c.readdir('d'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a directory it may read but not search (0744): names only',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f');
      await r.chmod('d', 0o744);
    },
    as: 'u1',
    op: (c) => c.readdir('d'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a directory it may read but not search (0744): with attributes',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f');
      await r.chmod('d', 0o744);
    },
    as: 'u1',
    op: (c) => c.req('GET', `/dirs/${c.dir}/d?attrs=true`),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'its own directory whose owner bits deny reading (0311)',
    setup: (r) => r.make('d', dir(0o311, { uid: U1.uid, gid: U1.gid })),
    as: 'u1',
    op: (c) => c.readdir('d'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a group-readable directory of its group (0750)',
    setup: (r) => r.make('d', dir(0o750, { uid: 0, gid: U2.gid })),
    as: 'u1g',
    op: (c) => c.readdir('d'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'under a directory it may not search',
    setup: async (r) => {
      await r.make('a', dir(0o700));
      await r.make('a/d', dir(0o755));
    },
    as: 'u1',
    op: (c) => c.readdir('a/d'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'readDir by inode of a 0700 directory',
    setup: (r) => r.make('d', dir(0o700)),
    as: 'u1',
    op: async (c) => c.req('GET', `/inodes/${await c.ino('d')}/entries`),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'lookup by inode in a directory it may not search',
    setup: async (r) => {
      await r.make('d', dir(0o744));
      await r.make('d/f');
    },
    as: 'u1',
    op: async (c) => c.req('GET', `/inodes/${await c.ino('d')}/entries/f`),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'stat of a path under a directory it may not search',
    setup: async (r) => {
      await r.make('d', dir(0o700));
      await r.make('d/f');
    },
    as: 'u1',
    op: (c) => c.stat('d/f'),
    expect: 'EACCES',
    root: 'OK',
  },
]);
