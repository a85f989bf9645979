// The committed OpenAPI document must match the routes: regenerate with `npm run openapi`.
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { renderOpenApi } from '../src/http/spec.ts';

const OPERATIONS = [
  'createFs',
  'listFs',
  'getFs',
  'deleteFs',
  'statPath',
  'setPathAttrs',
  'listDir',
  'makeDir',
  'downloadFile',
  'uploadFile',
  'deletePath',
  'renamePath',
  'createSymlink',
  'createLink',
  'getInode',
  'setInodeAttrs',
  'readDir',
  'lookup',
  'createEntry',
  'linkEntry',
  'removeEntry',
  'renameEntry',
  'listXattrs',
  'getXattr',
  'setXattr',
  'removeXattr',
  'getStatus',
  'readData',
  'writeData',
  'flushData',
  'acquireLease',
  'renewLease',
  'releaseLease',
  'createUpload',
  'createPathUpload',
  'commitUpload',
  'abortUpload',
  'getDownloadPlan',
  'getPathDownloadPlan',
];

t.test('openapi/openapi.json is up to date', async (t) => {
  const committed = await readFile(new URL('../openapi/openapi.json', import.meta.url), 'utf8');
  const fresh = await renderOpenApi();
  t.ok(committed === fresh, 'openapi/openapi.json is stale: run `npm run openapi` and commit it');
});

t.test('every operation id of DESIGN §6 is in the document, with the path parameter named', async (t) => {
  const doc = JSON.parse(await renderOpenApi());
  const ids = new Set<string>();
  for (const [url, item] of Object.entries<Record<string, { operationId?: string }>>(doc.paths)) {
    t.notMatch(url, /\{\*\}/, `${url} names its wildcard`);
    for (const op of Object.values(item)) if (op.operationId) ids.add(op.operationId);
  }
  for (const id of OPERATIONS) t.ok(ids.has(id), id);
  t.ok(doc.paths['/v1/fs/{fs}/files/{path}'].put.requestBody, 'uploadFile declares its body');
});
