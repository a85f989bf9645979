// The trash (DIGEST §2.9): listTrash, getTrashEntry, restoreTrashEntry, purgeTrashEntry.
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import { EXAMPLE_KEY, OPTIONAL_BODY_KEY } from '../openapi.ts';
import { H, IdempotencyKeyHeader, JSON_BODY_PROBLEMS, json, problems } from '../responses.ts';
import {
  RestoredSchema,
  RestoreTrashBody,
  TrashEntrySchema,
  TrashListQuery,
  TrashPageSchema,
  TrashParams,
} from '../ops-schemas.ts';
import { FsParams } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { replayHeader, requestMeta, toAttrs } from '../wire.ts';
import { STAT_EXAMPLE } from './paths.ts';

const tags = ['trash'];
const ENTRY_EXAMPLE = {
  ino: 42,
  type: 'file',
  parent: 7,
  name: 'report.pdf',
  path: '/docs/report.pdf',
  tree: false,
  size: 14,
  removedAt: '2026-11-24T20:54:44.123Z',
  expiresAt: '2026-11-25T20:54:44.123Z',
  state: 'waiting',
};

export function trashRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/trash',
    {
      schema: {
        operationId: 'listTrash',
        tags,
        summary: "list the filesystem's trash",
        description:
          "What removals left in the trash, oldest first, paged: each entry's inode, original path, size, removal time and when the purge may take it (the filesystem's trashDays after removal). A file a writer holds the lease of waits past its expiry (leasedUntil).",
        params: FsParams,
        querystring: TrashListQuery,
        response: { 200: json(TrashPageSchema, 'One page of the trash'), ...problems() },
        [EXAMPLE_KEY]: { response: { entries: [ENTRY_EXAMPLE] } },
      },
    },
    async (req) => s.trash.list(req.params.fs, requestMeta(req).caller, req.query),
  );

  app.get(
    '/v1/fs/:fs/trash/:ino',
    {
      schema: {
        operationId: 'getTrashEntry',
        tags,
        summary: 'one trash entry',
        description: 'The trash entry of a removed inode (404 ENOENT if it is not in the trash).',
        params: TrashParams,
        response: { 200: json(TrashEntrySchema, 'The entry'), ...problems() },
        [EXAMPLE_KEY]: { response: ENTRY_EXAMPLE },
      },
    },
    async (req) => s.trash.get(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino)),
  );

  app.post(
    '/v1/fs/:fs/trash/:ino/restore',
    {
      schema: {
        operationId: 'restoreTrashEntry',
        tags,
        summary: 'restore a trash entry',
        description:
          'Puts the same inode, with its contents and attributes, back under its old name in the directory it was removed from; if that directory is gone, at its recorded path, re-creating missing directories; or at `to`. A taken name is 409 EEXIST unless replace=true (then the other file goes to the trash, as rename(2) would replace it). An entry whose purge has begun is 423 EBUSY.',
        params: TrashParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: Type.Optional(Type.Union([RestoreTrashBody, Type.Null()])),
        response: {
          200: json(RestoredSchema, 'Restored', { 'idempotent-replayed': H.replayed }),
          ...problems(409, 423, 507, ...JSON_BODY_PROBLEMS),
        },
        [OPTIONAL_BODY_KEY]: true,
        [EXAMPLE_KEY]: { request: {}, response: { path: '/docs/report.pdf', attrs: STAT_EXAMPLE } },
      },
    },
    async (req, reply) => {
      const m = await s.trash.restore(req.params.fs, requestMeta(req), parseIno(req.params.ino), req.body ?? {});
      const r = replayHeader(reply, m);
      return { ...(r.path === undefined ? {} : { path: r.path }), attrs: toAttrs(r.stat) };
    },
  );

  app.delete(
    '/v1/fs/:fs/trash/:ino',
    {
      schema: {
        operationId: 'purgeTrashEntry',
        tags,
        summary: 'purge a trash entry now',
        description:
          "Moves the entry to the front of the purge queue: the next sweeper pass deletes it and its objects instead of waiting for the filesystem's retention (202; it can still be restored until the purge begins). A file a writer holds the lease of still waits for the lease to end.",
        params: TrashParams,
        headers: Type.Object(IdempotencyKeyHeader),
        response: {
          202: json(TrashEntrySchema, 'Queued for the next purge pass', { 'idempotent-replayed': H.replayed }),
          ...problems(),
        },
        [EXAMPLE_KEY]: { response: { ...ENTRY_EXAMPLE, expiresAt: ENTRY_EXAMPLE.removedAt, state: 'due' } },
      },
    },
    async (req, reply) => {
      const m = await s.trash.purgeEarly(req.params.fs, requestMeta(req), parseIno(req.params.ino));
      return reply.code(202).send(replayHeader(reply, m));
    },
  );
}
