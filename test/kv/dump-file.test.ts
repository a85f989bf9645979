// Dump files (src/kv/dump-file.ts): the CURVEFS v2 format streamed, with checkpoints that place
// a corrupt byte between two offsets; a truncated file is refused at the pair that was cut.
import { readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { DUMP_CHECKPOINT_BYTES, DumpCorrupt, DumpWriter, PARTIAL_SUFFIX, readDump } from '../../src/kv/dump-file.ts';
import { readSnapshot } from '../../src/kv/snapshot.ts';
import { tempDir } from '../support/server.ts';

const dir = await tempDir('cirrus-dumpfile-');
t.teardown(() => rm(dir, { recursive: true, force: true }));

/** 3,000 pairs of ~1 KiB: about three checkpoints' worth. */
const PAIRS = Array.from({ length: 3000 }, (_, i): [string, Buffer] => [
  `g${i % 7}\x00item-${String(i).padStart(5, '0')}\xff`,
  Buffer.alloc(1000 + (i % 50), i % 251),
]);

async function writeDump(t: Test, name: string, pairs = PAIRS): Promise<string> {
  const path = join(dir, name);
  const w = await DumpWriter.create(path);
  for (const [k, v] of pairs) await w.add(k, v);
  const done = await w.finish();
  t.equal(done.pairs, pairs.length, 'the writer counts the pairs');
  t.equal(done.bytes, (await stat(path)).size, 'and the bytes');
  return path;
}

async function readAll(path: string): Promise<[string, Buffer][]> {
  const out: [string, Buffer][] = [];
  for await (const p of readDump(path)) out.push([p.key, p.value]);
  return out;
}

async function corruptAt(path: string, offset: number): Promise<void> {
  const data = await readFile(path);
  data[offset] ^= 0x5a;
  await writeFile(path, data);
}

t.test('pairs round-trip, and the file is a CURVEFS v2 dump any reader of the format reads', async (t) => {
  const path = await writeDump(t, 'round-trip.dump');
  t.ok((await stat(path)).size > 2 * DUMP_CHECKPOINT_BYTES, 'several checkpoints long');
  t.same(await readAll(path), PAIRS, 'every pair, in order, checkpoints left out');
  const plain: string[] = [];
  await readSnapshot(path, (key) => plain.push(key));
  t.equal(plain.filter((k) => !k.startsWith('\xff\xff')).length, PAIRS.length, 'the snapshot reader reads it');
  t.ok(plain.length > PAIRS.length, 'checkpoints are ordinary pairs to it');
  t.same(await readAll(await writeDump(t, 'empty.dump', [])), [], 'an empty dump');
});

t.test('a truncated dump is refused at the start of the pair that was cut, naming where it ends', async (t) => {
  const path = await writeDump(t, 'cut.dump');
  const size = (await stat(path)).size;
  for (const at of [3, 8, 20, Math.floor(size / 2), size - 6, size - 2]) {
    await writeFile(join(dir, 'cut-copy.dump'), (await readFile(path)).subarray(0, at));
    const err = await readAll(join(dir, 'cut-copy.dump')).catch((e: unknown) => e);
    t.type(err, DumpCorrupt, `cut at ${at}`);
    t.ok((err as DumpCorrupt).offset <= at, `refused at or before the cut (${at})`);
    t.ok(at - (err as DumpCorrupt).offset < 64, 'at the start of the pair that was cut');
    t.match((err as DumpCorrupt).message, new RegExp(`truncated .* the file ends at ${at} `));
  }
});

t.test('a corrupt byte is placed between the checkpoints around it', async (t) => {
  const size = (await stat(await writeDump(t, 'probe.dump'))).size;
  for (const at of [100, DUMP_CHECKPOINT_BYTES + 5000, size - 100]) {
    const path = await writeDump(t, `flip-${at}.dump`);
    await corruptAt(path, at);
    const err = (await readAll(path).catch((e: unknown) => e)) as DumpCorrupt;
    t.type(err, DumpCorrupt, `byte ${at} flipped`);
    const m = /bytes (\d+) to (\d+)|length|checkpoint/.exec(err.message);
    t.ok(m, err.message);
    if (m?.[1]) {
      const [from, to] = [Number(m[1]), Number(m[2])];
      t.ok(from <= at && at < to && to - from <= DUMP_CHECKPOINT_BYTES + 2048, `${at} in [${from}, ${to})`);
      t.equal(err.offset, from, 'the offset is where the damaged stretch starts');
    }
  }
});

t.test('not a dump, another version, bytes after the checksum', async (t) => {
  const path = await writeDump(t, 'extra.dump', PAIRS.slice(0, 3));
  await writeFile(join(dir, 'magic.dump'), Buffer.from('NOTADUMP and more bytes'));
  await t.rejects(readAll(join(dir, 'magic.dump')), { offset: 0, message: /magic/ });
  const v = await readFile(path);
  v[7] = 9;
  await writeFile(join(dir, 'version.dump'), v);
  await t.rejects(readAll(join(dir, 'version.dump')), { offset: 7, message: /version 9/ });
  await writeFile(join(dir, 'trailing.dump'), Buffer.concat([await readFile(path), Buffer.from('x')]));
  await t.rejects(readAll(join(dir, 'trailing.dump')), { offset: (await stat(path)).size, message: /follow/ });
  await truncate(path, 0);
  await t.rejects(readAll(path), { offset: 0, message: /truncated/ });
});

t.test('an abandoned dump leaves no file behind', async (t) => {
  const path = join(dir, 'aborted.dump');
  const w = await DumpWriter.create(path);
  await w.add('a\x00b', Buffer.from('c'));
  await w.abort();
  await t.rejects(stat(path), { code: 'ENOENT' });
  await t.rejects(stat(path + PARTIAL_SUFFIX), { code: 'ENOENT' });
});
