// Extended attributes as Linux (fs/xattr.c): user.* need read (get) or write (set, remove) on
// a file or directory, and only its owner changes them on a sticky directory; they cannot be
// on a symlink (EPERM to set, even for root). trusted.* and security.* are root's: ENODATA to
// others on reads, EPERM on changes, and hidden from their listings. system.* and names with
// no namespace are refused (EOPNOTSUPP). listxattr needs no permission on the inode.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };

const withXattr =
  (spec: Parameters<import('./harness.ts').Client['make']>[1], ...names: string[]) =>
  async (r: import('./harness.ts').Client) => {
    await r.make('f', { ...spec, mode: 0o666 });
    for (const n of names) await r.must(r.setXattr('f', n));
    if (spec?.mode !== undefined) await r.must(r.chmod('f', spec.mode));
  };

runSuite('xattrs', [
  {
    name: 'set user.* on its own file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'user.a'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "set user.* on root's 0644 file",
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'user.a'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "set user.* on root's 0666 file",
    setup: (r) => r.make('f', { mode: 0o666 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'user.a'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "get user.* of root's 0600 file",
    setup: withXattr({ mode: 0o600 }, 'user.a'),
    as: 'u1',
    op: (c) => c.getXattr('f', 'user.a'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "get user.* of root's 0644 file",
    setup: withXattr({ mode: 0o644 }, 'user.a'),
    as: 'u1',
    op: (c) => c.getXattr('f', 'user.a'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "remove user.* of root's 0644 file",
    setup: withXattr({ mode: 0o644 }, 'user.a'),
    as: 'u1',
    op: (c) => c.removeXattr('f', 'user.a'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'set trusted.* on its own file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'trusted.a'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'get trusted.* set by root',
    setup: withXattr({ mode: 0o644 }, 'trusted.a'),
    as: 'u1',
    op: (c) => c.getXattr('f', 'trusted.a'),
    expect: 'ENODATA',
    root: 'OK',
  },
  {
    name: 'remove trusted.* set by root',
    setup: withXattr({ ...mine, mode: 0o666 }, 'trusted.a'),
    as: 'u1',
    op: (c) => c.removeXattr('f', 'trusted.a'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'set security.* on its own file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'security.label'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'listing hides trusted.* and security.* from others',
    setup: withXattr({ mode: 0o644 }, 'user.a', 'trusted.b', 'security.c'),
    as: 'u1',
    op: (c) => c.listXattrs('f'),
    expect: { outcome: 'OK', xattrs: { path: 'f', names: ['user.a'] } },
    root: { outcome: 'OK', xattrs: { path: 'f', names: ['security.c', 'trusted.b', 'user.a'] } },
  },
  {
    name: 'listing needs no permission on the file (mode 0)',
    setup: withXattr({ mode: 0 }, 'user.a'),
    as: 'u1',
    op: (c) => c.listXattrs('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'system.* is refused',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'system.posix_acl_access'),
    expect: 'EOPNOTSUPP',
    root: 'EOPNOTSUPP',
  },
  {
    name: 'a name with no namespace is refused',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.setXattr('f', 'comment'),
    expect: 'EOPNOTSUPP',
    root: 'EOPNOTSUPP',
  },
  {
    name: 'user.* on a symlink',
    setup: (r) => r.make('l', { type: 'symlink', target: 'x', ...mine }),
    as: 'u1',
    op: (c) => c.setXattr('l', 'user.a'),
    expect: 'EPERM',
    root: 'EPERM',
  },
  {
    name: 'user.* on a sticky directory that is not its own',
    setup: (r) => r.make('d', { type: 'dir', mode: 0o1777 }),
    as: 'u1',
    op: (c) => c.setXattr('d', 'user.a'),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'user.* on its own sticky directory',
    setup: (r) => r.make('d', { type: 'dir', ...mine, mode: 0o1777 }),
    as: 'u1',
    op: (c) => c.setXattr('d', 'user.a'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'user.* of a group-readable file of its group',
    setup: withXattr({ uid: U2.uid, gid: U2.gid, mode: 0o640 }, 'user.a'),
    as: 'u1g',
    op: (c) => c.getXattr('f', 'user.a'),
    expect: 'OK',
    root: 'OK',
  },
]);
