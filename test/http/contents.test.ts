// Whole-file contents over HTTP (uploadFile / downloadFile), end to end against a real
// listening server. The filesystem uses 64 KiB blocks and 256 KiB chunks so that a ~1 MiB
// body spans several chunks and many blocks.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { startServer } from '../support/server.ts';
import { type Answer, apiFor, call, problem, readResponse } from '../support/api.ts';

const s = await startServer();
t.teardown(() => s.close());

const BLOCK = 65536;
const CHUNK = 262144;
const FS = `/v1/fs/data`;
const created = await call(s.url, 'POST', '/v1/fs', { name: 'data', blockSize: BLOCK, chunkSize: CHUNK });
if (created.status !== 201) throw new Error(`createFs: ${created.status} ${created.text}`);

type Res = Answer;
const api = apiFor(s.url);

/** A body delivered in pieces, as a client streaming a file would. */
function streamOf(buf: Uint8Array, piece = 100_000): ReadableStream<Uint8Array> {
  let off = 0;
  return new ReadableStream({
    pull(ctrl) {
      if (off >= buf.length) return ctrl.close();
      ctrl.enqueue(buf.subarray(off, off + piece));
      off += piece;
    },
  });
}

async function put(
  path: string,
  body: Uint8Array | string | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<Res> {
  const init = { method: 'PUT', body, headers, duplex: 'half' } as RequestInit & { duplex: 'half' };
  return readResponse(await fetch(`${s.url}${FS}/files/${path}`, init));
}

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${s.url}${FS}/files/${path}`, { headers });
  const body = Buffer.from(await res.arrayBuffer());
  let json: any;
  if (/json/.test(res.headers.get('content-type') ?? '')) json = JSON.parse(body.toString('utf8'));
  return { status: res.status, headers: res.headers, body, json, text: '' };
}

const stat = (path: string) => api('GET', `${FS}/attrs/${path}`);

t.test('small file: upload, download, replace', async (t) => {
  const up = await put('small.txt', 'hello');
  t.equal(up.status, 201, 'new file → 201');
  t.match(up.json, { type: 'file', length: 5, mode: 0o644 });
  const down = await get('small.txt');
  t.equal(down.status, 200);
  t.equal(down.body.toString(), 'hello');
  t.equal(down.headers.get('content-length'), '5');
  t.equal(down.headers.get('accept-ranges'), 'bytes');
  t.equal(down.headers.get('etag'), (await stat('small.txt')).headers.get('etag'), 'download ETag = stat ETag');
  const again = await put('small.txt', 'hello, world');
  t.equal(again.status, 200, 'replacing → 200');
  t.equal(again.json.ino, up.json.ino, 'same inode');
  t.equal((await get('small.txt')).body.toString(), 'hello, world');
  t.not((await get('small.txt')).headers.get('etag'), down.headers.get('etag'), 'ETag changed');
  t.equal((await put('moded.txt?mode=384', 'x')).json.mode, 0o600, '?mode= for a new file');
  problem(t, await get('missing.txt'), 404, 'ENOENT', 'download of a missing file');
});

const BIG = randomBytes(1024 * 1024 + 12345);
const L = BIG.length;

t.test('multi-chunk file: streamed upload, byte-exact download', async (t) => {
  const up = await put('big.bin', streamOf(BIG));
  t.equal(up.status, 201);
  t.equal(up.json.length, L);
  t.equal((await stat('big.bin')).json.length, L);
  const down = await get('big.bin');
  t.equal(down.status, 200);
  t.equal(down.headers.get('content-length'), String(L));
  t.ok(down.body.equals(BIG), 'every byte as uploaded');
  t.equal((await api('GET', '/v1/fs/data')).json.usage.bytes >= L, true, 'usage counts the bytes');
});

t.test('Range requests', async (t) => {
  const ok: [string, number, number][] = [
    ['bytes=0-99', 0, 99],
    [`bytes=${BLOCK - 6}-${BLOCK + 9}`, BLOCK - 6, BLOCK + 9], // across a block boundary
    [`bytes=${CHUNK - 4}-${CHUNK + 6}`, CHUNK - 4, CHUNK + 6], // across a chunk boundary
    [`bytes=${3 * CHUNK}-${3 * CHUNK}`, 3 * CHUNK, 3 * CHUNK], // one byte
    ['bytes=1000000-', 1000000, L - 1],
    ['bytes=-500', L - 500, L - 1],
    ['bytes=-99999999', 0, L - 1], // suffix longer than the file
    [`bytes=${L - 10}-${L + 100}`, L - 10, L - 1], // end clipped to the file
  ];
  for (const [range, a, b] of ok) {
    const r = await get('big.bin', { range });
    t.equal(r.status, 206, `${range} → 206`);
    t.equal(r.headers.get('content-range'), `bytes ${a}-${b}/${L}`, `${range}: Content-Range`);
    t.equal(r.headers.get('content-length'), String(b - a + 1), `${range}: Content-Length`);
    t.ok(r.body.equals(BIG.subarray(a, b + 1)), `${range}: the right bytes`);
  }
  for (const range of [`bytes=${L}-`, `bytes=${L + 5}-${L + 10}`]) {
    const r = await get('big.bin', { range });
    problem(t, r, 416, 'ERANGE', range);
    t.equal(r.headers.get('content-range'), `bytes */${L}`, `${range}: Content-Range bytes */len`);
  }
  for (const range of ['garbage', 'bytes=abc', 'bytes=9-3', 'bytes=-']) {
    problem(t, await get('big.bin', { range }), 400, 'EINVAL', `Range ${range}`);
  }
  // RFC 9110 §14.2: a range unit the server does not understand is ignored.
  const other = await get('big.bin', { range: 'items=0-1' });
  t.equal(other.status, 200, 'an unknown Range unit: 200');
  t.ok(other.body.equals(BIG), 'an unknown Range unit: the whole file');
});

t.test('replacing with shorter and longer contents', async (t) => {
  const first = randomBytes(300_000);
  t.equal((await put('rep.bin', streamOf(first))).status, 201);
  const shorter = randomBytes(1000);
  const r1 = await put('rep.bin', shorter);
  t.equal(r1.status, 200);
  t.equal(r1.json.length, 1000);
  const d1 = await get('rep.bin');
  t.ok(d1.body.equals(shorter), 'only the new bytes, nothing of the old tail');
  problem(t, await get('rep.bin', { range: 'bytes=2000-2010' }), 416, 'ERANGE', 'old length is gone');
  const longer = randomBytes(700_000);
  const r2 = await put('rep.bin', streamOf(longer, 65_000));
  t.equal(r2.json.length, longer.length);
  t.ok((await get('rep.bin')).body.equals(longer), 'longer contents byte-exact');
});

t.test('truncate, then extend: the extension reads as zeros', async (t) => {
  const cases: [string, number, number, number][] = [
    // name, original size, shrink to, grow to
    ['tr-small.bin', 200_000, 1000, 150_000],
    ['tr-block.bin', 600_000, BLOCK, 600_000],
    ['tr-chunk.bin', 600_000, 70_000, CHUNK * 2 + 17],
  ];
  for (const [name, size, shrink, grow] of cases) {
    const data = randomBytes(size);
    await put(name, streamOf(data));
    const s1 = await api('PATCH', `${FS}/attrs/${name}`, { size: shrink });
    t.equal(s1.status, 200, `${name}: truncate`);
    t.equal(s1.json.length, shrink);
    t.ok((await get(name)).body.equals(data.subarray(0, shrink)), `${name}: prefix kept`);
    const s2 = await api('PATCH', `${FS}/attrs/${name}`, { size: grow });
    t.equal(s2.json.length, grow, `${name}: extend`);
    const whole = (await get(name)).body;
    t.equal(whole.length, grow);
    t.ok(whole.subarray(0, shrink).equals(data.subarray(0, shrink)), `${name}: prefix still kept`);
    t.ok(whole.subarray(shrink).equals(Buffer.alloc(grow - shrink)), `${name}: the extension is zeros, not old bytes`);
    const mid = Math.min(shrink + 5000, grow - 100);
    const part = await get(name, { range: `bytes=${mid}-${mid + 99}` });
    t.ok(part.body.equals(Buffer.alloc(100)), `${name}: a ranged read of the extension is zeros`);
  }
  const ino = (await stat('tr-small.bin')).json.ino;
  await api('PATCH', `${FS}/inodes/${ino}`, { size: 10 });
  await api('PATCH', `${FS}/inodes/${ino}`, { size: 20 });
  const b = (await get('tr-small.bin')).body;
  t.equal(b.length, 20);
  t.ok(b.subarray(10).equals(Buffer.alloc(10)), 'setInodeAttrs size behaves the same');
});

t.test('If-None-Match: *', async (t) => {
  const a = await put('inm.txt', 'first', { 'if-none-match': '*' });
  t.equal(a.status, 201, 'new path → 201');
  problem(t, await put('inm.txt', 'second', { 'if-none-match': '*' }), 412, 'EPRECONDITION', 'existing path');
  t.equal((await get('inm.txt')).body.toString(), 'first', 'not replaced');
});

t.test('?parents=true, directories, missing parents', async (t) => {
  const up = await put('p/q/r/file.txt?parents=true', 'deep');
  t.equal(up.status, 201);
  for (const d of ['p', 'p/q', 'p/q/r']) t.equal((await stat(d)).json?.type, 'dir', `${d} created`);
  t.equal((await get('p/q/r/file.txt')).body.toString(), 'deep');
  t.equal((await put('p/q/r/file2.txt?parents=true', 'x')).status, 201, 'parents=true when they exist');
  problem(t, await put('np/file.txt', 'x'), 404, 'ENOENT', 'missing parent without parents=true');
  problem(t, await put('p/q', 'x'), 409, 'EISDIR', 'upload onto a directory');
  problem(t, await put('p/q?parents=true', 'x'), 409, 'EISDIR', 'upload onto a directory with parents=true');
  problem(t, await get('p/q'), 409, 'EISDIR', 'download of a directory');
  problem(t, await put('p/q/r/file.txt/x', 'x'), 409, 'ENOTDIR', 'upload under a file');
  t.same(
    (await api('GET', `${FS}/dirs/p/q`)).json.entries.map((e: { name: string }) => e.name),
    ['r'],
    'nothing stray created',
  );
});

t.test('upload through a symlink writes the target', async (t) => {
  const target = await put('target.bin', 'old');
  t.equal((await api('PUT', `${FS}/symlinks/link`, { target: 'target.bin' })).status, 201);
  const up = await put('link', 'new contents');
  t.equal(up.status, 200, 'replacing the target → 200');
  t.equal(up.json.ino, target.json.ino, 'the target inode');
  t.equal((await get('target.bin')).body.toString(), 'new contents');
  t.equal((await get('link')).body.toString(), 'new contents');
  t.equal((await stat('link')).json.type, 'symlink', 'the link stays a link');
  await api('PUT', `${FS}/dirs/sub`);
  await api('PUT', `${FS}/symlinks/dangling`, { target: 'sub/newfile' });
  t.equal((await put('dangling', 'made')).status, 201, 'a dangling link creates its target');
  t.equal((await get('sub/newfile')).body.toString(), 'made');
  t.equal((await stat('dangling')).json.type, 'symlink');
});

t.test('empty files', async (t) => {
  const up = await put('empty', '');
  t.equal(up.status, 201);
  t.equal(up.json.length, 0);
  const down = await get('empty');
  t.equal(down.status, 200);
  t.equal(down.headers.get('content-length'), '0');
  t.equal(down.body.length, 0);
  const r = await get('empty', { range: 'bytes=0-' });
  problem(t, r, 416, 'ERANGE', 'any range of an empty file');
  t.equal(r.headers.get('content-range'), 'bytes */0');
  const streamed = await put('empty-stream', streamOf(new Uint8Array(0)));
  t.equal(streamed.status, 201, 'an empty streamed body');
  t.equal((await get('empty-stream')).body.length, 0);
  await put('was-full', randomBytes(100_000));
  t.equal((await put('was-full', '')).json.length, 0, 'replace with nothing');
  t.equal((await get('was-full')).body.length, 0);
});
