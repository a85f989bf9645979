// Engines whose reads are round trips (etcd, DynamoDB) answer reads from a cache of versions
// seen (kv/version-cache.ts), checked before an outcome counts. Two engines on one store play
// two CirrusFS instances: what one changes, the other's stale cache must never hide — not in
// an answer, not in an error, not in a write. Each engine's test file runs these cases.
import type { Test } from 'tap';
import { fsErr } from '../../src/errno.ts';
import type { Key, KvStore } from '../../src/kv/types.ts';
import { b, count, str } from './values.ts';

/** The cases, on pairs of engines that share one store (each pair on fresh keys). */
export function runStaleCacheCases(t: Test, pair: () => readonly [KvStore, KvStore]): void {
  const k: Key = { group: 'g', item: 'k' };

  t.test('a read-only transaction sees the write of the other instance', async (t) => {
    const [a, other] = pair();
    await a.transact(async (tx) => tx.put(k, b('v1')));
    t.equal(str(await a.transact((tx) => tx.get(k))), 'v1', 'cached');
    await other.transact(async (tx) => tx.put(k, b('v2')));
    t.equal(str(await a.transact((tx) => tx.get(k))), 'v2', 'the cached v1 was checked and replaced');
    t.ok((a.stats().staleGuesses as number) >= 1, 'a stale guess was counted');
  });

  t.test('read-modify-writes from both lose no update', async (t) => {
    const [a, other] = pair();
    const bump = (kv: KvStore) => kv.transact(async (tx) => tx.put(k, b(String(count(await tx.get(k)) + 1))));
    for (let i = 0; i < 5; i++) {
      await bump(a);
      await bump(other);
    }
    await Promise.all(Array.from({ length: 10 }, (_, i) => bump(i % 2 ? a : other)));
    t.equal(count(await other.transact((tx) => tx.get(k))), 20, 'every increment landed');
    t.ok((a.stats().conflicts as number) > 0, 'stale cached reads failed their commits and re-ran');
  });

  t.test('merges onto a stale cached value lose nothing', async (t) => {
    const [a, other] = pair();
    const add = (v: Buffer | undefined) => b(String(count(v) + 1));
    for (let i = 0; i < 6; i++) await (i % 2 ? a : other).transact(async (tx) => tx.merge(k, add));
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : other).transact(async (tx) => tx.merge(k, add))),
    );
    t.equal(count(await a.transact((tx) => tx.get(k))), 16);
  });

  t.test('an error computed from a stale value is not returned', async (t) => {
    const [a, other] = pair();
    t.equal(await a.transact((tx) => tx.get(k)), undefined, 'absent, and cached as absent');
    await other.transact(async (tx) => tx.put(k, b('here')));
    const got = await a.transact(async (tx) => {
      const v = await tx.get(k);
      if (!v) throw fsErr('ENOENT', 'gone');
      return str(v);
    });
    t.equal(got, 'here', 'the ENOENT rested on a stale guess and was re-run');
  });

  t.test('a name assumed absent but created elsewhere gives EEXIST, and the other value stays', async (t) => {
    const [a, other] = pair();
    await other.transact(async (tx) => tx.put(k, b('theirs')));
    const create = () =>
      a.transact(async (tx) => {
        if (await tx.get(k, { likelyAbsent: true })) throw fsErr('EEXIST', 'exists');
        tx.put(k, b('mine'));
      });
    await t.rejects(create(), { code: 'EEXIST' });
    await t.rejects(create(), { code: 'EEXIST' }, 'again, now from the cache');
    t.equal(str(await other.transact((tx) => tx.get(k))), 'theirs');
    t.equal(
      str(await a.transact((tx) => tx.get(k, { likelyAbsent: true }))),
      'theirs',
      'a read-only check of the guess',
    );
  });

  t.test('a transaction never acts on a mix of old and new', async (t) => {
    const [a, other] = pair();
    const p: Key = { group: 'g', item: 'p' };
    const q: Key = { group: 'g', item: 'q' };
    await a.transact(async (tx) => tx.put(p, b('0')));
    t.equal(str(await a.transact((tx) => tx.get(p))), '0');
    // The other instance changes p and creates q in one transaction.
    await other.transact(async (tx) => {
      tx.put(p, b('1'));
      tx.put(q, b('1'));
    });
    let runs = 0;
    const seen = await a.transact(async (tx) => {
      runs++;
      const pv = str(await tx.get(p)); // a guess: '0'
      const qv = str(await tx.get(q)); // not cached: read for real, '1'
      if (pv !== qv) throw fsErr('EIO', `saw p=${pv} q=${qv}`);
      return `${pv}${qv}`;
    });
    t.equal(seen, '11', 'the answer is one snapshot');
    t.ok(runs >= 2, `the mixed view was re-run (${runs} runs)`);
  });

  t.test('errors that are not about stale reads pass through', async (t) => {
    const [a] = pair();
    await a.transact(async (tx) => tx.put(k, b('x')));
    let runs = 0;
    await t.rejects(
      a.transact(async (tx) => {
        runs++;
        await tx.get(k); // a guess, and a right one
        throw fsErr('EPERM', 'no');
      }),
      { code: 'EPERM' },
    );
    t.equal(runs, 1, 'confirmed once, not re-run');
  });

  t.test('writes a transaction does not cache are forgotten, and read back from the store', async (t) => {
    const [a] = pair();
    const fresh: Key = { group: 'g', item: 'loaded' };
    t.equal(await a.transact((tx) => tx.get(k)), undefined, 'absent, and cached as absent');
    const cached = a.stats().cachedKeys as number;
    const guesses = a.stats().staleGuesses as number;
    await a.transact(
      async (tx) => {
        tx.put(k, b('v'));
        tx.put(fresh, b('v'));
      },
      { cacheWrites: false },
    );
    t.equal(a.stats().cachedKeys, cached - 1, 'the cached key was forgotten, the fresh one not noted');
    t.equal(str(await a.transact((tx) => tx.get(k))), 'v', 'read back');
    t.equal(str(await a.transact((tx) => tx.get(fresh))), 'v', 'read back');
    t.equal(a.stats().staleGuesses, guesses, 'from the store: no stale guess of "absent" was made');
  });
}

/** How many cases runStaleCacheCases runs: each takes one pair. */
export const STALE_CACHE_CASES = 8;
