// kill -9 during a burst of concurrent creates: after a restart every acknowledged create
// exists, and the store loads even with a torn record at the end of its log.
import { appendFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import t from 'tap';
import { spawnServer, tempDir } from './support/server.ts';
import { call } from './support/api.ts';

const WORKERS = 32;
const BURST_MS = 1500;
/** Acknowledged creates before the kill, at least. */
const BURST_ACKED = 100;

async function listAll(url: string, path: string): Promise<Set<string>> {
  const names = new Set<string>();
  let cursor: string | undefined;
  do {
    const q = `limit=1000${cursor ? `&cursor=${cursor}` : ''}`;
    const page = await call(url, 'GET', `/v1/fs/crash/dirs/${path}?${q}`);
    if (page.status !== 200) throw new Error(`listing failed: ${page.status} ${page.text}`);
    for (const e of page.json.entries) names.add(e.name);
    cursor = page.json.nextCursor;
  } while (cursor);
  return names;
}

t.test('kill -9 during concurrent creates loses no acknowledged create', async (t) => {
  const dir = await tempDir('cirrus-crash-');
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const first = await spawnServer(dir);
  t.equal((await call(first.url, 'POST', '/v1/fs', { name: 'crash' })).status, 201);
  t.equal((await call(first.url, 'PUT', '/v1/fs/crash/dirs/burst')).status, 201);

  const acked: string[] = [];
  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const name = `w${w}-f${i}`;
      try {
        const r = await call(first.url, 'POST', '/v1/fs/crash/inodes/1/entries', { name, type: 'dir' });
        // Spread over two directories: the root via inode 1 and burst/ by path.
        if (r.status === 201) acked.push(name);
        const p = await fetch(`${first.url}/v1/fs/crash/files/burst/${name}.txt`, { method: 'PUT', body: name });
        if (p.status === 201) acked.push(`burst/${name}.txt`);
      } catch {
        // in flight when the server died: not acknowledged
        return;
      }
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  // The kill lands mid-burst once at least BURST_ACKED creates were acknowledged and BURST_MS
  // has passed: a count, so a slow machine still tests a real burst rather than a few creates.
  const started = Date.now();
  let died = false;
  void first.exited.then(() => {
    died = true;
  });
  while (!died && (acked.length < BURST_ACKED || Date.now() - started < BURST_MS)) {
    await new Promise((r) => setTimeout(r, 10));
  }
  first.child.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
  t.equal(await first.exited, 'SIGKILL', 'the server was killed, not stopped');
  t.ok(acked.length >= BURST_ACKED, `a real burst was acknowledged (${acked.length} creates)`);

  // A torn write at the tail: a frame header promising more bytes than follow.
  const wal = (await readdir(join(dir, 'meta')))
    .filter((n) => n.startsWith('wal-'))
    .sort()
    .at(-1)!;
  const torn = Buffer.alloc(16);
  torn.writeUInt32LE(4096, 0);
  await appendFile(join(dir, 'meta', wal), torn);

  const second = await spawnServer(dir);
  t.teardown(async () => {
    second.child.kill('SIGTERM');
    await second.exited;
  });
  const status = await call(second.url, 'GET', '/v1/status');
  t.ok(status.json.meta.recovery.droppedBytes >= 16, 'the torn tail was dropped on load');
  const root = await listAll(second.url, '');
  const burst = await listAll(second.url, 'burst');
  const missing = acked.filter((n) => (n.startsWith('burst/') ? !burst.has(n.slice(6)) : !root.has(n)));
  t.same(missing, [], `all ${acked.length} acknowledged creates exist after restart`);
  // Files written before the crash read back whole.
  const sample = acked.filter((n) => n.startsWith('burst/')).slice(-5);
  for (const n of sample) {
    const body = await (await fetch(`${second.url}/v1/fs/crash/files/${n}`)).text();
    t.equal(body, n.slice(6, -4), `${n} has its contents`);
  }
  // The restarted server keeps working.
  t.equal((await call(second.url, 'PUT', '/v1/fs/crash/dirs/after')).status, 201);
});
