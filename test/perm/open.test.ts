// open(2) for reading and writing, as the API does it: downloadFile/readData need read;
// uploadFile (O_WRONLY|O_CREAT|O_TRUNC) needs write on the file it replaces, or write and
// search on the directory it creates in; writeData and leases need write. Root reads and
// writes anything. A non-root write clears setuid, and setgid when group-executable or when the
// writer is not in the group (Linux file_remove_privs). After pjdfstest open/00, 05-07.
import { runSuite, U1, U2 } from './harness.ts';

const mine = { uid: U1.uid, gid: U1.gid };
const dir = (mode: number, owner = { uid: 0, gid: 0 }) => ({ type: 'dir' as const, mode, ...owner });

runSuite('open', [
  {
    name: 'read its own 0644 file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.read('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'read its own file whose owner bits deny it (0244)',
    setup: (r) => r.make('f', { ...mine, mode: 0o244 }),
    as: 'u1',
    op: (c) => c.read('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "read root's 0640 file as another user",
    setup: (r) => r.make('f', { mode: 0o640 }),
    as: 'u1',
    op: (c) => c.read('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'read a 0640 file of its group',
    setup: (r) => r.make('f', { uid: 0, gid: U2.gid, mode: 0o640 }),
    as: 'u1g',
    op: (c) => c.read('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'read a 0640 file of a group it is not in',
    setup: (r) => r.make('f', { uid: 0, gid: U2.gid, mode: 0o640 }),
    as: 'u1',
    op: (c) => c.read('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'read a mode 0 file',
    setup: (r) => r.make('f', { ...mine, mode: 0 }),
    as: 'u1',
    op: (c) => c.read('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'read through a directory it may not search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f', { mode: 0o644 });
      await r.chmod('d', 0o644);
    },
    as: 'u1',
    op: (c) => c.read('d/f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'readData by inode of a 0600 file',
    setup: (r) => r.make('f', { mode: 0o600 }),
    as: 'u1',
    op: (c) => c.readData('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'readData by inode of a 0604 file',
    setup: (r) => r.make('f', { mode: 0o604 }),
    as: 'u1',
    op: (c) => c.readData('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'read a missing file',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.read('d/none'),
    expect: 'ENOENT',
    root: 'ENOENT',
  },
  {
    name: 'write (replace) its own 0644 file',
    setup: (r) => r.make('f', { ...mine, mode: 0o644 }),
    as: 'u1',
    op: (c) => c.upload('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "write (replace) root's 0644 file",
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.upload('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'write (replace) a 0666 file in a directory it may not write',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f', { mode: 0o666 });
    },
    as: 'u1',
    op: (c) => c.upload('d/f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: "write (replace) root's mode 0 file",
    setup: (r) => r.make('f', { mode: 0 }),
    as: 'u1',
    op: (c) => c.upload('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: "create a file in root's 0755 directory",
    setup: (r) => r.make('d', dir(0o755)),
    as: 'u1',
    op: (c) => c.upload('d/new'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'create a file in a 0777 directory: the creator owns it',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.upload('d/new', 'x', 0o640),
    expect: { outcome: 'OK', stat: { path: 'd/new', uid: U1.uid, gid: U1.gid, mode: 0o640 } },
    root: { outcome: 'OK', stat: { path: 'd/new', uid: 0, gid: 0, mode: 0o640 } },
  },
  {
    name: 'create a file in a setgid directory: the directory’s group',
    setup: (r) => r.make('d', dir(0o2777, { uid: 0, gid: U2.gid })),
    as: 'u1',
    op: (c) => c.upload('d/new', 'x', 0o644),
    expect: { outcome: 'OK', stat: { path: 'd/new', uid: U1.uid, gid: U2.gid, mode: 0o644 } },
    root: { outcome: 'OK', stat: { path: 'd/new', gid: U2.gid } },
  },
  {
    name: 'create a group-executable setgid file in a group it is not in: setgid dropped',
    setup: (r) => r.make('d', dir(0o2777, { uid: 0, gid: U2.gid })),
    as: 'u1',
    op: (c) => c.upload('d/new', 'x', 0o2755),
    expect: { outcome: 'OK', stat: { path: 'd/new', gid: U2.gid, mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'd/new', gid: U2.gid, mode: 0o2755 } },
  },
  {
    name: 'O_EXCL on an existing file in a directory it may only search',
    setup: async (r) => {
      await r.make('d', dir(0o755));
      await r.make('d/f', { mode: 0o644 });
    },
    as: 'u1',
    op: (c) => c.upload('d/f', 'x', undefined, { 'if-none-match': '*' }),
    expect: 'EPRECONDITION',
    root: 'EPRECONDITION',
  },
  {
    name: 'write a directory',
    setup: (r) => r.make('d', dir(0o777)),
    as: 'u1',
    op: (c) => c.upload('d'),
    expect: 'EISDIR',
    root: 'EISDIR',
  },
  {
    name: 'writeData to a 0666 file of root',
    setup: (r) => r.make('f', { mode: 0o666 }),
    as: 'u1',
    op: (c) => c.writeData('f'),
    expect: 'OK',
    root: 'OK',
  },
  {
    name: 'writeData to a 0644 file of root',
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.writeData('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'writeData by the owner clears setuid',
    setup: (r) => r.make('f', { ...mine, mode: 0o4755 }),
    as: 'u1',
    op: (c) => c.writeData('f'),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o4755 } },
  },
  {
    name: 'writeData clears a group-executable setgid',
    setup: (r) => r.make('f', { ...mine, mode: 0o2775 }),
    as: 'u1',
    op: (c) => c.writeData('f'),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o775 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2775 } },
  },
  {
    name: 'writeData by a writer outside the group clears setgid without group execute',
    setup: (r) => r.make('f', { uid: 0, gid: U2.gid, mode: 0o2666 }),
    as: 'u1',
    op: (c) => c.writeData('f'),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o666 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o2666 } },
  },
  {
    name: 'an upload replacing a setuid file clears it',
    setup: (r) => r.make('f', { ...mine, mode: 0o4755 }),
    as: 'u1',
    op: (c) => c.upload('f'),
    expect: { outcome: 'OK', stat: { path: 'f', mode: 0o755 } },
    root: { outcome: 'OK', stat: { path: 'f', mode: 0o4755 } },
  },
  {
    name: 'a writer lease on a file it may not write',
    setup: (r) => r.make('f', { mode: 0o644 }),
    as: 'u1',
    op: (c) => c.lease('f'),
    expect: 'EACCES',
    root: 'OK',
  },
  {
    name: 'a writer lease on a file it may write',
    setup: (r) => r.make('f', { mode: 0o646 }),
    as: 'u1',
    op: (c) => c.lease('f'),
    expect: 'OK',
    root: 'OK',
  },
]);
