// Whole files by path: streamed download with Range and conditional requests, streamed upload,
// delete. Bodies are never buffered whole: the upload route takes the raw request stream
// whatever its Content-Type, and downloads are streamed from the object store.
import { bodyChecksumsOf } from '../../data/body-checksums.ts';
import { Type } from 'typebox';
import { RedirectQuery } from '../direct-schemas.ts';
import { serveDownload, serveHead } from '../download.ts';
import { BINARY_BODY_KEY, EXAMPLE_KEY } from '../openapi.ts';
import { parseRange } from '../range.ts';
import { bodyStream, rawBodyScope, refuseEncodedBody } from '../raw-body.ts';
import {
  binary,
  ConditionalReadHeaders,
  ContentEncodingHeader,
  empty,
  H,
  BodyChecksumHeaders,
  IdempotencyKeyHeader,
  IfMatchHeader,
  IfMatchNamedHeader,
  json,
  problems,
  RangeHeaders,
} from '../responses.ts';
import { Attrs, PathParams } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { created, ifMatchOf, pathParam, pathSegments, replayHeader, requestMeta, sendStat } from '../wire.ts';
import { STAT_EXAMPLE, STAT_HEADERS } from './paths.ts';

const tags = ['files'];
/** Request headers that make a download conditional (RFC 9110 §13): never redirected. */
const CONDITIONAL_HEADERS = [...Object.keys(ConditionalReadHeaders), 'if-range'];

/** Headers of an answer with file contents (and of its HEAD and 304). */
export const CONTENT_HEADERS = {
  etag: H.etag(),
  'last-modified': H.lastModified,
  'x-cirrus-mtime': H.mtime,
  'accept-ranges': H.acceptRanges,
};
/** The answers of a GET of file contents (downloadFile, readData). */
export function contentResponses(what: string) {
  return {
    200: binary(`The whole ${what}`, { ...CONTENT_HEADERS, 'content-length': H.contentLength }),
    206: binary(`The asked range of the ${what}`, {
      ...CONTENT_HEADERS,
      'content-length': H.contentLength,
      'content-range': H.contentRange(true),
    }),
    304: empty('Not modified: the ETag or date the client sent is current', CONTENT_HEADERS),
    ...problems(409, 412, 416),
  };
}
/** The answers of a HEAD of file contents. */
export function headResponses(what: string) {
  return {
    200: empty(`The headers a GET of the ${what} would answer`, {
      ...CONTENT_HEADERS,
      'content-length': H.contentLength,
    }),
    304: empty('Not modified', CONTENT_HEADERS),
    ...problems(409, 412),
  };
}
export const CONTENT_DESCRIPTION =
  'Range with one byte range answers 206 (past the end: 416); an If-Range that no longer matches answers 200 with the whole file, so a resumed download never mixes two versions. If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.';

