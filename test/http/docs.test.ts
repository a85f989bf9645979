// The Swagger UI at /docs (src/http/docs.ts): built on the first request, it serves the page,
// its assets and the same document as /openapi.json.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import t from 'tap';
import { startServer } from '../support/server.ts';

t.test("the Swagger UI serves its page, its assets and this server's document", async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const page = await fetch(`${s.url}/docs/`);
  t.equal(page.status, 200, 'the page');
  t.match(page.headers.get('content-type'), /^text\/html/);
  t.match(await page.text(), /swagger-ui/i);
  const bare = await fetch(`${s.url}/docs`, { redirect: 'manual' });
  t.ok(bare.status === 200 || (bare.status >= 300 && bare.status < 400), `/docs answers or redirects (${bare.status})`);
  const asset = await fetch(`${s.url}/docs/static/swagger-ui-bundle.js`);
  t.equal(asset.status, 200, 'a static asset');
  t.match(asset.headers.get('content-type'), /javascript/);
  const bundled = await readFile(
    createRequire(import.meta.url).resolve('@fastify/swagger-ui/static/swagger-ui-bundle.js'),
  );
  t.ok(Buffer.from(await asset.arrayBuffer()).equals(bundled), "whole: the bytes of the package's file");
  const shown = await (await fetch(`${s.url}/docs/json`)).json();
  const served = await (await fetch(`${s.url}/openapi.json`)).json();
  t.same(shown, served, 'the UI shows the document /openapi.json serves');
  const head = await fetch(`${s.url}/docs/static/index.css`, { method: 'HEAD' });
  t.equal(head.status, 200, 'HEAD of an asset');
  t.equal(await head.text(), '', 'without a body');
  t.equal((await fetch(`${s.url}/docs/static/no-such-file.js`)).status, 404, 'an unknown asset: 404');
});
