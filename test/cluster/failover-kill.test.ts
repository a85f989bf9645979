// kill -9 of the leading instance (DIGEST §5.4 case 2, "leader power loss"; DESIGN §1.3, §5).
// Two CirrusFS child processes over one store (etcd; DynamoDB through
// test/cluster/dynamodb-failover.test.ts). The leader takes an unstable write and dies before
// flushing it. The survivor must
//  - become leader within the session TTL + 1 s (on etcd its campaign key is next once etcd
//    expires the dead instance's session lease; on DynamoDB it claims the leader record once the
//    dead session's record is past its expiry + the clock-skew margin) — an acceptance bound,
//    measured and reported;
//  - answer a flush that names the dead instance's write verifier with 409 EWRITESLOST, both
//    while the dead instance's session is still alive in the store and after it expired — never
//    a success over lost data.
import t from 'tap';
import { SESSION_TTL_MS } from '../../src/coord/freshness.ts';
import { messages, startCluster, status, until } from '../support/cluster.ts';
import { call } from '../support/api.ts';

const FS = 'kill';
const TAKEOVER_BOUND_MS = SESSION_TTL_MS + 1_000;

t.test('kill -9 of the leader: takeover within TTL + 1 s, and its unflushed writes are reported lost', async (t) => {
  const { spawn } = await startCluster(t, { name: 'kill', env: { CIRRUS_SWEEP_INTERVAL_MS: '200' } });
  const L = await spawn('a');
  await until('the first instance to lead', async () => ((await status(L)).leader ? true : undefined));
  const F = await spawn('b');
  const [sl, sf] = [await status(L), await status(F)];
  t.equal(sl.leader, true, 'the first instance leads');
  t.equal(sf.leader, false, 'the second one does not');
  t.equal(sf.coord.leaderId, sl.instance, 'and knows who does');

  t.equal((await call(L.url, 'POST', '/v1/fs', { name: FS })).status, 201);
  const c = await call(L.url, 'POST', `/v1/fs/${FS}/inodes/1/entries`, { name: 'doomed', type: 'file' });
  t.equal(c.status, 201);
  const ino = c.json.ino as number;
  const w = await fetch(`${L.url}/v1/fs/${FS}/inodes/${ino}/data?offset=0`, {
    method: 'PUT',
    body: 'acknowledged, never flushed',
  });
  const wj = (await w.json()) as { verifier: string; stable: boolean };
  t.equal(w.status, 200, 'the leader acknowledged a write');
  t.equal(wj.stable, false, 'unstable: it sits in the leader’s write-back cache');
  t.equal(wj.verifier, sl.verifier, 'under the leader’s verifier');

  const wallKill = Date.now();
  const monoKill = performance.now();
  L.child.kill('SIGKILL');
  // A flush right away: the dead instance's session (and its dirty marker) is still alive in
  // the store for up to a TTL, so this flush waits for it to flush or be judged dead.
  const early = call(F.url, 'POST', `/v1/fs/${FS}/inodes/${ino}/flush`, { verifiers: [wj.verifier] }).then((r) => ({
    r,
    ms: performance.now() - monoKill,
  }));
  t.equal(await L.exited, 'SIGKILL', 'the leader was killed');

  const seen = await until('the survivor to lead', async () => {
    const s = await status(F);
    return s.leader ? { s, ms: performance.now() - monoKill } : undefined;
  });
  const sinceMs = Date.parse(seen.s.coord.since) - wallKill;
  t.comment(
    `takeover after kill -9: became leader ${sinceMs} ms after the kill (its coord.since), seen through /v1/status after ${Math.round(seen.ms)} ms; bound TTL + 1 s = ${TAKEOVER_BOUND_MS} ms`,
  );
  t.ok(sinceMs <= TAKEOVER_BOUND_MS, `the survivor became leader within TTL + 1 s (${sinceMs} ms)`);
  t.equal(seen.s.coord.leaderId, sf.instance, 'it names itself as the leader');
  t.ok(
    messages(F).some((m) => m.startsWith('became leader at ')),
    'its log says "became leader at …"',
  );

  const { r: first, ms: firstMs } = await early;
  t.comment(
    `the flush issued at the kill answered ${first.status} ${first.json?.code} after ${Math.round(firstMs)} ms`,
  );
  t.equal(first.status, 409, 'a flush naming the dead verifier, issued at the kill → 409');
  t.equal(first.json?.code, 'EWRITESLOST', 'with code EWRITESLOST');
  t.equal(first.json?.verifier, wj.verifier, 'naming the lost verifier');

  const late = await call(F.url, 'POST', `/v1/fs/${FS}/inodes/${ino}/flush`, { verifiers: [wj.verifier] });
  t.equal(late.status, 409, 'the same flush after the takeover → 409');
  t.equal(late.json?.code, 'EWRITESLOST');
  const mixed = await call(F.url, 'POST', `/v1/fs/${FS}/inodes/${ino}/flush`, {
    verifiers: [sf.verifier, wj.verifier],
  });
  t.equal(mixed.json?.code, 'EWRITESLOST', 'also when a live verifier is named beside it');
  const own = await call(F.url, 'POST', `/v1/fs/${FS}/inodes/${ino}/flush`, { verifiers: [sf.verifier] });
  t.equal(own.status, 200, 'a flush naming only the survivor’s verifier succeeds');

  // The new leader does the leader work from now on.
  const before = (await status(F)).jobs.passes as number;
  const after = await until('a sweeper pass on the new leader', async () => {
    const p = (await status(F)).jobs.passes as number;
    return p > before ? p : undefined;
  });
  t.ok(after > before, 'the new leader runs the sweeper');
  const others = await call(F.url, 'GET', '/v1/status');
  t.equal(others.json.leader, true, 'and still leads');
});
