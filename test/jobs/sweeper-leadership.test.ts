// The sweeper is leader work (jobs/sweeper.ts, coord/leadership.ts): it asserts leadership
// before every step, and a pass that loses it stops there and is logged as the expected
// step-down it is, not as a failure. The leadership here is a switch the test turns off after
// a given number of checks; the store and objects are the real embedded ones.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t, { type Test } from 'tap';
import { Catalogue } from '../../src/fs/catalogue.ts';
import { encodeJson } from '../../src/fs/codec.ts';
import { IDEMPOTENCY_TTL_MS } from '../../src/fs/idempotency.ts';
import { IDEMPOTENCY_GROUP } from '../../src/fs/keys.ts';
import { Sweeper } from '../../src/jobs/sweeper.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';

const EXPIRED_ANSWERS = 3;

async function setup(t: Test, checksWhileLeading: number) {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-sweep-lead-'));
  const kv = await MemoryKv.open({ dir: join(dir, 'meta') });
  const objects = await LocalObjectStore.open(join(dir, 'objects'));
  t.teardown(async () => {
    await kv.close();
    await rm(dir, { recursive: true, force: true });
  });
  const oldAt = Date.now() - 2 * IDEMPOTENCY_TTL_MS;
  await kv.transact(async (tx) => {
    for (let i = 0; i < EXPIRED_ANSWERS; i++) {
      tx.put({ group: IDEMPOTENCY_GROUP, item: `k${i}` }, encodeJson({ fp: 'x', at: oldAt, value: null }));
    }
  });
  let checks = 0;
  const leadership = { leading: () => checks++ < checksWhileLeading };
  const logged: { msg: string; err?: unknown }[] = [];
  const sweeper = new Sweeper({
    kv,
    catalogue: new Catalogue(kv),
    objects,
    leadership,
    log: (msg, err) => logged.push({ msg, err }),
  });
  const left = async () =>
    (await kv.transact((tx) => tx.scan(IDEMPOTENCY_GROUP, { limit: 100 }))).entries.map((e) => e.item);
  return { kv, sweeper, logged, left };
}

t.test('a pass that loses leadership stops at the next step and logs it as expected, not as a failure', async (t) => {
  // Leads for the pass's own check and the first record's step, then no more.
  const { sweeper, logged, left } = await setup(t, 2);
  await sweeper.runOnce();
  t.same(await left(), ['k1', 'k2'], 'the first record was swept, then the sweep stopped');
  t.same(
    logged.map((l) => l.msg),
    ['sweep stopped: this instance no longer leads'],
    'logged once, as a step-down',
  );
  t.equal(logged[0].err, undefined, 'without an error attached (an info line)');
  t.equal(sweeper.status.lastError, undefined, 'and not reported as the last error');
  t.equal(sweeper.status.passes, 1, 'the pass is counted');
});

t.test('an instance that does not lead starts no pass at all', async (t) => {
  const { sweeper, logged, left } = await setup(t, 0);
  await sweeper.runOnce();
  t.equal((await left()).length, EXPIRED_ANSWERS, 'nothing swept');
  t.same(logged, [], 'nothing logged');
  t.equal(sweeper.status.passes, 0, 'no pass counted');
});

t.test('a real failure is still logged and reported as one, against the job that failed', async (t) => {
  const { kv, sweeper, logged } = await setup(t, Number.POSITIVE_INFINITY);
  await kv.transact(async (tx) => tx.put({ group: IDEMPOTENCY_GROUP, item: 'k0' }, Buffer.from('not json')));
  await sweeper.runOnce();
  t.same(
    logged.map((l) => l.msg),
    ['sweep failed (idempotency)'],
  );
  t.ok(logged[0].err instanceof SyntaxError, 'with the error attached');
  t.match(sweeper.status.lastError, /SyntaxError/);
  t.match(sweeper.jobs.idempotency, { errors: 1, lastError: /SyntaxError/, runs: 1 }, "in the job's own figures");
  t.equal(sweeper.status.lastPassComplete, true, 'and the pass went on to its end');
});
