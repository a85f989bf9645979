// truncate(2) (setattr size): EISDIR or EINVAL for what is not a regular file, then write
// permission on the file (the final symlink followed); a non-root truncate clears setuid and a
// group-executable setgid. After pjdfstest truncate/00, 05-07, 12-14.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };

runSuite('truncate', [
  {
    name: 'its own 0644 file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.truncate('f', 1),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "root's 0644 file",
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.truncate('f', 1),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "root's 0666 file",
    setup: (r) => r.make('f', { mode: 0o666 }),
    as: 'u1',
    op: (c) => c.truncate('f', 100),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'its own file whose owner bits deny writing (0466)',
    setup: (r) => r.make('f', { ...mine, mode: 0o466 }),
    as: 'u1',
    op: (c) => c.truncate('f', 0),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a group-writable file of its group',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o664 }),
    as: 'u1g',
    op: (c) => c.truncate('f', 0),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'search denied on the parent',
    setup: async (r) => {
      await r.make('d', { type: 'dir', mode: 0o755 });
      await r.make('d/f', { mode: 0o666 });
      await r.chmod('d', 0o644);
    },
    as: 'u1',
    op: (c) => c.truncate('d/f', 0),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a directory',
    setup: (r) => r.make('d', { type: 'dir', ...mine, mode: 0o777 }),
    as: 'u1',
    op: (c) => c.truncate('d', 0),
    expect: 'EISDIR',
    root: 'EISDIR',
  },
  {
    name: 'a directory it may not write: still EISDIR first',
    setup: (r) => r.make('d', { type: 'dir', mode: 0o555 }),
    as: 'u1',
    op: (c) => c.truncate('d', 0),
    expect: 'EISDIR',
    root: 'EISDIR',
  },
  {
    name: 'a missing file',
    setup: (r) => r.make('d', { type: 'dir', mode: 0o777 }),
    as: 'u1',
    op: (c) => c.truncate('d/none', 0),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'through a symlink to a file it may not write',
    setup: async (r) => {
      await r.make('f', { mode: 0o644 });
      await r.make('l', { type: 'symlink', target: 'f', ...mine });
    },
    as: 'u1',
    op: (c) => c.truncate('l', 0),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'clears setuid (non-root)',
    setup: (r) => r.make('f', { ...mine, mode: 0o4755 }),
    as: 'u1',
    op: (c) => c.truncate('f', 0),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o4755 } },
  },
  {
    name: 'clears a group-executable setgid (non-root)',
    setup: (r) => r.make('f', { ...mine, mode: 0o2775 }),
    as: 'u1',
    op: (c) => c.truncate('f', 0),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o775 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2775 } },
  },
  {
    name: 'keeps setgid without group execute when the writer is in the group',
    setup: (r) => r.make('f', { ...mine, mode: 0o2664 }),
    as: 'u1',
    op: (c) => c.truncate('f', 0),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o2664 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2664 } },
  },
  {
    name: 'a truncate by inode of a file it may not write',
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: async (c) => c.req('PATCH', `/inodes/${await c.ino('f')}`, { size: 0 }),
    expect: 'EACCES',
    root: 'OK',
  },
]);
