// Direct uploads against the test S3 server: the client PUTs block objects through presigned
// URLs and the API commits them as a flush does — fenced by the writer lease, checked block by
// block, collected when aborted, refused or abandoned.
import t from 'tap';
import { UPLOAD_INTENT_TTL_MS } from '../../src/fs/intents.ts';
import { apiFor, call, problem } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';
import { startServer } from '../support/server.ts';
import { inodeObjects, pattern, putBlocks, sha256, ticketOf } from './support.ts';

const BLOCK = 65536;
const CHUNK = 131072;

t.test('direct uploads', async (t) => {
  const s3 = await startS3();
  const server = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('direct') } });
  t.teardown(async () => {
    await server.close();
    await s3.close();
  });
  const api = apiFor(server.url);
  const made = await api('POST', '/v1/fs', { name: 'd', blockSize: BLOCK, chunkSize: CHUNK, trashDays: 0 });
  t.equal(made.status, 201);
  const fsId = made.json.id as number;
  const newFile = async (name: string) => {
    const r = await fetch(`${server.url}/v1/fs/d/files/${name}`, { method: 'PUT', body: '' });
    t.equal(r.status, 201, `create ${name}`);
    return ((await r.json()) as { ino: number }).ino;
  };
  const contents = async (name: string) =>
    Buffer.from(await (await fetch(`${server.url}/v1/fs/d/files/${name}`)).arrayBuffer());

  await t.test('blocks PUT through presigned URLs are committed as slices, named as a flush names them', async (t) => {
    const ino = await newFile('a');
    const bytes = pattern(300_000);
    const ticket = ticketOf(await api('POST', '/v1/fs/d/uploads/a', { offset: 0, length: bytes.length }));
    t.equal(ticket.ino, ino, 'the path-level twin names the inode');
    t.same(
      ticket.blocks.map((b) => [b.fileOffset, b.length]),
      [
        [0, BLOCK],
        [BLOCK, BLOCK],
        [2 * BLOCK, BLOCK],
        [3 * BLOCK, BLOCK],
        [4 * BLOCK, 300_000 - 4 * BLOCK],
      ],
      'one block per 64 KiB, the last one short',
    );
    const keys = ticket.blocks.map((b) => new URL(b.url).pathname.replace('/direct/cirrus/', ''));
    const [first, second] = keys.map((k) => /^(\d+)\/(\d+)\/(\d+)\/(\d+)_(\d+)_0$/.exec(k));
    t.ok(first && second, `object keys as fs/layout.ts objectKey names them: ${keys[0]}`);
    t.same(first!.slice(1, 4).map(Number), [fsId, ino % 256, ino]);
    t.same([first![5], keys.map((k) => k.split('_')[1])], ['0', ['0', '1', '0', '1', '0']], 'block index per chunk');
    t.equal(new Set(keys.map((k) => k.split('/')[3].split('_')[0])).size, 3, 'one slice per chunk touched');
    t.same(ticket.blocks[0].headers, { 'if-none-match': '*' }, 'the client sends the signed If-None-Match');
    t.same(await inodeObjects(s3, 'direct', fsId, ino), [], 'nothing written before the client PUTs');

    t.same(await putBlocks(ticket, bytes), [200, 200, 200, 200, 200]);
    t.same(await putBlocks(ticket, bytes, (i) => i === 0), [412], 'a block object is never overwritten');
    const committed = await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`);
    t.equal(committed.status, 200, committed.text);
    t.match(committed.json, { ino, length: bytes.length, type: 'file' });
    t.ok(committed.headers.get('etag'), 'the new version');
    t.ok((await contents('a')).equals(bytes), 'the file reads back');
    problem(t, await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`), 404, 'ENOENT', 'again');
  });

  await t.test('a range inside a file, with checksums: wrong blocks are named, deleted and sent again', async (t) => {
    const before = await contents('a');
    const bytes = pattern(100_000, 9);
    const offset = 100_000;
    const blocks = [
      bytes.subarray(0, 2 * BLOCK - offset),
      bytes.subarray(2 * BLOCK - offset, 3 * BLOCK - offset),
      bytes.subarray(3 * BLOCK - offset),
    ];
    const checksums = { algorithm: 'SHA256', values: blocks.map(sha256) };
    const ino = ticketOf(await api('POST', '/v1/fs/d/uploads/a', { offset, length: 1 })).ino; // (left open)
    const ticket = ticketOf(
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset, length: 100_000, checksums }),
    );
    t.same(
      ticket.blocks.map((b) => [b.fileOffset, b.length]),
      blocks.map((b, i) => [i === 0 ? offset : (i + 1) * BLOCK, b.length]),
      'blocks end on block boundaries: the first one is partial',
    );
    t.equal(ticket.blocks[1].headers['x-amz-checksum-sha256'], checksums.values[1], 'the checksum is a signed header');
    const commit = () => api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`);
    await putBlocks(ticket, bytes, (i) => i === 0);
    const corrupt = Buffer.from(bytes);
    corrupt[2 * BLOCK - offset + 5] ^= 1;
    // The test server stores a body whatever its checksum header says (S3 would refuse it):
    // the commit finds it out.
    await putBlocks(ticket, corrupt, (i) => i === 1);
    const incomplete = await commit();
    problem(t, incomplete, 400, 'EINVAL', 'a missing and a corrupt block');
    t.same(incomplete.json.missing, [2]);
    t.match(incomplete.json.rejected, [{ index: 1, reason: /SHA256/ }]);
    t.ok((await contents('a')).equals(before), 'nothing committed');
    t.same(await putBlocks(ticket, bytes, (i) => i !== 0), [200, 200], 'the rejected block was deleted: PUT again');
    t.equal((await commit()).status, 200);
    const after = await contents('a');
    t.ok(after.subarray(offset, offset + 100_000).equals(bytes), 'the range is new');
    t.ok(after.subarray(0, offset).equals(before.subarray(0, offset)), 'before it, as it was');
    t.ok(after.subarray(offset + 100_000).equals(before.subarray(offset + 100_000)), 'after it, as it was');
  });

  await t.test('endsFile: the file ends where the upload ends, in the same commit', async (t) => {
    const bytes = pattern(1000, 3);
    const ticket = ticketOf(await api('POST', '/v1/fs/d/uploads/a', { offset: 0, length: bytes.length }));
    await putBlocks(ticket, bytes);
    const r = await api('POST', `/v1/fs/d/inodes/${ticket.ino}/uploads/${ticket.uploadId}/commit?endsFile=true`);
    t.equal(r.json.length, 1000);
    t.ok((await contents('a')).equals(bytes), 'a whole-file replace');
    const grown = await api('PATCH', '/v1/fs/d/attrs/a', { size: 5000 });
    t.equal(grown.json.length, 5000);
    t.ok(
      (await contents('a')).subarray(1000).equals(Buffer.alloc(4000)),
      'the cut tail reads as zeros when grown again',
    );
  });

  await t.test('Idempotency-Key: a retried commit answers as the first did', async (t) => {
    const ino = await newFile('idem');
    const ticket = ticketOf(await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: 10 }));
    await putBlocks(ticket, pattern(10));
    const path = `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`;
    const headers = { 'idempotency-key': `commit-${ticket.uploadId}` };
    const first = await call(server.url, 'POST', path, undefined, headers);
    const again = await call(server.url, 'POST', path, undefined, headers);
    t.equal(first.status, 200);
    t.equal(again.status, 200);
    t.equal(again.headers.get('idempotent-replayed'), 'true');
    t.same(again.json, first.json);
  });

  await t.test('abort deletes what was written; the upload is gone', async (t) => {
    const ino = await newFile('ab');
    const ticket = ticketOf(await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: 200_000 }));
    await putBlocks(ticket, pattern(200_000), (i) => i < 2);
    t.equal((await inodeObjects(s3, 'direct', fsId, ino)).length, 2);
    t.equal((await api('DELETE', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}`)).status, 204);
    t.same(await inodeObjects(s3, 'direct', fsId, ino), [], 'deleted');
    problem(t, await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`), 404, 'ENOENT');
    problem(t, await api('DELETE', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}`), 404, 'ENOENT', 'twice');
    // A PUT still in flight lands after the abort: the closed intent lets the sweeper find it.
    await putBlocks(ticket, pattern(200_000), (i) => i === 3);
    t.equal((await inodeObjects(s3, 'direct', fsId, ino)).length, 1, 'a late PUT');
    await server.built.sweeper.runOnce(Date.now() + 2 * 3600_000);
    t.same(await inodeObjects(s3, 'direct', fsId, ino), [], 'collected once the URLs expired');
  });

  await t.test('writer fencing: a commit under a stale lease token is refused and its objects collected', async (t) => {
    const ino = await newFile('fenced');
    const lease = await api('POST', `/v1/fs/d/inodes/${ino}/lease`, { ttlMs: 60_000 });
    const token = String(lease.json.token);
    const withToken = { 'x-lease-token': token };
    problem(
      t,
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: 10 }),
      423,
      'EBUSY',
      'no token while a lease is held',
    );
    const bytes = pattern(150_000);
    const ticket = ticketOf(
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: bytes.length }, withToken),
    );
    await putBlocks(ticket, bytes);
    t.equal((await inodeObjects(s3, 'direct', fsId, ino)).length, 3, 'the blocks are in the bucket');
    // The writer pauses; its lease goes to another writer, with a newer token.
    t.equal((await api('DELETE', `/v1/fs/d/inodes/${ino}/lease?leaseId=${lease.json.leaseId}`)).status, 204);
    const newer = await api('POST', `/v1/fs/d/inodes/${ino}/lease`, { ttlMs: 60_000 });
    t.equal(newer.json.token, lease.json.token + 1);
    const stale = await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`, undefined, withToken);
    problem(t, stale, 423, 'EBUSY', 'the stale token');
    t.match(stale.json.detail, /stale/);
    t.same(await inodeObjects(s3, 'direct', fsId, ino), [], 'its objects are deleted at once');
    t.equal((await api('GET', `/v1/fs/d/inodes/${ino}`)).json.length, 0, 'the file is unchanged');
    problem(
      t,
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`, undefined, {
        'x-lease-token': String(newer.json.token),
      }),
      404,
      'ENOENT',
      'the upload is over, even for the new writer',
    );
  });

  await t.test('an abandoned upload is collected through its intent by the sweeper', async (t) => {
    const ino = await newFile('abandoned');
    const ticket = ticketOf(await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: 100_000 }));
    await putBlocks(ticket, pattern(100_000));
    await server.built.sweeper.runOnce(Date.now() + 60_000);
    t.equal((await inodeObjects(s3, 'direct', fsId, ino)).length, 2, 'not before its intent expires');
    await server.built.sweeper.runOnce(Date.now() + UPLOAD_INTENT_TTL_MS + 1);
    t.same(await inodeObjects(s3, 'direct', fsId, ino), [], 'then deleted');
    problem(t, await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${ticket.uploadId}/commit`), 404, 'ENOENT');
  });

  await t.test("a deleted filesystem is purged once its direct uploads' URLs have expired", async (t) => {
    const other = await api('POST', '/v1/fs', { name: 'gone', blockSize: BLOCK, chunkSize: CHUNK, trashDays: 0 });
    const r = await fetch(`${server.url}/v1/fs/gone/files/f`, { method: 'PUT', body: '' });
    const ino = ((await r.json()) as { ino: number }).ino;
    const ticket = ticketOf(await api('POST', `/v1/fs/gone/inodes/${ino}/uploads`, { offset: 0, length: 100_000 }));
    await putBlocks(ticket, pattern(100_000), (i) => i === 0);
    const deleted = await api('DELETE', '/v1/fs/gone?recursive=true');
    t.equal(deleted.status, 202);
    const dying = `/v1/fs/${encodeURIComponent(deleted.json.name)}`; // renamed: the name is free at once
    await server.built.sweeper.runOnce(Date.now());
    t.equal((await api('GET', dying)).json.status, 'DELETING', 'still DELETING: a URL may still write');
    await putBlocks(ticket, pattern(100_000), (i) => i === 1); // lands meanwhile
    await server.built.sweeper.runOnce(Date.now() + 2 * 3600_000);
    problem(t, await api('GET', dying), 404, 'ENOENT', 'then deleted');
    t.same(await inodeObjects(s3, 'direct', other.json.id, ino), [], 'with every object, the late one too');
  });

  await t.test('bad requests get clear 4xx answers', async (t) => {
    const ino = await newFile('bad');
    const big = await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 5, length: 10_000 * BLOCK });
    problem(t, big, 413, 'E2BIG', 'more blocks than one upload holds');
    t.ok(big.json.maxLength > 0 && big.json.maxLength < 10_000 * BLOCK, `maxLength ${big.json.maxLength}`);
    const fits = ticketOf(
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 5, length: big.json.maxLength }),
    );
    t.ok(fits.blocks.length <= 1000, `maxLength fits: ${fits.blocks.length} blocks`);
    const bytes = pattern(fits.length);
    t.ok((await putBlocks(fits, bytes)).every((s) => s === 200));
    const committed = await api('POST', `/v1/fs/d/inodes/${ino}/uploads/${fits.uploadId}/commit`);
    t.equal(committed.status, 200, 'the largest upload commits in one transaction, on every engine');
    t.equal(committed.json.length, 5 + fits.length);
    problem(
      t,
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, {
        offset: 0,
        length: 10,
        checksums: { algorithm: 'SHA256', values: [] },
      }),
      400,
      'EINVAL',
      'one checksum per block',
    );
    problem(
      t,
      await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, {
        offset: 0,
        length: 10,
        checksums: { algorithm: 'CRC32C', values: ['AAAA'] },
      }),
      400,
      'EINVAL',
      'a CRC32C is 4 bytes',
    );
    problem(t, await api('POST', `/v1/fs/d/inodes/${ino}/uploads`, { offset: 0, length: 0 }), 400, 'EINVAL', 'empty');
    problem(t, await api('POST', '/v1/fs/d/inodes/1/uploads', { offset: 0, length: 1 }), 409, 'EISDIR', 'a directory');
    problem(t, await api('POST', '/v1/fs/d/uploads/nope', { offset: 0, length: 1 }), 404, 'ENOENT', 'no such file');
    problem(t, await api('POST', `/v1/fs/d/inodes/${ino}/uploads/zz-1/commit`), 404, 'ENOENT', 'unknown upload');
  });
});

t.test('a local object store has no direct plane: 501 ENOSYS', async (t) => {
  const server = await startServer();
  t.teardown(() => server.close());
  const api = apiFor(server.url);
  t.equal((await api('POST', '/v1/fs', { name: 'local' })).status, 201);
  t.equal((await fetch(`${server.url}/v1/fs/local/files/f`, { method: 'PUT', body: 'x' })).status, 201);
  const r = await api('POST', '/v1/fs/local/uploads/f', { offset: 0, length: 1 });
  problem(t, r, 501, 'ENOSYS', 'createUpload');
  t.match(r.json.detail, /S3 object store/);
  problem(t, await api('GET', '/v1/fs/local/download-plans/f'), 501, 'ENOSYS', 'getPathDownloadPlan');
  const redirected = await fetch(`${server.url}/v1/fs/local/files/f?redirect=true`, { redirect: 'manual' });
  t.equal(redirected.status, 200, 'redirect=true gets the normal answer');
  t.equal(await redirected.text(), 'x');
});
