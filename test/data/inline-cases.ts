// The inline-contents cases (DESIGN §3.3), run on every engine by inline.test.ts (memory,
// etcd) and inline-dynamodb.test.ts: a small file is one transaction with no object and no
// intent; it moves to blocks when it grows past the filesystem's inlineBytes (by writeData or
// by upload), shrinks by truncate, and reads — ranged, across the end of its inline bytes —
// like any file.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Test } from 'tap';
import { decodeInline, decodeInode, maxInlineBytes } from '../../src/fs/codec.ts';
import { inlineKey, inodeKey, intentGroup } from '../../src/fs/keys.ts';
import type { Inode } from '../../src/fs/model.ts';
import { GEN_PURGE_GRACE_MS } from '../../src/jobs/sweeper.ts';
import { startServer, type TestServer } from '../support/server.ts';
import { type Api, apiFor, problem, readResponse } from '../support/api.ts';

const INLINE = 4096;
const BLOCK = 65536;
const FS = '/v1/fs/small';

const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7 + seed) % 251));

/** What the tests look at besides the API: the inode record, the inline record, objects, intents, commits. */
function probe(s: TestServer, fsId: number) {
  const kv = s.built.kv;
  const objects = async (ino: number) =>
    readdir(join(s.dir, 'objects', String(fsId), String(ino % 256), String(ino))).catch(() => []);
  return {
    objects,
    inode: async (ino: number): Promise<Inode> =>
      decodeInode(ino, (await kv.transact((tx) => tx.get(inodeKey(fsId, ino))))!),
    inline: async (ino: number) => {
      const raw = await kv.transact((tx) => tx.get(inlineKey(fsId, ino)));
      return raw && Buffer.from(decodeInline(raw));
    },
    intents: async () => (await kv.transact((tx) => tx.scan(intentGroup(fsId), { limit: 10 }))).entries.length,
    commits: () => kv.stats().commits as number,
  };
}

async function setup(s: TestServer, body: Record<string, unknown> = {}) {
  const api = apiFor(s.url);
  const made = await api('POST', '/v1/fs', { name: 'small', blockSize: BLOCK, chunkSize: BLOCK * 4, ...body });
  if (made.status !== 201) throw new Error(`createFs: ${made.status} ${made.text}`);
  return { api, fsId: made.json.id as number, p: probe(s, made.json.id) };
}

const upload = async (s: TestServer, path: string, body: Buffer, headers: Record<string, string> = {}) =>
  readResponse(await fetch(`${s.url}${FS}/files/${path}`, { method: 'PUT', body, headers }));

