// The etcd engine's cache of versions seen (kv/version-cache.ts, kv/etcd-reads.ts) under the
// interleavings, across two engines on one etcd (two instances) or within one, in which a
// cached guess used to show through, an update was lost, or a transaction failed that the
// engine without the cache answered.
import t from 'tap';
import { GRPCDeadlineExceededError, type KVClient } from 'etcd3';
import type { EtcdKv } from '../../src/kv/etcd.ts';
import type { Key } from '../../src/kv/types.ts';
import { startEtcd } from '../support/etcd.ts';
import { b, count, enginePairs, str } from './etcd-pair.ts';

/**
 * Run `hook` after each of the engine's KV calls to etcd (a range or a Txn) has answered,
 * before the engine sees the answer: `hook` learns what was asked and answered. It plays
 * another instance writing between this one's round trips.
 */
function afterEachCall(kv: EtcdKv, hook: (call: { compares: number; succeeded?: boolean }) => Promise<void>): void {
  const c: KVClient = kv.client.kv;
  const range = c.range.bind(c);
  const txn = c.txn.bind(c);
  c.range = (async (...args: Parameters<KVClient['range']>) => {
    const r = await range(...args);
    await hook({ compares: 0 });
    return r;
  }) as KVClient['range'];
  c.txn = (async (...args: Parameters<KVClient['txn']>) => {
    const r = await txn(...args);
    await hook({ compares: args[0].compare?.length ?? 0, succeeded: r.succeeded });
    return r;
  }) as KVClient['txn'];
}

