// The catalogue's reads on the hot paths, and that the filesystem ids it keeps never leak a
// stale answer. getattr of a file reads the catalogue entry and the inode in one BatchGetItem
// on DynamoDB (Catalogue.liveWith), with the filesystem's id as this instance last saw it:
// another instance deletes the filesystem (its inodes stay until the purge) or creates it
// again under the same name, and the guessing instance answers what the store holds now. The
// embedded engine, which has no getEach and reads key by key, answers the same. Creates plan
// with cached info (Catalogue.info): requests that find it expired share one read, and a plan
// made before the filesystem was re-created is made again.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Catalogue, FS_INFO_CACHE_MS } from '../../src/fs/catalogue.ts';
import { catalogueKey, inodeKey } from '../../src/fs/keys.ts';
import { ROOT_CALLER } from '../../src/fs/permissions.ts';
import { FileSystems, NO_UNFLUSHED_WRITES } from '../../src/fs/service.ts';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import type { Key, KvStore } from '../../src/kv/types.ts';
import { dynamoEngines, startDynamo } from '../support/dynamodb.ts';

const dynamo = await startDynamo();
t.teardown(() => dynamo.stop());

const FS = 'stat';
const meta = { caller: ROOT_CALLER };
/** Two instances on one store: each has its own catalogue (and so its own idea of the filesystem's id). */
const instances = (a: KvStore, b: KvStore) =>
  [a, b].map((kv) => new FileSystems({ kv, catalogue: new Catalogue(kv), unflushed: NO_UNFLUSHED_WRITES }));

async function onDynamo(t: Test): Promise<[FileSystems, FileSystems, DynamoKv]> {
  const [a, b] = await dynamoEngines(t, dynamo, 'getattr', 2);
  const [fa, fb] = instances(a, b);
  return [fa, fb, a];
}

async function onMemory(t: Test): Promise<[FileSystems, FileSystems, MemoryKv]> {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-getattr-'));
  const kv = await MemoryKv.open({ dir });
  t.teardown(async () => {
    await kv.close();
    await rm(dir, { recursive: true, force: true });
  });
  const [fa, fb] = instances(kv, kv);
  return [fa, fb, kv];
}

