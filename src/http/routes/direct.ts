// The direct data plane (DESIGN §4): uploads whose blocks the client PUTs straight to S3
// through presigned URLs, committed by the API; download plans of presigned ranged GETs. Every
// operation answers 501 ENOSYS when the object store is a local directory.
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import {
  CommitUploadQuery,
  CreateUploadBody,
  DownloadPlanQuery,
  DownloadPlanSchema,
  UploadParams,
  UploadTicket,
} from '../direct-schemas.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
import { empty, H, IdempotencyKeyHeader, JSON_BODY_PROBLEMS, json, LeaseTokenHeader, problems } from '../responses.ts';
import { Attrs, InodeParams, PathParams } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { created, leaseToken, pathParam, replayHeader, requestMeta, sendStat } from '../wire.ts';
import { STAT_EXAMPLE, STAT_HEADERS } from './paths.ts';

const tags = ['direct'];

const CREATE_DESCRIPTION =
  'Records an upload intent naming the block objects of [offset, offset + length), then answers a presigned PUT URL per block (the Location is the upload: abortUpload). ' +
  'PUT each block straight to S3 (in any order, in parallel) with the listed headers and a body of exactly its length, then commitUpload. ' +
  'The lease token (X-Lease-Token) is checked now and again at the commit. ' +
  'An upload neither committed nor aborted is deleted by the sweeper when its intent expires. 501 ENOSYS when the object store is not S3.';
const PLAN_DESCRIPTION =
  'The read plan of the range: pieces in file order, each a presigned GET URL with the object range to ask for (Range header), or a hole that reads as zeros. ' +
  "This instance's unflushed writes of the file are committed first, so the plan shows what a read through it would. " +
  'A URL answering 404 means the file was replaced and its old contents purged since: ask for a new plan. 501 ENOSYS when the object store is not S3.';

const URL_EXAMPLE = 'https://bucket.s3.eu-west-1.amazonaws.com/fs/1/42/42/1031_0_0?X-Amz-Algorithm=AWS4-HMAC-SHA256&…';
const TICKET_EXAMPLE = {
  uploadId: 'mhx2k1b0-4f9a1c2e',
  ino: 42,
  offset: 0,
  length: 5_000_000,
  expiresAt: '2026-11-24T21:54:44.123Z',
  blocks: [
    { index: 0, fileOffset: 0, length: 4194304, url: URL_EXAMPLE, headers: { 'if-none-match': '*' } },
    { index: 1, fileOffset: 4194304, length: 805696, url: URL_EXAMPLE, headers: { 'if-none-match': '*' } },
  ],
};
const PLAN_EXAMPLE = {
  ino: 42,
  fileLength: 5_000_000,
  offset: 0,
  end: 5_000_000,
  complete: true,
  expiresAt: '2026-11-24T21:54:44.123Z',
  pieces: [
    { fileOffset: 0, length: 4194304, url: URL_EXAMPLE, objectRange: { start: 0, end: 4194304 } },
    { fileOffset: 4194304, length: 805696, zero: true },
  ],
};
const CREATE_RESPONSES = {
  201: json(UploadTicket, 'The upload, with a presigned PUT per block', { location: H.location }),
  ...problems(409, 413, 423, 501, 507, ...JSON_BODY_PROBLEMS),
};
const PLAN_RESPONSES = { 200: json(DownloadPlanSchema, 'The plan'), ...problems(409, 416, 501) };

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
        headers: Type.Object(LeaseTokenHeader),
        body: CreateUploadBody,
        response: CREATE_RESPONSES,
        [EXAMPLE_KEY]: { request: { offset: 0, length: 5_000_000 }, response: TICKET_EXAMPLE },
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
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', ticket.ino, 'uploads', ticket.uploadId);
      return ticket;
    },
  );

  app.post(
    '/v1/fs/:fs/uploads/*',
    {
      schema: {
        operationId: 'createPathUpload',
        tags,
        summary: 'createUpload for an existing file by path',
        description: `${CREATE_DESCRIPTION} A final symlink is followed; the answer names the inode: commit and abort by inode.`,
        params: PathParams,
        headers: Type.Object(LeaseTokenHeader),
        body: CreateUploadBody,
        response: CREATE_RESPONSES,
        [EXAMPLE_KEY]: { request: { offset: 0, length: 5_000_000 }, response: TICKET_EXAMPLE },
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
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', ticket.ino, 'uploads', ticket.uploadId);
      return ticket;
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
          'With an Idempotency-Key, a retried commit answers as the first one did.',
        params: UploadParams,
        querystring: CommitUploadQuery,
        headers: Type.Object({ ...LeaseTokenHeader, ...IdempotencyKeyHeader }),
        response: {
          200: json(Attrs, 'Committed: the file’s new attributes', {
            ...STAT_HEADERS,
            'idempotent-replayed': H.replayed,
          }),
          ...problems(409, 423, 501, 507),
        },
        [EXAMPLE_KEY]: { response: { ...STAT_EXAMPLE, length: 5_000_000 } },
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
          'The upload can no longer be committed (404 ENOENT if it was committed, aborted or expired already). A PUT still in flight that lands later is deleted by the sweeper once the URLs have expired.',
        params: UploadParams,
        response: { 204: empty('Aborted'), ...problems(501) },
      },
    },
    async (req, reply) => {
      await s.direct.uploads.abort(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), req.params.upload);
      return reply.code(204).send(null);
    },
  );

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
        response: PLAN_RESPONSES,
        [EXAMPLE_KEY]: { response: PLAN_EXAMPLE },
      },
    },
    async (req) =>
      s.direct.reads.plan(
        req.params.fs,
        requestMeta(req).caller,
        { ino: parseIno(req.params.ino) },
        { offset: req.query.offset ?? 0, length: req.query.length },
      ),
  );

  app.get(
    '/v1/fs/:fs/download-plans/*',
    {
      schema: {
        operationId: 'getPathDownloadPlan',
        tags,
        summary: 'getDownloadPlan by path',
        description: `${PLAN_DESCRIPTION} A final symlink is followed.`,
        params: PathParams,
        querystring: DownloadPlanQuery,
        response: PLAN_RESPONSES,
        [EXAMPLE_KEY]: { response: PLAN_EXAMPLE },
      },
    },
    async (req) =>
      s.direct.reads.plan(
        req.params.fs,
        requestMeta(req).caller,
        { path: pathParam(req) },
        { offset: req.query.offset ?? 0, length: req.query.length },
      ),
  );
}