export function fileRoutes(app: App, s: Services): void {
  // Registered before the GET, so Fastify does not derive a HEAD that would read the contents.
  app.head(
    '/v1/fs/:fs/files/*',
    {
      config: { swagger: { exposeHeadRoute: true } },
      schema: {
        operationId: 'headFile',
        tags,
        summary: 'the headers of a download, without the contents',
        description: 'Length, ETag and Last-Modified of the file, with the preconditions of downloadFile.',
        params: PathParams,
        headers: Type.Object(ConditionalReadHeaders),
        response: headResponses('file'),
      },
    },
    async (req, reply) =>
      serveHead(req, reply, await s.paths.statPath(req.params.fs, requestMeta(req).caller, pathParam(req), true)),
  );

  app.get(
    '/v1/fs/:fs/files/*',
    {
      compress: false,
      schema: {
        operationId: 'downloadFile',
        tags,
        summary: 'read a file, whole or by Range',
        description: `Streams the file's contents (a final symlink is followed). ${CONTENT_DESCRIPTION}`,
        params: PathParams,
        querystring: RedirectQuery,
        headers: Type.Object({ ...RangeHeaders, ...ConditionalReadHeaders }),
        response: {
          ...contentResponses('file'),
          307: empty('redirect=true: one block object of S3 answers this request itself', {
            location: H.redirect,
            'cache-control': H.noStore,
          }),
        },
        [EXAMPLE_KEY]: { response: 'hello, cirrus\n' },
      },
    },
    async (req, reply) => {
      const caller = requestMeta(req).caller;
      // Preconditions are judged on the file's ETag, which S3 does not know: those get the normal answer.
      const conditional = CONDITIONAL_HEADERS.some((h) => req.headers[h] !== undefined);
      const range = parseRange(req.headers.range);
      if (req.query.redirect && !conditional && (range !== undefined || req.headers.range === undefined)) {
        const url = await s.direct.reads.redirect(req.params.fs, caller, pathParam(req), range);
        if (url) return reply.code(307).header('location', url).header('cache-control', 'no-store').send(null);
      }
      return serveDownload(
        req,
        reply,
        (r) => s.reads.downloadFile(req.params.fs, caller, pathParam(req), r),
        s.downloads,
      );
    },
  );

  // Uploads and deletes take the raw body stream.
  rawBodyScope(app, (scope) => {
    scope.put(
      '/v1/fs/:fs/files/*',
      {
        schema: {
          operationId: 'uploadFile',
          tags,
          summary: 'write a whole file from the streamed body (creates or replaces)',
          description:
            'The body is streamed into block objects; the file switches to the new contents atomically when the upload completes (201 when created, 200 when replaced). ' +
            'If-None-Match: * refuses to replace an existing file (412); If-Match replaces only the version with that ETag (412, nothing changed, if it is another or there is no file). ' +
            "The request's Content-Type becomes the file's contentType attribute, served on download (none: application/octet-stream). " +
            'The body is stored as sent: a Content-Encoding other than identity answers 415 EMEDIATYPE. ' +
            'parents=true creates missing directories. A final symlink is followed (open(2) with O_CREAT).',
          params: PathParams,
          querystring: Type.Object({
            parents: Type.Optional(Type.Boolean({ description: 'Create missing parent directories' })),
            mode: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 0o7777, description: 'Permission bits of a new file' }),
            ),
          }),
          headers: Type.Object({
            'if-none-match': Type.Optional(
              Type.String({ description: '"*": only create, never replace (412 if the file exists)' }),
            ),
            ...IfMatchHeader,
            ...ContentEncodingHeader,
            ...IdempotencyKeyHeader,
            ...BodyChecksumHeaders,
          }),
          response: {
            200: json(Attrs, 'Replaced', { ...STAT_HEADERS, 'idempotent-replayed': H.replayed }),
            201: json(Attrs, 'Created', { ...STAT_HEADERS, 'idempotent-replayed': H.replayed, location: H.location }),
            ...problems(409, 412, 413, 415, 507),
          },
          [BINARY_BODY_KEY]:
            "The file contents, streamed (any bytes; the Content-Type is kept as the file's contentType, not interpreted)",
          [EXAMPLE_KEY]: { request: 'hello, cirrus\n', response: STAT_EXAMPLE },
        },
      },
      async (req, reply) => {
        refuseEncodedBody(req);
        const path = pathParam(req);
        const meta = requestMeta(req);
        if (req.query.parents) {
          const parent = pathSegments(path).slice(0, -1).join('/');
          if (parent) await s.paths.makeDirs(req.params.fs, { caller: meta.caller }, parent);
        }
        const ifNoneMatch = req.headers['if-none-match'];
        const length = req.headers['content-length'];
        const m = await s.uploads.uploadFile(req.params.fs, meta, path, bodyStream(req), {
          ifNoneMatch: ifNoneMatch !== undefined && ifNoneMatch.trim() === '*',
          ifMatch: ifMatchOf(req),
          mode: req.query.mode,
          contentType: req.headers['content-type'],
          contentLength: length === undefined ? undefined : Number(length),
          checksums: bodyChecksumsOf(req.headers),
        });
        const { created: isNew, ...stat } = replayHeader(reply, m);
        if (isNew) created(reply, 'v1', 'fs', req.params.fs, 'files', ...pathSegments(path));
        return sendStat(reply, stat, isNew ? 201 : 200);
      },
    );

    scope.delete(
      '/v1/fs/:fs/files/*',
      {
        schema: {
          operationId: 'deletePath',
          tags,
          summary: 'unlink a file or symlink, rmdir an empty directory, or (recursive=true) remove a tree',
          description:
            "Removes the name (a final symlink is removed, not followed). A non-empty directory needs recursive=true (else 409 ENOTEMPTY): the tree is detached atomically and its contents are purged in the background. Removed files wait in the trash for the filesystem's trashDays. The root cannot be removed (423 EBUSY). If-Match removes the name only while what it names has that ETag (412, nothing changed, otherwise).",
          params: PathParams,
          headers: Type.Object({ ...IfMatchNamedHeader, ...IdempotencyKeyHeader }),
          querystring: Type.Object({
            recursive: Type.Optional(Type.Boolean({ description: 'Remove a directory with everything in it' })),
          }),
          response: { 204: empty('Removed', { 'idempotent-replayed': H.replayed }), ...problems(409, 412, 423) },
        },
      },
      async (req, reply) => {
        const m = await s.paths.deletePath(req.params.fs, requestMeta(req), pathParam(req), {
          recursive: req.query.recursive ?? false,
          ifMatch: ifMatchOf(req),
        });
        replayHeader(reply, m);
        return reply.code(204).send(null);
      },
    );
  });
}
