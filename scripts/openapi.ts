// `npm run openapi`: write openapi/openapi.json from the route schemas.
import { writeFile } from 'node:fs/promises';
import { renderOpenApi } from '../src/http/spec.ts';

const target = new URL('../openapi/openapi.json', import.meta.url);
await writeFile(target, await renderOpenApi());
console.log(`wrote ${target.pathname}`);
