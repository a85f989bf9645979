// Authentication and scopes end to end: static tokens and JWTs, 401 and 403 with their
// WWW-Authenticate, scopes per filesystem, the open endpoints, reload, and rate limits.
import { rm, writeFile } from 'node:fs/promises';
import t from 'tap';
import { bearer, startJwks, writeAuthFile, type KeySpec } from '../support/auth.ts';
import { call, problem } from '../support/api.ts';
import { startServer, tempDir } from '../support/server.ts';

const AUDIENCE = 'cirrusfs-test';

const KEYS: KeySpec[] = [
  { subject: 'admin', uid: 0, gid: 0, scopes: { '*': ['admin'] } },
  { subject: 'reader', uid: 1000, gid: 1000, scopes: { '*': ['read'] } },
  { subject: 'a-writer', uid: 1000, gid: 1000, scopes: { a: ['write'] } },
  { subject: 'a-admin', uid: 1000, gid: 1000, scopes: { a: ['admin'] } },
];

t.test('tokens and scopes', async (t) => {
  const dir = await tempDir('cirrus-auth-');
  const jwks = await startJwks(AUDIENCE);
  const issuers = [{ issuer: jwks.issuer, audience: AUDIENCE, jwksUrl: jwks.url, clockSkewSeconds: 5 }];
  const { path, tokens } = await writeAuthFile(dir, KEYS, { issuers });
  const server = await startServer({ env: { CIRRUS_AUTH_FILE: path } });
  t.teardown(async () => {
    await server.close();
    await jwks.close();
    await rm(dir, { recursive: true, force: true });
  });
  const as = (who: string) => bearer(tokens[who]);
  const api = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    call(server.url, method, path, body, headers);

  t.test('no token, a bad header, an unknown token: 401 with WWW-Authenticate', async (t) => {
    const none = await api('GET', '/v1/fs');
    problem(t, none, 401, 'EAUTH', 'no token');
    t.equal(none.headers.get('www-authenticate'), 'Bearer realm="cirrusfs"');
    const basic = await api('GET', '/v1/fs', { authorization: 'Basic dXNlcjpwYXNz' });
    problem(t, basic, 401, 'EAUTH', 'Basic credentials');
    t.match(basic.headers.get('www-authenticate'), /^Bearer realm="cirrusfs", error="invalid_token"/);
    problem(t, await api('GET', '/v1/fs', bearer('cfs_notatoken')), 401, 'EAUTH', 'unknown token');
    problem(
      t,
      await api('GET', '/v1/fs/a/dirs/', bearer(`${tokens.reader}x`)),
      401,
      'EAUTH',
      'token with one more char',
    );
  });

  t.test('health, readiness and the docs are open; status and metrics are not', async (t) => {
    t.equal((await api('GET', '/healthz')).status, 200);
    t.equal((await api('GET', '/readyz')).status, 200);
    t.equal((await api('GET', '/openapi.json')).status, 200);
    t.equal((await api('GET', '/docs/')).status, 200);
    problem(t, await api('GET', '/v1/status'), 401, 'EAUTH', 'status without a token');
    t.equal((await api('GET', '/v1/status', as('reader'))).status, 200, 'status with any token');
    problem(t, await api('GET', '/metrics'), 401, 'EAUTH', 'metrics without a token');
    t.equal((await api('GET', '/metrics', as('reader'))).status, 200);
  });

  t.test('admin creates filesystems; others may not', async (t) => {
    t.equal((await api('POST', '/v1/fs', as('admin'), { name: 'a' })).status, 201);
    t.equal((await api('POST', '/v1/fs', as('admin'), { name: 'b' })).status, 201);
    const denied = await api('POST', '/v1/fs', as('reader'), { name: 'c' });
    problem(t, denied, 403, 'EACCES', 'reader creates a filesystem');
    t.match(denied.headers.get('www-authenticate'), /error="insufficient_scope"/);
    problem(t, await api('POST', '/v1/fs', as('a-writer'), { name: 'a2' }), 403, 'EACCES', 'writer of a creates a2');
    problem(t, await api('POST', '/v1/fs', as('a-admin'), { name: 'c' }), 403, 'EACCES', 'admin of a creates c');
    problem(t, await api('DELETE', '/v1/fs/b', as('a-admin')), 403, 'EACCES', 'admin of a deletes b');
    problem(t, await api('GET', '/v1/fs', as('reader')), 403, 'EACCES', 'reader lists filesystems');
    const all = await api('GET', '/v1/fs', as('admin'));
    t.same(all.json.filesystems.map((f: { name: string }) => f.name).sort(), ['a', 'b']);
    const own = await api('GET', '/v1/fs', as('a-admin'));
    t.same(
      own.json.filesystems.map((f: { name: string }) => f.name),
      ['a'],
      'an admin of a sees a only',
    );
    // The root of a filesystem belongs to its creator (uid 0 here): open it to uid 1000.
    t.equal((await api('PATCH', '/v1/fs/a/attrs/', as('admin'), { uid: 1000, gid: 1000 })).status, 200);
    t.equal((await api('PATCH', '/v1/fs/b/attrs/', as('admin'), { mode: 0o777 })).status, 200);
  });

  t.test('a read-only token cannot mutate; a token for a cannot touch b', async (t) => {
    t.equal((await api('PUT', '/v1/fs/a/dirs/d', as('a-writer'))).status, 201, 'writer of a: mkdir in a');
    t.equal((await api('GET', '/v1/fs/a/dirs/', as('reader'))).status, 200, 'reader lists a');
    problem(t, await api('PUT', '/v1/fs/a/dirs/e', as('reader')), 403, 'EACCES', 'reader mkdir');
    problem(t, await api('DELETE', '/v1/fs/a/files/d', as('reader')), 403, 'EACCES', 'reader rmdir');
    problem(t, await api('PUT', '/v1/fs/a/files/f', as('reader'), 'x'), 403, 'EACCES', 'reader upload');
    problem(t, await api('GET', '/v1/fs/b/dirs/', as('a-writer')), 403, 'EACCES', 'writer of a lists b');
    problem(t, await api('PUT', '/v1/fs/b/dirs/x', as('a-writer')), 403, 'EACCES', 'writer of a mkdir in b');
    problem(t, await api('GET', '/v1/fs/b', as('a-writer')), 403, 'EACCES', 'writer of a reads b');
    problem(t, await api('GET', '/v1/fs/b/inodes/1', as('a-admin')), 403, 'EACCES', 'admin of a stats b');
    t.equal((await api('GET', '/v1/fs/b/inodes/1', as('reader'))).status, 200, 'reader of * stats b');
  });

  t.test('an upload refused for its scope is refused before its body is read', async (t) => {
    const res = await fetch(`${server.url}/v1/fs/b/files/big`, {
      method: 'PUT',
      headers: as('reader'),
      body: new Uint8Array(8 * 1024 * 1024),
    });
    t.equal(res.status, 403);
    t.equal(res.headers.get('connection'), 'close', 'the unread body ends the connection');
  });

  t.test('JWTs: valid, expired, badly signed, wrong audience or issuer, unknown key', async (t) => {
    const claims = { sub: 'carol', uid: 1000, gid: 1000, groups: [1000], scope: 'openid a:write *:read' };
    const ok = await api('PUT', '/v1/fs/a/dirs/jwt-dir', bearer(jwks.sign(claims)));
    t.equal(ok.status, 201, 'a valid token writes a');
    t.equal(ok.json.uid, 1000, 'as its uid claim');
    problem(t, await api('PUT', '/v1/fs/b/dirs/jwt', bearer(jwks.sign(claims))), 403, 'EACCES', 'read-only on b');
    const expired = await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign(claims, { expIn: -60 })));
    problem(t, expired, 401, 'EAUTH', 'expired a minute ago (skew 5 s)');
    t.match(expired.headers.get('www-authenticate'), /error="invalid_token"/);
    t.equal(
      (await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign(claims, { expIn: -2 })))).status,
      200,
      'expired 2 s ago, within the skew',
    );
    problem(
      t,
      await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign(claims, { key: jwks.stranger }))),
      401,
      'EAUTH',
      'signed by a key the issuer did not publish',
    );
    problem(
      t,
      await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign({ ...claims, aud: 'someone-else' }))),
      401,
      'EAUTH',
      'for another audience',
    );
    problem(
      t,
      await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign({ ...claims, iss: 'https://evil.example/' }))),
      401,
      'EAUTH',
      'from another issuer',
    );
    const [head, body] = jwks.sign(claims).split('.');
    problem(t, await api('GET', '/v1/fs/a/dirs/', bearer(`${head}.${body}.`)), 401, 'EAUTH', 'unsigned');
    const forged = jwks.sign({ ...claims, uid: 0 }).split('.');
    const real = jwks.sign(claims).split('.');
    problem(
      t,
      await api('GET', '/v1/fs/a/dirs/', bearer(`${forged[0]}.${forged[1]}.${real[2]}`)),
      401,
      'EAUTH',
      'claims changed after signing',
    );
    const { uid: _u, ...noUid } = claims;
    problem(t, await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign(noUid))), 401, 'EAUTH', 'no uid claim');
    const before = jwks.fetches();
    for (let i = 0; i < 5; i++) {
      problem(
        t,
        await api('GET', '/v1/fs/a/dirs/', bearer(jwks.sign(claims, { kid: `made-up-${i}` }))),
        401,
        'EAUTH',
        'an unknown key id',
      );
    }
    t.ok(jwks.fetches() - before <= 1, `unknown key ids fetch the JWKS at most once (${jwks.fetches() - before})`);
  });

  t.test('reload: a new document replaces the old; an invalid one is refused and the old stays', async (t) => {
    const next = await writeAuthFile(dir, [{ subject: 'newcomer', uid: 2000, gid: 2000, scopes: { '*': ['read'] } }], {
      name: 'auth.yaml',
    });
    t.same(await server.built.auth.reload(), { keys: 1, issuers: 0 });
    t.equal((await api('GET', '/v1/fs/a/dirs/', bearer(next.tokens.newcomer))).status, 200, 'the new token works');
    problem(t, await api('GET', '/v1/fs/a/dirs/', as('reader')), 401, 'EAUTH', 'an old token is gone');
    await writeFile(next.path, 'version: 1\nkeys: [{subject: x}]\n');
    await t.rejects(server.built.auth.reload(), { code: 'EINVAL' }, 'an invalid document');
    t.equal((await api('GET', '/v1/fs/a/dirs/', bearer(next.tokens.newcomer))).status, 200, 'still in force');
  });
});

