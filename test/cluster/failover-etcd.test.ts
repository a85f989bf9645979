// Killing the etcd raft leader under load (DIGEST §5.4 case 5; DESIGN §1.1, §1.2). A 3-member
// etcd cluster serves two CirrusFS child processes (metadata and coordination). A mixed load —
// create, rename to another directory through the other instance, write + flush — runs on
// both while the raft leader is SIGKILLed. Every acknowledged operation is recorded; afterwards
// all of them are present through both instances (nothing acknowledged is lost), and the
// longest pause the clients saw is reported. The killed member is restarted at the end.
import t from 'tap';
import { sleep, startEtcdCluster } from '../support/cluster.ts';
import type { ChildServer } from '../support/server.ts';
import { call, readResponse, type Answer } from '../support/api.ts';

const FS = 'etcdkill';
const WORKERS = 8;
const WARMUP_MS = 2_000;
const AFTER_KILL_MS = 8_000;
/**
 * Acknowledged creates before the kill, and in all before the load stops, at least: counts
 * rather than times alone, so a slow machine still tests a real load on both sides of the kill.
 */
const WARM_ACKED = 20;
const LOAD_ACKED = 60;
const REQUEST_TIMEOUT_MS = 60_000;

interface Op {
  kind: string;
  start: number;
  end: number;
  status: number;
  code?: string;
}
interface Item {
  name: string;
  ino: number;
  rename: 'acked' | 'unknown';
  data?: string;
}

