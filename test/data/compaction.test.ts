// Compaction end to end (DIGEST §4), on the memory engine and on etcd (and on DynamoDB when
// run by test/http/ops-dynamodb.test.ts): a file written as 40 overlapping small writes
// compacts to one slice with identical bytes, its old objects go after the grace period and not
// before, a writer committing during the compaction keeps its bytes (and still wins), and
// readers racing the compaction and the deletion of the replaced objects read the right bytes.
import t, { type Test } from 'tap';
import { sliceObjectKeys } from '../../src/fs/layout.ts';
import { REPLACED_OBJECTS_GRACE_MS } from '../../src/jobs/sweeper.ts';
import { call } from '../support/api.ts';
import { startEtcd } from '../support/etcd.ts';
import { objectKeys, slicesOf } from '../support/files.ts';
import { startServer, TEST_DYNAMODB_ENV, type TestServer } from '../support/server.ts';

const BLOCK = 65536;
const CHUNK = 2 * BLOCK;
const geometry = { blockSize: BLOCK, chunkSize: CHUNK };
const WRITES = 40;
const WRITE_BYTES = 5000;
const RACE_ROUNDS = 2;
/** More slices in one chunk than one compaction commit replaces on any engine (96 at most). */
const MANY_SLICES = 130;

interface Engine {
  name: string;
  env: () => Promise<Record<string, string>>;
}

/** The background sweeper stays out of the way: the tests run its passes themselves. */
const ONLY_EXPLICIT_SWEEPS = { CIRRUS_SWEEP_INTERVAL_MS: String(3_600_000) };
/** Two engines (or DynamoDB Local, slower) on a shared machine: more than tap's default per file. */
t.setTimeout(600_000);

