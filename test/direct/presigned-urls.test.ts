// The presigned URLs of the direct plane are right: checked with the AWS SDK's own SigV4
// signer, because the test S3 server does not check them.
//
// fauxqs 1.9.2 (the suite's S3 server) ignores authentication entirely: a PUT with a tampered
// X-Amz-Signature, one past its X-Amz-Expires, and one with no signature at all are all
// stored (200); it neither verifies nor records x-amz-checksum-* headers. It does honour
// If-None-Match: * (through infra/s3-server.mjs) and Range. The first test pins that down, so
// a server upgrade that starts checking shows here. (s3rver 3.7.1 checks only the access key
// and the expiry of SigV4 URLs — "Signature version 4 calculation is unimplemented" — and no
// S3 server that does verify them installs from npm or Debian here.)
//
// So every URL is re-signed with @smithy/signature-v4 from the request a client sends (method,
// host, path, the headers the ticket lists, the block's Content-Length) with the server's
// credentials and the URL's date: the signatures must be equal — S3 computes that same
// signature and admits exactly that request — and must differ for another length, checksum,
// method or key, which S3 would refuse.
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import t from 'tap';
import { DIRECT_URL_EXPIRY_S } from '../../src/data/direct-access.ts';
import { apiFor } from '../support/api.ts';
import { startS3, TEST_CREDENTIALS } from '../support/s3.ts';
import { startServer } from '../support/server.ts';
import { pattern, sha256, ticketOf } from './support.ts';

/** SHA-256 (HMAC-SHA-256 with a secret) in the shape the signer takes. */
class NodeSha256 {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBuffer(data));
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
  reset(): void {
    throw new Error('not used by the signer');
  }
}
const toBuffer = (d: string | ArrayBuffer | ArrayBufferView) =>
  typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : ArrayBuffer.isView(d)
      ? Buffer.from(d.buffer, d.byteOffset, d.byteLength)
      : Buffer.from(d);

const signer = new SignatureV4({
  credentials: TEST_CREDENTIALS,
  region: 'us-east-1',
  service: 's3',
  sha256: NodeSha256,
  uriEscapePath: false, // S3 signs the path as sent (no double encoding)
});

const AUTH_PARAMS = [
  'X-Amz-Algorithm',
  'X-Amz-Credential',
  'X-Amz-Date',
  'X-Amz-Expires',
  'X-Amz-SignedHeaders',
  'X-Amz-Signature',
  'X-Amz-Content-Sha256',
];

