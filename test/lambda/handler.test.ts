// The Lambda handler (src/lambda.ts) answers what API Gateway HTTP API and Function URLs send,
// over real backends (etcd, S3 on 127.0.0.1), and runs the background jobs from a scheduled
// event as one pass bounded by the invocation's remaining time.
import { readFile } from 'node:fs/promises';
import t from 'tap';
import { etcdUrl } from '../support/cluster.ts';
import { startEtcd } from '../support/etcd.ts';
import {
  answerBody,
  type Front,
  httpEvent,
  type HttpRequest,
  type LambdaAnswer,
  lambdaContext,
  scheduledEvent,
} from '../support/lambda.ts';
import { startS3 } from '../support/s3.ts';

const FRONTS: Front[] = ['http-api', 'function-url'];

t.test('Lambda handler', async (t) => {
  const etcd = await startEtcd(1);
  const s3 = await startS3();
  t.teardown(async () => {
    await s3.close();
    await etcd.stop();
  });
  Object.assign(process.env, {
    CIRRUS_META: etcdUrl(etcd, 'lambda'),
    CIRRUS_OBJECTS: await s3.bucket('lambda'),
    CIRRUS_ALLOW_UNAUTHENTICATED: 'true',
    CIRRUS_LOG_LEVEL: 'warn',
  });
  const { handler, MAX_BODY_BYTES, SWEEP_MARGIN_MS } = await import('../../src/lambda.ts');
  const invoke = async (front: Front, req: HttpRequest) => {
    const answer = (await handler(httpEvent(front, req), lambdaContext())) as LambdaAnswer;
    return { ...answer, ...answerBody(answer) };
  };

  await t.test('/healthz and /readyz through both fronts', async (t) => {
    for (const front of FRONTS) {
      const health = await invoke(front, { path: '/healthz' });
      t.equal(health.statusCode, 200, front);
      t.same(health.json, { status: 'ok' });
      t.same((await invoke(front, { path: '/readyz' })).json, { status: 'ready' }, front);
    }
  });

  await t.test('the OpenAPI document is the committed one, also in the Swagger UI', async (t) => {
    const committed = JSON.parse(await readFile(new URL('../../openapi/openapi.json', import.meta.url), 'utf8'));
    const served = await invoke('http-api', { path: '/openapi.json' });
    t.equal(served.statusCode, 200);
    t.same(served.json, committed, '/openapi.json');
    t.same((await invoke('function-url', { path: '/docs/json' })).json, committed, '/docs/json');
  });

  await t.test('namespace operations, with names that need encoding', async (t) => {
    const made = await invoke('http-api', {
      method: 'POST',
      path: '/v1/fs',
      body: JSON.stringify({ name: 'lam', blockSize: 65536, chunkSize: 131072, trashDays: 0 }),
    });
    t.equal(made.statusCode, 201, 'createFs');
    t.match(made.headers['content-type'], /^application\/json/);
    // "my docs/100% #1" sent encoded; the HTTP API hands it over decoded, the Function URL as sent.
    const nested = await invoke('function-url', {
      method: 'PUT',
      path: '/v1/fs/lam/dirs/my%20docs/100%25%20%231',
      query: { parents: 'true' },
    });
    t.equal(nested.statusCode, 201, 'mkdir -p through the Function URL');
    t.equal(
      (await invoke('http-api', { method: 'PUT', path: '/v1/fs/lam/dirs/%C3%BCn%C3%AF' })).statusCode,
      201,
      'mkdir through the HTTP API',
    );
    for (const front of FRONTS) {
      const listed = await invoke(front, { path: '/v1/fs/lam/dirs/my%20docs' });
      t.equal(listed.statusCode, 200, `listDir through ${front}`);
      t.same(
        listed.json.entries.map((e: { name: string }) => e.name),
        ['100% #1'],
        `${front}: the same directory, the same name`,
      );
      const stat = await invoke(front, { path: '/v1/fs/lam/attrs/my%20docs/100%25%20%231' });
      t.equal(stat.statusCode, 200, `${front}: a name with "%", " " and "#" resolves`);
      t.equal(
        (await invoke(front, { path: '/v1/fs/lam/attrs/%C3%BCn%C3%AF' })).json.type,
        'dir',
        `${front}: non-ASCII`,
      );
    }
  });

  await t.test('file contents travel base64-encoded; writes are write-through', async (t) => {
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));
    const up = await invoke('function-url', {
      method: 'PUT',
      path: '/v1/fs/lam/files/my%20docs/blob.bin',
      body: bytes,
    });
    t.equal(up.statusCode, 201, 'uploadFile');
    const ino = up.json.ino as number;
    const down = await invoke('http-api', { path: '/v1/fs/lam/files/my%20docs/blob.bin' });
    t.equal(down.statusCode, 200);
    t.equal(down.isBase64Encoded, true, 'a binary answer is base64');
    t.ok(down.bytes.equals(bytes), 'the same bytes back');
    const ranged = await invoke('http-api', {
      path: '/v1/fs/lam/files/my%20docs/blob.bin',
      headers: { range: 'bytes=1000-1999' },
    });
    t.equal(ranged.statusCode, 206);
    t.ok(ranged.bytes.equals(bytes.subarray(1000, 2000)), 'a range');
    const written = await invoke('http-api', {
      method: 'PUT',
      path: `/v1/fs/lam/inodes/${ino}/data`,
      query: { offset: '10' },
      body: Buffer.from('HELLO'),
    });
    t.equal(written.statusCode, 200);
    t.match(written.json, { written: 5, stable: true }, 'committed before the answer');
    const back = await invoke('function-url', {
      path: `/v1/fs/lam/inodes/${ino}/data`,
      headers: { range: 'bytes=8-16' },
    });
    t.equal(
      back.bytes.toString('latin1'),
      Buffer.concat([bytes.subarray(8, 10), Buffer.from('HELLO'), bytes.subarray(15, 17)]).toString('latin1'),
    );
  });

  await t.test(
    'an upload through the direct plane: blocks PUT straight to S3, the commit through Lambda',
    async (t) => {
      const bytes = Buffer.from(Array.from({ length: 150_000 }, (_, i) => (i * 13) % 251));
      t.equal(
        (await invoke('http-api', { method: 'PUT', path: '/v1/fs/lam/files/direct.bin', body: Buffer.alloc(0) }))
          .statusCode,
        201,
      );
      const created = await invoke('http-api', {
        method: 'POST',
        path: '/v1/fs/lam/uploads/direct.bin',
        body: JSON.stringify({ offset: 0, length: bytes.length }),
      });
      t.equal(created.statusCode, 201, 'createPathUpload');
      const ticket = created.json as {
        uploadId: string;
        ino: number;
        blocks: { fileOffset: number; length: number; url: string; headers: Record<string, string> }[];
      };
      t.equal(ticket.blocks.length, 3, '64 KiB blocks');
      for (const b of ticket.blocks) {
        const put = await fetch(b.url, {
          method: 'PUT',
          headers: b.headers,
          body: bytes.subarray(b.fileOffset, b.fileOffset + b.length),
        });
        t.equal(put.status, 200, 'PUT to S3, not through the function');
      }
      const committed = await invoke('function-url', {
        method: 'POST',
        path: `/v1/fs/lam/inodes/${ticket.ino}/uploads/${ticket.uploadId}/commit`,
        query: { endsFile: 'true' },
      });
      t.equal(committed.statusCode, 200, 'commitUpload');
      t.match(committed.json, { ino: ticket.ino, length: bytes.length });
      const plan = await invoke('function-url', { path: '/v1/fs/lam/download-plans/direct.bin' });
      t.equal(plan.statusCode, 200, 'getPathDownloadPlan');
      const parts: Buffer[] = [];
      for (const p of plan.json.pieces) {
        const res = await fetch(p.url, { headers: { range: `bytes=${p.objectRange.start}-${p.objectRange.end - 1}` } });
        parts.push(Buffer.from(await res.arrayBuffer()));
      }
      t.ok(Buffer.concat(parts).equals(bytes), 'read back straight from S3');
      const redirected = await invoke('http-api', {
        path: '/v1/fs/lam/files/direct.bin',
        query: { redirect: 'true' },
        headers: { range: 'bytes=0-99' },
      });
      t.equal(redirected.statusCode, 307, 'downloadFile?redirect=true');
      t.match(redirected.headers.location, /X-Amz-Signature=/);
    },
  );

  await t.test('errors are problem+json with their status', async (t) => {
    for (const front of FRONTS) {
      const missing = await invoke(front, { path: '/v1/fs/lam/attrs/no/such/file' });
      t.equal(missing.statusCode, 404, front);
      t.match(missing.headers['content-type'], /^application\/problem\+json/);
      t.match(missing.json, { status: 404, code: 'ENOENT' });
      const bad = await invoke(front, { method: 'POST', path: '/v1/fs', body: '{"name":' });
      t.equal(bad.statusCode, 400, `${front}: broken JSON`);
      t.match(bad.json, { code: 'EINVAL' });
      const invalid = await invoke(front, { method: 'POST', path: '/v1/fs', body: JSON.stringify({ name: 5 }) });
      t.equal(invalid.statusCode, 400, `${front}: a body the schema refuses`);
      t.match(invalid.json, { code: 'EINVAL', detail: /name/ });
      const clash = await invoke(front, { method: 'POST', path: '/v1/fs', body: JSON.stringify({ name: 'lam' }) });
      t.equal(clash.statusCode, 409);
      t.match(clash.json, { code: 'EEXIST' });
    }
  });

  await t.test('an answer larger than a Lambda response is refused, ranges are not', async (t) => {
    const made = await invoke('http-api', { method: 'PUT', path: '/v1/fs/lam/files/big', body: Buffer.alloc(0) });
    t.equal(made.statusCode, 201);
    const grown = await invoke('http-api', {
      method: 'PATCH',
      path: '/v1/fs/lam/attrs/big',
      body: JSON.stringify({ size: MAX_BODY_BYTES + 1 }),
    });
    t.equal(grown.statusCode, 200, 'truncate up (a hole reads as zeros)');
    const whole = await invoke('http-api', { path: '/v1/fs/lam/files/big' });
    t.equal(whole.statusCode, 413);
    t.match(whole.json, { code: 'E2BIG' });
    t.notOk(whole.headers['content-range'] || whole.headers.etag, 'no headers of the refused body');
    const part = await invoke('http-api', { path: '/v1/fs/lam/files/big', headers: { range: 'bytes=0-1048575' } });
    t.equal(part.statusCode, 206);
    t.equal(part.bytes.length, 1048576);
  });

  await t.test('a scheduled event runs one sweeper pass, bounded by the time left', async (t) => {
    const trash = async (name: string) => {
      t.equal(
        (await invoke('http-api', { method: 'PUT', path: `/v1/fs/lam/files/${name}`, body: Buffer.alloc(70_000, 1) }))
          .statusCode,
        201,
      );
      t.equal((await invoke('http-api', { method: 'DELETE', path: `/v1/fs/lam/files/${name}` })).statusCode, 204);
    };
    await trash('t1');
    // Less time left than the margin: the pass stops before its first step.
    const short = await handler(scheduledEvent(), lambdaContext(SWEEP_MARGIN_MS - 1));
    t.match(short, { complete: false }, 'stopped at the deadline');
    t.notOk((short as { error?: string }).error, 'stopping is not a failure');
    const full = await handler(scheduledEvent(), lambdaContext(SWEEP_MARGIN_MS + 60_000));
    t.match(full, { complete: true }, 'a pass with time enough completes');
    t.ok((full as { purged: { inodes: number } }).purged.inodes >= 1, 'the trashed file was purged');
    const listed = await invoke('http-api', { path: '/v1/fs/lam/dirs/' });
    t.notOk(listed.json.entries.some((e: { name: string }) => e.name === 't1'));
  });

  await t.test('events that are neither HTTP nor scheduled are refused', async (t) => {
    await t.rejects(handler({ Records: [] }, lambdaContext()), /HTTP events/);
  });
});
