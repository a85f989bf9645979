// Path-level namespace routes: stat/setattr, list/mkdir, rename, symlink, link.
// {path} is the rest of the URL ("*"): names separated by "/" or "%2F"; "/" or empty = root.
import { Type } from 'typebox';
import { EXAMPLE_KEY, OPTIONAL_BODY_KEY } from '../openapi.ts';
import {
  ConditionalReadHeaders,
  empty,
  H,
  IdempotencyKeyHeader,
  IfMatchHeader,
  IfMatchNamedHeader,
  json,
  JSON_BODY_PROBLEMS,
  problems,
  SMALL_ANSWER,
} from '../responses.ts';
import {
  Attrs,
  FsParams,
  LinkBody,
  ListQuery,
  Listing,
  MakeDirBody,
  PathParams,
  RenamePathBody,
  SetAttrsBody,
  SymlinkBody,
} from '../schemas.ts';
import type { App, Services } from '../types.ts';
import {
  attrChanges,
  created,
  ifMatchOf,
  pathParam,
  pathSegments,
  replayHeader,
  requestMeta,
  sendStat,
  serveStat,
  toListing,
} from '../wire.ts';

const tags = ['paths'];

export const STAT_EXAMPLE = {
  ino: 42,
  type: 'file',
  mode: 420,
  uid: 0,
  gid: 0,
  nlink: 1,
  length: 14,
  atime: '2026-11-24T20:54:44.123456789Z',
  mtime: '2026-11-24T20:54:44.123456789Z',
  ctime: '2026-11-24T20:54:44.123456789Z',
};
export const DIR_EXAMPLE = { ...STAT_EXAMPLE, ino: 7, type: 'dir', mode: 493, nlink: 2, length: 4096, entries: 1 };

/** Headers of every answer that is one inode's attributes. */
export const STAT_HEADERS = { etag: H.etag(), 'last-modified': H.lastModified };
const MUTATED = { ...STAT_HEADERS, 'idempotent-replayed': H.replayed };
const CREATED = { ...MUTATED, location: H.location };

