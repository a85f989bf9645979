// `npm run sdk`: generate the TypeScript clients in clients/typescript/ from the committed
// openapi/openapi.json (run `npm run openapi` first after changing routes):
// - sdk/: the SDK, by @hey-api/openapi-ts (typed functions per operation, its own fetch client);
// - paths.gen.ts: types for openapi-fetch, by openapi-typescript (binary bodies typed as Blob).
// Both generators are pinned in package.json; test/contract/sdk-fresh.test.ts fails when the
// committed clients differ from what this writes.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Write the clients for the document at `specPath` into `outDir` (default clients/typescript). */
export async function generateClients(outDir = join(ROOT, 'clients/typescript')): Promise<void> {
  const doc = JSON.parse(await readFile(join(ROOT, 'openapi/openapi.json'), 'utf8'));
  await mkdir(outDir, { recursive: true });
  await rm(join(outDir, 'sdk'), { recursive: true, force: true });
  await createClient({
    input: doc,
    output: { path: join(outDir, 'sdk') },
    plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    logs: { level: 'silent', file: false },
  });
  const blob = ts.factory.createTypeReferenceNode('Blob');
  const ast = await openapiTS(doc, {
    // openapi-typescript types binary as string; file contents are Blobs (as the SDK has them).
    transform: (schema) => (schema.format === 'binary' ? blob : undefined),
  });
  await writeFile(join(outDir, 'paths.gen.ts'), astToString(ast));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await generateClients();
  console.log('wrote clients/typescript/sdk and clients/typescript/paths.gen.ts');
}
