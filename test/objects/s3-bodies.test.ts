// The S3 body reader and getParts: answers a real S3 never gives but a gateway or
// a broken connection can (a Range ignored, a body cut short, no Content-Length) must give
// the right bytes or a clean EREMOTEIO, never bytes from the wrong offset or unfilled memory;
// and every part getParts returns is its own allocation (the read cache counts page bytes).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import t, { type Test } from 'tap';
import { READ_PAGE_BYTES } from '../../src/data/read-cache.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { S3ObjectStore } from '../../src/objects/s3.ts';
import { parseS3Url } from '../../src/objects/s3-url.ts';
import { startS3 } from '../support/s3.ts';
import { tempDir } from '../support/server.ts';

const KiB = 1024;
/** An object of a few pages, every byte telling its offset apart. */
const OBJECT = Buffer.from(Array.from({ length: 3 * READ_PAGE_BYTES + 1000 }, (_, i) => (i * 7 + (i >> 8)) % 251));

/** An S3 endpoint answering every GetObject with `answer`; the store reading from it. */
async function fakeS3(t: Test, answer: (req: IncomingMessage, res: ServerResponse) => void): Promise<S3ObjectStore> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const store = new S3ObjectStore(
    parseS3Url(`s3://b/p?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&accessKey=k&secretKey=s`),
  );
  t.teardown(async () => {
    await store.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return store;
}

const isOwnAllocation = (b: Buffer) => b.byteOffset === 0 && b.buffer.byteLength === b.length;

t.test('a server that ignores Range: the bytes asked for or EREMOTEIO, never bytes from offset 0', async (t) => {
  const store = await fakeS3(t, (_req, res) => {
    res.writeHead(200, { 'content-length': OBJECT.length, etag: '"x"' }); // the whole object
    res.end(OBJECT);
  });
  const start = READ_PAGE_BYTES;
  await t.rejects(
    store.getParts('o', start, 2 * start, READ_PAGE_BYTES),
    { code: 'EREMOTEIO' },
    'a page from the middle',
  );
  await t.rejects(store.get('o', 10, 20), { code: 'EREMOTEIO' });
  const whole = await store.getParts('o', 0, 4 * READ_PAGE_BYTES, READ_PAGE_BYTES);
  t.ok(Buffer.concat(whole).equals(OBJECT), 'a range covering the whole object: the whole object is the answer');
});

t.test('a body cut short (Content-Length not reached, connection dropped): EREMOTEIO', async (t) => {
  const store = await fakeS3(t, (_req, res) => {
    res.writeHead(206, {
      'content-length': READ_PAGE_BYTES,
      'content-range': `bytes 0-${READ_PAGE_BYTES - 1}/${OBJECT.length}`,
    });
    res.write(OBJECT.subarray(0, 1000), () => res.socket?.destroy());
  });
  await t.rejects(store.getParts('o', 0, READ_PAGE_BYTES, READ_PAGE_BYTES), { code: 'EREMOTEIO' });
  await t.rejects(store.get('o', 0, READ_PAGE_BYTES), { code: 'EREMOTEIO' });
});

t.test('a chunked body (no Content-Length): the right bytes, each part its own allocation', async (t) => {
  const store = await fakeS3(t, (req, res) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')!;
    const [s, e] = [Number(m[1]), Math.min(Number(m[2]), OBJECT.length - 1)];
    res.writeHead(206, { 'content-range': `bytes ${s}-${e}/${OBJECT.length}`, 'transfer-encoding': 'chunked' });
    for (let at = s; at <= e; at += 10 * KiB) res.write(OBJECT.subarray(at, Math.min(e + 1, at + 10 * KiB)));
    res.end();
  });
  const parts = await store.getParts('o', READ_PAGE_BYTES, 4 * READ_PAGE_BYTES, READ_PAGE_BYTES);
  t.ok(Buffer.concat(parts).equals(OBJECT.subarray(READ_PAGE_BYTES)), 'byte-exact');
  t.same(parts.map(isOwnAllocation), [true, true, true], 'no part holds memory beyond itself');
});

t.test('getParts: every part its own allocation, however small (local store and the local S3)', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  const remote = new S3ObjectStore(parseS3Url(await s3.bucket('own')));
  t.teardown(() => remote.close());
  const local = await LocalObjectStore.open(await tempDir());
  for (const store of [local, remote]) {
    await store.put('o', OBJECT);
    const parts = await store.getParts('o', 0, 4 * READ_PAGE_BYTES, READ_PAGE_BYTES);
    t.ok(Buffer.concat(parts).equals(OBJECT), `${store.kind}: byte-exact`);
    // The 1000-byte tail would otherwise be a slice of a shared pool that the cache, which
    // counts 1000 bytes, keeps alive whole.
    t.same(parts.map(isOwnAllocation), [true, true, true, true], `${store.kind}: each part its own memory`);
  }
});
