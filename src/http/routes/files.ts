// Whole files by path: streamed download with Range, streamed upload, delete. Bodies are
// never buffered whole: the upload route takes the raw request stream whatever its
// Content-Type, and downloads are streamed from the object store.
import { Type } from 'typebox';
import { sendDownload } from '../download.ts';
import { parseRange } from '../range.ts';
import { bodyStream, rawBodyScope } from '../raw-body.ts';
import { Attrs, Empty, PathParams } from '../schemas.ts';
import { ERRORS, type App, type Services } from '../types.ts';
import { pathParam, replayHeader, requestMeta, sendStat } from '../wire.ts';

const tags = ['files'];

export function fileRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/files/*',
    {
      schema: {
        operationId: 'downloadFile',
        tags,
        summary: 'read a file (Range: one byte range → 206; past the end → 416)',
        params: PathParams,
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
        await s.io.downloadFile(req.params.fs, requestMeta(req).caller, pathParam(req), parseRange(req.headers.range)),
        s.downloads,
      ),
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
            'The body is streamed into block objects; the file switches to the new contents atomically when the upload completes. ' +
            'If-None-Match: * refuses to replace an existing file (412). parents=true creates missing directories.',
          params: PathParams,
          querystring: Type.Object({
            parents: Type.Optional(Type.Boolean()),
            mode: Type.Optional(
              Type.Integer({ minimum: 0, maximum: 0o7777, description: 'Permission bits of a new file' }),
            ),
          }),
          headers: Type.Object({ 'if-none-match': Type.Optional(Type.String()) }),
          response: { 200: Attrs, 201: Attrs, ...ERRORS },
        },
      },
      async (req, reply) => {
        const path = pathParam(req);
        const meta = requestMeta(req);
        if (req.query.parents) {
          const parent = path.split('/').filter(Boolean).slice(0, -1).join('/');
          if (parent) await s.paths.makeDirs(req.params.fs, { caller: meta.caller }, parent);
        }
        const ifNoneMatch = req.headers['if-none-match'];
        const length = req.headers['content-length'];
        const m = await s.contents.uploadFile(req.params.fs, meta, path, bodyStream(req), {
          ifNoneMatch: ifNoneMatch !== undefined && ifNoneMatch.trim() === '*',
          mode: req.query.mode,
          contentLength: length === undefined ? undefined : Number(length),
        });
        const { created, ...stat } = replayHeader(reply, m);
        return sendStat(reply, stat, created ? 201 : 200);
      },
    );

    scope.delete(
      '/v1/fs/:fs/files/*',
      {
        schema: {
          operationId: 'deletePath',
          tags,
          summary: 'unlink a file or symlink, rmdir an empty directory, or (recursive=true) remove a tree',
          description: 'A recursive delete detaches the tree atomically; its contents are purged in the background.',
          params: PathParams,
          querystring: Type.Object({ recursive: Type.Optional(Type.Boolean()) }),
          response: { 204: Empty, ...ERRORS },
        },
      },
      async (req, reply) => {
        const m = await s.paths.deletePath(
          req.params.fs,
          requestMeta(req),
          pathParam(req),
          req.query.recursive ?? false,
        );
        replayHeader(reply, m);
        return reply.code(204).send(null);
      },
    );
  });
}
