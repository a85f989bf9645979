// fsck finds what is wrong between the metadata and the objects and within the metadata;
// --repair fixes what is safe and reports the rest; a run after the repair finds only what was
// left, and a filesystem made whole again checks clean.
import { copyFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { decodeDentry, decodeInode, decodeSlice, encodeDentry, encodeInode, encodeJson } from '../../src/fs/codec.ts';
import { bumpDir } from '../../src/fs/dir-stats.ts';
import { dentryKey, inodeKey, intentKey } from '../../src/fs/keys.ts';
import { objectKey } from '../../src/fs/layout.ts';
import type { FsInfo } from '../../src/fs/model.ts';
import { newCounterShards } from '../../src/fs/shards.ts';
import { bumpUsage } from '../../src/fs/usage.ts';
import { EXIT } from '../../src/jobs/fsck/findings.ts';
import { fsck } from '../../src/jobs/fsck/fsck.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { startServer, tempDir } from '../support/server.ts';
import { call } from '../support/api.ts';
import { describeTree, populate } from './fs-tree.ts';

const dir = await tempDir('cirrus-fsck-');
t.teardown(() => rm(dir, { recursive: true, force: true }));

/** The metadata store and the objects of the test's data directory, opened as `cirrus fsck` opens them. */
async function withStores<T>(fn: (kv: MemoryKv, objects: LocalObjectStore, fs: FsInfo) => Promise<T>): Promise<T> {
  const kv = await MemoryKv.open({ dir: join(dir, 'meta') });
  const objects = await LocalObjectStore.open(join(dir, 'objects'));
  try {
    const fs = await kv.transact(async (tx) => JSON.parse(String(await tx.get({ group: 'fs', item: 'docs' }))));
    return await fn(kv, objects, fs);
  } finally {
    await objects.close();
    await kv.close();
  }
}

const kinds = (r: Awaited<ReturnType<typeof fsck>>) => r.filesystems[0].findings;

t.test('fsck: an object deleted by hand, an orphan inode, a leaked object', async (t) => {
  const s = await startServer({ dir });
  await populate(s.url, 'docs');
  const two = (await call(s.url, 'GET', '/v1/fs/docs/attrs/a/b/two.txt')).json.ino as number;
  const one = (await call(s.url, 'GET', '/v1/fs/docs/attrs/a/one.bin')).json.ino as number;
  const b = (await call(s.url, 'GET', '/v1/fs/docs/attrs/a/b')).json.ino as number;
  await s.close();

  const clean = await withStores((kv, objects) => fsck({ kv, objects }));
  t.same(kinds(clean), {}, 'a filesystem the API made is clean');
  t.equal(clean.exitCode, EXIT.clean);
  t.equal(clean.consistency, 'snapshot');

  // The damage: an object of one.bin deleted by hand (kept aside to put back later); two.txt's
  // name dropped without its inode (Curve's two-step unlink cut in the middle, DIGEST §2.9);
  // an object under one.bin's prefix that no slice and no intent names.
  const fsId = await withStores(async (kv, objects, fs) => {
    const victim = objectKey(fs.id, one, (await firstSliceId(kv, fs.id, one))!, 1, 0);
    await copyFile(join(dir, 'objects', victim), join(dir, 'victim'));
    await rm(join(dir, 'objects', victim));
    await kv.transact(async (tx) => {
      tx.delete(dentryKey(fs.id, b, 'two.txt'));
      bumpDir({ tx, fs, now: { sec: 1, nsec: 0 }, shards: newCounterShards() }, b, { entries: -1, subdirs: 0 });
    });
    await objects.put(objectKey(fs.id, one, 999_999, 0, 0), Buffer.from('nobody names me'));
    return fs.id;
  });

  const found = await withStores((kv, objects) => fsck({ kv, objects }));
  t.same(kinds(found), { 'orphan-inode': 1, 'missing-object': 1, 'leaked-object': 1 }, 'all three found');
  t.equal(found.exitCode, EXIT.damaged, 'exit 4: damaged');
  const orphan = found.filesystems[0].details.find((f) => f.kind === 'orphan-inode');
  t.equal(orphan?.ino, two, 'the orphan is two.txt');

  const repaired = await withStores((kv, objects) => fsck({ kv, objects }, { repair: true }));
  t.same(
    repaired.filesystems[0].repaired,
    { 'orphan-inode': 1, 'leaked-object': 1 },
    'repair fixes the orphan and the leak',
  );
  t.equal(repaired.exitCode, EXIT.damaged, 'the missing object is reported, not repaired: still exit 4');

  const after = await withStores((kv, objects) => fsck({ kv, objects }));
  t.same(kinds(after), { 'missing-object': 1 }, 'a second run finds only what was left');

  await copyFile(
    join(dir, 'victim'),
    join(dir, 'objects', objectKey(fsId, one, (await withStores((kv) => firstSliceId(kv, fsId, one)))!, 1, 0)),
  );
  const whole = await withStores((kv, objects) => fsck({ kv, objects }));
  t.same(kinds(whole), {}, 'with the object back, the filesystem checks clean');
  t.equal(whole.exitCode, EXIT.clean);

  const s2 = await startServer({ dir });
  t.teardown(() => s2.close());
  const lost = await call(s2.url, 'GET', `/v1/fs/docs/attrs/lost+found/%23${two}`);
  t.equal(lost.json?.ino, two, 'the orphan has a name in /lost+found');
  t.equal(await (await fetch(`${s2.url}/v1/fs/docs/files/lost+found/%23${two}`)).text(), 'two\n', 'with its contents');
  t.ok((await describeTree(s2.url, 'docs')).length > 0, 'and the tree reads');
});

t.test('fsck: links, counters, usage, dangling names and expired intents', async (t) => {
  await withStores(async (kv, objects, fs) => {
    const ctx = { fs, now: { sec: 1, nsec: 0 }, shards: newCounterShards() };
    const w = await kv.transact(async (tx) => decodeDentry((await tx.get(dentryKey(fs.id, 1, 'w.dat')))!).ino);
    await kv.transact(async (tx) => {
      const inode = decodeInode(w, (await tx.get(inodeKey(fs.id, w)))!);
      inode.nlink = 5;
      tx.put(inodeKey(fs.id, w), encodeInode(inode));
      bumpDir({ tx, ...ctx }, 1, { entries: 3, subdirs: 1 });
      bumpUsage({ tx, ...ctx }, { inodes: 2, bytes: -100 });
      tx.put(dentryKey(fs.id, 1, 'ghost'), encodeDentry({ ino: 999, type: 'file' }));
      bumpDir({ tx, ...ctx }, 1, { entries: 1, subdirs: 0 });
      tx.put(intentKey(fs.id, 'stale'), encodeJson({ ino: w, sliceIds: [888_888], expiresAt: 1 }));
    });
    await objects.put(objectKey(fs.id, w, 888_888, 0, 0), Buffer.from('an upload that never committed'));
  });
  const found = await withStores((kv, objects) => fsck({ kv, objects }));
  t.same(
    kinds(found),
    { 'wrong-links': 1, 'dir-counts': 1, usage: 1, 'dangling-name': 1, 'expired-intent': 1 },
    'each found once',
  );
  const repaired = await withStores((kv, objects) => fsck({ kv, objects }, { repair: true }));
  t.same(
    repaired.filesystems[0].repaired,
    { 'wrong-links': 1, 'dir-counts': 1, usage: 1, 'expired-intent': 1 },
    'links, counters and usage corrected, the expired upload undone',
  );
  t.same(
    kinds(await withStores((kv, objects) => fsck({ kv, objects }))),
    { 'dangling-name': 1 },
    'the dangling name is only reported',
  );
});

async function firstSliceId(kv: MemoryKv, fsId: number, ino: number): Promise<number | undefined> {
  const page = await kv.transact((tx) => tx.scan(inodeKey(fsId, ino).group, { prefix: 's', limit: 1 }));
  return page.entries[0] && decodeSlice(page.entries[0].value).sliceId;
}
