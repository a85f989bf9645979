// Path-level namespace routes: stat/setattr, list/mkdir, delete, rename, symlink, link.
// {path} is the rest of the URL ("*"), "/"-separated and percent-encoded; empty = root.
import { Type } from 'typebox';
import {
  Attrs,
  Empty,
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
import { ERRORS, type App, type Services } from '../types.ts';
import { attrChanges, ifMatchOf, pathParam, replayHeader, requestMeta, sendStat, toListing } from '../wire.ts';

const tags = ['paths'];

export function pathRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/attrs/*',
    {
      schema: {
        operationId: 'statPath',
        tags,
        summary: 'stat a path (lstat unless follow=true)',
        params: PathParams,
        querystring: Type.Object({
          follow: Type.Optional(Type.Boolean({ description: 'Follow a final symlink (stat rather than lstat)' })),
        }),
        response: { 200: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const stat = await s.paths.statPath(
        req.params.fs,
        requestMeta(req).caller,
        pathParam(req),
        req.query.follow ?? false,
      );
      return sendStat(reply, stat);
    },
  );

  app.patch(
    '/v1/fs/:fs/attrs/*',
    {
      schema: {
        operationId: 'setPathAttrs',
        tags,
        summary: 'chmod, chown, utimens, truncate by path (If-Match honoured)',
        params: PathParams,
        body: SetAttrsBody,
        response: { 200: Attrs, ...ERRORS },
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

  app.get(
    '/v1/fs/:fs/dirs/*',
    {
      schema: {
        operationId: 'listDir',
        tags,
        summary: 'list a directory (the root is the empty path)',
        params: PathParams,
        querystring: ListQuery,
        response: { 200: Listing, ...ERRORS },
      },
    },
    async (req) => {
      const page = await s.paths.listDir(req.params.fs, requestMeta(req).caller, pathParam(req), req.query);
      return toListing(page);
    },
  );

  app.put(
    '/v1/fs/:fs/dirs/*',
    {
      schema: {
        operationId: 'makeDir',
        tags,
        summary: 'mkdir (parents=true: mkdir -p, 200 if it already exists)',
        params: PathParams,
        querystring: Type.Object({ parents: Type.Optional(Type.Boolean()) }),
        body: Type.Optional(MakeDirBody),
        response: { 200: Attrs, 201: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const mode = req.body?.mode;
      if (req.query.parents) {
        const r = await s.paths.makeDirs(req.params.fs, requestMeta(req), pathParam(req), mode);
        return sendStat(reply, r.stat, r.created ? 201 : 200);
      }
      const m = await s.paths.createAt(req.params.fs, requestMeta(req), pathParam(req), { type: 'dir', mode });
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
        params: FsParams,
        body: RenamePathBody,
        response: { 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { from, to, noReplace, exchange } = req.body;
      replayHeader(reply, await s.paths.renamePath(req.params.fs, requestMeta(req), from, to, { noReplace, exchange }));
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/v1/fs/:fs/symlinks/*',
    {
      schema: {
        operationId: 'createSymlink',
        tags,
        summary: 'symlink(2)',
        params: PathParams,
        body: SymlinkBody,
        response: { 201: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const m = await s.paths.createAt(req.params.fs, requestMeta(req), pathParam(req), {
        type: 'symlink',
        target: req.body.target,
      });
      return sendStat(reply, replayHeader(reply, m), 201);
    },
  );

  app.put(
    '/v1/fs/:fs/links/*',
    {
      schema: {
        operationId: 'createLink',
        tags,
        summary: 'link(2): a hard link at path to existing',
        params: PathParams,
        body: LinkBody,
        response: { 201: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const m = await s.paths.createLink(req.params.fs, requestMeta(req), pathParam(req), req.body.existing);
      return sendStat(reply, replayHeader(reply, m), 201);
    },
  );
}
