// Inode-level namespace: getattr/setattr, readdir, lookup, create, link, unlink/rmdir, rename.
import { Type } from 'typebox';
import { parseIno } from '../../fs/service.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
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
  CreateEntryBody,
  EntryParams,
  FsParams,
  InodeParams,
  LinkEntryBody,
  ListQuery,
  Listing,
  RenameEntryBody,
  SetAttrsBody,
} from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { attrChanges, created, ifMatchOf, replayHeader, requestMeta, sendStat, serveStat, toListing } from '../wire.ts';
import { STAT_EXAMPLE, STAT_HEADERS } from './paths.ts';

const tags = ['inodes'];
const MUTATED = { ...STAT_HEADERS, 'idempotent-replayed': H.replayed };
const CREATED = { ...MUTATED, location: H.location };

export function inodeRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/inodes/:ino',
    {
      ...SMALL_ANSWER,
      config: { swagger: { exposeHeadRoute: true } },
      schema: {
        operationId: 'getInode',
        tags,
        summary: 'getattr',
        description:
          'The attributes of an inode, with its ETag (send it as If-Match to setInodeAttrs). If-None-Match / If-Modified-Since answer 304, If-Match / If-Unmodified-Since 412.',
        params: InodeParams,
        headers: Type.Object(ConditionalReadHeaders),
        response: {
          200: json(Attrs, 'The attributes', STAT_HEADERS),
          304: empty('Not modified: the ETag or date the client sent is current', STAT_HEADERS),
          ...problems(412),
        },
        [EXAMPLE_KEY]: { response: STAT_EXAMPLE },
      },
    },
    async (req, reply) => {
      const stat = await s.fss.getInode(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino));
      return serveStat(req, reply, stat);
    },
  );

  app.patch(
    '/v1/fs/:fs/inodes/:ino',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'setInodeAttrs',
        tags,
        summary: 'setattr: chmod, chown, utimens, truncate',
        description:
          'Changes the given attributes in one transaction. Honours If-Match with the ETag from getInode (412 EPRECONDITION when it is not current).',
        params: InodeParams,
        headers: Type.Object({ ...IfMatchHeader, ...IdempotencyKeyHeader }),
        body: SetAttrsBody,
        response: {
          200: json(Attrs, 'The new attributes', MUTATED),
          ...problems(403, 409, 412, 507, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { size: 5 }, response: { ...STAT_EXAMPLE, length: 5 } },
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
        description:
          "One page of a directory's entries in name (byte) order; pass nextCursor as cursor for the next page. attrs=true adds each entry's attributes.",
        params: InodeParams,
        querystring: ListQuery,
        response: { 200: json(Listing, 'One page of entries'), ...problems(409) },
        [EXAMPLE_KEY]: { response: { entries: [{ name: 'hello.txt', ino: 42, type: 'file' }] } },
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
      ...SMALL_ANSWER,
      schema: {
        operationId: 'lookup',
        tags,
        summary: 'lookup a name in a directory',
        description: 'The attributes of the inode the name refers to (symlinks are not followed).',
        params: EntryParams,
        response: { 200: json(Attrs, 'The attributes', STAT_HEADERS), ...problems(409) },
        [EXAMPLE_KEY]: { response: STAT_EXAMPLE },
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
      ...SMALL_ANSWER,
      schema: {
        operationId: 'createEntry',
        tags,
        summary: 'create a file, directory or symlink in a directory',
        description: 'Creates the entry and its inode in one transaction (409 EEXIST if the name is taken).',
        params: InodeParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: CreateEntryBody,
        response: { 201: json(Attrs, 'Created', CREATED), ...problems(409, 507, ...JSON_BODY_PROBLEMS) },
        [EXAMPLE_KEY]: { request: { name: 'README', type: 'file' }, response: { ...STAT_EXAMPLE, length: 0 } },
      },
    },
    async (req, reply) => {
      const { name, ...spec } = req.body;
      const m = await s.fss.createEntry(req.params.fs, requestMeta(req), parseIno(req.params.ino), name, spec);
      const stat = replayHeader(reply, m);
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', stat.ino);
      return sendStat(reply, stat, 201);
    },
  );

  app.put(
    '/v1/fs/:fs/inodes/:ino/entries/:name',
    {
      ...SMALL_ANSWER,
      schema: {
        operationId: 'linkEntry',
        tags,
        summary: 'hard link: a new name for an existing inode',
        description: 'Directories cannot be hard-linked (403 EPERM); the name must be free (409 EEXIST).',
        params: EntryParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: LinkEntryBody,
        response: { 201: json(Attrs, 'Linked', CREATED), ...problems(403, 409, ...JSON_BODY_PROBLEMS) },
        [EXAMPLE_KEY]: { request: { ino: 42 }, response: { ...STAT_EXAMPLE, nlink: 2 } },
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
      const stat = replayHeader(reply, m);
      created(reply, 'v1', 'fs', req.params.fs, 'inodes', stat.ino);
      return sendStat(reply, stat, 201);
    },
  );

  app.delete(
    '/v1/fs/:fs/inodes/:ino/entries/:name',
    {
      schema: {
        operationId: 'removeEntry',
        tags,
        summary: 'unlink a file or symlink, or rmdir an empty directory',
        description:
          'type=dir acts as rmdir (409 ENOTDIR on a non-directory), type=nondir as unlink (409 EISDIR on a directory); a directory must be empty (409 ENOTEMPTY). If-Match removes the name only while the inode it names has that ETag (412, nothing changed, otherwise).',
        params: EntryParams,
        headers: Type.Object({ ...IfMatchNamedHeader, ...IdempotencyKeyHeader }),
        querystring: Type.Object({
          type: Type.Optional(
            Type.Union([Type.Literal('dir'), Type.Literal('nondir')], { description: 'rmdir only / unlink only' }),
          ),
        }),
        response: { 204: empty('Removed', { 'idempotent-replayed': H.replayed }), ...problems(409, 412) },
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
        ifMatchOf(req),
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
        description:
          'rename(2) by directory inode and name, atomically: replaces the destination as rename(2) does; noReplace refuses an existing one (409 EEXIST); exchange swaps the two. If-Match renames only while the source inode has that ETag (412, nothing changed, otherwise).',
        params: FsParams,
        headers: Type.Object({ ...IfMatchNamedHeader, ...IdempotencyKeyHeader }),
        body: RenameEntryBody,
        response: {
          204: empty('Renamed', { 'idempotent-replayed': H.replayed }),
          ...problems(409, 412, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { parent: 1, name: 'README', newParent: 7, newName: 'README.md' } },
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
        ifMatchOf(req),
      );
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );
}