const calls = (kv: DynamoKv) => ({ ...(kv.stats().callsByOp as Record<string, number>) });
const diff = (after: Record<string, number>, before: Record<string, number>) =>
  Object.fromEntries(
    Object.entries(after)
      .map(([op, n]) => [op, n - (before[op] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );

t.test('getEach: point reads of many keys, in the order asked, absent ones undefined', async (t) => {
  const [kv] = await dynamoEngines(t, dynamo, 'each', 1);
  const PRESENT = 150; // more than one BatchGetItem holds (100 keys)
  const key = (i: number) => ({ group: `g${i % 3}`, item: `i${i}` });
  for (let from = 0; from < PRESENT; from += 50) {
    await kv.transact(async (tx) => {
      for (let i = from; i < from + 50; i++) tx.put(key(i), Buffer.from(`v${i}`));
    });
  }
  const asked = [key(7), key(PRESENT + 1), key(7), ...Array.from({ length: PRESENT }, (_, i) => key(i))];
  const before = calls(kv);
  const got = await kv.getEach(asked);
  t.same(
    got.map((v) => v?.toString()),
    ['v7', undefined, 'v7', ...Array.from({ length: PRESENT }, (_, i) => `v${i}`)],
    'values in the order asked; a repeated key answered twice, an absent one undefined',
  );
  t.same(diff(calls(kv), before), { BatchGetItem: 2 }, '151 distinct keys: two BatchGetItem calls');
});

for (const [engine, open] of [
  ['dynamodb', onDynamo],
  ['memory', onMemory],
] as const) {
  t.test(`${engine}: getattr answers the filesystem as it is now, not as this instance last saw it`, async (t) => {
    const [a, b, kv] = await open(t);
    await b.createFs({ name: FS }, meta);
    const file = (await b.createEntry(FS, meta, 1, 'f', { type: 'file', mode: 0o644 })).value.ino;
    const first = await a.catalogue.live(FS);
    t.equal((await a.getInode(FS, ROOT_CALLER, file)).ino, file, 'a file of the filesystem');

    if (kv instanceof DynamoKv) {
      const before = calls(kv);
      await a.getInode(FS, ROOT_CALLER, file);
      t.same(diff(calls(kv), before), { BatchGetItem: 1 }, 'a warm getattr of a file is one call');
    }

    // Not empty: the filesystem is renamed DELETING, its inodes stay for the purge job.
    await b.deleteFs(FS, true, meta);
    t.ok(await kv.get(inodeKey(first.id, file)), 'the inode record is still stored');
    await t.rejects(a.getInode(FS, ROOT_CALLER, file), { code: 'ENOENT' }, 'a deleted filesystem has no inodes');

    const again = (await b.createFs({ name: FS }, { caller: { ...ROOT_CALLER, uid: 7, gid: 7 } })).value;
    t.not(again.id, first.id, 'a new filesystem under the same name');
    await t.rejects(
      a.getInode(FS, ROOT_CALLER, file),
      { code: 'ENOENT' },
      'the old inode is not one of the new filesystem',
    );
    t.equal((await a.getInode(FS, ROOT_CALLER, 1)).uid, 7, "the root is the new filesystem's");
    t.equal((await a.catalogue.live(FS)).id, again.id, 'and this instance now knows its id');

    if (kv instanceof DynamoKv) {
      // The instance saw the new id on the last read: a guess again, and right.
      await a.getInode(FS, ROOT_CALLER, 1); // its counter shards into the cache
      const before = calls(kv);
      await a.getInode(FS, ROOT_CALLER, 1);
      t.same(
        diff(calls(kv), before),
        { BatchGetItem: 1, TransactGetItems: 1 },
        'a directory: the pair, then the inode and its counters in one transaction',
      );
      const beforeFile = calls(kv);
      const next = (await a.createEntry(FS, meta, 1, 'g', { type: 'file', mode: 0o644 })).value.ino;
      const mid = calls(kv);
      await a.getInode(FS, ROOT_CALLER, next);
      t.same(diff(calls(kv), mid), { BatchGetItem: 1 }, 'a file of the new filesystem: one call');
      t.ok(diff(mid, beforeFile).TransactWriteItems, 'the create committed');
    }
  });
}

/** The embedded engine, counting the point reads (get) of one key outside transactions. */
class CountedGets {
  count = 0;
  readonly kv: KvStore;

  constructor(inner: MemoryKv, watched: Key) {
    const flat = (k: Key) => `${k.group}\0${k.item}`;
    this.kv = new Proxy(inner, {
      get: (target, prop, receiver) => {
        if (prop !== 'get') return Reflect.get(target, prop, receiver);
        return (key: Key) => {
          if (flat(key) === flat(watched)) this.count++;
          return target.get(key);
        };
      },
    });
  }
}

t.test('creates that find the planning info expired share one catalogue read', async (t) => {
  const [, b, memory] = await onMemory(t);
  await b.createFs({ name: FS }, meta);
  const counted = new CountedGets(memory, catalogueKey(FS));
  const [a] = instances(counted.kv, memory);
  await a.createEntry(FS, meta, 1, 'first', { type: 'file' });
  await new Promise((r) => setTimeout(r, FS_INFO_CACHE_MS + 100));
  const before = counted.count;
  const made = await Promise.all(
    Array.from({ length: 8 }, (_, i) => a.createEntry(FS, meta, 1, `f${i}`, { type: 'file' })),
  );
  t.equal(made.length, 8, 'all created');
  t.equal(counted.count - before, 1, 'one catalogue read planned them all');
});

t.test('a create planned before the filesystem was re-created is planned again, into the new one', async (t) => {
  const [a, b] = await onDynamo(t);
  await b.createFs({ name: FS }, meta);
  await a.createEntry(FS, meta, 1, 'old', { type: 'file' }); // A plans with the first filesystem
  await b.deleteFs(FS, true, meta);
  const again = (await b.createFs({ name: FS }, meta)).value;
  const made = await a.createEntry(FS, meta, 1, 'new', { type: 'file' }); // within A's planning cache
  t.equal((await b.lookup(FS, ROOT_CALLER, 1, 'new')).ino, made.value.ino, 'created in the new filesystem');
  t.equal((await a.info(FS)).id, again.id, 'and planned with it');
  await t.rejects(b.lookup(FS, ROOT_CALLER, 1, 'old'), { code: 'ENOENT' }, 'which has nothing of the old one');
});
