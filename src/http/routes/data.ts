// Random-access contents by inode: writeData, readData, flushData, and writer leases
// (DESIGN §6; guarantees 2-5).
import { bodyChecksumsOf } from '../../data/body-checksums.ts';
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import { serveDownload, serveHead } from '../download.ts';
import { BINARY_BODY_KEY, EXAMPLE_KEY } from '../openapi.ts';
import { bodyStream, rawBodyScope, refuseEncodedBody } from '../raw-body.ts';
import {
  ConditionalReadHeaders,
  ContentEncodingHeader,
  empty,
  H,
  IfMatchHeader,
  JSON_BODY_PROBLEMS,
  json,
  BodyChecksumHeaders,
  LeaseTokenHeader,
  problems,
  RangeHeaders,
} from '../responses.ts';
import {
  AcquireLeaseBody,
  FlushBody,
  FlushResult,
  InodeParams,
  LeaseGrantSchema,
  RenewLeaseBody,
  WriteQuery,
  WriteResultSchema,
} from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { created, ifMatchOf, leaseToken, requestMeta } from '../wire.ts';
import { CONTENT_DESCRIPTION, contentResponses, headResponses } from './files.ts';

const tags = ['data'];
const VERIFIER_EXAMPLE = '9f86d081884c7d65';
const LEASE_EXAMPLE = { leaseId: 'l-5f2c', token: 3, expiresAt: '2026-11-24T20:55:44.123Z' };

