// Writer leases across instances (DESIGN §1.5, §5): two CirrusFS child processes over one store
// (etcd; DynamoDB through test/cluster/dynamodb-scenarios.test.ts).
// A lease taken through one instance binds the other; its fencing token only grows; and a
// writer whose lease lapsed cannot change the file once another writer took a newer token —
// neither by flushing the bytes it cached under the old token, nor through a background or
// requested flush of them, nor after the newer writer released its lease again.
import t from 'tap';
import { sleep, startCluster } from '../support/cluster.ts';
import type { ChildServer } from '../support/server.ts';
import { type Answer, call, problem } from '../support/api.ts';

const FS = 'leases';

const { spawn } = await startCluster(t, { name: 'leases' });
const A = await spawn('a');
const B = await spawn('b');

const inode = (ino: number) => `/v1/fs/${FS}/inodes/${ino}`;
const tokenHeader = (token?: number): Record<string, string> =>
  token === undefined ? {} : { 'x-lease-token': String(token) };
const acquire = (s: ChildServer, ino: number, ttlMs: number) => call(s.url, 'POST', `${inode(ino)}/lease`, { ttlMs });
const renew = (s: ChildServer, ino: number, leaseId: string, ttlMs: number) =>
  call(s.url, 'PUT', `${inode(ino)}/lease`, { leaseId, ttlMs });
const release = (s: ChildServer, ino: number, leaseId: string) =>
  call(s.url, 'DELETE', `${inode(ino)}/lease?leaseId=${leaseId}`);
const flush = (s: ChildServer, ino: number, verifiers: string[], token?: number) =>
  call(s.url, 'POST', `${inode(ino)}/flush`, { verifiers }, tokenHeader(token));
