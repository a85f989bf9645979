// A local S3 for tests and development: fauxqs 1.9.2 (pinned; in-memory) listening on
// 127.0.0.1 only (its own CLI binds 0.0.0.0), plus the conditional writes it lacks
// (If-None-Match: * and If-Match on PutObject / CompleteMultipartUpload), checked in the same
// tick as fauxqs' synchronous store write; and CompleteMultipartUpload bodies as Go's XML
// encoder (rclone, a benchmark peer) writes them, which fauxqs misread: element order mixed
// within one body (fauxqs kept only the parts in one order: a short object) and ETag quotes as
// &#34; (fauxqs: InvalidPart); and the x-amz-checksum-crc32c of a PUT, which fauxqs ignores.
// Usage: PORT=0 node infra/s3-server.mjs
// Prints "s3 listening http://127.0.0.1:PORT" when ready; SIGTERM/SIGINT stop it.
import { crc32c } from '@node-rs/crc32';

const base = import.meta.resolve('fauxqs'); // the package exports only "."; siblings of dist/app.js
const { buildApp } = await import(base);
const { SqsStore } = await import(new URL('./sqs/sqsStore.js', base).href);
const { SnsStore } = await import(new URL('./sns/snsStore.js', base).href);
const { S3Store } = await import(new URL('./s3/s3Store.js', base).href);

const s3Store = new S3Store();
const app = buildApp({ logger: false, stores: { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store } });
const xmlError = (code, message) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;

// A CompleteMultipartUpload body as fauxqs reads it: each <Part> with PartNumber before ETag
// (fauxqs takes the other order only when no part has this one, and Go's XML encoder mixes
// both within one body) and the ETag's character references decoded (fauxqs decodes only the
// named entities; Go writes quotes as &#34;).
const charRef = /&#(?:x([0-9a-f]+)|(\d+));/gi;
const decodeCharRefs = (text) =>
  text.replace(charRef, (_ref, hex, dec) => String.fromCodePoint(hex ? Number.parseInt(hex, 16) : Number(dec)));
const normalizeParts = (xml) =>
  xml.replace(/<Part>([\s\S]*?)<\/Part>/g, (part, inner) => {
    const number = /<PartNumber>\s*(\d+)\s*<\/PartNumber>/.exec(inner);
    const etag = /<ETag>([^<]*)<\/ETag>/.exec(inner);
    if (!number || !etag) return part;
    return `<Part><PartNumber>${number[1]}</PartNumber><ETag>${decodeCharRefs(etag[1])}</ETag></Part>`;
  });

app.addHook('preHandler', (req, _reply, done) => {
  const isComplete = req.method === 'POST' && 'uploadId' in (req.query || {});
  if (isComplete && Buffer.isBuffer(req.body)) req.body = Buffer.from(normalizeParts(req.body.toString('utf8')));
  else if (isComplete && typeof req.body === 'string') req.body = normalizeParts(req.body);
  done();
});

app.addHook('preHandler', (req, reply, done) => {
  const ifNoneMatch = req.headers['if-none-match'];
  const ifMatch = req.headers['if-match'];
  const q = req.query || {};
  const isPut = req.method === 'PUT' && !('partNumber' in q);
  const isComplete = req.method === 'POST' && 'uploadId' in q;
  if ((!ifNoneMatch && !ifMatch) || !(isPut || isComplete) || !req.params?.bucket || !req.params['*']) return done();
  let current;
  try {
    current = s3Store.headObject(req.params.bucket, req.params['*']);
  } catch {
    current = undefined;
  }
  const etag = current && (current.etag.startsWith('"') ? current.etag : `"${current.etag}"`);
  if ((ifNoneMatch === '*' && current) || (ifMatch && (!current || (ifMatch !== '*' && ifMatch !== etag)))) {
    reply
      .code(412)
      .header('content-type', 'application/xml')
      .send(xmlError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold'));
    return;
  }
  done();
});

// S3 checks an additional checksum sent with a PUT (x-amz-checksum-crc32c) against the bytes
// it received and refuses a mismatch with 400 BadDigest; fauxqs ignores the header, so it is
// checked here (CirrusFS sends one with every block object).
app.addHook('preHandler', (req, reply, done) => {
  const sent = req.headers['x-amz-checksum-crc32c'];
  if (req.method !== 'PUT' || typeof sent !== 'string' || !Buffer.isBuffer(req.body)) return done();
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32c(req.body) >>> 0);
  if (crc.toString('base64') === sent) return done();
  reply
    .code(400)
    .header('content-type', 'application/xml')
    .send(xmlError('BadDigest', 'The CRC32C you specified did not match the calculated checksum.'));
});

const address = await app.listen({ port: Number(process.env.PORT ?? 45692), host: '127.0.0.1' });
console.log(`s3 listening ${address}`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => app.close().then(() => process.exit(0)));
// EXIT_WITH_PARENT=1 (test harnesses): stop once the process that started it is gone.
if (process.env.EXIT_WITH_PARENT === '1') {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && process.exit(0), 1000).unref();
}
