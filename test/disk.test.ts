// writeFully on a real filesystem that fills up (a tmpfs): the kernel takes the first part of
// a write that does not fit and reports a short count; writeFully asks for the rest and fails
// with ENOSPC, never resolving as if the write were whole.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { isNoSpace, writeFully } from '../src/disk.ts';
import { mountTmpfs } from './support/tmpfs.ts';

t.test('a write that does not fit fails with ENOSPC; one that fits is written whole', async (t) => {
  const fsys = await mountTmpfs(256 * 1024);
  if ('skip' in fsys) return t.plan(0, fsys.skip); // a skip, with the reason
  t.teardown(() => fsys.unmount());
  const path = join(fsys.dir, 'f');
  const fh = await open(path, 'a');
  t.teardown(() => fh.close());
  const parts = Array.from({ length: 7 }, (_, i) => Buffer.alloc(10_000 + i, i));
  const total = parts.reduce((n, p) => n + p.length, 0);
  t.equal(await writeFully(fh, parts), total, 'several buffers, all written');
  const direct = await fh.writev([Buffer.alloc(512 * 1024)]);
  t.ok(direct.bytesWritten < 512 * 1024, `writev alone comes back short (${direct.bytesWritten} bytes), no error`);
  await fh.truncate(total);
  const err = await writeFully(fh, [Buffer.alloc(128 * 1024), Buffer.alloc(384 * 1024)]).catch((e) => e);
  t.ok(isNoSpace(err), `writeFully fails instead: ${err?.code}`);
  t.ok((await stat(path)).size > total, 'having written what fit (the caller cuts it off)');
});
