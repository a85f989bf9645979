// HTTP semantics of RFC 9110 on downloads, stat and getattr: 304, 412, If-Range, unknown
// Range units; Location on 201; HEAD; the root and %2F forms of {path}; CORS; compression.
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import t from 'tap';
import { call } from '../support/api.ts';
import { startServer, type TestServer } from '../support/server.ts';

async function upload(s: TestServer, path: string, body: string) {
  return fetch(`${s.url}/v1/fs/cond/files/${path}`, { method: 'PUT', body });
}

t.test('conditional reads, If-Range and Location', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'cond' })).status, 201);
  const first = await upload(s, 'f.txt', 'version one\n');
  t.equal(first.status, 201);
  t.equal(first.headers.get('location'), '/v1/fs/cond/files/f.txt', 'Location of an uploaded file');
  const url = `${s.url}/v1/fs/cond/files/f.txt`;

  const got = await fetch(url);
  const etag = got.headers.get('etag')!;
  const lastModified = got.headers.get('last-modified')!;
  t.equal(await got.text(), 'version one\n');
  t.ok(lastModified, 'downloads carry Last-Modified');

  const cached = await fetch(url, { headers: { 'if-none-match': etag } });
  t.equal(cached.status, 304, 'If-None-Match with the current ETag: 304');
  t.equal(await cached.text(), '', '304 has no body');
  t.equal(cached.headers.get('etag'), etag, '304 carries the ETag');
  t.equal((await fetch(url, { headers: { 'if-none-match': `W/${etag}` } })).status, 304, 'weak comparison');
  t.equal((await fetch(url, { headers: { 'if-none-match': '"other"' } })).status, 200, 'another ETag: 200');
  t.equal((await fetch(url, { headers: { 'if-modified-since': lastModified } })).status, 304, 'If-Modified-Since');
  const older = new Date(Date.parse(lastModified) - 60_000).toUTCString();
  t.equal((await fetch(url, { headers: { 'if-modified-since': older } })).status, 200, 'modified since then');
  t.equal((await fetch(url, { headers: { 'if-match': etag } })).status, 200, 'If-Match current: 200');
  const failed = await fetch(url, { headers: { 'if-match': '"stale"' } });
  t.equal(failed.status, 412, 'If-Match stale on GET: 412');
  const problem: any = await failed.json();
  t.equal(problem.code, 'EPRECONDITION');
  t.equal((await fetch(url, { headers: { 'if-unmodified-since': older } })).status, 412, 'If-Unmodified-Since');

  const ranged = await fetch(url, { headers: { range: 'bytes=0-6', 'if-range': etag } });
  t.equal(ranged.status, 206, 'If-Range current: 206');
  t.equal(await ranged.text(), 'version');
  t.equal((await upload(s, 'f.txt', 'VERSION TWO, longer\n')).status, 200, 'replaced');
  const resumed = await fetch(url, { headers: { range: 'bytes=7-', 'if-range': etag } });
  t.equal(resumed.status, 200, 'stale If-Range: 200');
  t.equal(await resumed.text(), 'VERSION TWO, longer\n', 'stale If-Range: the whole new file, never a mix');
  t.not(resumed.headers.get('etag'), etag, 'with the new ETag');
  const pastEnd = await fetch(url, { headers: { range: 'bytes=500-', 'if-range': etag } });
  t.equal(pastEnd.status, 200, 'stale If-Range with an unsatisfiable range: 200, not 416');
  const unit = await fetch(url, { headers: { range: 'lines=1-2' } });
  t.equal(unit.status, 200, 'an unknown Range unit is ignored');

  const head = await fetch(url, { method: 'HEAD' });
  t.equal(head.status, 200, 'HEAD');
  t.equal(head.headers.get('content-length'), '20', 'HEAD: Content-Length of the file');
  t.equal(
    (await fetch(url, { method: 'HEAD', headers: { 'if-none-match': head.headers.get('etag')! } })).status,
    304,
    'HEAD: 304',
  );

  const stat = await call(s.url, 'GET', '/v1/fs/cond/attrs/f.txt');
  const statTag = stat.headers.get('etag')!;
  t.equal((await call(s.url, 'GET', '/v1/fs/cond/attrs/f.txt', undefined, { 'if-none-match': statTag })).status, 304);
  const getattr = `/v1/fs/cond/inodes/${stat.json.ino}`;
  t.equal((await call(s.url, 'GET', getattr, undefined, { 'if-none-match': statTag })).status, 304, 'getattr 304');
  t.equal((await call(s.url, 'GET', getattr, undefined, { 'if-match': '"x"' })).status, 412, 'getattr 412');
  t.equal((await call(s.url, 'GET', getattr, undefined, { 'if-match': statTag })).status, 200, 'getattr 200');

  const headStat = await fetch(`${s.url}/v1/fs/cond/attrs/f.txt`, { method: 'HEAD' });
  t.equal(headStat.headers.get('etag'), statTag, 'HEAD of a stat');
  t.equal((await fetch(`${s.url}${getattr}`, { method: 'HEAD' })).headers.get('etag'), statTag, 'HEAD of getattr');
  const headData = await fetch(`${s.url}${getattr}/data`, { method: 'HEAD' });
  t.equal(headData.headers.get('content-length'), '20', 'HEAD of readData: the length');

  const lease = await call(s.url, 'POST', `${getattr}/lease`, { ttlMs: 5000 });
  t.equal(lease.status, 201, 'acquireLease');
  t.equal(lease.headers.get('location'), `${getattr}/lease`, 'Location of the lease');
  const renewed = await call(s.url, 'PUT', `${getattr}/lease`, { leaseId: lease.json.leaseId, ttlMs: 5000 });
  t.equal(renewed.json.token, lease.json.token, 'renewLease keeps the token');
  const released = await call(s.url, 'DELETE', `${getattr}/lease?leaseId=${lease.json.leaseId}`);
  t.equal(released.status, 204, 'releaseLease');

  const dir = await call(s.url, 'PUT', '/v1/fs/cond/dirs/d');
  t.equal(dir.headers.get('location'), '/v1/fs/cond/dirs/d', 'Location of a directory');
  const entry = await call(s.url, 'POST', '/v1/fs/cond/inodes/1/entries', { name: 'e', type: 'file' });
  t.equal(entry.headers.get('location'), `/v1/fs/cond/inodes/${entry.json.ino}`, 'Location of an inode');
  const fs2 = await call(s.url, 'POST', '/v1/fs', { name: 'cond2' });
  t.equal(fs2.headers.get('location'), '/v1/fs/cond2', 'Location of a filesystem');
});

