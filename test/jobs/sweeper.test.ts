// The sweeper leaves nothing behind: replaced contents, trashed files, detached trees,
// abandoned uploads and deleted filesystems all end with their objects and keys gone.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { encodeJson } from '../../src/fs/codec.ts';
import { intentGroup, intentKey } from '../../src/fs/keys.ts';
import { GEN_PURGE_GRACE_MS } from '../../src/jobs/sweeper.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { call } from '../support/api.ts';

async function objectCount(s: TestServer): Promise<number> {
  const walk = async (dir: string): Promise<number> => {
    let n = 0;
    for (const d of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      n += d.isDirectory() ? await walk(join(dir, d.name)) : 1;
    }
    return n;
  };
  return walk(join(s.dir, 'objects'));
}

const put = (s: TestServer, path: string, body: string | Buffer) =>
  fetch(`${s.url}/v1/fs/sw/files/${path}`, { method: 'PUT', body });

t.test('sweeper', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  // Small blocks so a few KiB make several objects; trash retention 0 days; every file's
  // contents in objects, even a few bytes (inline contents are tested in test/data/inline.test.ts).
  t.equal(
    (
      await call(s.url, 'POST', '/v1/fs', {
        name: 'sw',
        blockSize: 65536,
        chunkSize: 131072,
        trashDays: 0,
        inlineBytes: 0,
      })
    ).status,
    201,
  );
  const big = Buffer.alloc(300_000, 7);

  await t.test("replacing a file purges the old generation's objects", async (t) => {
    t.equal((await put(s, 'f', big)).status, 201);
    const before = await objectCount(s);
    t.equal(before, 5, '300 000 bytes in 64 KiB blocks');
    t.equal((await put(s, 'f', 'small')).status, 200);
    t.equal(await objectCount(s), 6, 'old and new objects until the sweep');
    await s.built.sweeper.runOnce(Date.now() + GEN_PURGE_GRACE_MS);
    t.equal(await objectCount(s), 1, 'only the new object remains');
    t.equal(await (await fetch(`${s.url}/v1/fs/sw/files/f`)).text(), 'small');
  });

  await t.test('an unlinked file goes to the trash, then its objects and inode go', async (t) => {
    const made = await put(s, 'g', big);
    const ino = ((await made.json()) as { ino: number }).ino;
    t.equal((await call(s.url, 'DELETE', '/v1/fs/sw/files/g')).status, 204);
    t.equal((await call(s.url, 'GET', `/v1/fs/sw/inodes/${ino}`)).json.nlink, 0, 'in the trash: no names left');
    await s.built.sweeper.runOnce(Date.now() + 1000);
    t.equal((await call(s.url, 'GET', `/v1/fs/sw/inodes/${ino}`)).status, 404, 'purged');
    t.equal(await objectCount(s), 1, 'its objects are gone (f remains)');
  });

  await t.test('a recursive delete detaches at once and is purged by the sweeper', async (t) => {
    t.equal((await call(s.url, 'PUT', '/v1/fs/sw/dirs/tree/a/b?parents=true')).status, 201);
    t.equal((await put(s, 'tree/a/b/x', big)).status, 201);
    t.equal((await put(s, 'tree/y', 'y')).status, 201);
    t.equal(
      (await call(s.url, 'PUT', '/v1/fs/sw/links/keep', { existing: 'tree/y' })).status,
      201,
      'a hard link outside the tree',
    );
    t.equal((await call(s.url, 'DELETE', '/v1/fs/sw/files/tree?recursive=true')).status, 204);
    t.equal((await call(s.url, 'GET', '/v1/fs/sw/attrs/tree')).status, 404, 'gone from the namespace at once');
    await s.built.sweeper.runOnce(Date.now() + 1000);
    t.equal(await objectCount(s), 2, "x's objects are gone; f and y (still linked as keep) remain");
    t.equal(await (await fetch(`${s.url}/v1/fs/sw/files/keep`)).text(), 'y');
    const keep = await call(s.url, 'GET', '/v1/fs/sw/attrs/keep');
    t.equal(keep.json.nlink, 1, 'the surviving link counts one name');
    const fs = await call(s.url, 'GET', '/v1/fs/sw');
    t.equal(fs.json.usage.inodes, 2, 'usage counts f and keep');
  });

  await t.test('an aborted upload cleans up after itself', async (t) => {
    const before = await objectCount(s);
    const ctrl = new AbortController();
    const body = new ReadableStream({
      start(c) {
        c.enqueue(new Uint8Array(200_000));
      },
      pull: () => new Promise(() => undefined), // never finishes: the client gives up
    });
    const req = fetch(`${s.url}/v1/fs/sw/files/dead`, {
      method: 'PUT',
      body,
      duplex: 'half',
      signal: ctrl.signal,
    } as RequestInit);
    await new Promise((r) => setTimeout(r, 300));
    ctrl.abort();
    await req.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    t.equal((await call(s.url, 'GET', '/v1/fs/sw/attrs/dead')).status, 404, 'the file was never created');
    t.equal(await objectCount(s), before, 'its objects were deleted');
    t.equal(
      (await s.built.kv.transact((tx) => tx.scan(intentGroup(1), { limit: 10 }))).entries.length,
      0,
      'and its intent',
    );
  });

  await t.test('an intent left by a crash is swept once it expires', async (t) => {
    const before = await objectCount(s);
    const ino = 999_999;
    const sliceId = 424_242;
    const key = `${1}/${ino % 256}/${ino}/${sliceId}_0_0`;
    await s.built.objects.put(key, Buffer.from('orphan'));
    await s.built.kv.transact(async (tx) =>
      tx.put(
        intentKey(1, 'crashed'),
        encodeJson({ ino, stagedGen: 1, sliceIds: [sliceId], expiresAt: Date.now() + 60_000 }),
      ),
    );
    await s.built.sweeper.runOnce();
    t.equal(await objectCount(s), before + 1, 'not before it expires');
    await s.built.sweeper.runOnce(Date.now() + 120_000);
    t.equal(await objectCount(s), before, 'the orphan object is deleted');
    t.equal(await s.built.kv.transact((tx) => tx.get(intentKey(1, 'crashed'))), undefined, 'and the intent');
  });

  await t.test('deleteFs recursive purges everything, then the name is free', async (t) => {
    const del = await call(s.url, 'DELETE', '/v1/fs/sw?recursive=true');
    t.equal(del.status, 202);
    t.equal(del.json.status, 'DELETING');
    await s.built.sweeper.runOnce();
    t.equal((await call(s.url, 'GET', '/v1/fs/sw')).status, 404);
    t.equal(await objectCount(s), 0, 'every object is gone');
    t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'sw' })).status, 201, 'the name can be reused');
  });
});
