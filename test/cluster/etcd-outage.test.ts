// etcd gone for longer than the session TTL, then back (DIGEST §5.4: the leader's session
// expires while etcd is unreachable). Both instances lose their sessions; neither may exit or
// keep leading on a lease etcd no longer has, and once etcd is back they must register and
// campaign again on their own: exactly one leader, both instances listed, requests served.
import t from 'tap';
import { SESSION_TTL_MS } from '../../src/coord/freshness.ts';
import { messages, sleep, startEtcdCluster, status, until } from '../support/cluster.ts';
import { call } from '../support/api.ts';

const FS = 'outage';
// Past twice the TTL: the etcd3 client gives a lease up as lost after 2 × TTL without a keepalive.
const OUTAGE_MS = 2 * SESSION_TTL_MS + 3_000;

t.test('etcd down past the session TTL: the instances live on, and recover on their own', async (t) => {
  const { etcd, spawn } = await startEtcdCluster(t, { name: 'outage', env: { CIRRUS_SWEEP_INTERVAL_MS: '200' } });
  const A = await spawn('a');
  await until('the first instance to lead', async () => ((await status(A)).leader ? true : undefined));
  const B = await spawn('b');
  t.equal((await call(A.url, 'POST', '/v1/fs', { name: FS })).status, 201);
  t.equal((await call(B.url, 'POST', `/v1/fs/${FS}/inodes/1/entries`, { name: 'before', type: 'file' })).status, 201);

  const [member] = etcd.members;
  await etcd.kill(member, 'SIGKILL');
  const downAt = Date.now();
  await sleep(OUTAGE_MS);
  for (const [name, s] of [
    ['A', A],
    ['B', B],
  ] as const) {
    t.equal(
      s.child.exitCode ?? s.child.signalCode,
      null,
      `${name} is still running after ${OUTAGE_MS} ms without etcd`,
    );
    const st = await status(s);
    t.equal(st.leader, false, `${name} does not lead on a session etcd cannot have kept`);
  }

  await etcd.restart(member);
  t.comment(`etcd was down for ${Date.now() - downAt} ms (session TTL ${SESSION_TTL_MS} ms)`);
  const leaders = await until(
    'exactly one leader again, agreed on by both',
    async () => {
      const [sa, sb] = [await status(A), await status(B)];
      const ids = [sa, sb].filter((s) => s.leader).map((s) => s.instance);
      return ids.length === 1 && sa.coord.leaderId === ids[0] && sb.coord.leaderId === ids[0] ? ids : undefined;
    },
    30_000,
  );
  t.equal(leaders.length, 1, `one leader after the outage (${leaders[0]})`);
  for (const [name, s] of [
    ['A', A],
    ['B', B],
  ] as const) {
    const c = await call(s.url, 'POST', `/v1/fs/${FS}/inodes/1/entries`, { name: `after-${name}`, type: 'file' });
    t.equal(c.status, 201, `${name} serves creates again`);
  }
  const listed = await call(A.url, 'GET', `/v1/fs/${FS}/inodes/1/entries`);
  t.same(
    (listed.json.entries as { name: string }[]).map((e) => e.name).sort(),
    ['after-A', 'after-B', 'before'],
    'nothing acknowledged was lost',
  );
  for (const [name, s] of [
    ['A', A],
    ['B', B],
  ] as const) {
    const lines = messages(s).filter((m) => /session/.test(m));
    t.ok(
      lines.some((m) => /^new etcd session/.test(m)),
      `${name} lost its session and made a new one: ${JSON.stringify(lines)}`,
    );
  }
});