t.test('cached guesses under interleavings: no stale answer, no lost update, no extra failure', async (t) => {
  const etcd = await startEtcd(1);
  t.teardown(() => etcd.stop());
  const pair = enginePairs(t, etcd, 'r');
  const k: Key = { group: 'g', item: 'k' };

  t.test(
    'a merge into a key the transaction scanned applies to the value scanned, not an older cached one',
    async (t) => {
      const [a, other] = pair();
      await a.transact(async (tx) => tx.put(k, b('1'))); // a caches k = 1
      await other.transact(async (tx) => tx.put(k, b('5'))); // a's cache is stale now
      await a.transact(async (tx) => {
        const page = await tx.scan(k.group, { limit: 10 }); // reads k = 5 for real
        t.equal(str(page.entries[0]?.value), '5');
        tx.merge(k, (cur) => b(String(count(cur) + 1)));
      });
      t.equal(str(await other.transact((tx) => tx.get(k))), '6', "the other instance's 5 was not lost");
    },
  );

  t.test('a guess newer than the pinned revision never mixes with a scan at it', async (t) => {
    const [a] = pair();
    const out: Key = { group: 'o', item: 'out' };
    await a.transact(async (tx) => tx.put(k, b('0')));
    let runs = 0;
    await a.transact(async (tx) => {
      runs++;
      await tx.scan('pin', { limit: 1 }); // pins the attempt's revision R
      // Another request of this process commits k = 1 after R: the cache has it.
      if (runs === 1) await a.transact(async (tx2) => tx2.put(k, b('1')));
      const got = str(await tx.get(k));
      const listed = str((await tx.scan(k.group, { limit: 10 })).entries.find((e) => e.item === k.item)?.value);
      tx.put(out, b(`${got}/${listed}`));
    });
    const [got, listed] = str(await a.transact((tx) => tx.get(out)))!.split('/');
    t.equal(got, listed, 'the get and the scan saw one version of k');
  });

  t.test('a read-only transaction answers while another instance keeps writing its key', async (t) => {
    const [a, other] = pair();
    await a.transact(async (tx) => tx.put(k, b('1'))); // cached by a
    await other.transact(async (tx) => tx.put(k, b('2'))); // stale
    let writes = 2;
    // The other instance writes k between every two round trips of a (a hot key).
    afterEachCall(a, async () => {
      await other.transact(async (tx) => tx.put(k, b(String(++writes))));
    });
    const got = count(await a.transact((tx) => tx.get(k), { maxAttempts: 10 }));
    t.ok(got >= 2, `answered ${got}`);
  });

  t.test('a read-modify-write succeeds when the other instance writes during its backoff', async (t) => {
    const [a, other] = pair();
    await a.transact(async (tx) => tx.put(k, b('1')));
    await other.transact(async (tx) => tx.put(k, b('10'))); // a's cache is stale
    // Whenever a's commit fails, the other instance writes k again (while a backs off).
    afterEachCall(a, async (call) => {
      if (call.compares > 0 && call.succeeded === false)
        await other.transact(async (tx) => tx.put(k, b(String(count(await tx.get(k)) + 10))));
    });
    await a.transact(async (tx) => tx.put(k, b(String(count(await tx.get(k)) + 1))), { maxAttempts: 10 });
    t.equal(count(await other.transact((tx) => tx.get(k))) % 10, 1, "a's increment landed on the other's latest value");
  });

  t.test('a read-only transaction may read more keys than one etcd Txn holds', async (t) => {
    const [a, other] = pair();
    const keys = Array.from({ length: 200 }, (_, i) => ({ group: 'many', item: String(i).padStart(3, '0') }));
    for (const half of [keys.slice(0, 100), keys.slice(100)])
      await a.transact(async (tx) => {
        for (const key of half) tx.put(key, b('x'));
      });
    // a has all 200 cached: each getMany is of 100 guesses, confirmed together.
    const cached = await a.transact(async (tx) => [
      ...(await tx.getMany(keys.slice(0, 100))),
      ...(await tx.getMany(keys.slice(100))),
    ]);
    t.equal(cached.filter((v) => str(v) === 'x').length, 200, 'cached guesses, confirmed');
    // The other instance has none cached: 200 real reads in one getMany.
    const read = await other.transact((tx) => tx.getMany(keys));
    t.equal(read.filter((v) => str(v) === 'x').length, 200, 'real reads');
  });

  t.test('a caller that changes a value it was given does not change the cache', async (t) => {
    const [a] = pair();
    const other: Key = { group: 'g', item: 'other' };
    await a.transact(async (tx) => tx.put(k, b('abc')));
    await a.transact(async (tx) => {
      const v = (await tx.get(k))!; // answered from the cache
      tx.put(other, b('x'));
      v.fill(0x7a); // the caller's own buffer, as the engine without a cache gave it
    });
    await a.transact(async (tx) => tx.put(other, (await tx.get(k))!));
    t.equal(str(await a.transact((tx) => tx.get(other))), 'abc', 'a read-modify-write copies what was committed');
    t.equal(str(await a.transact((tx) => tx.get(k))), 'abc', 'a read-only transaction reads what was committed');
  });
  t.test('a create whose answer was lost, while another instance merged into its counter, is not re-run', async (t) => {
    const [a, other] = pair();
    const name: Key = { group: 'd', item: 'name' };
    const shard: Key = { group: 'd', item: '~count' };
    const add = (cur: Buffer | undefined) => b(String(count(cur) + 1));
    await other.transact(async (tx) => tx.merge(shard, add));
    // a's first commit is applied, but its answer is lost (a failover); meanwhile the other
    // instance creates a name too, bumping the same counter shard.
    let lose = true;
    afterEachCall(a, async (call) => {
      if (call.compares === 0 || !lose) return;
      lose = false;
      await other.transact(async (tx) => {
        tx.put({ group: 'd', item: 'theirs' }, b('x'));
        tx.merge(shard, add);
      });
      throw new GRPCDeadlineExceededError('simulated: the Txn applied, its answer was lost');
    });
    let runs = 0;
    await a.transact(async (tx) => {
      runs++;
      if (await tx.get(name, { likelyAbsent: true })) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      tx.put(name, b(`mine-${runs}`));
      tx.merge(shard, add);
    });
    t.equal(str(await other.transact((tx) => tx.get(name))), 'mine-1', 'created once');
    t.equal(count(await other.transact((tx) => tx.get(shard))), 3, 'counted once');
  });
  t.test('a create whose request was lost before etcd applied it is run again', async (t) => {
    const [a, other] = pair();
    const name: Key = { group: 'd', item: 'name' };
    const shard: Key = { group: 'd', item: '~count' };
    const add = (cur: Buffer | undefined) => b(String(count(cur) + 1));
    const c: KVClient = a.client.kv;
    const txn = c.txn.bind(c);
    let lose = true;
    c.txn = (async (...args: Parameters<KVClient['txn']>) => {
      if (!args[0].compare?.length || !lose) return txn(...args);
      lose = false;
      await other.transact(async (tx) => tx.merge(shard, add));
      throw new GRPCDeadlineExceededError('simulated: the Txn never reached etcd');
    }) as KVClient['txn'];
    await a.transact(async (tx) => {
      if (await tx.get(name, { likelyAbsent: true })) throw Object.assign(new Error('exists'), { code: 'EEXIST' });
      tx.put(name, b('mine'));
      tx.merge(shard, add);
    });
    t.equal(str(await other.transact((tx) => tx.get(name))), 'mine', 'created');
    t.equal(count(await other.transact((tx) => tx.get(shard))), 2, "counted once, with the other's");
  });
});
