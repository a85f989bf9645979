// Random-access contents by inode: writeData, readData, flushData (DESIGN §6; guarantees 2-4).
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import { sendDownload } from '../download.ts';
import { parseRange } from '../range.ts';
import { bodyStream, rawBodyScope } from '../raw-body.ts';
import {
  AcquireLeaseBody,
  Empty,
  FlushBody,
  FlushResult,
  InodeParams,
  LeaseGrantSchema,
  LeaseTokenHeader,
  RenewLeaseBody,
  WriteQuery,
  WriteResultSchema,
} from '../schemas.ts';
import { ERRORS, type App, type Services } from '../types.ts';
import { leaseToken, requestMeta } from '../wire.ts';

const tags = ['data'];

export function dataRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/inodes/:ino/data',
    {
      schema: {
        operationId: 'readData',
        tags,
        summary: 'read a file by inode (Range: one byte range → 206; past the end → 416)',
        description:
          "Reads see this instance's unflushed writes, and after a flush on any instance, everything it covered.",
        params: InodeParams,
        headers: Type.Object({ range: Type.Optional(Type.String()) }),
        response: {
          200: Type.Any({ description: 'File contents' }),
          206: Type.Any({ description: 'Part of the file' }),
          ...ERRORS,
        },
      },
    },
    async (req, reply) =>
      sendDownload(
        reply,
        await s.io.readData(
          req.params.fs,
          requestMeta(req).caller,
          parseIno(req.params.ino),
          parseRange(req.headers.range),
        ),
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
          'Fails with 409 EWRITESLOST (naming the verifier) if writes answered with a verifier in the list were lost because the instance that took them restarted or died; resend them.',
        params: InodeParams,
        headers: LeaseTokenHeader,
        body: FlushBody,
        response: { 200: FlushResult, ...ERRORS },
      },
    },
    async (req) => s.io.flushData(req.params.fs, parseIno(req.params.ino), req.body.verifiers, leaseToken(req.headers)),
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
          'While it is held, writes and flushes without its token answer 423 EBUSY. The token only grows; once a newer one is issued, an older one never commits again. The server never renews a lease by itself.',
        params: InodeParams,
        body: AcquireLeaseBody,
        response: { 201: LeaseGrantSchema, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return (await s.io.lease(req.params.fs, parseIno(req.params.ino), { acquire: req.body.ttlMs }))!;
    },
  );
  app.put(
    '/v1/fs/:fs/inodes/:ino/lease',
    {
      schema: {
        operationId: 'renewLease',
        tags: leaseTags,
        summary: 'extend a writer lease by ttlMs from now',
        params: InodeParams,
        body: RenewLeaseBody,
        response: { 200: LeaseGrantSchema, ...ERRORS },
      },
    },
    async (req) =>
      (await s.io.lease(req.params.fs, parseIno(req.params.ino), { renew: req.body.leaseId, ttlMs: req.body.ttlMs }))!,
  );
  app.delete(
    '/v1/fs/:fs/inodes/:ino/lease',
    {
      schema: {
        operationId: 'releaseLease',
        tags: leaseTags,
        summary: 'give a writer lease up',
        params: InodeParams,
        querystring: Type.Object({ leaseId: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: { 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      await s.io.lease(req.params.fs, parseIno(req.params.ino), { release: req.query.leaseId });
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
          params: InodeParams,
          querystring: WriteQuery,
          headers: LeaseTokenHeader,
          response: { 200: WriteResultSchema, ...ERRORS },
        },
      },
      async (req) =>
        s.io.writeData(
          req.params.fs,
          parseIno(req.params.ino),
          req.query.offset,
          bodyStream(req),
          req.query.sync ?? false,
          leaseToken(req.headers),
        ),
    );
  });
}
