// The committed clients (clients/typescript) are what `npm run sdk` generates from the committed
// openapi/openapi.json with the pinned generators: regenerate and commit after changing routes.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { generateClients } from '../../scripts/sdk.ts';
import { tempDir } from '../support/server.ts';

const COMMITTED = fileURLToPath(new URL('../../clients/typescript', import.meta.url));
const GENERATED = ['sdk', 'paths.gen.ts'];

async function files(root: string, under: string): Promise<string[]> {
  const at = join(root, under);
  const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
  if (entries.length === 0) return [under];
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? files(root, join(under, e.name)) : [join(under, e.name)])),
  );
  return nested.flat().sort();
}

t.test('clients/typescript is up to date with openapi/openapi.json', async (t) => {
  const dir = await tempDir('cirrus-sdk-');
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  await generateClients(dir);
  const fresh = (await Promise.all(GENERATED.map((g) => files(dir, g)))).flat();
  const committed = (await Promise.all(GENERATED.map((g) => files(COMMITTED, g)))).flat();
  t.same(committed, fresh, 'the same files (run `npm run sdk` and commit them)');
  for (const f of fresh) {
    const same =
      (await readFile(join(dir, f), 'utf8')) === (await readFile(join(COMMITTED, f), 'utf8').catch(() => ''));
    t.ok(same, `${relative('.', f)} is current (run \`npm run sdk\` and commit it)`);
  }
});
