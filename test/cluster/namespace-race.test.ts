// Namespace races across two instances over one store (DESIGN §1.1: every namespace change is
// one transaction; a 2xx means committed). Two CirrusFS child processes share the metadata
// store, the coordinator and the object directory (etcd; DynamoDB through
// test/cluster/dynamodb-scenarios.test.ts); requests are spread over both.
//  - 20 concurrent renames of one file to 20 different targets: exactly one wins, the others
//    see ENOENT (or a 409), and the file exists exactly once afterwards, with its contents.
//  - rmdir racing creates and unlinks in the directory: a child whose create was answered 201
//    (and that was not unlinked with a 204) is never lost: either the directory still exists
//    and lists exactly the live children, or the rmdir won and there were none.
import t from 'tap';
import { startCluster } from '../support/cluster.ts';
import type { ChildServer } from '../support/server.ts';
import { call, type Answer } from '../support/api.ts';

const FS = 'race';
const RENAME_ROUNDS = 5;
const RENAMES = 20;
const RMDIR_ROUNDS = 8;
const CREATORS = 4;
const CREATES_PER_CREATOR = 25;

const { store, spawn } = await startCluster(t, { name: 'race' });
// One at a time: both create the same object directory and campaign.
const A = await spawn('a');
const B = await spawn('b');
const api = (s: ChildServer, method: string, path: string, body?: unknown) =>
  call(s.url, method, `/v1/fs/${FS}${path}`, body);

