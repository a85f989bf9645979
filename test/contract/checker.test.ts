// The contract check can fail: against a document that leaves out what the server does, it
// reports each difference (an undeclared status, a missing required header, an undeclared
// API header, a body off its schema, a refused request answered 2xx).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';
import { buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { ContractChecker } from '../support/contract.ts';
import { tempDir } from '../support/server.ts';

const doc = JSON.parse(readFileSync(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));

t.test('every kind of difference is reported', async (t) => {
  const altered = structuredClone(doc);
  const fsOps = altered.paths['/v1/fs'];
  delete fsOps.post.responses['201'].headers.location; // location sent but not declared
  fsOps.get.responses['200'].content['application/json'].schema = { type: 'string' }; // body off schema
  const stat = altered.paths['/v1/fs/{fs}/attrs/{path}'].get;
  stat.responses['200'].headers['x-always'] = { required: true, schema: { type: 'string' } }; // never sent
  delete stat.responses['404']; // status not declared
  const mkdir = altered.paths['/v1/fs/{fs}/dirs/{path}'].put;
  mkdir.parameters.find((p: { name: string }) => p.name === 'parents').schema = { type: 'string', enum: ['yes'] };

  const dir = await tempDir('cirrus-checker-');
  const config = loadConfig({ CIRRUS_META: `memory:${join(dir, 'meta')}`, CIRRUS_OBJECTS: `file:${join(dir, 'o')}` });
  const { app } = await buildApp(config, { logger: false });
  const checker = new ContractChecker(altered);
  checker.install(app);
  t.teardown(() => app.close());
  await app.inject({ method: 'POST', url: '/v1/fs', payload: { name: 'c' } });
  await app.inject({ method: 'GET', url: '/v1/fs' });
  await app.inject({ method: 'GET', url: '/v1/fs/c/attrs/missing' });
  await app.inject({ method: 'PUT', url: '/v1/fs/c/dirs/a?parents=true' });
  await app.inject({ method: 'GET', url: '/v1/fs/c/attrs/a' });
  const v = checker.figures.violations.join('\n');
  t.equal(checker.figures.exchanges, 5, 'every exchange counted');
  t.match(v, /POST \/v1\/fs → 201: header location is not declared/, 'an undeclared API header');
  t.match(v, /GET \/v1\/fs → 200: body .*must be string/, 'a body off its schema');
  t.match(v, /attrs\/missing → 404: status 404 is not declared for statPath/, 'an undeclared status');
  t.match(v, /attrs\/a → 200: required header x-always missing/, 'a missing required header');
  t.match(v, /dirs\/a\?parents=true → 201: a request the document does not allow/, 'a refused request answered 2xx');

  const clean = new ContractChecker(doc);
  const { app: app2 } = await buildApp(
    loadConfig({ CIRRUS_META: `memory:${join(dir, 'meta2')}`, CIRRUS_OBJECTS: `file:${join(dir, 'o2')}` }),
    { logger: false },
  );
  clean.install(app2);
  t.teardown(() => app2.close());
  await app2.inject({ method: 'POST', url: '/v1/fs', payload: { name: 'c' } });
  await app2.inject({ method: 'GET', url: '/v1/fs/c/attrs/missing' });
  t.same(clean.figures.violations, [], 'the committed document holds for the same exchanges');
});
