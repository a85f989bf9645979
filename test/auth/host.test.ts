// A non-loopback HOST needs authentication configured (or the documented escape hatch); with
// an authentication document the server serves on 0.0.0.0, inside a private network namespace
// so nothing outside this machine's test can reach it.
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import t from 'tap';
import { loadConfig } from '../../src/config.ts';
import { writeAuthFile } from '../support/auth.ts';
import { tempDir } from '../support/server.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

t.test('configuration', async (t) => {
  t.throws(() => loadConfig({ HOST: '0.0.0.0' }), { code: 'EINVAL', message: /no authentication is configured/ });
  t.equal(loadConfig({ HOST: '0.0.0.0', CIRRUS_AUTH_FILE: '/etc/cirrus/auth.yaml' }).host, '0.0.0.0');
  t.equal(
    loadConfig({ HOST: '0.0.0.0', CIRRUS_AUTH_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:a' })
      .host,
    '0.0.0.0',
  );
  t.equal(loadConfig({ HOST: '0.0.0.0', CIRRUS_ALLOW_UNAUTHENTICATED: 'true' }).host, '0.0.0.0', 'escape hatch');
  t.throws(() => loadConfig({ CIRRUS_AUTH_SECRET_ARN: 'not-an-arn' }), { code: 'EINVAL' });
  t.throws(() => loadConfig({ CIRRUS_AUTH_FILE: 'a', CIRRUS_AUTH_SECRET_ARN: 'arn:aws:secretsmanager:x:1:secret:y' }), {
    code: 'EINVAL',
  });
  t.throws(() => loadConfig({ CIRRUS_AUTH_OPEN: 'docs,status' }), { code: 'EINVAL' });
  t.same([...loadConfig({ CIRRUS_AUTH_OPEN: 'none' }).auth.open], []);
  t.same([...loadConfig({}).auth.open], ['docs'], 'the docs are open by default');
});

t.test('HOST=0.0.0.0 serves with an auth file and refuses to start without one', async (t) => {
  const usable = await run('unshare', ['-n', 'true']).then(
    () => true,
    () => false,
  );
  if (!usable) {
    t.comment('skipped: needs unshare -n (root) for a private network namespace');
    return;
  }
  const dir = await tempDir('cirrus-host-');
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const { path, tokens } = await writeAuthFile(dir, [{ subject: 'ops', uid: 0, gid: 0, scopes: { '*': ['read'] } }]);
  // Inside the namespace: start the server on 0.0.0.0, wait for it, ask without and with a token.
  const script = `
    set -u
    ip link set lo up
    node --import tsx src/server.ts > "$DIR/server.log" 2>&1 &
    pid=$!
    for i in $(seq 1 200); do curl -sf http://127.0.0.1:18080/healthz >/dev/null && break; sleep 0.05; done
    echo "without: $(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:18080/v1/fs)"
    echo "with: $(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" http://127.0.0.1:18080/v1/status)"
    kill -TERM $pid; wait $pid
    echo "exit: $?"`;
  const env = {
    ...process.env,
    HOST: '0.0.0.0',
    PORT: '18080', // a fixed port is safe in a network namespace of its own
    CIRRUS_META: `memory:${dir}/meta`,
    CIRRUS_OBJECTS: `file:${dir}/objects`,
    CIRRUS_AUTH_FILE: path,
    TOKEN: tokens.ops,
    DIR: dir,
  };
  const served = await run('unshare', ['-n', 'bash', '-c', script], { cwd: ROOT, env, timeout: 60_000 });
  t.match(served.stdout, /without: 401\nwith: 200\nexit: 0/, 'serves on 0.0.0.0, with authentication');
  const { CIRRUS_AUTH_FILE: _f, ...noAuth } = env;
  const refused = await run('unshare', ['-n', 'node', '--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: noAuth,
    timeout: 60_000,
  }).then(
    () => ({ code: 0, stderr: '' }),
    (e: { code: number; stderr: string }) => e,
  );
  t.equal(refused.code, 1, 'without an auth file it exits');
  t.match(refused.stderr, /HOST=0\.0\.0\.0 is not a loopback address and no authentication is configured/);
});