export function dataRoutes(app: App, s: Services): void {
  // Registered before the GET, so Fastify does not derive a HEAD that would read the contents.
  app.head(
    '/v1/fs/:fs/inodes/:ino/data',
    {
      config: { swagger: { exposeHeadRoute: true } },
      schema: {
        operationId: 'headData',
        tags,
        summary: 'the headers of readData, without the contents',
        description:
          "Length (including this instance's unflushed writes), ETag and Last-Modified, with the preconditions of readData.",
        params: InodeParams,
        headers: Type.Object(ConditionalReadHeaders),
        response: headResponses('file'),
      },
    },
    async (req, reply) =>
      serveHead(req, reply, await s.fss.getInode(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino))),
  );

  app.get(
    '/v1/fs/:fs/inodes/:ino/data',
    {
      compress: false,
      schema: {
        operationId: 'readData',
        tags,
        summary: 'read a file by inode, whole or by Range',
        description: `Reads see this instance's unflushed writes, and after a flush on any instance, everything it covered. ${CONTENT_DESCRIPTION}`,
        params: InodeParams,
        headers: Type.Object({ ...RangeHeaders, ...ConditionalReadHeaders }),
        response: contentResponses('file'),
        [EXAMPLE_KEY]: { response: 'HELLO, cirrus\n' },
      },
    },
    async (req, reply) =>
      serveDownload(
        req,
        reply,
        (range) => s.reads.readData(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), range),
        s.downloads,
      ),
  );

  app.post(
    '/v1/fs/:fs/inodes/:ino/flush',
    {
      schema: {
        operationId: 'flushData',
        tags,
        summary: 'fsync: commit cached writes of the file, checking write verifiers',
        description:
          'Makes every instance holding unflushed writes of the file commit them, then answers. Fails with 409 EWRITESLOST (naming the verifier) if writes answered with a verifier in the list were lost because the instance that took them restarted or died; resend them. While another writer holds the lease: 423 EBUSY. If-Match flushes only while the file has that ETag as this instance sees it (412, nothing committed, otherwise).',
        params: InodeParams,
        headers: Type.Object({ ...LeaseTokenHeader, ...IfMatchHeader }),
        body: FlushBody,
        response: {
          200: json(FlushResult, 'Everything written before is committed'),
          ...problems(409, 412, 423, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: {
          request: { verifiers: [VERIFIER_EXAMPLE] },
          response: { verifier: VERIFIER_EXAMPLE, stable: true },
        },
      },
    },
    async (req) =>
      s.writes.flushData(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), {
        verifiers: req.body.verifiers,
        token: leaseToken(req.headers),
        ifMatch: ifMatchOf(req),
      }),
  );

  const leaseTags = ['leases'];
  app.post(
    '/v1/fs/:fs/inodes/:ino/lease',
    {
      schema: {
        operationId: 'acquireLease',
        tags: leaseTags,
        summary: 'take the exclusive writer lease of a file',
        description:
          'While it is held, writes and flushes without its token answer 423 EBUSY. The token only grows; once a newer one is issued, an older one never commits again. The server never renews a lease by itself. The Location is the lease (renewLease, releaseLease).',
        params: InodeParams,
        body: AcquireLeaseBody,
        response: {
          201: json(LeaseGrantSchema, 'Granted', { location: H.location }),
          ...problems(409, 423, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { ttlMs: 30000 }, response: LEASE_EXAMPLE },
      },
    },
    async (req, reply) => {
      const grant = await s.fss.leases.acquire(
        req.params.fs,
        requestMeta(req).caller,
        parseIno(req.params.ino),
        req.body.ttlMs,
      );
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', req.params.ino, 'lease');
      return grant;
    },
  );
  app.put(
    '/v1/fs/:fs/inodes/:ino/lease',
    {
      schema: {
        operationId: 'renewLease',
        tags: leaseTags,
        summary: 'extend a writer lease by ttlMs from now',
        description: 'Renews a lease this writer holds (404 ENOENT once it lapsed and was taken or released).',
        params: InodeParams,
        body: RenewLeaseBody,
        response: {
          200: json(LeaseGrantSchema, 'Renewed'),
          ...problems(409, 423, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { leaseId: LEASE_EXAMPLE.leaseId, ttlMs: 30000 }, response: LEASE_EXAMPLE },
      },
    },
    async (req) =>
      s.fss.leases.renew(
        req.params.fs,
        requestMeta(req).caller,
        parseIno(req.params.ino),
        req.body.leaseId,
        req.body.ttlMs,
      ),
  );
  app.delete(
    '/v1/fs/:fs/inodes/:ino/lease',
    {
      schema: {
        operationId: 'releaseLease',
        tags: leaseTags,
        summary: 'give a writer lease up',
        description: 'Releases the lease (404 ENOENT if it is not held); the next writer gets a larger token.',
        params: InodeParams,
        querystring: Type.Object({ leaseId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: empty('Released'), ...problems(409) },
      },
    },
    async (req, reply) => {
      await s.fss.leases.release(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), req.query.leaseId);
      return reply.code(204).send(null);
    },
  );

  rawBodyScope(app, (scope) => {
    scope.put(
      '/v1/fs/:fs/inodes/:ino/data',
      {
        schema: {
          operationId: 'writeData',
          tags,
          summary: 'write the streamed body at ?offset (unstable unless sync=true)',
          description:
            "Writes the body at the offset, extending the file as needed. The answer's verifier names the instance that took the write: stable=false means the bytes sit in its write-back cache until a flush (flushData, naming the verifier) commits them. sync=true commits before answering. " +
            'If-Match takes the write only while the file has that ETag as this instance sees it (412, nothing written, otherwise); every write changes the ETag (headData answers the new one). ' +
            'The body is stored as sent: a Content-Encoding other than identity answers 415 EMEDIATYPE.',
          params: InodeParams,
          querystring: WriteQuery,
          headers: Type.Object({
            ...LeaseTokenHeader,
            ...IfMatchHeader,
            ...ContentEncodingHeader,
            ...BodyChecksumHeaders,
          }),
          response: { 200: json(WriteResultSchema, 'Written'), ...problems(409, 412, 413, 415, 423, 507) },
          [BINARY_BODY_KEY]: 'The bytes to write, streamed',
          [EXAMPLE_KEY]: { request: 'HELLO', response: { written: 5, verifier: VERIFIER_EXAMPLE, stable: false } },
        },
      },
      async (req) => {
        refuseEncodedBody(req);
        return s.writes.writeData(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), bodyStream(req), {
          offset: req.query.offset,
          sync: req.query.sync ?? false,
          token: leaseToken(req.headers),
          ifMatch: ifMatchOf(req),
          checksums: bodyChecksumsOf(req.headers),
        });
      },
    );
  });
}