t.test('kill the etcd raft leader under a mixed load: no acknowledged operation is lost', async (t) => {
  const { etcd, spawn } = await startEtcdCluster(t, { name: 'etcdkill', etcdSize: 3 });
  const A = await spawn('a');
  const B = await spawn('b');

  t.equal((await call(A.url, 'POST', '/v1/fs', { name: FS })).status, 201);
  const d1 = (await call(A.url, 'PUT', `/v1/fs/${FS}/dirs/incoming`)).json.ino as number;
  const d2 = (await call(B.url, 'PUT', `/v1/fs/${FS}/dirs/done`)).json.ino as number;

  const ops: Op[] = [];
  const items: Item[] = [];
  const op = async (
    kind: string,
    s: ChildServer,
    method: string,
    path: string,
    body?: unknown,
    raw?: string,
  ): Promise<Answer> => {
    const start = performance.now();
    let a: Answer;
    try {
      const res = await fetch(s.url + path, {
        method,
        headers:
          raw !== undefined
            ? { 'content-type': 'application/octet-stream' }
            : body !== undefined
              ? { 'content-type': 'application/json' }
              : {},
        body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      a = await readResponse(res);
    } catch (e) {
      a = { status: 0, headers: new Headers(), json: { code: String((e as Error).name) }, text: '' };
    }
    ops.push({ kind, start, end: performance.now(), status: a.status, code: a.json?.code });
    return a;
  };

  let stop = false;
  const worker = async (w: number) => {
    for (let i = 0; !stop; i++) {
      const [X, Y] = (w + i) % 2 ? [A, B] : [B, A];
      const name = `w${w}-${i}`;
      const cr = await op('create', X, 'POST', `/v1/fs/${FS}/inodes/${d1}/entries`, { name, type: 'file' });
      if (cr.status !== 201) continue; // not acknowledged: nothing to check
      const item: Item = { name, ino: cr.json.ino, rename: 'unknown' };
      items.push(item);
      const rn = await op('rename', Y, 'POST', `/v1/fs/${FS}/rename-entry`, {
        parent: d1,
        name,
        newParent: d2,
        newName: `${name}-r`,
      });
      if (rn.status === 204) item.rename = 'acked';
      const content = `${name}: ${'payload '.repeat(1 + (i % 40))}`;
      const wr = await op('write', X, 'PUT', `/v1/fs/${FS}/inodes/${item.ino}/data?offset=0`, undefined, content);
      if (wr.status !== 200) continue;
      const fl = await op('flush', X, 'POST', `/v1/fs/${FS}/inodes/${item.ino}/flush`, {
        verifiers: [wr.json.verifier],
      });
      if (fl.status === 200) item.data = content;
    }
  };
  const workers = Array.from({ length: WORKERS }, (_, w) => worker(w));
  const warmFrom = performance.now();
  while (items.length < WARM_ACKED || performance.now() - warmFrom < WARMUP_MS) await sleep(50);
  const killed = await etcd.leader();
  const killAt = performance.now();
  await etcd.kill(killed, 'SIGKILL');
  const newLeader = await etcd.leader();
  t.not(newLeader.name, killed.name, `etcd elected a new leader (${killed.name} → ${newLeader.name})`);
  while (items.length < LOAD_ACKED || performance.now() - killAt < AFTER_KILL_MS) await sleep(50);
  stop = true;
  await Promise.all(workers);

  // The pause the clients saw.
  const maxOp = ops.reduce((m, o) => (o.end - o.start > m.end - m.start ? o : m), ops[0]);
  const acks = ops
    .filter((o) => o.status >= 200 && o.status < 300)
    .map((o) => o.end)
    .sort((x, y) => x - y);
  let gap = 0;
  let gapAt = 0;
  for (let k = 1; k < acks.length; k++)
    if (acks[k] - acks[k - 1] > gap) [gap, gapAt] = [acks[k] - acks[k - 1], acks[k - 1]];
  const failed = ops.filter((o) => o.status < 200 || o.status >= 300);
  const byFailure = new Map<string, number>();
  for (const o of failed)
    byFailure.set(`${o.kind} ${o.status} ${o.code}`, (byFailure.get(`${o.kind} ${o.status} ${o.code}`) ?? 0) + 1);
  t.comment(
    `${ops.length} operations, ${acks.length} acknowledged, ${failed.length} failed: ${JSON.stringify(Object.fromEntries(byFailure))}`,
  );
  t.comment(
    `longest single operation: ${Math.round(maxOp.end - maxOp.start)} ms (${maxOp.kind}, started ${Math.round(maxOp.start - killAt)} ms after the kill, answered ${maxOp.status})`,
  );
  t.comment(
    `longest gap between acknowledgements: ${Math.round(gap)} ms (from ${Math.round(gapAt - killAt)} ms after the kill)`,
  );
  t.ok(
    acks.some((e) => e > killAt + 3_000),
    'operations were acknowledged again after the election',
  );
  t.same(
    failed.filter((o) => o.status !== 503).map((o) => `${o.kind} ${o.status} ${o.code}`),
    [],
    'operations that failed during the election failed as 503 (retry later), never otherwise',
  );

  // Everything acknowledged is there, through both instances.
  const list = async (s: ChildServer, ino: number) => {
    const out = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await call(
        s.url,
        'GET',
        `/v1/fs/${FS}/inodes/${ino}/entries?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (page.status !== 200) throw new Error(`readDir: ${page.status} ${page.text}`);
      for (const e of page.json.entries as { name: string; ino: number }[]) out.set(e.name, e.ino);
      cursor = page.json.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  const verify = async (when: string) => {
    for (const s of [A, B]) {
      const via = `${when}, through ${s === A ? 'A' : 'B'}`;
      const [inDir1, inDir2] = [await list(s, d1), await list(s, d2)];
      const misplaced = items.filter((it) => {
        const old = inDir1.get(it.name) === it.ino;
        const moved = inDir2.get(`${it.name}-r`) === it.ino;
        return it.rename === 'acked' ? !moved || inDir1.has(it.name) : old === moved;
      });
      t.same(
        misplaced.map((it) => `${it.name} (rename ${it.rename})`),
        [],
        `${via}: every acknowledged create and rename is present, each file exactly once`,
      );
      const withData = items.filter((it) => it.data !== undefined);
      const wrong: string[] = [];
      for (const it of withData) {
        const got = await (await fetch(`${s.url}/v1/fs/${FS}/inodes/${it.ino}/data`)).text();
        if (got !== it.data) wrong.push(`${it.name}: ${JSON.stringify(got.slice(0, 40))}`);
      }
      t.same(wrong, [], `${via}: all ${withData.length} acknowledged write+flush contents read back`);
    }
  };
  t.comment(
    `${items.length} acknowledged creates, ${items.filter((i) => i.rename === 'acked').length} acknowledged renames, ${items.filter((i) => i.data).length} acknowledged write+flush`,
  );
  t.ok(items.length >= LOAD_ACKED, 'a real load was acknowledged');
  await verify('with one etcd member down');

  await etcd.restart(killed);
  t.pass(`the killed member ${killed.name} rejoined`);
  await verify('after the member rejoined');
  const after = await call(B.url, 'POST', `/v1/fs/${FS}/inodes/${d1}/entries`, { name: 'after-restart', type: 'file' });
  t.equal(after.status, 201, 'the namespace still takes changes');
  const st = await Promise.all([call(A.url, 'GET', '/v1/status'), call(B.url, 'GET', '/v1/status')]);
  t.equal(st.filter((s) => s.json.leader).length, 1, 'exactly one CirrusFS instance leads afterwards');
});
