// Inode-level namespace: getattr/setattr, readdir, lookup, create, link, unlink/rmdir, rename.
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import {
  Attrs,
  CreateEntryBody,
  Empty,
  EntryParams,
  InodeParams,
  LinkEntryBody,
  ListQuery,
  Listing,
  RenameEntryBody,
  SetAttrsBody,
  FsParams,
} from '../schemas.ts';
import { ERRORS, type App, type Services } from '../types.ts';
import { attrChanges, ifMatchOf, replayHeader, requestMeta, sendStat, toListing } from '../wire.ts';

const tags = ['inodes'];

export function inodeRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/inodes/:ino',
    {
      schema: {
        operationId: 'getInode',
        tags,
        summary: 'getattr',
        params: InodeParams,
        response: { 200: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const stat = await s.fss.getInode(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino));
      return sendStat(reply, stat);
    },
  );

  app.patch(
    '/v1/fs/:fs/inodes/:ino',
    {
      schema: {
        operationId: 'setInodeAttrs',
        tags,
        summary: 'setattr: chmod, chown, utimens, truncate',
        description: 'Honours If-Match with the ETag from getInode (412 EPRECONDITION when it is not current).',
        params: InodeParams,
        body: SetAttrsBody,
        response: { 200: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const m = await s.fss.setInodeAttrs(
        req.params.fs,
        requestMeta(req),
        parseIno(req.params.ino),
        attrChanges(req.body),
        ifMatchOf(req),
      );
      return sendStat(reply, replayHeader(reply, m));
    },
  );

  app.get(
    '/v1/fs/:fs/inodes/:ino/entries',
    {
      schema: {
        operationId: 'readDir',
        tags,
        summary: 'readdir / readdirplus with cursor paging',
        params: InodeParams,
        querystring: ListQuery,
        response: { 200: Listing, ...ERRORS },
      },
    },
    async (req) => {
      const page = await s.fss.readDir(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino), req.query);
      return toListing(page);
    },
  );

  app.get(
    '/v1/fs/:fs/inodes/:ino/entries/:name',
    {
      schema: {
        operationId: 'lookup',
        tags,
        summary: 'lookup a name in a directory',
        params: EntryParams,
        response: { 200: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const stat = await s.fss.lookup(
        req.params.fs,
        requestMeta(req).caller,
        parseIno(req.params.ino),
        req.params.name,
      );
      return sendStat(reply, stat);
    },
  );

  app.post(
    '/v1/fs/:fs/inodes/:ino/entries',
    {
      schema: {
        operationId: 'createEntry',
        tags,
        summary: 'create a file, directory or symlink in a directory',
        params: InodeParams,
        body: CreateEntryBody,
        response: { 201: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const { name, ...spec } = req.body;
      const m = await s.fss.createEntry(req.params.fs, requestMeta(req), parseIno(req.params.ino), name, spec);
      return sendStat(reply, replayHeader(reply, m), 201);
    },
  );

  app.put(
    '/v1/fs/:fs/inodes/:ino/entries/:name',
    {
      schema: {
        operationId: 'linkEntry',
        tags,
        summary: 'hard link: a new name for an existing inode',
        params: EntryParams,
        body: LinkEntryBody,
        response: { 201: Attrs, ...ERRORS },
      },
    },
    async (req, reply) => {
      const m = await s.fss.linkEntry(
        req.params.fs,
        requestMeta(req),
        parseIno(req.params.ino),
        req.params.name,
        parseIno(req.body.ino),
      );
      return sendStat(reply, replayHeader(reply, m), 201);
    },
  );

  app.delete(
    '/v1/fs/:fs/inodes/:ino/entries/:name',
    {
      schema: {
        operationId: 'removeEntry',
        tags,
        summary: 'unlink a file or symlink, or rmdir an empty directory',
        params: EntryParams,
        querystring: Type.Object({
          type: Type.Optional(
            Type.Union([Type.Literal('dir'), Type.Literal('nondir')], { description: 'rmdir only / unlink only' }),
          ),
        }),
        response: { 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      const kind = req.query.type ?? 'any';
      const m = await s.fss.removeEntry(
        req.params.fs,
        requestMeta(req),
        parseIno(req.params.ino),
        req.params.name,
        kind,
      );
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/v1/fs/:fs/rename-entry',
    {
      schema: {
        operationId: 'renameEntry',
        tags,
        summary: 'rename by parent inode and name (noReplace, exchange)',
        params: FsParams,
        body: RenameEntryBody,
        response: { 204: Empty, ...ERRORS },
      },
    },
    async (req, reply) => {
      const b = req.body;
      const m = await s.fss.renameEntry(
        req.params.fs,
        requestMeta(req),
        { parent: parseIno(b.parent), name: b.name },
        { parent: parseIno(b.newParent), name: b.newName },
        { noReplace: b.noReplace, exchange: b.exchange },
      );
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );
}