async function write(
  s: ChildServer,
  ino: number,
  offset: number,
  body: string,
  token?: number,
  sync = false,
): Promise<Answer> {
  const res = await fetch(`${s.url}${inode(ino)}/data?offset=${offset}${sync ? '&sync=true' : ''}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', ...tokenHeader(token) },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}
const read = async (s: ChildServer, ino: number) => (await fetch(`${s.url}${inode(ino)}/data`)).text();

let fileNo = 0;
async function newFile(): Promise<number> {
  const r = await call(A.url, 'POST', `/v1/fs/${FS}/inodes/1/entries`, { name: `f${fileNo++}`, type: 'file' });
  if (r.status !== 201) throw new Error(`create: ${r.status} ${r.text}`);
  return r.json.ino;
}

t.before(async () => {
  const r = await call(A.url, 'POST', '/v1/fs', { name: FS });
  if (r.status !== 201) throw new Error(`createFs: ${r.status} ${r.text}`);
});

t.test('a lease taken through one instance binds the other', async (t) => {
  const ino = await newFile();
  const a = await acquire(A, ino, 30_000);
  t.equal(a.status, 201, 'acquired through A');
  t.match(a.json, { leaseId: String, token: Number, expiresAt: String });
  const { leaseId, token } = a.json as { leaseId: string; token: number };
  problem(t, await acquire(B, ino, 30_000), 423, 'EBUSY', 'acquire through B while A holds it');
  problem(t, await write(B, ino, 0, 'intruder'), 423, 'EBUSY', 'write through B without the token');
  problem(t, await flush(B, ino, []), 423, 'EBUSY', 'flush through B without the token');
  problem(t, await write(B, ino, 0, 'intruder', token + 1), 423, 'EBUSY', 'write through B with a made-up newer token');
  problem(t, await write(B, ino, 0, 'intruder', token - 1), 423, 'EBUSY', 'write through B with an older token');

  const w = await write(B, ino, 0, 'holder via B', token);
  t.equal(w.status, 200, 'write through B with the token');
  t.equal(w.json?.stable, false, 'answered unstable (cached on B)');
  const f = await flush(B, ino, [w.json.verifier], token);
  t.equal(f.status, 200, 'flush through B with the token');
  t.equal(await read(A, ino), 'holder via B', 'A reads what B flushed');

  const r1 = await renew(B, ino, leaseId, 60_000);
  t.equal(r1.status, 200, 'renewed through B');
  t.equal(r1.json.token, token, 'renewal keeps the token');
  t.ok(Date.parse(r1.json.expiresAt) > Date.parse(a.json.expiresAt), 'and moves the expiry later');
  problem(t, await renew(A, ino, 'not-the-lease', 60_000), 423, 'EBUSY', 'renewing someone else’s live lease');
  problem(t, await release(B, ino, 'not-the-lease'), 404, 'ENOENT', 'releasing a lease that is not held');
  t.equal((await release(A, ino, leaseId)).status, 204, 'released through A');
  problem(t, await release(A, ino, leaseId), 404, 'ENOENT', 'releasing it twice');
  problem(t, await renew(B, ino, leaseId, 60_000), 404, 'ENOENT', 'renewing a released lease');
  const free = await write(B, ino, 0, 'free', undefined, true);
  t.equal(free.status, 200, 'with no live lease a write needs no token');

  const tokens = [token];
  for (let i = 0; i < 6; i++) {
    const via = i % 2 ? A : B;
    const g = await acquire(via, ino, 30_000);
    t.equal(g.status, 201, `acquisition ${i + 2} (through ${via === A ? 'A' : 'B'})`);
    tokens.push(g.json.token);
    t.equal((await release(i % 2 ? B : A, ino, g.json.leaseId)).status, 204, 'released through the other instance');
  }
  t.ok(
    tokens.every((x, i) => i === 0 || x > tokens[i - 1]),
    `tokens increase across acquisitions: ${tokens.join(' < ')}`,
  );
});

t.test('after the lease lapsed and B took it over, A’s cached writes never land', async (t) => {
  const ino = await newFile();
  t.equal((await write(B, ino, 0, 'base-', undefined, true)).status, 200, 'committed base contents');
  const a = await acquire(A, ino, 1_000);
  t.equal(a.status, 201);
  const old = a.json.token as number;
  const wa = await write(A, ino, 0, 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', old);
  t.equal(wa.status, 200, 'A wrote under its token');
  t.equal(wa.json.stable, false, 'the bytes sit in A’s write-back cache');

  await sleep(1_300); // the lease lapses (A does not renew it)
  const b = await acquire(B, ino, 30_000);
  t.equal(b.status, 201, 'B takes the lapsed lease');
  const fresh = b.json.token as number;
  t.ok(fresh > old, `B’s token ${fresh} is newer than A’s ${old}`);

  problem(t, await write(A, ino, 40, 'more from A', old), 423, 'EBUSY', 'a new write through A under the old token');
  const wb = await write(B, ino, 0, 'BBBB', fresh);
  t.equal(wb.status, 200, 'B writes under the new token');
  // B's flush asks A to flush the file too (A holds cached bytes of it): A's commit carries the
  // old token and must be refused inside the commit transaction.
  const fb = await flush(B, ino, [wb.json.verifier], fresh);
  t.equal(fb.status, 200, 'B’s flush succeeds');
  t.ok(
    A.logs.some((l) => l.includes(`dropping fenced writes of inode ${ino}`)),
    'A’s commit of the old-token bytes was refused by the fencing check in the commit',
  );
  problem(t, await flush(A, ino, [wa.json.verifier], old), 423, 'EBUSY', 'flushData through A with the old token');
  problem(t, await flush(A, ino, [wa.json.verifier], old), 423, 'EBUSY', 'and again');

  for (const [name, s] of [
    ['A', A],
    ['B', B],
  ] as const) {
    const got = await read(s, ino);
    t.equal(got, 'BBBB-', `through ${name}: B’s bytes over the base, nothing of A’s`);
    t.notMatch(got, /A/, `through ${name}: no byte A wrote is readable`);
  }
  const st = await call(B.url, 'GET', inode(ino));
  t.equal(st.json.length, 5, 'the length never grew to A’s 40 bytes');
  t.equal((await release(B, ino, b.json.leaseId)).status, 204);
});

t.test('a stale token stays fenced after the newer writer released its lease', async (t) => {
  // DESIGN §1.5 / fs/leases.ts: "once a newer token was issued an older one never writes
  // again (even if the newer lease has lapsed since)". Releasing is the same as lapsing here.
  const ino = await newFile();
  const a = await acquire(A, ino, 1_000);
  const old = a.json.token as number;
  const wa = await write(A, ino, 0, 'stale writer', old);
  t.equal(wa.status, 200, 'A cached a write under its token');
  await sleep(1_300);
  const b = await acquire(B, ino, 30_000);
  t.equal(b.status, 201, 'B took the lease over');
  const wb = await write(B, ino, 0, 'new owner', b.json.token, true);
  t.equal(wb.status, 200, 'B committed its contents');
  t.equal((await release(B, ino, b.json.leaseId)).status, 204, 'and released the lease');

  problem(t, await flush(A, ino, [wa.json.verifier], old), 423, 'EBUSY', 'flush through A under the superseded token');
  problem(
    t,
    await write(A, ino, 0, 'stale again', old, true),
    423,
    'EBUSY',
    'a stable write through A under the superseded token',
  );
  t.equal(await read(B, ino), 'new owner', 'the file holds only what the newer writer wrote');
});

t.test('fenced bytes are dropped by the background flush too', async (t) => {
  const ino = await newFile();
  const a = await acquire(A, ino, 1_000);
  const old = a.json.token as number;
  t.equal((await write(A, ino, 0, 'background', old)).status, 200, 'A cached a write under its token');
  await sleep(1_300);
  const b = await acquire(B, ino, 30_000);
  t.equal(b.status, 201, 'B took the lease over (and holds it)');
  // A's write-back cache flushes extents older than 5 s by itself; that commit is fenced.
  await sleep(7_000);
  const status = await call(A.url, 'GET', '/v1/status');
  t.equal(status.json.cache.write.files, 0, 'A no longer holds the fenced bytes');
  t.ok(
    A.logs.some((l) => l.includes(`dropping fenced writes of inode ${ino}`)),
    'A’s background commit was refused (fenced)',
  );
  for (const s of [A, B])
    t.equal(await read(s, ino), '', `nothing of A’s write is readable through ${s === A ? 'A' : 'B'}`);
  problem(t, await flush(A, ino, [], old), 423, 'EBUSY', 'A’s flush under the old token');
  t.equal((await release(B, ino, b.json.leaseId)).status, 204);
});
