// Bad input never gets a 5xx, a crash or a partial change (DESIGN §1.7): every case of the
// table is answered with application/problem+json whose `code` and `status` match, and the
// filesystem is unchanged afterwards. Paths with "." / ".." segments or broken escapes are
// sent with node:http, because fetch (WHATWG URL) would normalise them before sending.
import { request } from 'node:http';
import t from 'tap';
import { startServer } from '../support/server.ts';
import { type Answer, apiFor } from '../support/api.ts';

const s = await startServer();
t.teardown(() => s.close());

type Res = Answer;
const api = apiFor(s.url);

/** A request with the path and body exactly as given. */
function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Res> {
  const { hostname, port } = new URL(s.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        const text = Buffer.concat(parts).toString('utf8');
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        let json: any;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: h, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const F = '/v1/fs/bad';
for (const [m, p, b] of [
  ['POST', '/v1/fs', { name: 'bad' }],
  ['PUT', `${F}/dirs/d`, undefined],
] as const) {
  const r = await api(m, p, b);
  if (r.status !== 201) throw new Error(`${m} ${p}: ${r.status} ${r.text}`);
}
const up = await fetch(`${s.url}${F}/files/f`, { method: 'PUT', body: 'hello' });
const FILE = ((await up.json()) as { ino: number }).ino;
const E = `${F}/inodes/1/entries`;
const A = `${F}/attrs/f`;
const JSON_CT = { 'content-type': 'application/json' };

interface Case {
  what: string;
  method: string;
  path: string;
  /** A JSON body sent with call(). */
  json?: unknown;
  /** A raw body (and raw path): sent verbatim with node:http. */
  raw?: string;
  rawPath?: boolean;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

const c = (
  what: string,
  method: string,
  path: string,
  status: number,
  code: string,
  extra: Partial<Case> = {},
): Case => ({
  what,
  method,
  path,
  status,
  code,
  ...extra,
});
const createEntry = (what: string, json: unknown, status: number, code: string) =>
  c(what, 'POST', E, status, code, { json });
const setattr = (what: string, json: unknown, status = 400, code = 'EINVAL') =>
  c(what, 'PATCH', A, status, code, { json });

const cases: Case[] = [
  // entry names
  createEntry('name with "/"', { name: 'a/b', type: 'file' }, 400, 'EINVAL'),
  createEntry('empty name', { name: '', type: 'file' }, 400, 'EINVAL'),
  createEntry('name "."', { name: '.', type: 'dir' }, 400, 'EINVAL'),
  createEntry('name ".."', { name: '..', type: 'dir' }, 400, 'EINVAL'),
  createEntry('name with NUL', { name: 'a\u0000b', type: 'file' }, 400, 'EINVAL'),
  createEntry('256-byte name', { name: 'x'.repeat(256), type: 'file' }, 400, 'ENAMETOOLONG'),
  createEntry('256-byte UTF-8 name', { name: 'é'.repeat(128), type: 'file' }, 400, 'ENAMETOOLONG'),
  c('256-byte path segment', 'PUT', `${F}/dirs/${'y'.repeat(256)}`, 400, 'ENAMETOOLONG'),
  c('256-byte lookup', 'GET', `${E}/${'y'.repeat(256)}`, 400, 'ENAMETOOLONG'),
  c('path over 4096 bytes', 'GET', `${F}/attrs/${'a/'.repeat(2100)}`, 400, 'ENAMETOOLONG'),
  c('rename to a 256-byte name', 'POST', `${F}/rename`, 400, 'ENAMETOOLONG', {
    json: { from: 'f', to: 'z'.repeat(256) },
  }),
  c('symlink target with NUL', 'PUT', `${F}/symlinks/sl`, 400, 'EINVAL', { json: { target: 'a\u0000' } }),
  c('empty symlink target (symlink(2): ENOENT)', 'PUT', `${F}/symlinks/sl`, 404, 'ENOENT', { json: { target: '' } }),
  c('symlink target of 4096 bytes', 'PUT', `${F}/symlinks/sl`, 400, 'ENAMETOOLONG', {
    json: { target: 'a'.repeat(4096) },
  }),
  // NUL, dot segments, escapes in paths
  c('NUL in a path', 'GET', `${F}/attrs/a%00b`, 400, 'EINVAL'),
  c('NUL in an upload path', 'PUT', `${F}/files/f%00`, 400, 'EINVAL', { raw: 'x' }),
  c('NUL as a dir name', 'PUT', `${F}/dirs/%00`, 400, 'EINVAL'),
  c('".." segment', 'GET', `${F}/attrs/d/../f`, 400, 'EINVAL', { rawPath: true }),
  c('"." segment', 'GET', `${F}/attrs/./f`, 400, 'EINVAL', { rawPath: true }),
  c('encoded ".." segment', 'GET', `${F}/attrs/d/%2E%2E`, 400, 'EINVAL', { rawPath: true }),
  c('mkdir "d/.."', 'PUT', `${F}/dirs/d/..`, 400, 'EINVAL', { rawPath: true }),
  c('upload to "d/../g"', 'PUT', `${F}/files/d/../g`, 400, 'EINVAL', { raw: 'x' }),
  c('delete "d/.."', 'DELETE', `${F}/files/d/..`, 400, 'EINVAL', { rawPath: true }),
  c('list "."', 'GET', `${F}/dirs/.`, 400, 'EINVAL', { rawPath: true }),
  c('rename from "d/../f"', 'POST', `${F}/rename`, 400, 'EINVAL', { json: { from: 'd/../f', to: 'g' } }),
  c('link to "../f"', 'PUT', `${F}/links/g`, 400, 'EINVAL', { json: { existing: '../f' } }),
  c('".." after an encoded "/" (a separator)', 'GET', `${F}/attrs/d%2F..`, 400, 'EINVAL', { rawPath: true }),
  c('broken percent-escape', 'GET', `${F}/attrs/%zz`, 400, 'EINVAL', { rawPath: true }),
  c('percent-escape of invalid UTF-8', 'GET', `${F}/attrs/%FF`, 400, 'EINVAL', { rawPath: true }),
  // JSON bodies
  c('malformed JSON', 'POST', '/v1/fs', 400, 'EINVAL', { raw: '{"name":', headers: JSON_CT }),
  c('malformed JSON (createEntry)', 'POST', E, 400, 'EINVAL', { raw: '{name: x}', headers: JSON_CT }),
  c('empty JSON body', 'POST', E, 400, 'EINVAL', { raw: '', headers: JSON_CT }),
  createEntry('JSON array body', [1, 2], 400, 'EINVAL'),
  createEntry('JSON null body', null, 400, 'EINVAL'),
  c('unsupported content type', 'POST', E, 415, 'EMEDIATYPE', {
    raw: '<x/>',
    headers: { 'content-type': 'application/xml' },
  }),
  c('createFs name of the wrong type', 'POST', '/v1/fs', 400, 'EINVAL', { json: { name: 123 } }),
  createEntry('name of the wrong type', { name: 5, type: 'file' }, 400, 'EINVAL'),
  createEntry('unknown type', { name: 'q1', type: 'fifo' }, 400, 'EINVAL'),
  createEntry('mode as a string', { name: 'q2', type: 'file', mode: '420' }, 400, 'EINVAL'),
  setattr('mode as a boolean', { mode: true }),
  setattr('uid as a string', { uid: '0' }),
  c('noReplace as a string', 'POST', `${F}/rename`, 400, 'EINVAL', {
    json: { from: 'nope', to: 'g', noReplace: 'true' },
  }),
  c('from as an array', 'POST', `${F}/rename`, 400, 'EINVAL', { json: { from: ['nope'], to: 'g' } }),
  c('linkEntry ino as a string', 'PUT', `${E}/l1`, 400, 'EINVAL', { json: { ino: String(FILE) } }),
  c('createFs unknown property', 'POST', '/v1/fs', 400, 'EINVAL', { json: { name: 'extra', bogus: 1 } }),
  createEntry('createEntry unknown property', { name: 'q3', type: 'file', color: 'red' }, 400, 'EINVAL'),
  setattr('setattr unknown property', { owner: 'me' }),
  c('rename unknown property', 'POST', `${F}/rename`, 400, 'EINVAL', { json: { from: 'nope', to: 'g', force: true } }),
  c('mkdir unknown property', 'PUT', `${F}/dirs/m1`, 400, 'EINVAL', { json: { mode: 0o700, extra: 1 } }),
  c('setXattr unknown property', 'PUT', `${F}/inodes/${FILE}/xattrs/user.a`, 400, 'EINVAL', {
    json: { value: '', flags: 1 },
  }),
  c('JSON body over the limit', 'POST', '/v1/fs', 413, 'E2BIG', { json: { name: 'x'.repeat(2_000_000) } }),
  // unknown filesystems and inodes
  c('getFs of an unknown fs', 'GET', '/v1/fs/nope', 404, 'ENOENT'),
  c('listDir in an unknown fs', 'GET', '/v1/fs/nope/dirs/', 404, 'ENOENT'),
  c('getInode in an unknown fs', 'GET', '/v1/fs/nope/inodes/1', 404, 'ENOENT'),
  c('upload to an unknown fs', 'PUT', '/v1/fs/nope/files/x', 404, 'ENOENT', { raw: 'x' }),
  c('deleteFs of an unknown fs', 'DELETE', '/v1/fs/nope', 404, 'ENOENT'),
  c('fs name that cannot exist', 'GET', '/v1/fs/-bad!/dirs/', 404, 'ENOENT'),
  c('unknown inode', 'GET', `${F}/inodes/99999`, 404, 'ENOENT'),
  c('readDir of an unknown inode', 'GET', `${F}/inodes/99999/entries`, 404, 'ENOENT'),
  c('setattr of an unknown inode', 'PATCH', `${F}/inodes/99999`, 404, 'ENOENT', { json: { mode: 0o600 } }),
  c('create in an unknown inode', 'POST', `${F}/inodes/99999/entries`, 404, 'ENOENT', {
    json: { name: 'q4', type: 'file' },
  }),
  c('link an unknown inode', 'PUT', `${E}/l2`, 404, 'ENOENT', { json: { ino: 99999 } }),
  c('xattrs of an unknown inode', 'GET', `${F}/inodes/99999/xattrs`, 404, 'ENOENT'),
  c('non-numeric inode', 'GET', `${F}/inodes/abc`, 400, 'EINVAL'),
  c('negative inode', 'GET', `${F}/inodes/-1`, 400, 'EINVAL'),
  c('fractional inode', 'GET', `${F}/inodes/1.5`, 400, 'EINVAL'),
  c('inode 0', 'GET', `${F}/inodes/0`, 400, 'EINVAL'),
  c('readDir of inode 0', 'GET', `${F}/inodes/0/entries`, 400, 'EINVAL'),
  c('inode past 2^53', 'GET', `${F}/inodes/99999999999999999999`, 400, 'EINVAL'),
  c('renameEntry parent 0', 'POST', `${F}/rename-entry`, 400, 'EINVAL', {
    json: { parent: 0, name: 'f', newParent: 1, newName: 'g' },
  }),
  c('linkEntry ino 0', 'PUT', `${E}/l3`, 400, 'EINVAL', { json: { ino: 0 } }),
  c('linkEntry ino 1.5', 'PUT', `${E}/l4`, 400, 'EINVAL', { json: { ino: 1.5 } }),
  // Range
  ...['garbage', 'bytes=5-2', 'bytes=a-b', 'bytes=-', 'bytes=99999999999999999999-'].map((range) =>
    c(`Range ${range}`, 'GET', `${F}/files/f`, 400, 'EINVAL', { headers: { range } }),
  ),
  // modes, sizes, ids
  setattr('negative mode', { mode: -1 }),
  setattr('fractional mode', { mode: 1.5 }),
  setattr('mode past 0o7777', { mode: 0o10000 }),
  setattr('negative size', { size: -1 }),
  setattr('fractional size', { size: 1.5 }),
  setattr('size past the maximum', { size: 2 ** 49 }, 413, 'EFBIG'),
  setattr('uid past 2^32-1', { uid: 2 ** 32 }),
  createEntry('uid past 2^32-1 on create', { name: 'q5', type: 'file', uid: 2 ** 32 }, 400, 'EINVAL'),
  createEntry('fractional mode on create', { name: 'q6', type: 'file', mode: 1.5 }, 400, 'EINVAL'),
  c('mkdir negative mode', 'PUT', `${F}/dirs/m2`, 400, 'EINVAL', { json: { mode: -1 } }),
  c('upload ?mode=-1', 'PUT', `${F}/files/m3?mode=-1`, 400, 'EINVAL', { raw: 'x' }),
  c('upload ?mode=abc', 'PUT', `${F}/files/m4?mode=abc`, 400, 'EINVAL', { raw: 'x' }),
  c('upload ?mode=99999', 'PUT', `${F}/files/m5?mode=99999`, 400, 'EINVAL', { raw: 'x' }),
  // times
  ...[
    'yesterday',
    '',
    '2020-13-01T00:00:00Z',
    '2020-01-01T25:00:00Z',
    '2021-02-30T00:00:00Z',
    '2020-04-31T12:00:00Z',
    '2020-01-01T00:00:00.1234567890Z',
    '2020-01-01T00:00:00+25:00',
    '2020-01-01T00:00:00',
  ].map((mtime) => setattr(`mtime ${JSON.stringify(mtime)}`, { mtime })),
  setattr('atime as a number', { atime: 12345 }),
  // routes, headers, queries
  c('unknown route', 'GET', '/v1/nope', 404, 'ENOENT'),
  c('unknown method on a route', 'DELETE', '/v1/fs', 404, 'ENOENT'),
  c('huge Idempotency-Key', 'PUT', `${F}/dirs/k1`, 400, 'EINVAL', { headers: { 'idempotency-key': 'k'.repeat(300) } }),
  c('Idempotency-Key with a space', 'PUT', `${F}/dirs/k2`, 400, 'EINVAL', { headers: { 'idempotency-key': 'a b' } }),
  c('stale If-Match', 'PATCH', A, 412, 'EPRECONDITION', {
    json: { mode: 0o600 },
    headers: { 'if-match': '"no-such-version"' },
  }),
  c('invalid cursor', 'GET', `${F}/dirs/?cursor=!!!`, 400, 'EINVAL'),
  c('cursor too long', 'GET', `${F}/dirs/?cursor=${'A'.repeat(3000)}`, 400, 'EINVAL'),
  ...['0', '5000', '-1', 'abc', '1.5'].map((limit) =>
    c(`limit=${limit}`, 'GET', `${F}/dirs/?limit=${limit}`, 400, 'EINVAL'),
  ),
  c('readDir limit=0', 'GET', `${F}/inodes/1/entries?limit=0`, 400, 'EINVAL'),
  c('parents=maybe', 'PUT', `${F}/dirs/p1?parents=maybe`, 400, 'EINVAL'),
  c('follow=yes', 'GET', `${A}?follow=yes`, 400, 'EINVAL'),
  c('removeEntry ?type=x', 'DELETE', `${E}/f?type=x`, 400, 'EINVAL'),
  c('getXattr ?encoding=hex', 'GET', `${F}/inodes/${FILE}/xattrs/user.a?encoding=hex`, 400, 'EINVAL'),
  c('setXattr value not base64', 'PUT', `${F}/inodes/${FILE}/xattrs/user.a`, 400, 'EINVAL', { json: { value: '***' } }),
  c('setXattr value over 64 KiB', 'PUT', `${F}/inodes/${FILE}/xattrs/user.a`, 413, 'E2BIG', {
    json: { value: Buffer.alloc(70_000).toString('base64') },
  }),
  c('createFs blockSize not a power of two', 'POST', '/v1/fs', 400, 'EINVAL', {
    json: { name: 'bs', blockSize: 100_000 },
  }),
  c('createFs chunkSize below blockSize', 'POST', '/v1/fs', 400, 'EINVAL', {
    json: { name: 'cs', blockSize: 131072, chunkSize: 65536 },
  }),
  c('createFs bad name', 'POST', '/v1/fs', 400, 'EINVAL', { json: { name: '-x' } }),
  c('rename noReplace + exchange', 'POST', `${F}/rename`, 400, 'EINVAL', {
    json: { from: 'f', to: 'd', noReplace: true, exchange: true },
  }),
  c('rename of the root', 'POST', `${F}/rename`, 423, 'EBUSY', { json: { from: '', to: 'r' } }),
  c('delete of the root', 'DELETE', `${F}/files/`, 423, 'EBUSY'),
  c('upload to the root', 'PUT', `${F}/files/`, 409, 'EISDIR', { raw: 'x' }),
];

t.test('every bad request gets a 4xx problem with the right code', async (t) => {
  const rootBefore = (await api('GET', `${F}/dirs/`)).text;
  const fsBefore = (await api('GET', '/v1/fs')).json.filesystems.map((f: { name: string }) => f.name);
  const fileBefore = (await api('GET', A)).text;
  for (const k of cases) {
    const r =
      k.raw !== undefined || k.rawPath
        ? await raw(k.method, k.path, k.raw, k.headers)
        : await api(k.method, k.path, k.json, k.headers);
    const got = {
      status: r.status,
      type: r.headers.get('content-type'),
      code: r.json?.code,
      statusField: r.json?.status,
    };
    t.ok(r.status < 500, `${k.what}: not a 5xx (${r.status})`);
    t.match(
      got,
      { status: k.status, type: /^application\/problem\+json/, code: k.code, statusField: k.status },
      `${k.what} → ${k.status} ${k.code}`,
    );
  }
  t.equal((await api('GET', '/healthz')).status, 200, 'the server is still up');
  t.equal((await api('GET', `${F}/dirs/`)).text, rootBefore, 'no entry was created or removed');
  t.same(
    (await api('GET', '/v1/fs')).json.filesystems.map((f: { name: string }) => f.name),
    fsBefore,
    'no filesystem was created',
  );
  t.equal((await api('GET', A)).text, fileBefore, 'the file attributes are unchanged');
});