t.test('rate limits per principal', async (t) => {
  const dir = await tempDir('cirrus-rate-');
  const { path, tokens } = await writeAuthFile(dir, [
    { subject: 'busy', uid: 0, gid: 0, scopes: { '*': ['admin'] } },
    { subject: 'calm', uid: 0, gid: 0, scopes: { '*': ['admin'] } },
  ]);
  const server = await startServer({
    env: { CIRRUS_AUTH_FILE: path, CIRRUS_RATE_LIMIT: '5', CIRRUS_RATE_WINDOW_MS: '60000' },
  });
  t.teardown(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });
  const statuses: number[] = [];
  let last: Awaited<ReturnType<typeof call>> | undefined;
  for (let i = 0; i < 7; i++) {
    last = await call(server.url, 'GET', '/v1/fs', undefined, bearer(tokens.busy));
    statuses.push(last.status);
  }
  t.same(statuses, [200, 200, 200, 200, 200, 429, 429]);
  problem(t, last!, 429, 'ERATELIMITED', 'over the limit');
  t.ok(Number(last!.headers.get('retry-after')) > 0, 'Retry-After');
  t.equal(last!.headers.get('ratelimit-limit'), '5');
  t.equal(last!.headers.get('ratelimit-remaining'), '0');
  const calm = await call(server.url, 'GET', '/v1/fs', undefined, bearer(tokens.calm));
  t.equal(calm.status, 200, 'another principal is not limited');
  t.equal(calm.headers.get('ratelimit-remaining'), '4');
  const anonymous: number[] = [];
  for (let i = 0; i < 7; i++)
    anonymous.push((await call(server.url, 'GET', '/v1/fs', undefined, bearer('bad'))).status);
  t.same(anonymous, [401, 401, 401, 401, 401, 429, 429], 'bad tokens are limited by client address');
  t.equal((await call(server.url, 'GET', '/healthz')).status, 200, 'probes are never limited');
});

t.test('without an authentication document on loopback, every caller is root', async (t) => {
  const server = await startServer();
  t.teardown(() => server.close());
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 'open' })).status, 201);
  const made = await call(server.url, 'PUT', '/v1/fs/open/dirs/d');
  t.equal(made.status, 201);
  t.equal(made.json.uid, 0, 'owned by root');
  t.equal(made.headers.get('ratelimit-limit'), null, 'no rate limit');
});
