// A file shrunk repeatedly to growing lengths (a log rolled back to its last checkpoint)
// keeps a bounded inode record: truncation marks that no longer void any slice are pruned, so
// a file never has more marks than slices. (Found in review: marks used to accumulate without
// bound until every setattr of the file failed with E2BIG.)
import t from 'tap';
import { inodeKey } from '../../src/fs/keys.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('truncation marks accumulate without bound', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'tm' })).status, 201);
  const f = await fetch(`${s.url}/v1/fs/tm/files/log`, { method: 'PUT', body: 'x' });
  const ino = ((await f.json()) as { ino: number }).ino;
  const fsId = (await call(s.url, 'GET', '/v1/fs/tm')).json.id;
  const recordBytes = async () => (await s.built.kv.get(inodeKey(fsId, ino)))!.length;
  const before = await recordBytes();
  const CYCLES = 300;
  for (let k = 1; k <= CYCLES; k++) {
    await call(s.url, 'PATCH', '/v1/fs/tm/attrs/log', { size: 1_000_000 + 2 * k + 1 }); // append
    await call(s.url, 'PATCH', '/v1/fs/tm/attrs/log', { size: 1_000_000 + 2 * k }); // roll back to the checkpoint
  }
  const after = await recordBytes();
  t.comment(
    `inode record: ${before} bytes → ${after} bytes after ${CYCLES} rollbacks (${((after - before) / CYCLES).toFixed(1)} bytes each)`,
  );
  t.ok(after < 4 * before, 'the inode record stays small');
});
