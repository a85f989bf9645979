// The direct data plane (DESIGN §4): uploads whose blocks the client PUTs straight to S3
// through presigned URLs, committed by the API; download plans of presigned ranged GETs. Every
// operation answers 501 ENOSYS when the object store is a local directory.
import { parseIno } from '../../fs/service.ts';
import {
  CommitUploadQuery,
  CreateUploadBody,
  DownloadPlanQuery,
  DownloadPlanSchema,
  UploadParams,
  UploadTicket,
} from '../direct-schemas.ts';
import { Attrs, Empty, InodeParams, LeaseTokenHeader, PathParams } from '../schemas.ts';
import { ERRORS, type App, type Services } from '../types.ts';
import { leaseToken, pathParam, replayHeader, requestMeta, sendStat } from '../wire.ts';

const tags = ['direct'];

const CREATE_DESCRIPTION =
  'Records an upload intent naming the block objects of [offset, offset + length), then answers a presigned PUT URL per block. ' +
  'PUT each block straight to S3 (in any order, in parallel) with the listed headers and a body of exactly its length, then commitUpload. ' +
  'The lease token (X-Lease-Token) is checked now and again at the commit. ' +
  'An upload neither committed nor aborted is deleted by the sweeper when its intent expires. 501 ENOSYS when the object store is not S3.';

export function directRoutes(app: App, s: Services): void {
  app.post(
    '/v1/fs/:fs/inodes/:ino/uploads',
    {
      schema: {
        operationId: 'createUpload',
        tags,
        summary: 'start a direct upload of a byte range of a file: presigned PUT URLs for its blocks',
        description: CREATE_DESCRIPTION,
        params: InodeParams,
        headers: LeaseTokenHeader,
        body: CreateUploadBody,
        response: { 201: UploadTicket, ...ERRORS },
      },
    },
    async (req, reply) => {
      const ticket = await s.direct.uploads.create(
        req.params.fs,
        requestMeta(req).caller,
        { ino: parseIno(req.params.ino) },
        req.body,
        { token: leaseToken(req.headers) },
      );
      return reply.code(201).send(ticket);
    },
  );

  app.post(
    '/v1/fs/:fs/uploads/*',
    {
      schema: {
        operationId: 'createPathUpload',
        tags,
        summary: 'createUpload for an existing file by path (a final symlink is followed)',
        description: `${CREATE_DESCRIPTION} The answer names the inode: commit and abort by inode.`,
        params: PathParams,
        headers: LeaseTokenHeader,
        body: CreateUploadBody,
        response: { 201: UploadTicket, ...ERRORS },
      },
    },
    async (req, reply) => {
      const ticket = await s.direct.uploads.create(
        req.params.fs,
        requestMeta(req).caller,
        { path: pathParam(req) },
        req.body,
        { token: leaseToken(req.headers) },
      );
      return reply.code(201).send(ticket);
    },
  );

  app.post(
    '/v1/fs/:fs/inodes/:ino/uploads/:upload/commit',
    {
      schema: {
        operationId: 'commitUpload',
        tags,
        summary: 'commit a direct upload whose blocks were PUT',
        description:
          'Checks every block object (size; the checksum its URL was signed with), then commits the slices in one transaction that compares the writer lease token (X-Lease-Token), as flushData does. ' +
          'Missing or wrong blocks: 400 EINVAL naming them in `missing` and `rejected` (rejected blocks are deleted: PUT them again, then commit again). ' +
          'A stale or foreign lease (423 EBUSY) or a removed file (404) ends the upload and deletes its objects. ' +
          'Idempotency-Key makes a retried commit answer as the first one did.',
        params: UploadParams,
        querystring: CommitUploadQuery,
        headers: LeaseTokenHeader,
        response: { 200: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const m = await s.direct.uploads.commit(
        req.params.fs,
        requestMeta(req),
        parseIno(req.params.ino),
        req.params.upload,
        { token: leaseToken(req.headers), endsFile: req.query.endsFile ?? false },
      );
      return sendStat(reply, replayHeader(reply, m));
    },
  );

  app.delete(
    '/v1/fs/:fs/inodes/:ino/uploads/:upload',
    {
      schema: {
        operationId: 'abortUpload',
        tags,
        summary: 'abort a direct upload: its blocks are deleted',
        description:
          'The upload can no longer be committed. A PUT still in flight that lands later is deleted by the sweeper once the URLs have expired.',
        params: UploadParams,
        response: { 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      await s.direct.uploads.abort(req.params.fs, parseIno(req.params.ino), req.params.upload);
      return reply.code(204).send(null);
    },
  );

  const PLAN_DESCRIPTION =
    'The read plan of the range: pieces in file order, each a presigned GET URL with the object range to ask for (Range header), or a hole that reads as zeros. ' +
    "This instance's unflushed writes of the file are committed first, so the plan shows what a read through it would. " +
    'A URL answering 404 means the file was replaced and its old contents purged since: ask for a new plan. 501 ENOSYS when the object store is not S3.';

  app.get(
    '/v1/fs/:fs/inodes/:ino/download-plan',
    {
      schema: {
        operationId: 'getDownloadPlan',
        tags,
        summary: 'presigned ranged GETs for a byte range of a file',
        description: PLAN_DESCRIPTION,
        params: InodeParams,
        querystring: DownloadPlanQuery,
        response: { 200: DownloadPlanSchema, ...ERRORS },
      },
    },
    async (req) =>
      s.direct.reads.plan(
        req.params.fs,
        requestMeta(req).caller,
        { ino: parseIno(req.params.ino) },
        {
          offset: req.query.offset ?? 0,
          length: req.query.length,
        },
      ),
  );

  app.get(
    '/v1/fs/:fs/download-plans/*',
    {
      schema: {
        operationId: 'getPathDownloadPlan',
        tags,
        summary: 'getDownloadPlan by path (a final symlink is followed)',
        description: PLAN_DESCRIPTION,
        params: PathParams,
        querystring: DownloadPlanQuery,
        response: { 200: DownloadPlanSchema, ...ERRORS },
      },
    },
    async (req) =>
      s.direct.reads.plan(
        req.params.fs,
        requestMeta(req).caller,
        { path: pathParam(req) },
        {
          offset: req.query.offset ?? 0,
          length: req.query.length,
        },
      ),
  );
}
