// The KV conformance suite: the same cases for every engine (DESIGN §3.2). An engine's test
// file calls runKvConformance with a factory that opens a fresh, empty store.
import type { Test } from 'tap';
import type { FsError } from '../../src/errno.ts';
import type { GroupSelector, KvStore, Tx } from '../../src/kv/types.ts';

const b = (s: string) => Buffer.from(s);
const str = (v: Buffer | undefined) => v?.toString();

/** Scan every page of a group through `tx`, returning the items seen. */
async function scanAll(tx: Tx, group: string, limit: number, prefix?: string): Promise<string[]> {
  const items: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await tx.scan(group, { prefix, after, limit });
    items.push(...page.entries.map((e) => e.item));
    if (!page.more) return items;
    after = page.last;
  }
}

export function runKvConformance(t: Test, openStore: () => Promise<KvStore>): void {
  let kv: KvStore;
  t.beforeEach(async () => {
    kv = await openStore();
  });
  t.afterEach(async () => {
    await kv.close();
  });

  t.test('point ops: put, get, overwrite, delete, absent', async (t) => {
    await kv.transact(async (tx) => {
      tx.put({ group: 'g', item: 'a' }, b('1'));
      tx.put({ group: 'g', item: 'b' }, b('2'));
    });
    t.equal(str(await kv.transact((tx) => tx.get({ group: 'g', item: 'a' }))), '1');
    await kv.transact(async (tx) => tx.put({ group: 'g', item: 'a' }, b('1x')));
    const [a, bb, c] = await kv.transact((tx) =>
      tx.getMany([
        { group: 'g', item: 'a' },
        { group: 'g', item: 'b' },
        { group: 'g', item: 'c' },
      ]),
    );
    t.same([str(a), str(bb), c], ['1x', '2', undefined]);
    await kv.transact(async (tx) => tx.delete({ group: 'g', item: 'a' }));
    t.equal(await kv.transact((tx) => tx.get({ group: 'g', item: 'a' })), undefined);
    t.equal(str(await kv.transact((tx) => tx.get({ group: 'g', item: 'b' }))), '2', 'other key untouched');
    t.equal(await kv.transact((tx) => tx.get({ group: 'h', item: 'b' })), undefined, 'groups are separate');
  });

  t.test('point reads outside transactions see the latest commit', async (t) => {
    const key = { group: 'pt', item: 'k' };
    t.equal(await kv.get(key), undefined, 'absent');
    await kv.transact(async (tx) => tx.put(key, b('1')));
    t.equal(str(await kv.get(key)), '1');
    await kv.transact(async (tx) => tx.merge(key, (cur) => b(`${cur}2`)));
    t.equal(str(await kv.get(key)), '12', 'after a merge');
    await kv.transact(async (tx) => tx.delete(key));
    t.equal(await kv.get(key), undefined, 'after a delete');
  });

  t.test('binary keys and values round-trip, groups order by bytes', async (t) => {
    const items = ['\x00', '\x01z', '\x7f', '\x80', '\xff', '\xff\xff', 'a'];
    const value = Buffer.from([0, 1, 2, 255, 254, 0]);
    await kv.transact(async (tx) => {
      for (const item of items) tx.put({ group: 'bin', item }, value);
    });
    const got = await kv.transact((tx) => scanAll(tx, 'bin', 100));
    t.same(
      got,
      [...items].sort((x, y) => Buffer.compare(Buffer.from(x, 'latin1'), Buffer.from(y, 'latin1'))),
    );
    t.same(await kv.transact((tx) => tx.get({ group: 'bin', item: '\x80' })), value);
  });

  t.test('a transaction sees its own writes, including in scans', async (t) => {
    await kv.transact(async (tx) => {
      for (const i of ['a', 'c', 'e']) tx.put({ group: 's', item: i }, b(i));
    });
    const seen = await kv.transact(async (tx) => {
      tx.put({ group: 's', item: 'b' }, b('b'));
      tx.delete({ group: 's', item: 'c' });
      tx.put({ group: 's', item: 'e' }, b('E'));
      const page = await tx.scan('s', { limit: 10 });
      return {
        items: page.entries.map((e) => `${e.item}=${e.value}`),
        got: str(await tx.get({ group: 's', item: 'c' })),
      };
    });
    t.same(seen.items, ['a=a', 'b=b', 'e=E']);
    t.equal(seen.got, undefined);
  });

  t.test('scans: prefix, paging with after, limit, empty groups', async (t) => {
    await kv.transact(async (tx) => {
      for (let i = 0; i < 25; i++) tx.put({ group: 'p', item: `x${String(i).padStart(2, '0')}` }, b(String(i)));
      tx.put({ group: 'p', item: 'w' }, b('w'));
      tx.put({ group: 'p', item: 'y' }, b('y'));
      tx.put({ group: 'pp', item: 'x00' }, b('other group'));
    });
    const all = await kv.transact((tx) => scanAll(tx, 'p', 7));
    t.equal(all.length, 27);
    t.same(all.slice(0, 2), ['w', 'x00']);
    t.equal(all.at(-1), 'y');
    const prefixed = await kv.transact((tx) => scanAll(tx, 'p', 4, 'x1'));
    t.same(prefixed, ['x10', 'x11', 'x12', 'x13', 'x14', 'x15', 'x16', 'x17', 'x18', 'x19']);
    const page = await kv.transact((tx) => tx.scan('p', { limit: 3, after: 'x05' }));
    t.same(
      page.entries.map((e) => e.item),
      ['x06', 'x07', 'x08'],
    );
    t.equal(page.more, true);
    const exact = await kv.transact((tx) => tx.scan('p', { limit: 2, after: 'x24' }));
    t.same(
      exact.entries.map((e) => e.item),
      ['y'],
    );
    t.equal(exact.more, false);
    const empty = await kv.transact((tx) => tx.scan('nothing', { limit: 5 }));
    t.same(empty.entries, []);
    t.equal(empty.more, false);
    const afterPrefix = await kv.transact((tx) => tx.scan('p', { limit: 5, prefix: 'x', after: 'x23' }));
    t.same(
      afterPrefix.entries.map((e) => e.item),
      ['x24'],
    );
    const before = await kv.transact((tx) => tx.scan('p', { limit: 3, prefix: 'x1', after: 'w' }));
    t.same(
      before.entries.map((e) => e.item),
      ['x10', 'x11', 'x12'],
      'an `after` below the prefix starts at the prefix',
    );
    const past = await kv.transact((tx) => tx.scan('p', { limit: 3, prefix: 'x1', after: 'x2' }));
    t.same(past.entries, [], 'an `after` past the prefix gives an empty page');
    t.equal(past.more, false);
    const versions = await kv.transact((tx) => tx.scan('p', { limit: 2 }));
    t.ok(
      versions.entries.every((e) => e.version > 0),
      'entries carry versions',
    );
  });

  t.test('conflicting concurrent transactions: exactly one of two wins per attempt', async (t) => {
    const key = { group: 'cas', item: 'k' };
    await kv.transact(async (tx) => tx.put(key, b('0')));
    // Both read, then both try to write with their read versions: one must lose.
    let entered = 0;
    let release!: () => void;
    const bothRead = new Promise<void>((r) => (release = r));
    const attempt = (name: string) =>
      kv.transact(
        async (tx) => {
          const v = await tx.get(key);
          if (++entered === 2) release();
          await bothRead;
          tx.put(key, b(`${v}+${name}`));
          return name;
        },
        { maxAttempts: 1 },
      );
    const results = await Promise.allSettled([attempt('A'), attempt('B')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    t.equal(won.length, 1, 'one wins');
    t.equal(lost.length, 1, 'one loses');
    t.equal(
      ((lost[0] as PromiseRejectedResult).reason as FsError).code,
      'EAGAIN',
      'the loser gets EAGAIN without retries',
    );
    const final = str(await kv.transact((tx) => tx.get(key)));
    t.equal(final, `0+${(won[0] as PromiseFulfilledResult<string>).value}`);
  });

  t.test('retries make read-modify-write increments exact under contention', async (t) => {
    const key = { group: 'cnt', item: 'n' };
    const N = 40;
    await Promise.all(
      Array.from({ length: N }, () =>
        kv.transact(async (tx) => {
          const cur = Number(str(await tx.get(key)) ?? '0');
          await new Promise((r) => setImmediate(r));
          tx.put(key, b(String(cur + 1)));
        }),
      ),
    );
    t.equal(str(await kv.transact((tx) => tx.get(key))), String(N));
  });

  t.test('absent-key compares: two creators of one key, one wins', async (t) => {
    const key = { group: 'abs', item: 'new' };
    let ready = 0;
    let go!: () => void;
    const gate = new Promise<void>((r) => (go = r));
    const create = (who: string) =>
      kv.transact(async (tx) => {
        if (await tx.get(key)) return 'exists';
        if (++ready === 2) go();
        await gate;
        tx.put(key, b(who));
        return 'created';
      });
    const outcomes = await Promise.all([create('A'), create('B')]);
    t.same(outcomes.sort(), ['created', 'exists'], 'the retried loser sees the key');
  });

  t.test('a scanned entry that changes makes the scanner conflict', async (t) => {
    await kv.transact(async (tx) => tx.put({ group: 'sc', item: 'a' }, b('1')));
    let first = true;
    let attempts = 0;
    await kv.transact(async (tx) => {
      attempts++;
      await tx.scan('sc', { limit: 10 });
      if (first) {
        first = false;
        await kv.transact(async (tx2) => tx2.put({ group: 'sc', item: 'a' }, b('2')));
      }
      tx.put({ group: 'sc', item: 'seen' }, b('x'));
    });
    t.equal(attempts, 2, 're-run after the conflict');
  });

  t.test('errors thrown inside a transaction write nothing', async (t) => {
    await t.rejects(
      kv.transact(async (tx) => {
        tx.put({ group: 'err', item: 'a' }, b('1'));
        throw new Error('boom');
      }),
      { message: 'boom' },
    );
    t.equal(await kv.transact((tx) => tx.get({ group: 'err', item: 'a' })), undefined);
  });

  t.test('declared limits are enforced', async (t) => {
    const { maxWritesPerTx, maxValueBytes, maxKeyBytes } = kv.limits;
    t.ok(maxWritesPerTx >= 64 && maxWritesPerTx <= 128, "write cap within the engines' caps");
    await kv.transact(async (tx) => {
      for (let i = 0; i < maxWritesPerTx; i++) tx.put({ group: 'lim', item: `k${i}` }, b('v'));
    });
    const page = await kv.transact((tx) => tx.scan('lim', { limit: kv.limits.maxScanLimit }));
    t.equal(page.entries.length, maxWritesPerTx, 'a transaction at the cap commits');
    await t.rejects(
      kv.transact(async (tx) => {
        for (let i = 0; i <= maxWritesPerTx; i++) tx.put({ group: 'lim2', item: `k${i}` }, b('v'));
      }),
      { code: 'E2BIG' },
    );
    await t.rejects(
      kv.transact(async (tx) => tx.put({ group: 'lim3', item: 'v' }, Buffer.alloc(maxValueBytes + 1))),
      {
        code: 'E2BIG',
      },
    );
    await t.rejects(
      kv.transact(async (tx) => tx.put({ group: 'lim3', item: 'k'.repeat(maxKeyBytes) }, b('v'))),
      {
        code: 'E2BIG',
      },
    );
    t.equal((await kv.transact((tx) => tx.scan('lim2', { limit: 10 }))).entries.length, 0, 'nothing of it landed');
  });

  t.test('merges: concurrent increments are never lost', async (t) => {
    const key = { group: 'mg', item: 'n' };
    const inc = (cur: Buffer | undefined) => b(String(Number(cur?.toString() ?? '0') + 1));
    const N = 30;
    await Promise.all(
      Array.from({ length: N }, () =>
        kv.transact(async (tx) => {
          await tx.get({ group: 'mg', item: 'other' });
          await new Promise((r) => setImmediate(r)); // let the others interleave
          tx.merge(key, inc);
        }),
      ),
    );
    t.equal(str(await kv.transact((tx) => tx.get(key))), String(N), 'every merge applied once');
  });

  t.test('merges: a merge made by another transaction while this one runs does not conflict', async (t) => {
    const key = { group: 'mg1', item: 'n' };
    const inc = (cur: Buffer | undefined) => b(String(Number(cur?.toString() ?? '0') + 1));
    let attempts = 0;
    await kv.transact(
      async (tx) => {
        attempts++;
        tx.merge(key, inc);
        await kv.transact(async (other) => other.merge(key, inc)); // commits in between
      },
      { maxAttempts: 1 },
    );
    t.equal(attempts, 1, 'no re-run: a merge is read at commit, not when it is made');
    t.equal(str(await kv.transact((tx) => tx.get(key))), '2');
  });

  t.test('merges: a transaction that read the key conflicts with a later merge', async (t) => {
    const key = { group: 'mg2', item: 'n' };
    await kv.transact(async (tx) => tx.put(key, b('0')));
    let attempts = 0;
    await kv.transact(async (tx) => {
      attempts++;
      const seen = await tx.get(key);
      if (attempts === 1) await kv.transact(async (tx2) => tx2.merge(key, () => b('merged')));
      tx.put({ group: 'mg2', item: 'copy' }, seen ?? b(''));
    });
    t.equal(attempts, 2, 're-run after the merge');
    t.equal(str(await kv.transact((tx) => tx.get({ group: 'mg2', item: 'copy' }))), 'merged');
  });

  t.test("merges compose with the transaction's own reads and writes", async (t) => {
    const key = { group: 'mg3', item: 'n' };
    await kv.transact(async (tx) => tx.put(key, b('a')));
    const seen = await kv.transact(async (tx) => {
      tx.merge(key, (cur) => b(`${cur}b`));
      tx.merge(key, (cur) => b(`${cur}c`));
      const got = str(await tx.get(key));
      const page = await tx.scan('mg3', { limit: 5 });
      return { got, scanned: str(page.entries[0]?.value) };
    });
    t.same(seen, { got: 'abc', scanned: 'abc' }, 'reads see pending merges applied in order');
    t.equal(str(await kv.transact((tx) => tx.get(key))), 'abc');
    await kv.transact(async (tx) => {
      tx.put(key, b('x'));
      tx.merge(key, (cur) => b(`${cur}y`));
    });
    t.equal(str(await kv.transact((tx) => tx.get(key))), 'xy', 'a merge after a put applies to the put value');
    await kv.transact(async (tx) => tx.merge({ group: 'mg3', item: 'fresh' }, (cur) => b(cur ? 'had' : 'new')));
    t.equal(
      str(await kv.transact((tx) => tx.get({ group: 'mg3', item: 'fresh' }))),
      'new',
      'a merge of an absent key sees undefined',
    );
  });

  t.test('versions change on every write and are visible to scans', async (t) => {
    const key = { group: 'ver', item: 'a' };
    await kv.transact(async (tx) => tx.put(key, b('1')));
    const v1 = (await kv.transact((tx) => tx.scan('ver', { limit: 1 }))).entries[0].version;
    await kv.transact(async (tx) => tx.put(key, b('1')));
    const v2 = (await kv.transact((tx) => tx.scan('ver', { limit: 1 }))).entries[0].version;
    t.ok(v2 !== v1, 'rewriting the same bytes still changes the version');
  });

  t.test('views: a selector yields each key of its groups once, in byte order where the view is ordered', async (t) => {
    const keys: [string, string][] = [
      ['va', 'a'],
      ['va', 'b\xff'],
      ['va', 'c'],
      ['vab', '\x01'],
      ['vab', 'z'],
      ['vb', 'a'],
      ['w', 'a'],
    ];
    for (let i = 0; i < keys.length; i += 3) {
      await kv.transact(async (tx) => {
        for (const [group, item] of keys.slice(i, i + 3)) tx.put({ group, item }, b(`${group}/${item}`));
      });
    }
    const view = await kv.view();
    t.teardown(() => view.close());
    const read = async (selector: GroupSelector) => {
      const out: string[] = [];
      for await (const page of view.scan(selector, { pageSize: 2 })) {
        t.ok(page.length >= 1 && page.length <= 2, 'pages are never empty nor longer than asked');
        for (const e of page) {
          t.equal(str(e.value), `${e.group}/${e.item}`, 'the value of its key');
          out.push(`${e.group}\x00${e.item}`);
        }
      }
      return out;
    };
    const expect = (pred: (group: string) => boolean) => keys.filter(([g]) => pred(g)).map(([g, i]) => `${g}\x00${i}`);
    const cases: [GroupSelector, string[]][] = [
      [{ group: 'va' }, expect((g) => g === 'va')],
      [{ groupPrefix: 'va' }, expect((g) => g.startsWith('va'))],
      [{ groupPrefix: 'v' }, expect((g) => g.startsWith('v'))],
      [{ group: 'none' }, []],
    ];
    for (const [selector, want] of cases) {
      const got = await read(selector);
      if (view.ordered) t.same(got, want, `${JSON.stringify(selector)} in byte order`);
      else t.same([...got].sort(), want, `${JSON.stringify(selector)}, each key once`);
    }
  });

  t.test('views: a big group in small pages, dense and sparse keys, each once and in order', async (t) => {
    // Dense runs (one item prefix), sparse keys, 0x00/0xff bytes and items of every length: a
    // view that pages by windows of keys (etcd-view.ts) must still give exactly the range.
    const items: string[] = [];
    for (let i = 0; i < 300; i++) items.push(`d${String(i).padStart(4, '0')}`);
    for (let i = 0; i < 40; i++) items.push(`s${String.fromCharCode(1 + i * 6)}${'x'.repeat(i % 7)}`);
    items.push('\x00', '\xff', '\xff\xff', 'z\xff\x00', 'zz');
    const groups = ['big', 'big\x01', 'big\xff', 'bigger'];
    const keys = groups.flatMap((g) => items.map((i) => ({ group: g, item: i })));
    for (let i = 0; i < keys.length; i += 50) {
      await kv.transact(async (tx) => {
        for (const k of keys.slice(i, i + 50)) tx.put(k, b('v'));
      });
    }
    const view = await kv.view();
    t.teardown(() => view.close());
    for (const [selector, pred] of [
      [{ group: 'big' }, (g: string) => g === 'big'],
      [{ groupPrefix: 'big' }, (g: string) => g.startsWith('big')],
    ] as const) {
      const got: string[] = [];
      for await (const page of view.scan(selector, { pageSize: 7 })) {
        for (const e of page) got.push(`${e.group}\x00${e.item}`);
      }
      const want = keys.filter((k) => pred(k.group)).map((k) => `${k.group}\x00${k.item}`);
      if (view.ordered) t.same(got, [...want].sort(), `${JSON.stringify(selector)}: every key once, in byte order`);
      else t.same([...got].sort(), [...want].sort(), `${JSON.stringify(selector)}: every key once`);
    }
  });

  t.test('views: a snapshot view answers the store as it was when it opened', async (t) => {
    await kv.transact(async (tx) => {
      tx.put({ group: 'snap', item: 'keep' }, b('1'));
      tx.put({ group: 'snap', item: 'gone' }, b('2'));
    });
    const view = await kv.view();
    t.teardown(() => view.close());
    await kv.transact(async (tx) => {
      tx.put({ group: 'snap', item: 'keep' }, b('changed'));
      tx.delete({ group: 'snap', item: 'gone' });
      tx.put({ group: 'snap', item: 'new' }, b('3'));
    });
    const seen: string[] = [];
    for await (const page of view.scan({ group: 'snap' })) for (const e of page) seen.push(`${e.item}=${e.value}`);
    if (view.consistency === 'snapshot') t.same(seen, ['gone=2', 'keep=1'], 'nothing committed after it opened');
    else t.same(seen.sort(), ['keep=changed', 'new=3'], 'per item: each key as it is when read');
  });
}
