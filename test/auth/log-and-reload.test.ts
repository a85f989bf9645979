// Against `npm start`'s entry as a child process: tokens never reach the log (pino redaction of
// Authorization, and no code path logs a token), and SIGHUP reloads the authentication
// document without a restart.
import { generateKeyPairSync } from 'node:crypto';
import { rm } from 'node:fs/promises';
import pino from 'pino';
import t from 'tap';
import { LOG_REDACTIONS } from '../../src/http/log-redaction.ts';
import { bearer, signJwt, writeAuthFile } from '../support/auth.ts';
import { call } from '../support/api.ts';
import { spawnServer, tempDir } from '../support/server.ts';

t.test('the redaction paths censor credentials in what a log call is given', async (t) => {
  const lines: string[] = [];
  const log = pino({ redact: LOG_REDACTIONS }, { write: (s: string) => lines.push(s) });
  log.info({ req: { headers: { authorization: 'Bearer sekrit-1', cookie: 'sid=sekrit-2' } } }, 'a request');
  log.info({ headers: { authorization: 'Bearer sekrit-3' }, token: 'sekrit-4' }, 'an object with a token');
  t.equal(lines.length, 2);
  t.notMatch(lines.join(''), /sekrit/, 'no credential in the lines');
  t.match(lines.join(''), /\[redacted\]/);
});

t.test('a child server at trace level never logs a token; SIGHUP reloads', async (t) => {
  const dir = await tempDir('cirrus-authlog-');
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const issuer = 'https://issuer.test/';
  const issuers = [
    { issuer, audience: 'cirrus', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  ];
  const first = await writeAuthFile(dir, [{ subject: 'ops', uid: 0, gid: 0, scopes: { '*': ['admin'] } }], {
    issuers,
  });
  const server = await spawnServer(dir, { CIRRUS_AUTH_FILE: first.path, CIRRUS_LOG_LEVEL: 'trace' });
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });
  const now = Math.floor(Date.now() / 1000);
  const jwt = signJwt(privateKey, 'k1', {
    iss: issuer,
    aud: 'cirrus',
    sub: 'ann',
    uid: 0,
    gid: 0,
    scope: '*:admin',
    exp: now + 60,
  });
  const expired = signJwt(privateKey, 'k1', { iss: issuer, aud: 'cirrus', sub: 'ann', uid: 0, gid: 0, exp: now - 600 });
  const secrets = [first.tokens.ops, jwt, expired, 'cfs_wrong-token-value'];
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 'x' }, bearer(first.tokens.ops))).status, 201);
  t.equal((await call(server.url, 'GET', '/v1/fs/x/dirs/', undefined, bearer(jwt))).status, 200, 'JWT');
  t.equal((await call(server.url, 'GET', '/v1/fs/x/dirs/', undefined, bearer(expired))).status, 401, 'expired');
  t.equal((await call(server.url, 'GET', '/v1/fs', undefined, bearer(secrets[3]))).status, 401, 'unknown');
  t.equal((await call(server.url, 'GET', '/v1/fs/x/nope', undefined, bearer(first.tokens.ops))).status, 404);

  const second = await writeAuthFile(dir, [{ subject: 'ops2', uid: 0, gid: 0, scopes: { '*': ['admin'] } }]);
  secrets.push(second.tokens.ops2);
  server.child.kill('SIGHUP');
  for (let i = 0; i < 200 && !server.logs.some((l) => l.includes('authentication reloaded')); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
  t.ok(
    server.logs.some((l) => l.includes('authentication reloaded (1 keys, 0 issuers)')),
    'reloaded on SIGHUP',
  );
  t.equal((await call(server.url, 'GET', '/v1/fs', undefined, bearer(second.tokens.ops2))).status, 200, 'new token');
  t.equal((await call(server.url, 'GET', '/v1/fs', undefined, bearer(first.tokens.ops))).status, 401, 'old token');
  t.equal(server.child.exitCode, null, 'the same process still serves');

  const log = server.logs.join('\n');
  const requestLines = server.logs.filter((l) => l.includes('"msg":"request"'));
  t.ok(
    requestLines.length >= 5,
    `requests are logged at trace level (${requestLines.length} of ${server.logs.length} lines)`,
  );
  for (const s of secrets) t.notOk(log.includes(s), `token ${s.slice(0, 8)}… is not in the log`);
  t.notMatch(log, /Bearer /i, 'no Authorization header value in the log');
});
