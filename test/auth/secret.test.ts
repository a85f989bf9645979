// The authentication document from AWS Secrets Manager (CIRRUS_AUTH_SECRET_ARN, as the Lambda
// deployment sets it), read through the real AWS SDK client. No Secrets Manager runs here: a
// loopback stand-in answers the one call the server makes (GetSecretValue, in the service's
// JSON protocol), and records what it was asked.
import { createServer } from 'node:http';
import t from 'tap';
import { bearer, newToken, sha256Hex } from '../support/auth.ts';
import { call } from '../support/api.ts';
import { freePort } from '../support/ports.ts';
import { startServer } from '../support/server.ts';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:cirrus-auth-AbCdEf';

t.test('the server reads its keys from the secret the ARN names', async (t) => {
  const token = newToken();
  let secret = JSON.stringify({
    version: 1,
    keys: [{ subject: 'lambda-ops', sha256: sha256Hex(token), uid: 0, gid: 0, scopes: { '*': ['admin'] } }],
  });
  const asked: { target?: string; body: string; auth?: string }[] = [];
  const standIn = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      asked.push({ target: req.headers['x-amz-target'] as string, body, auth: req.headers.authorization });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      res.end(JSON.stringify({ ARN, Name: 'cirrus-auth', SecretString: secret, VersionId: 'v1' }));
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => standIn.listen(port, '127.0.0.1', resolve));
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${port}`,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  });
  const server = await startServer({ env: { CIRRUS_AUTH_SECRET_ARN: ARN } });
  t.teardown(async () => {
    await server.close();
    standIn.close();
    process.env = saved;
  });
  t.equal(asked.length, 1, 'one GetSecretValue at start');
  t.equal(asked[0].target, 'secretsmanager.GetSecretValue');
  t.same(JSON.parse(asked[0].body), { SecretId: ARN });
  t.match(
    asked[0].auth,
    /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/secretsmanager\//,
    'signed for the region',
  );
  t.equal((await call(server.url, 'GET', '/v1/fs', undefined, bearer(token))).status, 200, 'its token works');
  t.equal((await call(server.url, 'GET', '/v1/fs')).status, 401, 'no token: 401');

  const next = newToken();
  secret = JSON.stringify({
    version: 1,
    keys: [{ subject: 'rotated', sha256: sha256Hex(next), uid: 0, gid: 0, scopes: { '*': ['read'] } }],
  });
  t.same(await server.built.auth.reload(), { keys: 1, issuers: 0 }, 'reload reads the secret again');
  t.equal((await call(server.url, 'GET', '/v1/fs/x', undefined, bearer(next))).status, 404, 'the rotated token works');
  t.equal((await call(server.url, 'GET', '/v1/fs', undefined, bearer(token))).status, 401, 'the old one does not');
});