t.test('{path}: %2F separates names, and the root has three spellings', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  await call(s.url, 'POST', '/v1/fs', { name: 'p' });
  const made = await call(s.url, 'PUT', '/v1/fs/p/dirs/a%2Fb%2Fc?parents=true');
  t.equal(made.status, 201, 'mkdir -p a%2Fb%2Fc');
  t.equal(made.headers.get('location'), '/v1/fs/p/dirs/a/b/c');
  t.equal((await call(s.url, 'GET', '/v1/fs/p/attrs/a/b/c')).json.ino, made.json.ino, '"/" and %2F name the same');
  t.equal((await call(s.url, 'GET', '/v1/fs/p/attrs/%2Fa%2Fb')).json.type, 'dir', 'a leading %2F');
  for (const root of ['/v1/fs/p/dirs', '/v1/fs/p/dirs/', '/v1/fs/p/dirs/%2F']) {
    const r = await call(s.url, 'GET', root);
    t.same(
      r.json?.entries?.map((e: { name: string }) => e.name),
      ['a'],
      `${root} lists the root`,
    );
  }
  const dotdot = await call(s.url, 'GET', '/v1/fs/p/attrs/a%2F..%2Fb');
  t.equal(dotdot.json?.code, 'EINVAL', '".." between %2F is still refused');
  const nul = await call(s.url, 'GET', '/v1/fs/p/attrs/a%2F%00');
  t.equal(nul.json?.code, 'EINVAL', 'NUL after %2F is still refused');
  const long = await call(s.url, 'GET', `/v1/fs/p/attrs/a%2F${'x'.repeat(256)}`);
  t.equal(long.json?.code, 'ENAMETOOLONG', 'a 256-byte name after %2F is still refused');
});

