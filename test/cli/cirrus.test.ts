// The `cirrus` command as a user runs it (bin/cirrus.mjs in a child process, not a TTY): help
// on every command, fsck's exit codes and its plain progress lines, gc, dump and load between
// two data directories, status over the API with a token, and the exit codes of failures and
// bad usage.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { objectKey } from '../../src/fs/layout.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { writeAuthFile } from '../support/auth.ts';
import { startServer, tempDir } from '../support/server.ts';
import { describeTree, populate } from '../jobs/fs-tree.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Some 25 runs of the command, each a new Node process loading the server's modules: more than
// the suite's per-file default on a loaded machine.
t.setTimeout(600_000);
const work = await tempDir('cirrus-cli-');
t.teardown(() => rm(work, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `cirrus ARGS` with the environment of a server whose data directory is `dir`. */
function cirrus(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/cirrus.mjs'), ...args], {
      cwd: work,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const stores = (dir: string) => ({
  CIRRUS_META: `memory:${join(dir, 'meta')}`,
  CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
});
const source = join(work, 'source');

t.test('--help on every command, with the exit codes', async (t) => {
  for (const cmd of ['fsck', 'gc', 'dump', 'load', 'status', 'compact', 'summary', 'trash ls', 'trash restore']) {
    const r = await cirrus([...cmd.split(' '), '--help']);
    t.equal(r.code, 0, `${cmd} --help exits 0`);
    t.match(r.stdout, /Usage: cirrus /, `${cmd} --help prints usage`);
    t.match(r.stdout, /16 {2}bad usage/, `${cmd} --help lists the exit codes`);
    if (cmd === 'fsck') t.match(r.stdout, /orphan-inode/, 'fsck --help lists the finding kinds');
  }
  const serve = await cirrus(['serve', '--help']);
  t.equal(serve.code, 0);
  t.match(serve.stdout, /CIRRUS_META/, "serve --help is the server's own usage");
  const bad = await cirrus(['fsck', '--no-such-flag']);
  t.equal(bad.code, 16, 'an unknown flag is bad usage: exit 16');
  t.match(bad.stderr, /unknown option/);
});

t.test('fsck, gc, dump and load on the stores of a stopped server', async (t) => {
  const s = await startServer({ dir: source });
  await populate(s.url, 'docs');
  const one = ((await (await fetch(`${s.url}/v1/fs/docs/attrs/a/one.bin`)).json()) as { ino: number }).ino;
  const tree = await describeTree(s.url, 'docs');
  await s.close();

  const clean = await cirrus(['fsck'], stores(source));
  t.equal(clean.code, 0, `a clean filesystem: exit 0 (${clean.stderr})`);
  t.match(clean.stdout, /docs \(id \d+\): .* records/);
  t.match(clean.stdout, /^clean \(exit 0\)/m);
  t.match(clean.stderr, /^scan docs \(about [\d,]+ names\+inodes\)$/m, 'plain progress lines: the phase');
  t.match(clean.stderr, /^scan docs: [\d,]+ names\+inodes in [\d.]+s/m, '...and its summary');
  t.notOk(clean.stderr.includes('\u001b'), 'no escape sequences when stderr is not a terminal');

  const objects = await LocalObjectStore.open(join(source, 'objects'));
  const leaked = objectKey(1, one, 777_777, 0, 0);
  await objects.put(leaked, Buffer.from('leaked'));
  await objects.close();
  const gc = await cirrus(['gc', '--json'], stores(source));
  t.equal(gc.code, 4, 'gc finds the leaked object: exit 4');
  const report = JSON.parse(gc.stdout);
  t.same(report.filesystems[0].findings, { 'leaked-object': 1 });
  t.equal(report.filesystems[0].details[0].key, leaked);
  const deleted = await cirrus(['gc', '--delete'], stores(source));
  t.equal(deleted.code, 1, 'gc --delete deletes it: exit 1 (repaired)');
  t.match(deleted.stdout, /leaked-object: object .* \[repaired\]/);
  t.equal((await cirrus(['fsck', '-q'], stores(source))).code, 0, 'then fsck is clean');

  const dump = join(work, 'docs.dump');
  const dumped = await cirrus(['dump', dump, '--fs', 'docs'], stores(source));
  t.equal(dumped.code, 0, dumped.stderr);
  t.match(
    dumped.stdout,
    /dumped 1 filesystem\(s\) .* to .*docs\.dump: [\d,]+ records \(docs [\d,]+\), .* \(snapshot view\)/,
  );
  t.match(dumped.stderr, /^dump docs: [\d,]+ names\+inodes in/m);

  const target = join(work, 'target');
  const env = { CIRRUS_META: `memory:${join(target, 'meta')}`, CIRRUS_OBJECTS: `file:${join(source, 'objects')}` };
  const loaded = await cirrus(['load', dump, '--json'], env);
  t.equal(loaded.code, 0, loaded.stderr);
  t.same(
    JSON.parse(loaded.stdout).filesystems.map((f: { name: string }) => f.name),
    ['docs'],
  );
  const again = await cirrus(['load', dump], env);
  t.equal(again.code, 8, 'loading the same dump twice fails: exit 8');
  t.match(again.stderr, /^cirrus load: EEXIST: /m);
  const moved = await startServer({ dir: target, env });
  t.same(await describeTree(moved.url, 'docs'), tree, 'the loaded filesystem has the same tree and contents');
  await moved.close();
  t.equal((await cirrus(['fsck', '-q'], env)).code, 0, 'and checks clean');

  const busy = await startServer({ dir: source });
  const refused = await cirrus(['fsck'], stores(source));
  await busy.close();
  t.equal(refused.code, 8, 'the embedded engine of a running server: exit 8');
  t.match(refused.stderr, /EBUSY: metadata directory .* is (in use by process|already open)/);
});

t.test('status over the API, with a token', async (t) => {
  const { path, tokens } = await writeAuthFile(work, [
    { subject: 'ops', uid: 0, gid: 0, scopes: { '*': ['admin'] } },
    { subject: 'reader', uid: 1000, gid: 1000, scopes: { docs: ['read'] } },
  ]);
  const s = await startServer({ dir: source, env: { CIRRUS_AUTH_FILE: path } });
  t.teardown(() => s.close());
  const ok = await cirrus(['status', '--url', s.url, '--json'], { CIRRUS_TOKEN: tokens.ops });
  t.equal(ok.code, 0, ok.stderr);
  const body = JSON.parse(ok.stdout);
  t.equal(body.status.meta.engine, 'memory');
  t.same(
    body.filesystems.map((f: { name: string }) => f.name),
    ['docs'],
  );
  const reader = await cirrus(['status', '--url', s.url], { CIRRUS_TOKEN: tokens.reader });
  t.equal(reader.code, 0, 'a token without the admin scope still gets the status');
  t.match(reader.stdout, /not listed: GET \/v1\/fs: 403 EACCES/);
  const none = await cirrus(['status', '--url', s.url]);
  t.equal(none.code, 8, 'no token: exit 8');
  t.match(none.stderr, /401 EAUTH/);
});

t.test('compact, summary and trash over the API', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = (method: string, path: string, body?: string) => fetch(`${s.url}${path}`, { method, body });
  await fetch(`${s.url}/v1/fs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'ops', inlineBytes: 0, trashDays: 1 }),
  });
  await api('PUT', '/v1/fs/ops/dirs/a/b?parents=true');
  const made = (await (await api('PUT', '/v1/fs/ops/files/a/b/f', 'x'.repeat(1000))).json()) as { ino: number };
  for (let i = 0; i < 5; i++) {
    const w = await api('PUT', `/v1/fs/ops/inodes/${made.ino}/data?offset=${i * 100}&sync=true`, 'y'.repeat(50));
    t.equal(w.status, 200, 'an overlapping write, committed');
  }
  const compacted = await cirrus(['compact', 'ops', 'a/b/f', '--url', s.url, '--json']);
  t.equal(compacted.code, 0, compacted.stderr);
  const c = JSON.parse(compacted.stdout);
  t.equal(c.ino, made.ino);
  t.ok(c.chunksCompacted >= 1 && c.slicesReplaced >= 2, `compacted: ${compacted.stdout}`);
  t.equal(
    await (await api('GET', '/v1/fs/ops/files/a/b/f')).text(),
    [...'x'.repeat(1000)].map((ch, i) => (i % 100 < 50 && i < 500 ? 'y' : ch)).join(''),
    'same bytes',
  );

  const summary = await cirrus(['summary', 'ops', 'a', '--url', s.url]);
  t.equal(summary.code, 0, summary.stderr);
  t.match(summary.stdout, /a \(this level\): 0 files, 1 directories/);
  t.match(summary.stdout, /a \(the whole tree\): 1 files, 1 directories, 2 entries/);

  t.equal((await api('DELETE', '/v1/fs/ops/files/a/b/f')).status, 204);
  const listed = await cirrus(['trash', 'ls', 'ops', '--url', s.url, '--json']);
  t.equal(listed.code, 0, listed.stderr);
  t.match(JSON.parse(listed.stdout).entries, [{ ino: made.ino, path: '/a/b/f', state: 'waiting' }]);
  const restored = await cirrus(['trash', 'restore', 'ops', String(made.ino), '--to', 'back/f', '--url', s.url]);
  t.equal(restored.code, 0, restored.stderr);
  t.equal((await api('GET', '/v1/fs/ops/files/back/f')).status, 200, 'restored where asked, parents made');
  const empty = await cirrus(['trash', 'ls', 'ops', '--url', s.url]);
  t.match(empty.stdout, /the trash is empty/);
  const gone = await cirrus(['trash', 'purge', 'ops', '999', '--url', s.url]);
  t.equal(gone.code, 8, 'an entry that is not there: exit 8');
  t.match(gone.stderr, /404 ENOENT/);
  t.equal((await cirrus(['trash', 'purge', 'ops', 'x1', '--url', s.url])).code, 16, 'not an inode number: bad usage');
});
