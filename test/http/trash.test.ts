// The trash you can use (DIGEST §2.9), on the memory engine and on etcd (and on DynamoDB when
// run by test/http/ops-dynamodb.test.ts): delete → list → restore to the original path with
// the same inode and contents; restore re-creating a removed parent, EEXIST for a taken name
// unless replace; the purge honours the retention, takes an entry purged early at the next
// pass, and never purges a file a writer holds the lease of.
import t, { type Test } from 'tap';
import { apiFor, problem, type Api } from '../support/api.ts';
import { startEtcd } from '../support/etcd.ts';
import { objectKeys } from '../support/files.ts';
import { startServer, TEST_DYNAMODB_ENV, type TestServer } from '../support/server.ts';

const DAY_MS = 86_400_000;
const body = Buffer.alloc(150_000, 0x5a); // three 64 KiB blocks

/** The background sweeper stays out of the way: the tests run its passes themselves. */
const ONLY_EXPLICIT_SWEEPS = { CIRRUS_SWEEP_INTERVAL_MS: String(3_600_000) };
/** Two engines (or DynamoDB Local, slower) on a shared machine: more than tap's default per file. */
t.setTimeout(600_000);

let prefixes = 0;
async function engineEnvs(t: Test): Promise<[string, () => Record<string, string>][]> {
  if (process.env[TEST_DYNAMODB_ENV]) return [['dynamodb', () => ({})]];
  const etcd = await startEtcd();
  t.teardown(() => etcd.stop());
  const hostPort = etcd.endpoints[0].replace(/^http:\/\//, '');
  return [
    ['memory', () => ({})],
    ['etcd', () => ({ CIRRUS_META: `etcd://${hostPort}/tr${process.pid}-${++prefixes}/` })],
  ];
}

async function setup(t: Test, env: Record<string, string>, trashDays: number): Promise<{ s: TestServer; api: Api }> {
  const s = await startServer({ env: { ...env, ...ONLY_EXPLICIT_SWEEPS } });
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  t.equal((await api('POST', '/v1/fs', { name: 'tr', blockSize: 65536, chunkSize: 131072, trashDays })).status, 201);
  return { s, api };
}

async function putFile(s: TestServer, path: string, bytes: Buffer): Promise<number> {
  const r = await fetch(`${s.url}/v1/fs/tr/files/${path}`, { method: 'PUT', body: bytes });
  if (r.status !== 201) throw new Error(`PUT ${path}: ${r.status}`);
  return ((await r.json()) as { ino: number }).ino;
}

const contents = async (s: TestServer, path: string) =>
  Buffer.from(await (await fetch(`${s.url}/v1/fs/tr/files/${path}`)).arrayBuffer());

t.test('trash', async (t) => {
  for (const [engine, env] of await engineEnvs(t)) {
    await t.test(engine, async (t) => {
      await t.test('delete → list → restore to the original path, same inode and contents', async (t) => {
        const { s, api } = await setup(t, env(), 1);
        t.equal((await api('PUT', '/v1/fs/tr/dirs/docs')).status, 201);
        const ino = await putFile(s, 'docs/report', body);
        const stat = (await api('GET', `/v1/fs/tr/inodes/${ino}`)).json;
        t.equal((await api('DELETE', '/v1/fs/tr/files/docs/report')).status, 204);
        t.equal((await api('GET', '/v1/fs/tr/files/docs/report')).status, 404, 'gone from its directory');

        const list = await api('GET', '/v1/fs/tr/trash');
        t.equal(list.status, 200);
        t.match(list.json.entries, [
          { ino, type: 'file', path: '/docs/report', name: 'report', size: body.length, state: 'waiting', tree: false },
        ]);
        const entry = list.json.entries[0];
        t.equal(Date.parse(entry.expiresAt) - Date.parse(entry.removedAt), DAY_MS, 'expires a retention after removal');
        t.match((await api('GET', `/v1/fs/tr/trash/${ino}`)).json, { ino, path: '/docs/report' });

        const restored = await api('POST', `/v1/fs/tr/trash/${ino}/restore`);
        t.equal(restored.status, 200);
        t.match(restored.json, { path: '/docs/report', attrs: { ino, length: body.length, nlink: 1 } });
        t.equal((await api('GET', `/v1/fs/tr/attrs/docs/report`)).json.ino, ino, 'the same inode at the old path');
        t.ok((await contents(s, 'docs/report')).equals(body), 'with the same contents');
        t.match((await api('GET', `/v1/fs/tr/inodes/${ino}`)).json, {
          mode: stat.mode,
          uid: stat.uid,
          mtime: stat.mtime,
        });
        t.same((await api('GET', '/v1/fs/tr/trash')).json.entries, [], 'the trash is empty again');
        problem(t, await api('POST', `/v1/fs/tr/trash/${ino}/restore`), 404, 'ENOENT', 'restoring it twice');
        await s.built.sweeper.runOnce(Date.now() + 2 * DAY_MS);
        t.ok((await contents(s, 'docs/report')).equals(body), 'a restored file is not purged');
      });

      await t.test('a restore re-creates a removed parent; a taken name is EEXIST unless replace', async (t) => {
        const { s, api } = await setup(t, env(), 1);
        t.equal((await api('PUT', '/v1/fs/tr/dirs/a/b?parents=true')).status, 201);
        const ino = await putFile(s, 'a/b/f', body);
        t.equal((await api('DELETE', '/v1/fs/tr/files/a/b/f')).status, 204);
        t.equal((await api('DELETE', '/v1/fs/tr/files/a/b')).status, 204);
        t.equal((await api('DELETE', '/v1/fs/tr/files/a')).status, 204);
        const r = await api('POST', `/v1/fs/tr/trash/${ino}/restore`);
        t.equal(r.status, 200, 'restored');
        t.match(r.json, { path: '/a/b/f', attrs: { ino } });
        t.ok((await contents(s, 'a/b/f')).equals(body), 'at its path, parents re-created');

        t.equal((await api('DELETE', '/v1/fs/tr/files/a/b/f')).status, 204);
        await putFile(s, 'a/b/f', Buffer.from('new'));
        problem(t, await api('POST', `/v1/fs/tr/trash/${ino}/restore`), 409, 'EEXIST', 'the name is taken');
        const elsewhere = await api('POST', `/v1/fs/tr/trash/${ino}/restore`, { to: '/a/old-f' });
        t.match(elsewhere.json, { path: '/a/old-f', attrs: { ino } }, 'or restored under another path');
        t.equal((await api('DELETE', '/v1/fs/tr/files/a/old-f')).status, 204);
        const replaced = await api('POST', `/v1/fs/tr/trash/${ino}/restore`, { to: '/a/b/f', replace: true });
        t.equal(replaced.status, 200, 'replace=true overwrites');
        t.ok((await contents(s, 'a/b/f')).equals(body));
        t.equal((await api('GET', '/v1/fs/tr/trash')).json.entries.length, 1, 'the replaced file went to the trash');
      });

      await t.test('the purge honours the retention, and an early purge is taken at the next pass', async (t) => {
        const { s, api } = await setup(t, env(), 1);
        const kept = await putFile(s, 'kept', body);
        const early = await putFile(s, 'early', body);
        const objectsBefore = (await objectKeys(s)).length;
        t.equal((await api('DELETE', '/v1/fs/tr/files/kept')).status, 204);
        t.equal((await api('DELETE', '/v1/fs/tr/files/early')).status, 204);
        const queued = await api('DELETE', `/v1/fs/tr/trash/${early}`);
        t.equal(queued.status, 202);
        t.match(queued.json, { ino: early, state: 'due' });

        await s.built.sweeper.runOnce();
        problem(t, await api('GET', `/v1/fs/tr/trash/${early}`), 404, 'ENOENT', 'purged early');
        t.equal((await objectKeys(s)).length, objectsBefore - 3, 'with its objects');
        t.match((await api('GET', `/v1/fs/tr/trash/${kept}`)).json, { state: 'waiting' }, 'the other waits');

        await s.built.sweeper.runOnce(Date.now() + DAY_MS - 60_000);
        t.equal((await api('GET', `/v1/fs/tr/trash/${kept}`)).status, 200, 'still there within its retention');
        await s.built.sweeper.runOnce(Date.now() + DAY_MS + 1000);
        problem(t, await api('GET', `/v1/fs/tr/trash/${kept}`), 404, 'ENOENT', 'purged after its retention');
        t.equal((await objectKeys(s)).length, objectsBefore - 6, 'no objects left');
        t.match(s.built.sweeper.jobs.trash, { errors: 0 });
        t.ok(s.built.sweeper.jobs.trash.items >= 2, 'the trash job counts what it purged');
      });

      await t.test('a file a writer holds the lease of is not purged', async (t) => {
        const { s, api } = await setup(t, env(), 0);
        const ino = await putFile(s, 'held', body);
        const lease = await api('POST', `/v1/fs/tr/inodes/${ino}/lease`, { ttlMs: 600_000 });
        t.equal(lease.status, 201);
        t.equal((await api('DELETE', '/v1/fs/tr/files/held')).status, 204);
        await s.built.sweeper.runOnce();
        await s.built.sweeper.runOnce();
        const entry = await api('GET', `/v1/fs/tr/trash/${ino}`);
        t.equal(entry.status, 200, 'still in the trash, past its retention');
        t.match(entry.json, { state: 'due', leasedUntil: String });
        t.ok((await api('GET', `/v1/fs/tr/inodes/${ino}/data`)).text.length === body.length, 'and readable');

        const released = await api('DELETE', `/v1/fs/tr/inodes/${ino}/lease?leaseId=${lease.json.leaseId}`);
        t.equal(released.status, 204);
        await s.built.sweeper.runOnce();
        problem(t, await api('GET', `/v1/fs/tr/trash/${ino}`), 404, 'ENOENT', 'purged once the lease is released');
      });
    });
  }
});
