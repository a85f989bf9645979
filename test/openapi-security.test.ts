// The OpenAPI document states every operation's security (DESIGN §6 "Auth"): Redocly's
// security-defined rule finds nothing, the bearer scheme is declared, each /v1/fs/{fs}/…
// operation names the scope it needs, and only the probes are open.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { renderOpenApi } from '../src/http/spec.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

t.test("Redocly's security-defined rule passes on openapi/openapi.json", async (t) => {
  const out = await run('npx', ['redocly', 'lint', 'openapi/openapi.json', '--format=json'], {
    cwd: ROOT,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
    maxBuffer: 16 << 20,
  }).catch((e: { stdout: string }) => e); // other rules' findings make it exit non-zero
  const report = JSON.parse(out.stdout) as { problems: { ruleId: string; message: string }[] };
  const security = report.problems.filter((p) => p.ruleId === 'security-defined');
  t.same(security, [], 'no operation without a security requirement');
});

t.test('each operation names its scope', async (t) => {
  const doc = JSON.parse(await renderOpenApi());
  t.same(Object.keys(doc.components.securitySchemes), ['bearerAuth']);
  t.match(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' });
  const open: string[] = [];
  for (const [url, item] of Object.entries<Record<string, { operationId: string; security?: unknown[] }>>(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      t.ok(Array.isArray(op.security), `${op.operationId} declares security`);
      if (op.security?.length === 0) open.push(op.operationId);
      if (url.startsWith('/v1/fs/{fs}/')) {
        const scope = method === 'get' || method === 'head' ? 'read' : 'write';
        t.same(op.security, [{ bearerAuth: [scope] }], `${op.operationId} needs ${scope}`);
      }
    }
  }
  t.same(open.sort(), ['healthz', 'readyz'], 'only the probes are open');
  for (const id of ['createFs', 'listFs', 'deleteFs']) {
    const op = Object.values<Record<string, { operationId: string; security: unknown }>>(doc.paths)
      .flatMap((i) => Object.values(i))
      .find((o) => o.operationId === id);
    t.same(op?.security, [{ bearerAuth: ['admin'] }], `${id} needs admin`);
  }
});