t.test('CORS is off by default, and answers preflights for the configured origins', async (t) => {
  const off = await startServer();
  t.teardown(() => off.close());
  const none = await fetch(`${off.url}/v1/fs`, { headers: { origin: 'https://app.example' } });
  t.equal(none.headers.get('access-control-allow-origin'), null, 'off: no CORS headers');

  const on = await startServer({ env: { CIRRUS_CORS_ORIGINS: 'https://app.example' } });
  t.teardown(() => on.close());
  const preflight = await fetch(`${on.url}/v1/fs/x/files/f`, {
    method: 'OPTIONS',
    headers: {
      origin: 'https://app.example',
      'access-control-request-method': 'PUT',
      'access-control-request-headers': 'if-match, idempotency-key',
    },
  });
  t.equal(preflight.status, 204, 'preflight answered');
  t.equal(preflight.headers.get('access-control-allow-origin'), 'https://app.example');
  t.match(preflight.headers.get('access-control-allow-methods'), /PUT/);
  t.match(preflight.headers.get('access-control-allow-headers'), /if-match/);
  t.match(
    preflight.headers.get('access-control-allow-headers'),
    /authorization/,
    'a browser may send its bearer token',
  );
  t.match(preflight.headers.get('access-control-allow-headers'), /x-checksum-crc32c/, 'and an upload checksum');
  const simple = await fetch(`${on.url}/v1/fs`, { headers: { origin: 'https://app.example' } });
  t.equal(simple.headers.get('access-control-allow-origin'), 'https://app.example', 'simple request');
  t.match(simple.headers.get('access-control-expose-headers'), /etag/, 'ETag readable by scripts');
  const other = await fetch(`${on.url}/v1/fs`, { headers: { origin: 'https://evil.example' } });
  t.equal(other.headers.get('access-control-allow-origin'), null, 'another origin: no CORS headers');
});

t.test('JSON answers are compressed when asked; file contents never are', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  await call(s.url, 'POST', '/v1/fs', { name: 'z' });
  for (let i = 0; i < 40; i++) await call(s.url, 'PUT', `/v1/fs/z/dirs/directory-number-${i}`);
  const { request } = await import('node:http');
  const raw = (path: string, acceptEncoding = 'gzip') =>
    new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      request(`${s.url}${path}`, { agent: false, headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on('error', reject)
        .end();
    });
  const list = await raw('/v1/fs/z/dirs/%2F');
  t.equal(list.headers['content-encoding'], 'gzip', 'a large listing is gzipped');
  t.equal(JSON.parse(gunzipSync(list.body).toString()).entries.length, 40, 'and decodes');
  t.equal(list.headers.vary, 'accept-encoding', 'Vary names Accept-Encoding');
  t.equal(Number(list.headers['content-length']), list.body.length, 'Content-Length is the compressed length');
  const br = await raw('/v1/fs/z/dirs/%2F', 'gzip;q=0.5, br');
  t.equal(br.headers['content-encoding'], 'br', 'the encoding the client prefers');
  t.equal(JSON.parse(brotliDecompressSync(br.body).toString()).entries.length, 40, 'and it decodes');
  const plain = await raw('/v1/fs/z/dirs/%2F', 'identity');
  t.equal(plain.headers['content-encoding'], undefined, 'identity only: sent as it is');
  t.equal(plain.headers.vary, 'accept-encoding', 'still varying by Accept-Encoding');
  t.equal(JSON.parse(plain.body.toString()).entries.length, 40);
  const small = await raw('/v1/fs/z/dirs/directory-number-1');
  t.equal(small.headers['content-encoding'], undefined, 'a small JSON answer is not compressed');
  const text = 'compressible '.repeat(1000);
  await fetch(`${s.url}/v1/fs/z/files/big.txt`, { method: 'PUT', body: text });
  const file = await raw('/v1/fs/z/files/big.txt');
  t.equal(file.headers['content-encoding'], undefined, 'file contents are sent as stored');
  t.equal(file.body.toString(), text);
});
