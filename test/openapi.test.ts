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
  'headFile',
  'headData',
  'headPath',
  'headInode',
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

t.test('the document states binary bodies, problems, headers and named schemas', async (t) => {
  const doc = JSON.parse(await renderOpenApi());
  const ops = Object.values<Record<string, any>>(doc.paths).flatMap((item) => Object.values(item));
  const file = doc.paths['/v1/fs/{fs}/files/{path}'];
  const data = doc.paths['/v1/fs/{fs}/inodes/{ino}/data'];
  for (const [what, op] of [
    ['uploadFile', file.put],
    ['writeData', data.put],
  ]) {
    t.equal(op.requestBody.content['application/octet-stream'].schema.format, 'binary', `${what}: binary body`);
  }
  for (const [what, op] of [
    ['downloadFile', file.get],
    ['readData', data.get],
  ]) {
    for (const status of ['200', '206'])
      t.ok(op.responses[status].content['application/octet-stream'], `${what} ${status}: binary answer`);
    t.ok(op.responses['206'].headers['content-range'].required, `${what}: Content-Range on 206`);
    t.same(
      op.parameters.map((p: { name: string }) => p.name).filter((n: string) => n.startsWith('if-') || n === 'range'),
      ['range', 'if-range', 'if-match', 'if-none-match', 'if-modified-since', 'if-unmodified-since'],
      `${what}: Range and the preconditions`,
    );
  }
  t.same(doc.servers, [{ url: '/', description: 'The server that serves this document' }], 'a relative server');
  t.ok(doc.info.license && doc.info.contact, 'license and contact');
  t.ok(
    doc.tags.every((tag: { description?: string }) => tag.description),
    'every tag has a description',
  );
  const codes: string[] = doc.components.schemas.ErrnoCode.enum;
  t.ok(
    ['ENOENT', 'EEXIST', 'EPRECONDITION', 'EMEDIATYPE'].every((c) => codes.includes(c)),
    'the codes as an enum',
  );
  for (const name of ['Stat', 'DirEntry', 'DirPage', 'FsInfo', 'Problem', 'WriteResult'])
    t.ok(doc.components.schemas[name], `component ${name}`);
  for (const op of ops) {
    t.ok(op.summary && op.description, `${op.operationId}: summary and description`);
    for (const [status, answer] of Object.entries<any>(op.responses)) {
      if (Number(status) >= 400)
        t.same(
          answer.content['application/problem+json'].schema,
          { $ref: '#/components/schemas/Problem' },
          `${op.operationId} ${status}: problem+json`,
        );
      if (status === '201') t.ok(answer.headers.location?.required, `${op.operationId}: Location on 201`);
    }
    for (const p of op.parameters ?? [])
      if (p.name === 'ino') t.equal(p.schema.type, 'integer', `${op.operationId}: ino is an integer`);
  }
});
