// The test S3 server (infra/s3-server.mjs) takes a CompleteMultipartUpload as Go's encoding/xml
// (hence rclone, a benchmark peer) writes it: ETag quotes as character references (fauxqs
// alone answered InvalidPart) and PartNumber before or after ETag within one body (fauxqs alone
// kept only the parts in one order and stored a short object).
import { CreateMultipartUploadCommand, GetObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import t from 'tap';
import { startS3, TEST_CREDENTIALS } from '../support/s3.ts';

const MIN_PART_BYTES = 5 * 1024 * 1024; // S3's (and fauxqs') smallest part but the last

t.test('CompleteMultipartUpload takes character references and both element orders', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  await s3.bucket('mp');
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });
  t.teardown(() => client.destroy());
  const parts = [Buffer.alloc(MIN_PART_BYTES, 1), Buffer.alloc(MIN_PART_BYTES, 2), Buffer.from('the last part')];
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'mp', Key: 'k' }));
  const etags: string[] = [];
  for (const [i, body] of parts.entries()) {
    const out = await client.send(
      new UploadPartCommand({ Bucket: 'mp', Key: 'k', UploadId, PartNumber: i + 1, Body: body }),
    );
    etags.push(out.ETag!);
  }
  t.match(etags[0], /^"[0-9a-f]{32}"$/, 'part ETags are quoted');
  // Decimal as Go writes it, and hexadecimal, which XML allows as well; element orders mixed.
  const escaped = etags.map((e, i) => e.replaceAll('"', i === 1 ? '&#x22;' : '&#34;'));
  const part = (e: string, i: number) =>
    i === 1
      ? `<Part><PartNumber>${i + 1}</PartNumber><ETag>${e}</ETag></Part>`
      : `<Part><ETag>${e}</ETag><PartNumber>${i + 1}</PartNumber></Part>`;
  const xml =
    '<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
    escaped.map(part).join('') +
    '</CompleteMultipartUpload>';
  const r = await fetch(`${s3.endpoint}/mp/k?uploadId=${encodeURIComponent(UploadId!)}`, { method: 'POST', body: xml });
  t.equal(r.status, 200, await r.text());
  const got = await client.send(new GetObjectCommand({ Bucket: 'mp', Key: 'k' }));
  t.same(Buffer.from(await got.Body!.transformToByteArray()), Buffer.concat(parts), 'the parts, in order');
});

t.test('a CompleteMultipartUpload naming a wrong ETag is still refused', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  await s3.bucket('mp');
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });
  t.teardown(() => client.destroy());
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: 'mp', Key: 'k' }));
  await client.send(new UploadPartCommand({ Bucket: 'mp', Key: 'k', UploadId, PartNumber: 1, Body: 'only' }));
  const xml =
    '<CompleteMultipartUpload><Part><ETag>&#34;00000000000000000000000000000000&#34;</ETag>' +
    '<PartNumber>1</PartNumber></Part></CompleteMultipartUpload>';
  const r = await fetch(`${s3.endpoint}/mp/k?uploadId=${encodeURIComponent(UploadId!)}`, { method: 'POST', body: xml });
  t.equal(r.status, 400);
  t.match(await r.text(), /InvalidPart/);
});
