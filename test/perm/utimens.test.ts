// utimensat(2): explicit times need the owner or root (EPERM); setting them to "now" (every
// given time "now", UTIME_NOW; an omitted one is UTIME_OMIT) is allowed to anyone who may
// write the file (EACCES otherwise). After pjdfstest utimensat/00-09.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const T = '2001-02-03T04:05:06.123456789Z';

runSuite('utimens', [
  {
    name: 'the owner sets explicit times',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.utimens('f', T, T),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'another user with write permission sets explicit times',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 }),
    as: 'u1',
    op: (c) => c.utimens('f', T, T),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'another user with write permission sets both to now',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 }),
    as: 'u1',
    op: (c) => c.utimens('f', 'now', 'now'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'another user without write permission sets both to now',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.utimens('f', 'now', 'now'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'the owner sets now on its read-only file',
    setup: (r) => r.make('f', { ...mine, mode: 0o444 }),
    as: 'u1',
    op: (c) => c.utimens('f', 'now', 'now'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'one explicit time and one now, by a writer who is not the owner',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 }),
    as: 'u1',
    op: (c) => c.utimens('f', 'now', T),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'mtime now and atime omitted, by a writer who is not the owner',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 }),
    as: 'u1',
    op: (c) => c.utimens('f', undefined, 'now'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'a group writer sets now',
    setup: (r) => r.make('f', { uid: 0, gid: U2.gid, mode: 0o664 }),
    as: 'u1g',
    op: (c) => c.utimens('f', 'now', 'now'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'explicit times on a directory it owns',
    setup: (r) => r.make('d', { type: 'dir', ...mine, mode: 0o755 }),
    as: 'u1',
    op: (c) => c.utimens('d', T, T),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'search denied on the parent',
    setup: async (r) => {
      await r.make('d', { type: 'dir', mode: 0o700 });
      await r.make('d/f', { ...mine, mode: 0o644 });
    },
    as: 'u1',
    op: (c) => c.utimens('d/f', T, T),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'explicit times by inode on another user’s file',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o666 }),
    as: 'u1',
    op: async (c) => c.req('PATCH', `/inodes/${await c.ino('f')}`, { mtime: T }),
    expect: 'EPERM',
    root: 'OK',
  },
]);
