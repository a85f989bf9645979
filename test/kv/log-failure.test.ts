// When the op log cannot be written (EIO, ENOSPC, …) the memory engine stops (fail-stop):
// the failed change is in memory but not on disk, so the store refuses every later request
// rather than answer from, or snapshot, state a restart would not have; /readyz says why.
// After a restart the failed changes never happened. (Found in review: the change used to
// stay visible, and the shutdown snapshot made a 500 into a committed change.)
import { rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { startServer, tempDir } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('a failed log write stops the store; nothing of it survives a restart', async (t) => {
  const dir = await tempDir();
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  let s = await startServer({ dir });
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'w' })).status, 201);
  t.equal((await call(s.url, 'PUT', '/v1/fs/w/dirs/d')).status, 201);
  t.equal((await call(s.url, 'PUT', '/v1/fs/w/dirs/e', { mode: 0o700 })).status, 201);
  await s.close(); // snapshot at seq S; the next run appends to wal-(S+1).log
  const seq = (s.built.kv.stats() as { seq: number }).seq;

  // Fault injection once the store is open: the next log file is a full disk (writes fail
  // with ENOSPC), as /dev/full simulates.
  s = await startServer({ dir });
  const wal = join(dir, 'meta', `wal-${String(seq + 1).padStart(16, '0')}.log`);
  await symlink('/dev/full', wal);

  const del = await call(s.url, 'DELETE', '/v1/fs/w/files/d');
  t.equal(del.status, 500, `rmdir answered ${del.status}: ${del.json?.detail}`);
  const after = await call(s.url, 'GET', '/v1/fs/w/attrs/d');
  t.equal(after.status, 500, 'the stopped store does not answer from undurable state');
  const chmod = await call(s.url, 'PATCH', '/v1/fs/w/attrs/e', { mode: 0o755 });
  t.equal(chmod.status, 500, `chmod answered ${chmod.status}`);
  const ready = await call(s.url, 'GET', '/readyz');
  t.equal(ready.status, 503, 'readiness fails');
  await s.close().catch((e) => t.comment(`close: ${e}`));

  await rm(wal, { force: true }); // the disk has room again; restart
  s = await startServer({ dir });
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'GET', '/v1/fs/w/attrs/d')).status, 200, 'after restart: the failed rmdir did not happen');
  t.equal(
    (await call(s.url, 'GET', '/v1/fs/w/attrs/e')).json?.mode,
    0o700,
    'after restart: the failed chmod did not happen',
  );
});