async function listNames(s: ChildServer, ino: number): Promise<Set<string>> {
  const names = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await api(
      s,
      'GET',
      `/inodes/${ino}/entries?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (page.status !== 200) throw new Error(`readDir ${ino}: ${page.status} ${page.text}`);
    for (const e of page.json.entries as { name: string }[]) names.add(e.name);
    cursor = page.json.nextCursor ?? undefined;
  } while (cursor);
  return names;
}

t.before(async () => {
  const r = await call(A.url, 'POST', '/v1/fs', { name: FS });
  if (r.status !== 201) throw new Error(`createFs: ${r.status} ${r.text}`);
  for (const d of ['src', 'dA', 'dB']) {
    const m = await api(B, 'PUT', `/dirs/${d}`);
    if (m.status !== 201) throw new Error(`mkdir ${d}: ${m.status} ${m.text}`);
  }
});

t.test('both instances share one namespace and agree on the leader', async (t) => {
  const [sa, sb] = await Promise.all([call(A.url, 'GET', '/v1/status'), call(B.url, 'GET', '/v1/status')]);
  t.equal(sa.json.coord.kind, store, `coordination through ${store}`);
  t.not(sa.json.instance, sb.json.instance, 'two distinct instances');
  t.equal([sa.json.leader, sb.json.leader].filter(Boolean).length, 1, 'exactly one of them leads');
  t.equal(sa.json.coord.leaderId, sb.json.coord.leaderId, 'they name the same leader');
});

t.test('20 concurrent renames of one file: exactly one wins, the file exists once', async (t) => {
  for (let round = 0; round < RENAME_ROUNDS; round++) {
    const src = `src/file-${round}`;
    const body = `contents of round ${round}`;
    const up = await fetch(`${A.url}/v1/fs/${FS}/files/${src}`, { method: 'PUT', body });
    t.equal(up.status, 201, `round ${round}: source created`);
    const ino = ((await up.json()) as { ino: number }).ino;
    const targets = Array.from({ length: RENAMES }, (_, i) => `${i % 2 ? 'dB' : 'dA'}/moved-${round}-${i}`);
    const answers = await Promise.all(targets.map((to, i) => api(i % 2 ? B : A, 'POST', '/rename', { from: src, to })));
    const winners = targets.filter((_, i) => answers[i].status === 204);
    t.equal(winners.length, 1, `round ${round}: exactly one rename succeeds (${winners.join(', ')})`);
    const unexpected = answers.filter(
      (r) => r.status !== 204 && !(r.status === 404 && r.json?.code === 'ENOENT') && r.status !== 409,
    );
    t.same(
      unexpected.map((r) => `${r.status} ${r.json?.code}`),
      [],
      `round ${round}: the losers get 404 ENOENT (or 409)`,
    );

    t.equal((await api(B, 'GET', `/attrs/${src}`)).status, 404, `round ${round}: the source name is gone`);
    const present: string[] = [];
    for (const to of targets) {
      const st = await api(to.startsWith('dB') ? A : B, 'GET', `/attrs/${to}`);
      if (st.status === 200) {
        present.push(to);
        t.equal(st.json.ino, ino, `round ${round}: ${to} is the renamed inode`);
        t.equal(st.json.nlink, 1, `round ${round}: with one link`);
      }
    }
    t.same(present, winners, `round ${round}: the file exists exactly once, under the winning name`);
    for (const s of [A, B]) {
      const got = await fetch(`${s.url}/v1/fs/${FS}/files/${winners[0]}`);
      t.equal(await got.text(), body, `round ${round}: contents intact through ${s === A ? 'A' : 'B'}`);
    }
  }
});

t.test('rmdir racing creates and unlinks never loses an acknowledged child', async (t) => {
  let rmdirWon = 0;
  let totalCreated = 0;
  for (let round = 0; round < RMDIR_ROUNDS; round++) {
    const name = `victim-${round}`;
    const mk = await api(A, 'PUT', `/dirs/${name}`);
    t.equal(mk.status, 201, `round ${round}: ${name} created`);
    const ino = mk.json.ino as number;
    const created = new Set<string>();
    const removed = new Set<string>();
    const odd: string[] = [];
    let rmdirAnswer: Answer | undefined;
    let creatorsDone = false;
    // In even rounds the rmdir starts only once a create was acknowledged, so every run races
    // real children (an rmdir that always wins at once would leave the loss check idle).
    let firstAck!: () => void;
    const firstCreate = new Promise<void>((r) => (firstAck = r));

    const creator = async (w: number) => {
      // Stagger the start so the rmdir sometimes finds the directory empty.
      await new Promise((r) => setTimeout(r, Math.random() * 30 + (round % 2 ? 20 : 0)));
      for (let k = 0; k < CREATES_PER_CREATOR; k++) {
        const child = `c${w}-${k}`;
        const r = await api(B, 'POST', `/inodes/${ino}/entries`, { name: child, type: k % 3 === 0 ? 'dir' : 'file' });
        if (r.status === 201) {
          created.add(child);
          firstAck();
          // Most children are unlinked again (through the other instance), so the directory is
          // empty now and then and the rmdir can win in the middle of the stream.
          if (Math.random() < 0.8) {
            const u = await api(A, 'DELETE', `/inodes/${ino}/entries/${child}`);
            if (u.status === 204) removed.add(child);
            else if (u.status !== 404) odd.push(`unlink ${child}: ${u.status} ${u.json?.code}`);
          }
        } else if (r.status === 404 && r.json?.code === 'ENOENT') {
          return; // the directory is gone
        } else {
          odd.push(`create ${child}: ${r.status} ${r.json?.code}`);
        }
      }
    };
    const remover = async () => {
      if (round % 2 === 0) await Promise.race([firstCreate, creators]);
      while (!creatorsDone) {
        const r = await api(A, 'DELETE', `/inodes/1/entries/${name}?type=dir`);
        if (r.status === 204) {
          rmdirAnswer = r;
          return;
        }
        if (!(r.status === 409 && r.json?.code === 'ENOTEMPTY')) odd.push(`rmdir: ${r.status} ${r.json?.code}`);
      }
    };
    const creators = Promise.all(Array.from({ length: CREATORS }, (_, w) => creator(w))).finally(
      () => (creatorsDone = true),
    );
    await Promise.all([creators, remover()]);
    totalCreated += created.size;

    const live = [...created].filter((c) => !removed.has(c)).sort();
    t.same(odd, [], `round ${round}: no unexpected answers`);
    if (rmdirAnswer) {
      rmdirWon++;
      t.same(live, [], `round ${round}: the rmdir won, and no acknowledged child was left inside it`);
      t.equal((await api(B, 'GET', `/attrs/${name}`)).status, 404, `round ${round}: the directory is gone`);
      t.equal((await api(B, 'GET', `/inodes/${ino}`)).status, 404, `round ${round}: and so is its inode`);
    } else {
      for (const s of [A, B]) {
        const listed = [...(await listNames(s, ino))].sort();
        t.same(
          listed,
          live,
          `round ${round}: the directory lists exactly the live children (through ${s === A ? 'A' : 'B'})`,
        );
      }
      const st = await api(B, 'GET', `/inodes/${ino}`);
      t.equal(st.json?.entries ?? live.length, live.length, `round ${round}: its entry count matches`);
    }
  }
  t.comment(`rmdir won ${rmdirWon} of ${RMDIR_ROUNDS} rounds; ${totalCreated} children were acknowledged in all`);
  t.ok(totalCreated > 0, 'creates did land');
});
