// Extended attributes: listXattrs, getXattr, setXattr, removeXattr.
import { Type } from 'typebox';
import { fsErr } from '../../errno.ts';
import { parseIno } from '../../fs/service.ts';
import { XATTR_MAX_COUNT, XATTR_NAME_MAX_BYTES, XATTR_VALUE_MAX_BYTES } from '../../fs/xattrs.ts';
import { Empty, Encoding, InodeParams, SetXattrBody, XattrList, XattrParams, XattrValue } from '../schemas.ts';
import { XATTR_BODY_LIMIT_BYTES } from '../body-limits.ts';
import { ERRORS, type App, type Services } from '../types.ts';
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
    { schema: { operationId: 'listXattrs', tags, params: InodeParams, response: { 200: XattrList, ...ERRORS } } },
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
        params: XattrParams,
        querystring: Type.Object({ encoding: Type.Optional(Encoding) }),
        response: { 200: XattrValue, ...ERRORS },
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
          `Limits per inode: at most ${XATTR_MAX_COUNT} xattrs (507 ENOSPC past it), names of at most ${XATTR_NAME_MAX_BYTES} bytes (ENAMETOOLONG), ` +
          `values of at most ${XATTR_VALUE_MAX_BYTES} bytes (413 E2BIG). Names are user.*, trusted.* or security.* (EOPNOTSUPP otherwise); ` +
          'trusted.* and security.* need root.',
        params: XattrParams,
        body: SetXattrBody,
        response: { 204: Empty, ...ERRORS },
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
    { schema: { operationId: 'removeXattr', tags, params: XattrParams, response: { 204: Empty, ...ERRORS } } },
    async (req, reply) => {
      const m = await s.fss.removeXattr(req.params.fs, requestMeta(req), parseIno(req.params.ino), req.params.name);
      replayHeader(reply, m);
      return reply.code(204).send(null);
    },
  );
}