export function pathRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/attrs/*',
    {
      ...SMALL_ANSWER,
      config: { swagger: { exposeHeadRoute: true } },
      schema: {
        operationId: 'statPath',
        tags,
        summary: 'stat a path (lstat unless follow=true)',
        description:
          'The attributes of what the path names; a final symlink is followed only with follow=true. Answers carry an ETag (send it as If-Match to setPathAttrs) and honour If-None-Match / If-Modified-Since (304) and If-Match / If-Unmodified-Since (412).',
        params: PathParams,
        headers: Type.Object(ConditionalReadHeaders),
        querystring: Type.Object({
          follow: Type.Optional(Type.Boolean({ description: 'Follow a final symlink (stat rather than lstat)' })),
        }),
        response: {
          200: json(Attrs, 'The attributes', STAT_HEADERS),
          304: empty('Not modified: the ETag or date the client sent is current', STAT_HEADERS),
          ...problems(409, 412),
        },
        [EXAMPLE_KEY]: { response: STAT_EXAMPLE },
      },
    },
    async (req, reply) => {
      const stat = await s.paths.statPath(
        req.params.fs,
        requestMeta(req).caller,
        pathParam(req),
        req.query.follow ?? false,
      );
      return serveStat(req, reply, stat);
    },
  );

  app.patch(
    '/v1/fs/:fs/attrs/*',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'setPathAttrs',
        tags,
        summary: 'chmod, chown, utimens, truncate by path',
        description:
          'Changes the given attributes in one transaction. chmod and truncate follow a final symlink (as chmod(2) and truncate(2) do); chown and utimens act on the link itself. If-Match with the ETag of statPath refuses a stale change (412).',
        params: PathParams,
        headers: Type.Object({ ...IfMatchHeader, ...IdempotencyKeyHeader }),
        body: SetAttrsBody,
        response: {
          200: json(Attrs, 'The new attributes', MUTATED),
          ...problems(403, 409, 412, 507, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { mode: 384 }, response: { ...STAT_EXAMPLE, mode: 384 } },
      },
    },
    async (req, reply) => {
      const m = await s.paths.setPathAttrs(
        req.params.fs,
        requestMeta(req),
        pathParam(req),
        attrChanges(req.body),
        ifMatchOf(req),
      );
      return sendStat(reply, replayHeader(reply, m));
    },
  );

  const listDir = {
    schema: {
      operationId: 'listDir',
      tags,
      summary: 'list a directory ("/" is the root)',
      description:
        'One page of entries in name (byte) order; pass nextCursor as cursor for the next page. attrs=true adds each entry\'s attributes (readdirplus). "/" (sent as %2F), the empty path and /v1/fs/{fs}/dirs all list the root.',
      params: PathParams,
      querystring: ListQuery,
      response: { 200: json(Listing, 'One page of entries'), ...problems(409) },
      [EXAMPLE_KEY]: {
        response: { entries: [{ name: 'docs', ino: 7, type: 'dir' }], nextCursor: 'ZG9jcw' },
      },
    },
  };
  app.get('/v1/fs/:fs/dirs/*', listDir, async (req) =>
    toListing(await s.paths.listDir(req.params.fs, requestMeta(req).caller, pathParam(req), req.query)),
  );
  // The root without a trailing slash, for hand-written URLs (the document names the root "/").
  app.get('/v1/fs/:fs/dirs', { schema: { ...listDir.schema, params: FsParams, hide: true } }, async (req) =>
    toListing(await s.paths.listDir(req.params.fs, requestMeta(req).caller, '', req.query)),
  );

  app.put(
    '/v1/fs/:fs/dirs/*',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'makeDir',
        tags,
        summary: 'mkdir (parents=true: mkdir -p)',
        description:
          'Creates the directory (201); its parent must exist (404) unless parents=true, which creates the missing ones and answers 200 when the directory already exists. The body is optional.',
        params: PathParams,
        headers: Type.Object(IdempotencyKeyHeader),
        querystring: Type.Object({
          parents: Type.Optional(
            Type.Boolean({ description: 'Create missing parents; an existing directory is fine' }),
          ),
        }),
        body: Type.Optional(Type.Union([MakeDirBody, Type.Null()])),
        [OPTIONAL_BODY_KEY]: true,
        response: {
          200: json(Attrs, 'The directory existed (parents=true)', STAT_HEADERS),
          201: json(Attrs, 'Created', CREATED),
          ...problems(409, 507, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { mode: 493 }, response: DIR_EXAMPLE },
      },
    },
    async (req, reply) => {
      const mode = req.body?.mode;
      const path = pathParam(req);
      if (req.query.parents) {
        const r = await s.paths.makeDirs(req.params.fs, requestMeta(req), path, mode);
        if (r.created) created(reply, 'v1', 'fs', req.params.fs, 'dirs', ...pathSegments(path));
        return sendStat(reply, r.stat, r.created ? 201 : 200);
      }
      const m = await s.paths.createAt(req.params.fs, requestMeta(req), path, { type: 'dir', mode });
      created(reply, 'v1', 'fs', req.params.fs, 'dirs', ...pathSegments(path));
      return sendStat(reply, replayHeader(reply, m), 201);
    },
  );

  app.post(
    '/v1/fs/:fs/rename',
    {
      schema: {
        operationId: 'renamePath',
        tags,
        summary: 'rename(2) by path: replace, noReplace, exchange',
        description:
          'Moves `from` to `to` atomically, replacing what `to` names (an empty directory, or a non-directory) as rename(2) does; noReplace refuses an existing `to` (409 EEXIST); exchange swaps the two. A directory cannot move into its own subtree (400 EINVAL). If-Match renames only while `from` names the inode with that ETag (412, nothing changed, otherwise).',
        params: FsParams,
        headers: Type.Object({ ...IfMatchNamedHeader, ...IdempotencyKeyHeader }),
        body: RenamePathBody,
        response: {
          204: empty('Renamed', { 'idempotent-replayed': H.replayed }),
          ...problems(409, 412, 423, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { from: 'docs/hello-again.txt', to: 'docs/notes/hello.txt' } },
      },
    },
    async (req, reply) => {
      const { from, to, noReplace, exchange } = req.body;
      const flags = { noReplace, exchange };
      replayHeader(reply, await s.paths.renamePath(req.params.fs, requestMeta(req), from, to, flags, ifMatchOf(req)));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/v1/fs/:fs/symlinks/*',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'createSymlink',
        tags,
        summary: 'symlink(2)',
        description:
          'Creates a symbolic link at the path pointing to `target` (any text without NUL: relative to the link, or absolute from the filesystem root). The Location is the new inode.',
        params: PathParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: SymlinkBody,
        response: { 201: json(Attrs, 'Created', CREATED), ...problems(409, 507, ...JSON_BODY_PROBLEMS) },
        [EXAMPLE_KEY]: {
          request: { target: 'docs/hello.txt' },
          response: { ...STAT_EXAMPLE, type: 'symlink', mode: 511, target: 'docs/hello.txt' },
        },
      },
    },
    async (req, reply) => {
      const m = await s.paths.createAt(req.params.fs, requestMeta(req), pathParam(req), {
        type: 'symlink',
        target: req.body.target,
      });
      const stat = replayHeader(reply, m);
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', stat.ino);
      return sendStat(reply, stat, 201);
    },
  );

  app.put(
    '/v1/fs/:fs/links/*',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'createLink',
        tags,
        summary: 'link(2): a hard link at path to existing',
        description:
          'Gives the inode `existing` names another name (a final symlink in `existing` is not followed, as link(2)). Directories cannot be hard-linked (403 EPERM). The Location is the inode.',
        params: PathParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: LinkBody,
        response: { 201: json(Attrs, 'Linked', CREATED), ...problems(403, 409, ...JSON_BODY_PROBLEMS) },
        [EXAMPLE_KEY]: { request: { existing: 'docs/hello.txt' }, response: { ...STAT_EXAMPLE, nlink: 2 } },
      },
    },
    async (req, reply) => {
      const m = await s.paths.createLink(req.params.fs, requestMeta(req), pathParam(req), req.body.existing);
      const stat = replayHeader(reply, m);
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', stat.ino);
      return sendStat(reply, stat, 201);
    },
  );
}