async function download(s: TestServer, path: string, range?: string) {
  const res = await fetch(`${s.url}${FS}/files/${path}`, { headers: range ? { range } : {} });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

async function readData(s: TestServer, ino: number, range?: string) {
  const res = await fetch(`${s.url}${FS}/inodes/${ino}/data`, { headers: range ? { range } : {} });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

const writeData = async (s: TestServer, ino: number, offset: number, body: Buffer) =>
  readResponse(await fetch(`${s.url}${FS}/inodes/${ino}/data?offset=${offset}`, { method: 'PUT', body }));

const flush = (api: Api, ino: number) => api('POST', `${FS}/inodes/${ino}/flush`, { verifiers: [] });

/**
 * The cases as subtests of `t`, each on a fresh server on `engine`; `env` gives the server's
 * metadata settings (an empty store each time).
 */
export function inlineCases(t: Test, engine: string, env: () => Promise<Record<string, string>>): void {
  const start = async (t: Test) => {
    const s = await startServer({ env: await env() });
    t.teardown(() => s.close());
    return s;
  };
  t.test(`${engine}: a small upload is one transaction, no object, no intent`, async (t) => {
    const s = await start(t);
    const { p } = await setup(s);
    const body = bytes(100);
    await upload(s, 'warm.txt', body); // the first takes batches of inode and slice ids (a transaction each)
    const before = p.commits();
    const up = await upload(s, 'a.txt', body);
    t.equal(up.status, 201);
    t.equal(p.commits() - before, 1, 'one committed transaction');
    const ino = up.json.ino;
    t.equal((await p.inode(ino)).inline, true, 'the inode says its contents are inline');
    t.same(await p.inline(ino), body, 'the bytes are in the inline record');
    t.same(await p.objects(ino), [], 'no object');
    t.equal(await p.intents(), 0, 'no intent');
    t.same((await download(s, 'a.txt')).body, body, 'downloads whole');
    const replaced = await upload(s, 'a.txt', bytes(INLINE, 9));
    t.equal(replaced.status, 200, 'a replace with a body of exactly inlineBytes stays inline');
    t.same(await p.inline(ino), bytes(INLINE, 9));
    t.same((await download(s, 'a.txt')).body, bytes(INLINE, 9));
    const empty = await upload(s, 'a.txt', Buffer.alloc(0));
    t.equal(empty.json.length, 0, 'an empty body empties the file');
    t.equal(await p.inline(ino), undefined, 'and leaves no inline record');
    t.equal((await p.inode(ino)).inline, undefined);
    t.equal((await upload(s, 'a.txt', bytes(5), { 'if-none-match': '*' })).status, 412, 'If-None-Match: * holds');
  });

  t.test(`${engine}: ranged reads across the end of the inline bytes`, async (t) => {
    const s = await start(t);
    const { api, p } = await setup(s);
    const body = bytes(1000);
    const ino = (await upload(s, 'r.bin', body)).json.ino;
    // Extend by truncate: the inline bytes stay as they are, the rest reads as zeros.
    t.equal((await api('PATCH', `${FS}/inodes/${ino}`, { size: 3000 })).json.length, 3000);
    t.same(await p.inline(ino), body, 'an extending truncate writes nothing');
    const whole = Buffer.concat([body, Buffer.alloc(2000)]);
    t.same((await readData(s, ino)).body, whole, 'whole file: bytes then zeros');
    const r = await readData(s, ino, 'bytes=900-1099');
    t.equal(r.status, 206);
    t.same(r.body, whole.subarray(900, 1100), 'a range across the boundary');
    t.same((await readData(s, ino, 'bytes=1500-1599')).body, Buffer.alloc(100), 'a range past the inline bytes');
    t.same((await readData(s, ino, 'bytes=-50')).body, whole.subarray(2950), 'a suffix range');
    const d = await download(s, 'r.bin', 'bytes=990-1009');
    t.equal(d.status, 206, 'ranged download by path');
    t.equal(d.headers.get('content-range'), 'bytes 990-1009/3000');
    t.same(d.body, whole.subarray(990, 1010));
    problem(
      t,
      await readResponse(await fetch(`${s.url}${FS}/files/r.bin`, { headers: { range: 'bytes=3000-' } })),
      416,
      'ERANGE',
    );
  });

  t.test(`${engine}: writeData keeps a small file inline, and moves it to blocks past inlineBytes`, async (t) => {
    const s = await start(t);
    const { api, p } = await setup(s);
    const ino = (await api('POST', `${FS}/inodes/1/entries`, { name: 'w', type: 'file' })).json.ino;
    t.equal((await writeData(s, ino, 0, bytes(300))).json.stable, false, 'an unstable write');
    t.same((await readData(s, ino)).body, bytes(300), 'reads see the cached write');
    const before = p.commits();
    t.equal((await flush(api, ino)).status, 200);
    t.equal(p.commits() - before, 1, 'the flush is one transaction');
    t.same(await p.inline(ino), bytes(300), 'committed as inline contents');
    t.same(await p.objects(ino), [], 'no object');
    // A write inside: still inline.
    await writeData(s, ino, 100, Buffer.from('middle'));
    await flush(api, ino);
    const expected = bytes(300);
    expected.write('middle', 100);
    t.same(await p.inline(ino), expected, 'a write inside paints over the inline bytes');
    // Past the threshold: the bytes move to blocks at the flush.
    const tail = bytes(INLINE, 5);
    await writeData(s, ino, 300, tail);
    t.same((await readData(s, ino)).body, Buffer.concat([expected, tail]), 'cached bytes over inline ones');
    t.equal((await flush(api, ino)).status, 200);
    t.equal(await p.inline(ino), undefined, 'the inline record is gone');
    const inode = await p.inode(ino);
    t.equal(inode.inline, undefined);
    t.equal(inode.length, 300 + INLINE);
    t.equal((await p.objects(ino)).length, 1, 'inline bytes and the append became one slice, one object');
    t.equal(await p.intents(), 0, 'no intent left');
    t.same((await readData(s, ino)).body, Buffer.concat([expected, tail]), 'every byte survived the move');
    t.same((await readData(s, ino, 'bytes=250-349')).body, Buffer.concat([expected, tail]).subarray(250, 350));
    // A sparse write far past the inline bytes: they spill as their own slice.
    const ino2 = (await api('POST', `${FS}/inodes/1/entries`, { name: 'w2', type: 'file' })).json.ino;
    await writeData(s, ino2, 0, bytes(10));
    await flush(api, ino2);
    await writeData(s, ino2, BLOCK * 5, bytes(10, 3));
    await flush(api, ino2);
    const sparse = Buffer.alloc(BLOCK * 5 + 10);
    bytes(10).copy(sparse, 0);
    bytes(10, 3).copy(sparse, BLOCK * 5);
    t.same((await readData(s, ino2)).body, sparse, 'a sparse write past the inline bytes keeps them');
    t.equal(await p.inline(ino2), undefined);
  });

  t.test(`${engine}: an upload past inlineBytes replaces inline contents with blocks`, async (t) => {
    const s = await start(t);
    const { p } = await setup(s);
    const ino = (await upload(s, 'u.bin', bytes(200))).json.ino;
    t.same(await p.inline(ino), bytes(200));
    const big = bytes(INLINE + 1, 4);
    const up = await upload(s, 'u.bin', big);
    t.equal(up.status, 200);
    t.equal(up.json.ino, ino, 'same inode');
    t.equal(await p.inline(ino), undefined, 'the inline record went with the old contents');
    t.equal((await p.objects(ino)).length, 1, 'the new contents are an object');
    t.equal(await p.intents(), 0);
    t.same((await download(s, 'u.bin')).body, big);
    // And back: a small upload over a file with slices queues them for purge.
    t.equal((await upload(s, 'u.bin', bytes(10, 2))).status, 200);
    t.same((await download(s, 'u.bin')).body, bytes(10, 2));
    t.same(await p.inline(ino), bytes(10, 2));
    await s.built.sweeper.runOnce(Date.now() + GEN_PURGE_GRACE_MS + 1000);
    t.same(await p.objects(ino), [], 'the replaced blocks are purged');
  });

  t.test(`${engine}: truncate shrinks inline contents; the last unlink removes them`, async (t) => {
    const s = await start(t);
    const { api, p } = await setup(s, { trashDays: 0 });
    const ino = (await upload(s, 't.bin', bytes(3000))).json.ino;
    await api('PATCH', `${FS}/inodes/${ino}`, { size: 1000 });
    t.same(await p.inline(ino), bytes(1000), 'the record is cut');
    t.same((await readData(s, ino)).body, bytes(1000));
    await api('PATCH', `${FS}/inodes/${ino}`, { size: 2000 });
    t.same((await readData(s, ino)).body, Buffer.concat([bytes(1000), Buffer.alloc(1000)]), 'regrown: zeros');
    await writeData(s, ino, 1500, Buffer.from('x'));
    await api('PATCH', `${FS}/inodes/${ino}`, { size: 1200 });
    t.same(
      (await readData(s, ino)).body,
      Buffer.concat([bytes(1000), Buffer.alloc(200)]),
      'a cached write past the new size is dropped by the truncate',
    );
    await api('PATCH', `${FS}/inodes/${ino}`, { size: 0 });
    t.equal(await p.inline(ino), undefined, 'truncate to 0 drops the record');
    t.equal((await p.inode(ino)).inline, undefined);
    await upload(s, 't.bin', bytes(50));
    t.equal((await api('DELETE', `${FS}/files/t.bin`)).status, 204);
    await s.built.sweeper.runOnce(Date.now() + 1000);
    t.equal(await p.inline(ino), undefined, 'purged with its inode');
    const usage = (await api('GET', '/v1/fs/small')).json.usage;
    t.equal(usage.bytes, 0, 'its bytes are off the usage');
  });

  t.test(`${engine}: inlineBytes 0 turns inline contents off; too large is EINVAL`, async (t) => {
    const s = await start(t);
    const { api, p } = await setup(s, { inlineBytes: 0 });
    t.equal((await api('GET', '/v1/fs/small')).json.inlineBytes, 0);
    const ino = (await upload(s, 'off.txt', bytes(100))).json.ino;
    t.equal(await p.inline(ino), undefined, 'no inline record');
    t.equal((await p.objects(ino)).length, 1, 'an object instead');
    t.same((await download(s, 'off.txt')).body, bytes(100));
    const max = maxInlineBytes(s.built.kv.limits);
    problem(t, await api('POST', '/v1/fs', { name: 'huge', inlineBytes: max + 1 }), 400, 'EINVAL', 'past the engine');
    t.equal((await api('POST', '/v1/fs', { name: 'max', inlineBytes: max })).status, 201, 'the engine maximum');
    t.equal((await api('POST', '/v1/fs', { name: 'dflt' })).json.inlineBytes, INLINE, 'the default');
  });
}
