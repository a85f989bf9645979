// The client helper (clients/typescript/direct): Blobs and streams up and down through the
// direct plane, uploads longer than the server's cap split into parts, failed requests to S3
// retried, and an upload that cannot finish aborted so its blocks are deleted.
import t from 'tap';
import { DirectClient, DirectError } from '../../clients/typescript/direct/index.ts';
import { apiFor } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';
import { startServer } from '../support/server.ts';
import { inodeObjects, pattern } from './support.ts';

const BLOCK = 65536;
const CHUNK = 131072;

async function bytesOf(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

t.test('the direct client helper', async (t) => {
  const s3 = await startS3();
  const server = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('helper') } });
  t.teardown(async () => {
    await server.close();
    await s3.close();
  });
  const api = apiFor(server.url);
  const made = await api('POST', '/v1/fs', { name: 'h', blockSize: BLOCK, chunkSize: CHUNK, trashDays: 0 });
  const fsId = made.json.id as number;
  /** Every request the helper makes, and a way to make some of them fail. */
  const seen: string[] = [];
  let fail: (url: URL, init?: RequestInit) => 'network' | number | undefined = () => undefined;
  const recording: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    seen.push(`${init?.method ?? 'GET'} ${url.origin === server.url ? url.pathname : 's3'}`);
    const how = fail(url, init);
    if (how === 'network') throw new TypeError('fetch failed');
    if (how !== undefined) return new Response('<Error><Code>AccessDenied</Code></Error>', { status: how });
    return fetch(input, init);
  };
  const client = new DirectClient({ baseUrl: server.url, fs: 'h', fetch: recording, retries: 3 });

  await t.test('a Blob longer than one upload goes up in parts, with checksums, and comes back', async (t) => {
    const body = pattern(13 * 1024 * 1024 + 123);
    seen.length = 0;
    const attrs = await client.upload('deep/dir/blob.bin', new Blob([body]));
    t.equal(attrs.length, body.length);
    const creates = seen.filter((s) => /^POST .*\/uploads(\/|$)/.test(s) && !s.endsWith('/commit'));
    t.equal(creates.length, 3, 'the first refused (413 E2BIG with its maxLength), then two parts');
    t.equal(seen.filter((s) => s.endsWith('/commit')).length, 2, 'one commit per accepted upload');
    t.ok((await bytesOf(client.chunks('deep/dir/blob.bin'))).equals(body), 'downloaded');
    const range = await client.downloadBlob('deep/dir/blob.bin', { offset: 1_000_000, length: 300_000 });
    t.ok(Buffer.from(await range.arrayBuffer()).equals(body.subarray(1_000_000, 1_300_000)), 'a range');
  });

  await t.test('a stream of unknown length goes up in parts; a shorter upload replaces a longer file', async (t) => {
    async function* produce() {
      for (let i = 0; i < 35; i++) yield pattern(100_000, i);
    }
    const attrs = await client.upload('deep/dir/blob.bin', produce(), { partBytes: 1024 * 1024 });
    t.equal(attrs.length, 3_500_000, 'the file ends where the stream ended');
    const expected = Buffer.concat(Array.from({ length: 35 }, (_, i) => pattern(100_000, i)));
    const stream = client.download('deep/dir/blob.bin');
    t.ok((await bytesOf(stream as unknown as AsyncIterable<Uint8Array>)).equals(expected), 'a web ReadableStream');
  });

  await t.test('requests to S3 that fail are retried', async (t) => {
    const failed = new Set<string>();
    fail = (url, init) => {
      if (url.origin === server.url) return undefined;
      const key = `${init?.method ?? 'GET'} ${url.pathname} ${new Headers(init?.headers).get('range') ?? ''}`;
      if (failed.has(key)) return undefined;
      failed.add(key);
      return failed.size % 2 ? 'network' : 503; // every request's first attempt fails
    };
    const body = pattern(700_000, 42);
    await client.upload('retried.bin', new Blob([body]));
    t.ok((await bytesOf(client.chunks('retried.bin'))).equals(body), 'the same bytes');
    t.ok(failed.size >= 2 * 11, `${failed.size} first attempts failed, all retried`);
    fail = () => undefined;
  });

  await t.test('an upload that cannot finish is aborted: its blocks are deleted', async (t) => {
    const ino = (await api('GET', '/v1/fs/h/attrs/retried.bin')).json.ino as number;
    const before = await inodeObjects(s3, 'helper', fsId, ino);
    let puts = 0;
    fail = (url, init) => (url.origin !== server.url && init?.method === 'PUT' && ++puts === 5 ? 403 : undefined);
    const err = await client.upload('retried.bin', new Blob([pattern(700_000, 7)])).catch((e: unknown) => e);
    t.ok(err instanceof DirectError, 'a DirectError');
    t.equal((err as DirectError).status, 403, 'an expired or refused URL is not retried');
    fail = () => undefined;
    t.same(await inodeObjects(s3, 'helper', fsId, ino), before, 'the aborted blocks are gone, the file’s own stay');
    t.ok(
      seen.some((s) => s.startsWith('DELETE') && s.includes('/uploads/')),
      'abortUpload was called',
    );
    t.equal((await api('GET', `/v1/fs/h/inodes/${ino}`)).json.length, 700_000, 'the file is as it was');
  });

  await t.test('API problems come back as DirectError with their POSIX code', async (t) => {
    const err = await client.downloadBlob('no/such/file').catch((e: unknown) => e);
    t.match(err, { name: 'DirectError', status: 404, code: 'ENOENT' });
  });
});