let prefixes = 0;
async function engines(t: Test): Promise<Engine[]> {
  if (process.env[TEST_DYNAMODB_ENV]) return [{ name: 'dynamodb', env: async () => ({}) }];
  const etcd = await startEtcd();
  t.teardown(() => etcd.stop());
  const hostPort = etcd.endpoints[0].replace(/^http:\/\//, '');
  return [
    { name: 'memory', env: async () => ({}) },
    { name: 'etcd', env: async () => ({ CIRRUS_META: `etcd://${hostPort}/cp${process.pid}-${++prefixes}/` }) },
  ];
}

async function setup(t: Test, engine: Engine): Promise<{ s: TestServer; fsId: number }> {
  const s = await startServer({ env: { ...(await engine.env()), ...ONLY_EXPLICIT_SWEEPS } });
  t.teardown(() => s.close());
  // inlineBytes 0: the small files these cases build must be slices, not inline contents.
  const made = await call(s.url, 'POST', '/v1/fs', { name: 'cp', ...geometry, inlineBytes: 0 });
  t.equal(made.status, 201, 'filesystem created');
  return { s, fsId: made.json.id };
}

async function createFile(s: TestServer, name: string): Promise<number> {
  const r = await fetch(`${s.url}/v1/fs/cp/files/${name}`, { method: 'PUT', body: '' });
  return ((await r.json()) as { ino: number }).ino;
}

async function writeAt(s: TestServer, ino: number, offset: number, bytes: Buffer): Promise<number> {
  const r = await fetch(`${s.url}/v1/fs/cp/inodes/${ino}/data?offset=${offset}&sync=true`, {
    method: 'PUT',
    body: bytes,
  });
  await r.arrayBuffer();
  return r.status;
}

async function readAll(s: TestServer, ino: number): Promise<Buffer> {
  const r = await fetch(`${s.url}/v1/fs/cp/inodes/${ino}/data`);
  if (r.status !== 200) throw new Error(`read answered ${r.status}: ${await r.text()}`);
  return Buffer.from(await r.arrayBuffer());
}

/** 40 overlapping committed writes within the first chunk; the bytes the file must hold. */
async function fragment(t: Test, s: TestServer, ino: number): Promise<Buffer> {
  const expected = Buffer.alloc(0);
  let file = expected;
  for (let i = 0; i < WRITES; i++) {
    const offset = (i * 2741) % (CHUNK - WRITE_BYTES); // overlapping, some across the block boundary
    const bytes = Buffer.alloc(WRITE_BYTES, (i % 250) + 1);
    if (file.length < offset + WRITE_BYTES)
      file = Buffer.concat([file, Buffer.alloc(offset + WRITE_BYTES - file.length)]);
    bytes.copy(file, offset);
    if ((await writeAt(s, ino, offset, bytes)) !== 200) t.fail(`write ${i} failed`);
  }
  return file;
}

const compact = (s: TestServer, ino: number) => call(s.url, 'POST', `/v1/fs/cp/inodes/${ino}/compact`);

t.test('compaction', async (t) => {
  for (const engine of await engines(t)) {
    await t.test(engine.name, async (t) => {
      await t.test(
        '40 overlapping writes compact to one slice with the same bytes; old objects go after the grace',
        async (t) => {
          const { s, fsId } = await setup(t, engine);
          const ino = await createFile(s, 'f');
          const expected = await fragment(t, s, ino);
          t.equal((await slicesOf(s, fsId, ino)).length, WRITES, 'one slice per write');
          const before = await objectKeys(s);

          const r = await compact(s, ino);
          t.equal(r.status, 200);
          t.match(r.json, { chunksCompacted: 1, slicesReplaced: WRITES, slicesWritten: 1, chunksStale: 0 });
          const after = await slicesOf(s, fsId, ino);
          t.equal(after.length, 1, 'one slice');
          t.match(after[0], { compaction: 1, offset: 0, len: expected.length, seq: WRITES });
          t.ok((await readAll(s, ino)).equals(expected), 'identical bytes');
          const rebuilt = sliceObjectKeys(geometry, fsId, ino, after[0]);

          await s.built.sweeper.runOnce(Date.now() + REPLACED_OBJECTS_GRACE_MS - 60_000);
          t.same((await objectKeys(s)).sort(), [...before, ...rebuilt].sort(), 'within the grace every object stays');
          await s.built.sweeper.runOnce(Date.now() + REPLACED_OBJECTS_GRACE_MS + 1000);
          t.same((await objectKeys(s)).sort(), rebuilt.sort(), 'past it only the rebuilt objects remain');
          t.ok((await readAll(s, ino)).equals(expected), 'and the file reads the same');
          t.match(s.built.sweeper.jobs.replacedObjects, { errors: 0 }, 'the job reports no failure');

          const again = await compact(s, ino);
          t.match(again.json, { chunksCompacted: 0, slicesReplaced: 0 }, 'a compacted file has nothing left to do');
        },
      );

      await t.test("the leader's pass compacts a file its writes noted, and only that", async (t) => {
        const { s, fsId } = await setup(t, engine);
        const ino = await createFile(s, 'f');
        const expected = await fragment(t, s, ino);
        const few = await createFile(s, 'few');
        t.equal(await writeAt(s, few, 0, Buffer.alloc(100, 1)), 200);
        t.equal(await writeAt(s, few, 50, Buffer.alloc(10, 2)), 200);
        await s.built.sweeper.runOnce();
        t.equal((await slicesOf(s, fsId, ino)).length, 1, 'past the fragment threshold: compacted');
        t.ok((await readAll(s, ino)).equals(expected), 'identical bytes');
        t.equal((await slicesOf(s, fsId, few)).length, 2, 'two slices, little hidden: left alone');
        t.match(s.built.sweeper.jobs.compaction, { lastRunItems: 1, errors: 0 }, 'one chunk compacted by the pass');
        await s.built.sweeper.runOnce();
        t.match(s.built.sweeper.jobs.compaction, { lastRunItems: 0 }, 'the candidates were settled');
      });

      await t.test('a chunk with more slices than one commit can replace compacts in rounds', async (t) => {
        const { s, fsId } = await setup(t, engine);
        const ino = await createFile(s, 'f');
        const expected = Buffer.alloc(2 * MANY_SLICES + 2);
        for (let i = 0; i < MANY_SLICES; i++) {
          const bytes = Buffer.alloc(4, (i % 250) + 1); // each write overlaps the one before
          bytes.copy(expected, 2 * i);
          if ((await writeAt(s, ino, 2 * i, bytes)) !== 200) t.fail(`write ${i} failed`);
        }
        const want = expected;
        const r = await compact(s, ino);
        t.equal(r.status, 200, "within every engine's transaction limits");
        t.ok(r.json.slicesWritten >= 2, `${r.json.slicesWritten} rounds`);
        t.equal((await slicesOf(s, fsId, ino)).length, 1, 'one slice in the end');
        t.ok((await readAll(s, ino)).equals(want), 'identical bytes');
      });

      await t.test('writes committed during a compaction survive it and still win', async (t) => {
        const { s, fsId } = await setup(t, engine);
        const ino = await createFile(s, 'f');
        const expected = await fragment(t, s, ino);
        const appended = Buffer.alloc(3000, 0xee);
        const overwrite = Buffer.alloc(700, 0xdd);
        const objects = s.built.objects;
        const put = objects.put.bind(objects);
        let interleaved = false;
        // The first PUT of a rebuilt block (compaction 1) waits for two writes to commit: an
        // append at the end of the file and an overwrite in the middle of the compacted range.
        objects.put = async (key, body) => {
          if (!interleaved && key.endsWith('_1')) {
            interleaved = true;
            t.equal(await writeAt(s, ino, expected.length, appended), 200, 'append during the compaction');
            t.equal(await writeAt(s, ino, 1000, overwrite), 200, 'overwrite during the compaction');
          }
          return put(key, body);
        };
        t.teardown(() => {
          objects.put = put;
        });
        const r = await compact(s, ino);
        t.ok(interleaved, 'the writes ran inside the compaction');
        t.match(r.json, { chunksCompacted: 1, slicesReplaced: WRITES, slicesWritten: 1 });
        const want = Buffer.concat([expected, appended]);
        overwrite.copy(want, 1000);
        t.ok((await readAll(s, ino)).equals(want), "the compaction's result under the newer writes");
        const slices = await slicesOf(s, fsId, ino);
        t.equal(slices.length, 3, 'the rebuilt slice and the two written meanwhile');
        t.same(
          slices.map((x) => x.seq).sort((a, b) => a - b),
          [WRITES, WRITES + 1, WRITES + 2],
          'the rebuilt slice keeps the newest replaced seq, under both',
        );
        await s.built.sweeper.runOnce(Date.now() + REPLACED_OBJECTS_GRACE_MS + 1000);
        t.ok((await readAll(s, ino)).equals(want), 'still after the replaced objects are gone');
      });

      await t.test('readers racing a compaction and the purge of what it replaced read the right bytes', async (t) => {
        const { s } = await setup(t, engine);
        const ino = await createFile(s, 'f');
        let expected: Buffer = Buffer.alloc(0);
        let reads = 0;
        let wrong = 0;
        const failures: string[] = [];
        for (let round = 0; round < RACE_ROUNDS; round++) {
          expected = await fragment(t, s, ino);
          let racing = true;
          const reader = async () => {
            while (racing) {
              try {
                if (!(await readAll(s, ino)).equals(expected)) wrong++;
              } catch (e) {
                failures.push(String(e));
              }
              reads++;
            }
          };
          const readers = Array.from({ length: 4 }, reader);
          const r = await compact(s, ino);
          t.equal(r.status, 200, `round ${round}: compacted`);
          await s.built.sweeper.runOnce(Date.now() + REPLACED_OBJECTS_GRACE_MS + 1000);
          racing = false;
          await Promise.all(readers);
        }
        t.ok(reads > 0, `${reads} reads raced the compactions`);
        t.equal(wrong, 0, 'every read had the right bytes');
        t.same(failures, [], 'and none failed');
      });
    });
  }
});
