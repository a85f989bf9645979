// The object store conformance suite: the same cases for the local directory and for S3.
import type { Test } from 'tap';
import { ObjectNotFound, type ObjectStore } from '../../src/objects/types.ts';

async function collect(it: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out;
}

export function runObjectStoreConformance(t: Test, open: () => Promise<ObjectStore>): void {
  let store: ObjectStore;
  t.beforeEach(async () => {
    store = await open();
  });
  t.afterEach(async () => {
    await store.close();
  });

  t.test('put, get whole and ranged, missing keys', async (t) => {
    const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await store.put('1/2/3/10_0_0', body);
    t.same(await store.get('1/2/3/10_0_0'), body);
    t.same(await store.get('1/2/3/10_0_0', 10, 20), body.subarray(10, 20), 'a range');
    t.same(await store.get('1/2/3/10_0_0', 990), body.subarray(990), 'to the end');
    t.same(await store.get('1/2/3/10_0_0', 5, 5), Buffer.alloc(0), 'an empty range');
    await t.rejects(store.get('1/2/3/missing'), ObjectNotFound);
    await t.rejects(store.get('1/2/3/missing', 0, 10), ObjectNotFound);
  });

  t.test('getParts: a range as consecutive parts of a fixed size, each its own buffer', async (t) => {
    const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
    await store.put('parts/a', body);
    const parts = await store.getParts('parts/a', 100, 900, 300);
    t.same(
      parts.map((p) => p.length),
      [300, 300, 200],
    );
    t.ok(Buffer.concat(parts).equals(body.subarray(100, 900)), 'byte-exact');
    t.same(
      (await store.getParts('parts/a', 0, 4096, 256)).map((p) => p.length),
      [256, 256, 256, 232],
      'the object ends first',
    );
    t.same(await store.getParts('parts/a', 1000, 2000, 256), [], 'past the end');
    t.same(await store.getParts('parts/a', 10, 10, 256), [], 'an empty range');
    await t.rejects(store.getParts('parts/missing', 0, 10, 4), ObjectNotFound);
  });

  t.test('getChunks: a range as the store delivers it, byte-exact, shorter when the object ends first', async (t) => {
    const body = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 5 }, (_, i) => i % 251));
    await store.put('chunks/a', body);
    const chunks = await store.getChunks('chunks/a', 100, body.length - 100);
    t.ok(Buffer.concat(chunks).equals(body.subarray(100, body.length - 100)), 'byte-exact');
    t.ok(
      chunks.every((c) => c.length > 0),
      'no empty chunks',
    );
    t.ok(
      Buffer.concat(await store.getChunks('chunks/a', 1000, body.length + 4096)).equals(body.subarray(1000)),
      'the object ends first',
    );
    t.same(await store.getChunks('chunks/a', body.length, body.length + 10), [], 'past the end');
    t.same(await store.getChunks('chunks/a', 10, 10), [], 'an empty range');
    await t.rejects(store.getChunks('chunks/missing', 0, 10), ObjectNotFound);
  });

  t.test('objects are immutable: a second put of a key fails and keeps the first', async (t) => {
    await store.put('imm/a', Buffer.from('first'));
    await t.rejects(store.put('imm/a', Buffer.from('second')));
    t.equal((await store.get('imm/a')).toString(), 'first');
  });

  t.test('empty and multi-MiB objects', async (t) => {
    await store.put('size/empty', Buffer.alloc(0));
    t.equal((await store.get('size/empty')).length, 0);
    const big = Buffer.alloc(5 * 1024 * 1024 + 7, 0x5a);
    big.writeUInt32LE(0xdeadbeef, big.length - 4);
    await store.put('size/big', big);
    const back = await store.get('size/big');
    t.equal(back.length, big.length);
    t.ok(back.equals(big), 'byte-exact');
  });

  t.test('list by prefix in key order, across many keys; delete ignores absent keys', async (t) => {
    const keys = Array.from({ length: 1205 }, (_, i) => `lst/${String(i).padStart(5, '0')}_0_0`);
    for (let i = 0; i < keys.length; i += 100)
      await Promise.all(keys.slice(i, i + 100).map((k) => store.put(k, Buffer.from(k))));
    await store.put('lst-other/x', Buffer.from('x'));
    const listed = await collect(store.list('lst/'));
    t.same(listed, keys, 'all keys, in order, paged');
    t.same(
      await collect(store.list('lst/0120')),
      keys.filter((k) => k.startsWith('lst/0120')),
      'a narrower prefix',
    );
    await store.delete([...keys.slice(0, 1100), 'lst/never-existed']);
    t.same(await collect(store.list('lst/')), keys.slice(1100));
    await t.rejects(store.get(keys[0]), ObjectNotFound);
  });

  t.test('invalid keys are refused', async (t) => {
    for (const bad of ['', '/abs', 'a//b', 'a/../b', 'a/./b'])
      await t.rejects(store.put(bad, Buffer.from('x')), JSON.stringify(bad));
  });
}
