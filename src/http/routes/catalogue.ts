// Filesystems: createFs, listFs, getFs, deleteFs.
import { Type } from 'typebox';
import { EXAMPLE_KEY } from '../openapi.ts';
import { empty, H, IdempotencyKeyHeader, JSON_BODY_PROBLEMS, json, problems } from '../responses.ts';
import { CreateFsBody, FsInfoSchema, FsList, FsParams } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { created, replayHeader, requestMeta } from '../wire.ts';

const tags = ['filesystems'];

const FS_EXAMPLE = {
  id: 1,
  name: 'demo',
  status: 'INITED',
  rootIno: 1,
  blockSize: 4194304,
  chunkSize: 67108864,
  capacityBytes: 0,
  inodeQuota: 0,
  trashDays: 1,
  inlineBytes: 4096,
  createdAt: '2026-11-24T20:54:44.123Z',
};
import { visibleTo } from '../auth/plugin.ts';

export function catalogueRoutes(app: App, s: Services): void {
  app.post(
    '/v1/fs',
    {
      config: { access: { scope: 'admin', fsFrom: 'body' } },
      schema: {
        operationId: 'createFs',
        tags,
        summary: 'Create a filesystem',
        description:
          'Creates an empty filesystem (its root directory is inode 1). Block and chunk sizes are fixed for its life; quotas of 0 mean unlimited. 409 EEXIST if the name is taken.',
        headers: Type.Object(IdempotencyKeyHeader),
        body: CreateFsBody,
        response: {
          201: json(FsInfoSchema, 'Created', { location: H.location, 'idempotent-replayed': H.replayed }),
          ...problems(409, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { name: 'demo' }, response: FS_EXAMPLE },
      },
    },
    async (req, reply) => {
      const fs = replayHeader(reply, await s.fss.createFs(req.body, requestMeta(req)));
      created(reply, 'v1', 'fs', fs.name);
      return fs;
    },
  );

  app.get(
    '/v1/fs',
    {
      config: { access: { scope: 'admin', fsFrom: 'any' } },
      schema: {
        operationId: 'listFs',
        tags,
        summary: 'List filesystems',
        description: 'Every filesystem, including those being deleted (status DELETING).',
        response: { 200: json(FsList, 'The filesystems'), ...problems() },
        [EXAMPLE_KEY]: { response: { filesystems: [FS_EXAMPLE] } },
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
        tags,
        summary: 'A filesystem with its usage',
        description: 'The filesystem and what it uses (inodes, bytes), as counted at the last change.',
        params: FsParams,
        response: { 200: json(FsInfoSchema, 'The filesystem'), ...problems() },
        [EXAMPLE_KEY]: { response: { ...FS_EXAMPLE, usage: { inodes: 3, bytes: 14 } } },
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
        tags,
        summary: 'Delete a filesystem (must be empty unless recursive)',
        description:
          'An empty filesystem is deleted at once (204). With recursive=true a non-empty one is renamed to NAME~deleting~ID~SECONDS and marked DELETING in one step (202, answering it under that name): the name is free for a new filesystem at once, and the sweeper purges the old one in bounded batches. Otherwise 409 ENOTEMPTY.',
        params: FsParams,
        headers: Type.Object(IdempotencyKeyHeader),
        querystring: Type.Object({
          recursive: Type.Optional(Type.Boolean({ description: 'Delete a non-empty filesystem in the background' })),
        }),
        response: {
          202: json(FsInfoSchema, 'Accepted: the filesystem is DELETING', { 'idempotent-replayed': H.replayed }),
          204: empty('Deleted', { 'idempotent-replayed': H.replayed }),
          ...problems(409),
        },
        [EXAMPLE_KEY]: { response: { ...FS_EXAMPLE, name: 'demo~deleting~1~1764190484', status: 'DELETING' } },
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
