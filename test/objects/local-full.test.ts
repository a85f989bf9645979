// The file: object store on a full disk (a real tmpfs): a put fails whole with ENOSPC, the
// HTTP answer is 507 with a detail naming the object store, and no temporary file stays behind;
// temporary files a crash left (objects' .tmp/, the metadata snapshot's .tmp, the recovery
// probe) are removed when the server starts. (Found in review: 53 *.tmp-* files after a run.)
import { mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { FsError } from '../../src/errno.ts';
import { LocalObjectStore, TMP_DIR } from '../../src/objects/local.ts';
import { ObjectNotFound } from '../../src/objects/types.ts';
import { call } from '../support/api.ts';
import { startServer, tempDir } from '../support/server.ts';
import { mountTmpfs } from '../support/tmpfs.ts';

const TMPFS_BYTES = 1024 * 1024;
const MiB = 1024 * 1024;

t.test('a put that does not fit fails whole with ENOSPC and leaves no temporary file', async (t) => {
  const fsys = await mountTmpfs(TMPFS_BYTES);
  if ('skip' in fsys) return t.plan(0, fsys.skip); // a skip, with the reason
  t.teardown(() => fsys.unmount());
  const store = await LocalObjectStore.open(join(fsys.dir, 'objects'));
  await store.put('1/1/1/1_0_0', Buffer.alloc(256 * 1024, 1));
  const err = await store.put('1/1/1/2_0_0', Buffer.alloc(2 * MiB, 2)).catch((e) => e);
  t.ok(err instanceof FsError, `a typed error: ${err}`);
  t.equal(err.code, 'ENOSPC');
  t.match(err.message, /disk is full/);
  await t.rejects(store.get('1/1/1/2_0_0'), ObjectNotFound, 'no partial object');
  t.same(await readdir(join(fsys.dir, 'objects', TMP_DIR)), [], 'no temporary file left');
  t.equal((await store.get('1/1/1/1_0_0')).length, 256 * 1024, 'earlier objects are intact');
});

t.test('uploads and synced writes on a full object disk answer 507 ENOSPC; room makes them work', async (t) => {
  const fsys = await mountTmpfs(TMPFS_BYTES);
  if ('skip' in fsys) return t.plan(0, fsys.skip); // a skip, with the reason
  t.teardown(() => fsys.unmount());
  const objects = join(fsys.dir, 'objects');
  const s = await startServer({ env: { CIRRUS_OBJECTS: `file:${objects}` } });
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'o', blockSize: 256 * 1024 })).status, 201);
  const big = Buffer.alloc(2 * MiB, 7);
  const up = await fetch(`${s.url}/v1/fs/o/files/big`, { method: 'PUT', body: big });
  const upJson = (await up.json()) as { code: string; detail: string };
  t.equal(up.status, 507, `upload answered ${up.status}: ${upJson.detail}`);
  t.equal(upJson.code, 'ENOSPC');
  t.match(upJson.detail, /object store's disk is full/);
  t.equal((await call(s.url, 'GET', '/v1/fs/o/attrs/big')).status, 404, 'the failed upload created nothing');

  t.equal((await call(s.url, 'POST', '/v1/fs/o/inodes/1/entries', { name: 'f', type: 'file' })).status, 201);
  const ino = (await call(s.url, 'GET', '/v1/fs/o/attrs/f')).json.ino;
  const w = await fetch(`${s.url}/v1/fs/o/inodes/${ino}/data?offset=0&sync=true`, { method: 'PUT', body: big });
  const wJson = (await w.json()) as { code: string; detail: string };
  t.equal(w.status, 507, `synced write answered ${w.status}: ${wJson.detail}`);
  t.same(await readdir(join(objects, TMP_DIR)), [], 'no temporary file left');

  await fsys.resize(8 * TMPFS_BYTES);
  const again = await fetch(`${s.url}/v1/fs/o/files/big`, { method: 'PUT', body: big });
  t.equal(again.status, 201, 'with room, the upload succeeds');
  const back = Buffer.from(await (await fetch(`${s.url}/v1/fs/o/files/big`)).arrayBuffer());
  t.ok(back.equals(big), 'and reads back whole');
});

t.test('temporary files left by a crash are removed at start-up', async (t) => {
  const dir = await tempDir();
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const tmp = join(dir, 'objects', TMP_DIR);
  await mkdir(tmp, { recursive: true });
  await mkdir(join(dir, 'meta'), { recursive: true });
  const old = new Date(Date.now() - 60_000);
  for (const name of ['a1b2c3', 'd4e5f6', '0a0b0c']) {
    await writeFile(join(tmp, name), 'half an object');
    await utimes(join(tmp, name), old, old);
  }
  await writeFile(join(dir, 'meta', 'snapshot.curvefs.tmp'), 'half a snapshot');
  await writeFile(join(dir, 'meta', 'probe.tmp'), 'a probe');
  const s = await startServer({ dir });
  t.teardown(() => s.close());
  t.same(await readdir(tmp), [], "the object store's temporary files are gone");
  const meta = await readdir(join(dir, 'meta'));
  t.notOk(meta.includes('snapshot.curvefs.tmp'), 'the half snapshot is gone');
  t.notOk(meta.includes('probe.tmp'), 'the probe is gone');
  t.equal((await call(s.url, 'GET', '/v1/status')).json.objects.tmpSweptAtOpen, 3, 'counted on the status page');
});
