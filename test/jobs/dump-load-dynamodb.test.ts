// Dump and load on DynamoDB, whose views have no snapshot (per-item pages in table order): a
// dump of a quiet table reads it twice and matches, and loads back to the same bytes an ordered
// engine dumps; a write between the two reads refuses the dump.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { inodeKey } from '../../src/fs/keys.ts';
import { dumpFilesystems } from '../../src/jobs/dump.ts';
import { loadDump } from '../../src/jobs/load.ts';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import { freshTable, startDynamo } from '../support/dynamodb.ts';
import { startServer, tempDir } from '../support/server.ts';
import { populate } from './fs-tree.ts';

const work = await tempDir('cirrus-dump-ddb-');
const dynamo = await startDynamo();
t.teardown(async () => {
  await dynamo.stop();
  await rm(work, { recursive: true, force: true });
});

t.test('memory → DynamoDB → memory', async (t) => {
  const source = await startServer({ dir: join(work, 'source') });
  await populate(source.url, 'docs');
  await source.close();
  const a = join(work, 'a.dump');
  const mem = await MemoryKv.open({ dir: join(work, 'source', 'meta') });
  await dumpFilesystems(mem, { path: a });
  await mem.close();

  const ddb = await DynamoKv.open(parseDynamoUrl('CIRRUS_META', dynamo.url(freshTable('dump'))));
  t.teardown(() => ddb.close());
  await loadDump(ddb, { path: a });
  const b = join(work, 'b.dump');
  const r = await dumpFilesystems(ddb, { path: b });
  t.equal(r.consistency, 'per-item', 'DynamoDB has no snapshot');
  t.ok(r.verifiedByRereading, 'so the dump read everything twice');
  t.equal((await stat(b)).size, (await stat(a)).size, 'the same pairs (in the table order)');

  const back = await MemoryKv.open({ dir: join(work, 'back') });
  await loadDump(back, { path: b });
  const c = join(work, 'c.dump');
  await dumpFilesystems(back, { path: c });
  await back.close();
  t.ok((await readFile(a)).equals(await readFile(c)), 'loaded back into memory, the dump is byte for byte the first');

  await t.test('a write between the two reads refuses the dump', async (t) => {
    // The second view (the dump's re-read) opens after a write, as a busy server would make one.
    let views = 0;
    const busy: DynamoKv = Object.assign(Object.create(ddb) as DynamoKv, {
      view: async () => {
        if (++views === 2) {
          await ddb.transact(async (tx) =>
            tx.put({ ...inodeKey(r.filesystems[0].id, 99_999), item: 'x' }, Buffer.from('!')),
          );
        }
        return ddb.view();
      },
    });
    const path = join(work, 'changed.dump');
    await t.rejects(dumpFilesystems(busy, { path }), { code: 'EAGAIN', message: /changed while it was dumped/ });
    await t.rejects(stat(path), { code: 'ENOENT' }, 'and leaves no file');
  });
});
