// chown(2): only root gives an inode away; its owner may set the group to one of its own
// groups (EPERM otherwise); a chown of a non-directory clears setuid always, and setgid when
// group-executable or when the caller is not in the group (Linux chown_common); the final
// symlink is not followed (lchown, as setPathAttrs does for ownership). After pjdfstest chown/00, 05-07.
import { runSuite, U1, U1G, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };

runSuite('chown', [
  {
    name: 'giving a file away needs root',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chown('f', U2.uid),
    expect: { outcome: 'EPERM', stat: { path: 'f', uid: U1.uid } },
    root: { outcome: 'OK', stat: { path: 'f', uid: U2.uid } },
  },
  {
    name: '"changing" the owner to itself',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chown('f', U1.uid),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'the owner sets the group to one it is not in',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chown('f', undefined, U2.gid),
    expect: { outcome: 'EPERM', stat: { path: 'f', gid: U1.gid } },
    root: { outcome: 'OK', stat: { path: 'f', gid: U2.gid } },
  },
  {
    name: 'the owner sets the group to a supplementary group of its own',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1g',
    op: (c) => c.chown('f', undefined, U2.gid),
    expect: { outcome: 'OK', stat: { path: 'f', gid: U2.gid } },
    root: { outcome: 'OK', stat: { path: 'f', gid: U2.gid } },
  },
  {
    name: 'the owner keeps its uid and sets its own group in one call',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U2.gid, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.chown('f', U1.uid, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'f', uid: U1.uid, gid: U1.gid } },
    root: 'OK',
  },
  {
    name: 'a non-owner sets the group to its own group',
    setup: (r) => r.make('f', { ...mine, mode: 0o666 }),
    as: 'u2',
    op: (c) => c.chown('f', undefined, U2.gid),
    expect: 'EPERM',
    root: 'OK',
  },
  {
    name: 'search permission denied on the parent',
    setup: async (r) => {
      await r.make('d', { type: 'dir', mode: 0o700 });
      await r.make('d/f', { ...mine });
    },
    as: 'u1',
    op: (c) => c.chown('d/f', undefined, U1.gid),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a missing file',
    setup: (r) => r.make('d', { type: 'dir', mode: 0o777 }),
    as: 'u1',
    op: (c) => c.chown('d/none', U1.uid),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'a chgrp by the owner clears setuid',
    setup: (r) => r.make('f', { uid: U1.uid, gid: U2.gid, mode: 0o4755 }),
    as: 'u1g',
    op: (c) => c.chown('f', undefined, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755, gid: U1.gid } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o755, gid: U1.gid } },
  },
  {
    name: 'a chown clears a group-executable setgid',
    setup: (r) => r.make('f', { ...mine, mode: 0o2755 }),
    as: 'u1',
    op: (c) => c.chown('f', U1.uid, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
  },
  {
    name: 'a chown keeps a setgid without group execute when the caller is in the group',
    setup: (r) => r.make('f', { ...mine, mode: 0o2745 }),
    as: 'u1',
    op: (c) => c.chown('f', undefined, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o2745 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2745 } },
  },
  {
    name: 'a chown of a directory keeps setgid and setuid',
    setup: (r) => r.make('d', { type: 'dir', ...mine, mode: 0o6755 }),
    as: 'u1',
    op: (c) => c.chown('d', undefined, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'd', mode: 0o6755 } },
    root: { outcome: 'OK', stat: { path: 'd', mode: 0o6755 } },
  },
  {
    name: 'a symlink is changed itself, not its target (another user’s link)',
    setup: async (r) => {
      await r.make('f', { ...mine, mode: 0o644 });
      await r.make('l', { type: 'symlink', target: 'f', uid: U2.uid, gid: U2.gid });
    },
    as: 'u1',
    op: (c) => c.chown('l', undefined, U1.gid),
    expect: 'EPERM',
    root: { outcome: 'OK', stat: { path: 'l', gid: U1.gid } },
  },
  {
    name: 'the owner of a symlink changes its group',
    setup: async (r) => {
      await r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o644 });
      await r.make('l', { type: 'symlink', target: 'f', uid: U1.uid, gid: U2.gid });
    },
    as: 'u1',
    op: (c) => c.chown('l', undefined, U1.gid),
    expect: { outcome: 'OK', stat: { path: 'f', gid: U2.gid, follow: true } },
    root: 'OK',
  },
  {
    name: 'group members other than the owner may not chgrp',
    setup: (r) => r.make('f', { uid: U2.uid, gid: U2.gid, mode: 0o664 }),
    as: 'u1g',
    op: (c) => c.chown('f', undefined, U1G.gid),
    expect: 'EPERM',
    root: 'OK',
  },
]);
