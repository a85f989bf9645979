// Extended attributes: listXattrs, getXattr, setXattr, removeXattr.
import { Type } from 'typebox';
import { fsErr } from '../../errno.ts';
import { parseIno } from '../../fs/service.ts';
import { XATTR_MAX_COUNT, XATTR_NAME_MAX_BYTES, XATTR_VALUE_MAX_BYTES } from '../../fs/xattrs.ts';
import { XATTR_BODY_LIMIT_BYTES } from '../body-limits.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
import { empty, H, IdempotencyKeyHeader, JSON_BODY_PROBLEMS, json, problems } from '../responses.ts';
import { Encoding, InodeParams, SetXattrBody, XattrList, XattrParams, XattrValue } from '../schemas.ts';
import type { App, Services } from '../types.ts';
import { replayHeader, requestMeta } from '../wire.ts';

const tags = ['xattrs'];

function decodeValue(value: string, encoding: 'base64' | 'utf8'): Buffer {
  if (encoding === 'utf8') return Buffer.from(value, 'utf8');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) throw fsErr('EINVAL', 'value is not base64');
  return Buffer.from(value, 'base64');
}

export function xattrRoutes(app: App, s: Services): void {
  app.get(
    '/v1/fs/:fs/inodes/:ino/xattrs',
    {
      schema: {
        operationId: 'listXattrs',
        tags,
        summary: 'listxattr',
        description: 'The names of the extended attributes of an inode, in byte order.',
        params: InodeParams,
        response: { 200: json(XattrList, 'The names'), ...problems() },
        [EXAMPLE_KEY]: { response: { names: ['user.comment'] } },
      },
    },
    async (req) => ({
      names: await s.fss.listXattrs(req.params.fs, requestMeta(req).caller, parseIno(req.params.ino)),
    }),
  );

  app.get(
    '/v1/fs/:fs/inodes/:ino/xattrs/:name',
    {
      schema: {
        operationId: 'getXattr',
        tags,
        summary: 'getxattr',
        description:
          'One extended attribute (404 ENODATA if it is not set), as base64 or, with encoding=utf8, as text.',
        params: XattrParams,
        querystring: Type.Object({ encoding: Type.Optional(Encoding) }),
        response: { 200: json(XattrValue, 'The attribute'), ...problems() },
        [EXAMPLE_KEY]: { response: { name: 'user.comment', value: 'first file', encoding: 'utf8' } },
      },
    },
    async (req) => {
      const encoding = req.query.encoding ?? 'base64';
      const value = await s.fss.getXattr(
        req.params.fs,
        requestMeta(req).caller,
        parseIno(req.params.ino),
        req.params.name,
      );
      return { name: req.params.name, value: value.toString(encoding), encoding };
    },
  );

  app.put(
    '/v1/fs/:fs/inodes/:ino/xattrs/:name',
    {
      bodyLimit: XATTR_BODY_LIMIT_BYTES,
      schema: {
        operationId: 'setXattr',
        tags,
        summary: 'setxattr (mode create = XATTR_CREATE, replace = XATTR_REPLACE)',
        description:
          'Sets an extended attribute. mode=create refuses an existing one (409 EEXIST), mode=replace a missing one (404 ENODATA). ' +
          `Limits per inode: at most ${XATTR_MAX_COUNT} xattrs (507 ENOSPC past it), names of at most ${XATTR_NAME_MAX_BYTES} bytes (ENAMETOOLONG), ` +
          `values of at most ${XATTR_VALUE_MAX_BYTES} bytes (413 E2BIG). Names are user.*, trusted.* or security.* (EOPNOTSUPP otherwise); ` +
          'trusted.* and security.* need root.',
        params: XattrParams,
        headers: Type.Object(IdempotencyKeyHeader),
        body: SetXattrBody,
        response: {
          204: empty('Set', { 'idempotent-replayed': H.replayed }),
          ...problems(409, 507, ...JSON_BODY_PROBLEMS),
        },
        [EXAMPLE_KEY]: { request: { value: 'first file', encoding: 'utf8' } },
      },
    },
    async (req, reply) => {
      const value = decodeValue(req.body.value, req.body.encoding ?? 'base64');
      const m = await s.fss.setXattr(
        req.params.fs,
        requestMeta(req),
        parseIno(req.params.ino),
        req.params.name,
        value,
        req.body.mode ?? 'any',
      );
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/v1/fs/:fs/inodes/:ino/xattrs/:name',
    {
      schema: {
        operationId: 'removeXattr',
        tags,
        summary: 'removexattr',
        description: 'Removes an extended attribute (404 ENODATA if it is not set).',
        params: XattrParams,
        headers: Type.Object(IdempotencyKeyHeader),
        response: { 204: empty('Removed', { 'idempotent-replayed': H.replayed }), ...problems() },
      },
    },
    async (req, reply) => {
      const m = await s.fss.removeXattr(req.params.fs, requestMeta(req), parseIno(req.params.ino), req.params.name);
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );
}
