// Filesystems: createFs, listFs, getFs, deleteFs.
import { Type } from 'typebox';
import { CreateFsBody, Empty, FsInfoSchema, FsList, FsParams } from '../schemas.ts';
import { visibleTo } from '../auth/plugin.ts';
import { ERRORS, type App, type Services } from '../types.ts';
import { replayHeader, requestMeta } from '../wire.ts';

export function catalogueRoutes(app: App, s: Services): void {
  app.post(
    '/v1/fs',
    {
      config: { access: { scope: 'admin', fsFrom: 'body' } },
      schema: {
        operationId: 'createFs',
        tags: ['filesystems'],
        summary: 'Create a filesystem',
        body: CreateFsBody,
        response: { 201: FsInfoSchema, ...ERRORS },
      },
    },
    async (req, reply) => {
      reply.code(201);
      return replayHeader(reply, await s.fss.createFs(req.body, requestMeta(req)));
    },
  );

  app.get(
    '/v1/fs',
    {
      config: { access: { scope: 'admin', fsFrom: 'any' } },
      schema: {
        operationId: 'listFs',
        tags: ['filesystems'],
        summary: 'List filesystems',
        response: { 200: FsList, ...ERRORS },
      },
    },
    async (req) => ({ filesystems: visibleTo(req, await s.fss.listFs()) }),
  );

  app.get(
    '/v1/fs/:fs',
    {
      config: { access: { scope: 'read' } },
      schema: {
        operationId: 'getFs',
        tags: ['filesystems'],
        summary: 'A filesystem with its usage',
        params: FsParams,
        response: { 200: FsInfoSchema, ...ERRORS },
      },
    },
    async (req) => s.fss.getFs(req.params.fs),
  );

  app.delete(
    '/v1/fs/:fs',
    {
      config: { access: { scope: 'admin' } },
      schema: {
        operationId: 'deleteFs',
        tags: ['filesystems'],
        summary: 'Delete a filesystem (must be empty unless recursive)',
        description:
          'An empty filesystem is deleted at once (204). With recursive=true a non-empty one is marked DELETING and purged in the background (202).',
        params: FsParams,
        querystring: Type.Object({ recursive: Type.Optional(Type.Boolean()) }),
        response: { 202: FsInfoSchema, 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      const left = replayHeader(
        reply,
        await s.fss.deleteFs(req.params.fs, req.query.recursive ?? false, requestMeta(req)),
      );
      if (left) return reply.code(202).send(left);
      return reply.code(204).send(null);
    },
  );
}
