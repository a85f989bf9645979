// Optional whole-body checksums on uploadFile and writeData (Content-MD5, X-Checksum-CRC32C):
// a body that does not match is refused with 400 EBADCHECKSUM before anything is committed.
import { createHash } from 'node:crypto';
import t from 'tap';
import { crc32cBase64, crc32cOf } from '../../src/objects/crc32c.ts';
import { call, problem, readResponse } from '../support/api.ts';
import { startServer } from '../support/server.ts';

const md5 = (b: Buffer) => createHash('md5').update(b).digest('base64');
const crc = (b: Buffer) => crc32cBase64(crc32cOf(b));

t.test('uploadFile and writeData check Content-MD5 and X-Checksum-CRC32C before committing', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'c', blockSize: 64 * 1024 })).status, 201);
  const body = Buffer.alloc(200 * 1024, 7);
  const other = Buffer.alloc(200 * 1024, 8);
  const put = (path: string, b: Buffer, headers: Record<string, string>) =>
    fetch(`${s.url}${path}`, { method: 'PUT', body: b, headers }).then(readResponse);

  t.equal(
    (await put('/v1/fs/c/files/good', body, { 'content-md5': md5(body), 'x-checksum-crc32c': crc(body) })).status,
    201,
  );
  problem(t, await put('/v1/fs/c/files/bad-md5', other, { 'content-md5': md5(body) }), 400, 'EBADCHECKSUM', 'MD5');
  problem(
    t,
    await put('/v1/fs/c/files/bad-crc', other, { 'x-checksum-crc32c': crc(body) }),
    400,
    'EBADCHECKSUM',
    'CRC',
  );
  t.equal((await call(s.url, 'GET', '/v1/fs/c/attrs/bad-md5')).status, 404, 'a refused upload creates nothing');
  problem(t, await put('/v1/fs/c/files/good', other, { 'content-md5': md5(body) }), 400, 'EBADCHECKSUM', 'replace');
  const back = Buffer.from(await (await fetch(`${s.url}/v1/fs/c/files/good`)).arrayBuffer());
  t.ok(back.equals(body), 'a refused replace leaves the old contents');
  problem(t, await put('/v1/fs/c/files/x', body, { 'x-checksum-crc32c': 'nope' }), 400, 'EINVAL', 'malformed');

  const ino = (await call(s.url, 'GET', '/v1/fs/c/attrs/good')).json.ino;
  const data = `/v1/fs/c/inodes/${ino}/data`;
  problem(t, await put(`${data}?offset=0`, other, { 'x-checksum-crc32c': crc(body) }), 400, 'EBADCHECKSUM', 'write');
  const still = Buffer.from(await (await fetch(`${s.url}${data}`)).arrayBuffer());
  t.ok(still.equals(body), 'a refused write changes nothing, not even in the write-back cache');
  const w = await put(`${data}?offset=0&sync=true`, other, {
    'content-md5': md5(other),
    'x-checksum-crc32c': crc(other),
  });
  t.equal(w.status, 200, 'a matching write is taken');
  const now = Buffer.from(await (await fetch(`${s.url}${data}`)).arrayBuffer());
  t.ok(now.equals(other));
});