/** The signature S3 computes for the request a client makes to `url` with `headers`. */
async function expectedSignature(url: string, method: string, headers: Record<string, string>): Promise<string> {
  const u = new URL(url);
  const query: Record<string, string> = {};
  for (const [k, v] of u.searchParams) if (!AUTH_PARAMS.includes(k)) query[k] = v;
  const date = u.searchParams.get('X-Amz-Date')!;
  const signingDate = new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const signed = await signer.presign(
    {
      method,
      protocol: u.protocol,
      hostname: u.hostname,
      port: Number(u.port),
      path: u.pathname,
      query,
      // (spelled as the S3 presigner spells it: it becomes a query parameter, whose case is signed)
      headers: { host: u.host, 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD', ...headers },
    },
    {
      signingDate,
      expiresIn: Number(u.searchParams.get('X-Amz-Expires')),
      unhoistableHeaders: new Set(Object.keys(headers)),
    },
  );
  return signed.query?.['X-Amz-Signature'] as string;
}

t.test('presigned URLs', async (t) => {
  const s3 = await startS3();
  const server = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('signed') } });
  t.teardown(async () => {
    await server.close();
    await s3.close();
  });
  const api = apiFor(server.url);
  t.equal((await api('POST', '/v1/fs', { name: 's', blockSize: 65536, chunkSize: 131072 })).status, 201);
  t.equal((await fetch(`${server.url}/v1/fs/s/files/f`, { method: 'PUT', body: '' })).status, 201);
  const bytes = pattern(150_000);
  const blocks = [bytes.subarray(0, 65536), bytes.subarray(65536, 131072), bytes.subarray(131072)];
  const checksums = { algorithm: 'SHA256', values: blocks.map(sha256) };
  const ticket = ticketOf(await api('POST', '/v1/fs/s/uploads/f', { offset: 0, length: bytes.length, checksums }));

  await t.test('the test S3 server does not check signatures, expiry or checksums', async (t) => {
    const url = new URL(ticket.blocks[0].url);
    const put = (u: URL, body: Uint8Array, headers = ticket.blocks[0].headers) =>
      fetch(u, { method: 'PUT', headers, body }).then(async (r) => {
        await r.arrayBuffer();
        return r.status;
      });
    const tampered = new URL(url);
    tampered.pathname = `${url.pathname}-tampered`;
    tampered.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    t.equal(await put(tampered, blocks[0]), 200, 'a tampered signature is accepted');
    const expired = new URL(url);
    expired.pathname = `${url.pathname}-expired`;
    expired.searchParams.set('X-Amz-Date', '20200101T000000Z');
    t.equal(await put(expired, blocks[0]), 200, 'an expired URL is accepted');
    t.equal(await put(new URL(`${url.origin}${url.pathname}-bare`), blocks[0], {}), 200, 'no signature at all');
    const corrupt = new URL(url);
    corrupt.pathname = `${url.pathname}-corrupt`;
    t.equal(await put(corrupt, blocks[1]), 200, 'a body that does not match its signed checksum is stored');
    t.equal(await put(url, blocks[0]), 200, 'the real PUT');
    t.equal(await put(url, blocks[0]), 412, 'If-None-Match: * is honoured (our launcher adds it)');
  });

  await t.test('PUT URLs are signed for exactly the request the ticket describes', async (t) => {
    for (const b of ticket.blocks) {
      const u = new URL(b.url);
      t.equal(u.searchParams.get('X-Amz-Expires'), String(DIRECT_URL_EXPIRY_S), `block ${b.index}: expiry`);
      t.match(u.searchParams.get('X-Amz-Credential'), /^test\/\d{8}\/us-east-1\/s3\/aws4_request$/, 'credential scope');
      t.equal(
        u.searchParams.get('X-Amz-SignedHeaders'),
        'content-length;host;if-none-match;x-amz-checksum-sha256',
        'the length, If-None-Match and the checksum are signed',
      );
      t.notOk(u.searchParams.has('x-amz-checksum-crc32'), 'no checksum of an empty body is signed in (an SDK default)');
      const sent = { 'content-length': String(b.length), ...b.headers };
      t.equal(await expectedSignature(b.url, 'PUT', sent), u.searchParams.get('X-Amz-Signature'), 'the signature');
      const other = await Promise.all([
        expectedSignature(b.url, 'PUT', { ...sent, 'content-length': String(b.length + 1) }),
        expectedSignature(b.url, 'PUT', { ...sent, 'x-amz-checksum-sha256': sha256(Buffer.from('other')) }),
        expectedSignature(b.url, 'GET', sent),
        expectedSignature(b.url.replace(/_(\d+)_0\?/, '_9$1_0?'), 'PUT', sent),
      ]);
      for (const sig of other) t.not(sig, u.searchParams.get('X-Amz-Signature'), 'another request is not admitted');
    }
  });

  await t.test('GET URLs of a plan are signed for the object, whatever Range the client sends', async (t) => {
    const rest = ticket.blocks.filter((b) => b.index > 0);
    for (const b of rest) {
      const r = await fetch(b.url, { method: 'PUT', headers: b.headers, body: blocks[b.index] });
      t.equal(r.status, 200);
    }
    t.equal((await api('POST', `/v1/fs/s/inodes/${ticket.ino}/uploads/${ticket.uploadId}/commit`)).status, 200);
    const plan = (await api('GET', '/v1/fs/s/download-plans/f')).json;
    t.equal(plan.pieces.length, 3);
    for (const p of plan.pieces) {
      const u = new URL(p.url);
      t.equal(u.searchParams.get('X-Amz-SignedHeaders'), 'host', 'only the host is signed: Range is the client’s');
      t.notOk(u.searchParams.has('x-amz-checksum-mode'), 'no response checksum mode (an SDK default) is signed in');
      t.equal(await expectedSignature(p.url, 'GET', {}), u.searchParams.get('X-Amz-Signature'), 'the signature');
      t.not(await expectedSignature(p.url, 'PUT', {}), u.searchParams.get('X-Amz-Signature'), 'not a PUT');
    }
  });
});
