// kill -9 of a child server between an inline write and its commit, run on every engine by
// inline-crash.test.ts (memory, etcd) and inline-crash-dynamodb.test.ts: a small file's contents are committed whole or not at all. An unflushed
// write to an inline file is lost with its verifier (409 EWRITESLOST) and the committed bytes
// stay; every acknowledged small upload of a burst reads back whole after the restart; and no
// intent or object is left behind, because a small upload never makes one.
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Test } from 'tap';
import { intentGroup } from '../../src/fs/keys.ts';
import type { KvStore } from '../../src/kv/types.ts';
import { type ChildServer, spawnServer, tempDir } from '../support/server.ts';
import { call, readResponse } from '../support/api.ts';

const WORKERS = 16;
/** The burst lasts at least this long, and until this many uploads are acknowledged (slow engines)... */
const BURST_MS = 1500;
const BURST_ACKS = 40;
/** ...but no longer than this. */
const BURST_MAX_MS = 30_000;

export interface Engine {
  /** Environment for the child servers. */
  env: Record<string, string>;
  /** The engine's store opened directly (the servers stopped). */
  open(): Promise<KvStore>;
}

async function countFiles(dir: string): Promise<number> {
  let n = 0;
  for (const d of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    n += d.isDirectory() ? await countFiles(join(dir, d.name)) : 1;
  }
  return n;
}

async function stop(s: ChildServer): Promise<void> {
  s.child.kill('SIGTERM');
  await s.exited;
}

/** The case as a subtest of `t`; `engineFor` gives the servers' metadata store (empty) in `dir`. */
export function inlineCrashCase(t: Test, name: string, engineFor: (t: Test, dir: string) => Promise<Engine>): void {
  t.test(`${name}: kill -9 between inline writes and their commit`, async (t) => {
    const dir = await tempDir('cirrus-inline-crash-');
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const engine = await engineFor(t, dir);
    const first = await spawnServer(dir, engine.env);
    const made = await call(first.url, 'POST', '/v1/fs', { name: 'c' });
    t.equal(made.status, 201);
    t.equal((await call(first.url, 'PUT', '/v1/fs/c/dirs/burst')).status, 201);
    const up = await readResponse(await fetch(`${first.url}/v1/fs/c/files/a`, { method: 'PUT', body: 'committed' }));
    t.equal(up.status, 201, 'a small file, committed inline');
    const ino = up.json.ino;

    // Small uploads from many clients, then kill -9 in the middle of them.
    const acked: string[] = [];
    let stopped = false;
    const worker = async (n: number) => {
      for (let i = 0; !stopped; i++) {
        const file = `w${n}-${i}`;
        const body = `${file} `.repeat(1 + (i % 40));
        try {
          const r = await fetch(`${first.url}/v1/fs/c/files/burst/${file}`, { method: 'PUT', body });
          if (r.status === 201) acked.push(file);
        } catch {
          return; // in flight when the server died: not acknowledged
        }
      }
    };
    const workers = Array.from({ length: WORKERS }, (_, n) => worker(n));
    const began = Date.now();
    while (Date.now() - began < BURST_MS || (acked.length < BURST_ACKS && Date.now() - began < BURST_MAX_MS)) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Right before the kill: a burst on a slow engine outlasts the write cache's flush age, and
    // a write made before it would be committed by then.
    const w = await readResponse(
      await fetch(`${first.url}/v1/fs/c/inodes/${ino}/data?offset=0`, { method: 'PUT', body: 'NOT COMMITTED YET' }),
    );
    t.equal(w.json.stable, false, 'an unstable write over it, cached, not committed');
    first.child.kill('SIGKILL');
    stopped = true;
    await Promise.all(workers);
    t.equal(await first.exited, 'SIGKILL', 'killed, not stopped');
    t.ok(acked.length > 20, `a real burst was acknowledged (${acked.length} uploads)`);

    const second = await spawnServer(dir, engine.env);
    const read = async (path: string) => (await fetch(`${second.url}/v1/fs/c/files/${path}`)).text();
    t.equal(await read('a'), 'committed', 'the committed inline bytes are intact');
    const lost = await call(second.url, 'POST', `/v1/fs/c/inodes/${ino}/flush`, { verifiers: [w.json.verifier] });
    t.match({ status: lost.status, code: lost.json?.code }, { status: 409, code: 'EWRITESLOST' }, 'the write is lost');
    const wrong: string[] = [];
    for (const file of acked) {
      const body = await read(`burst/${file}`);
      const i = Number(file.split('-')[1]);
      if (body !== `${file} `.repeat(1 + (i % 40))) wrong.push(file);
    }
    t.same(wrong, [], `all ${acked.length} acknowledged uploads read back whole`);
    t.equal((await fetch(`${second.url}/v1/fs/c/files/after`, { method: 'PUT', body: 'x' })).status, 201, 'it serves');
    await stop(second);

    const kv = await engine.open();
    t.teardown(() => kv.close());
    const intents = await kv.transact((tx) => tx.scan(intentGroup(made.json.id), { limit: 10 }));
    t.equal(intents.entries.length, 0, 'no intent was ever written');
    t.equal(await countFiles(join(dir, 'objects')), 0, 'no object was ever written');
  });
}
