// The one place where errors become HTTP: FsError codes map to statuses, everything is
// answered as application/problem+json (RFC 9457) with the POSIX `code`. Bad input of any
// kind (schema, JSON, route, content type) is a 4xx; only our own faults are 5xx.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FsError, type Errno } from '../errno.ts';

export const STATUS_OF: Record<Errno, number> = {
  ENOENT: 404,
  ENODATA: 404,
  EEXIST: 409,
  ENOTEMPTY: 409,
  ENOTDIR: 409,
  EISDIR: 409,
  EXDEV: 409,
  EWRITESLOST: 409,
  EINVAL: 400,
  ENAMETOOLONG: 400,
  ELOOP: 400,
  EPERM: 403,
  EACCES: 403,
  EAUTH: 401,
  ERATELIMITED: 429,
  EMLINK: 409,
  EOPNOTSUPP: 400,
  EBADCHECKSUM: 400,
  EPRECONDITION: 412,
  EMEDIATYPE: 415,
  ERANGE: 416,
  E2BIG: 413,
  EFBIG: 413,
  EBUSY: 423,
  ENOSPC: 507,
  EDQUOT: 507,
  ENOSYS: 501,
  EAGAIN: 503,
  EREMOTEIO: 503,
  ECANCELED: 503,
  EIO: 500,
};

export const RETRY_AFTER_SECONDS = 1;

export function sendProblem(
  reply: FastifyReply,
  req: FastifyRequest,
  status: number,
  code: string,
  detail: string,
  extra?: Record<string, unknown>,
): FastifyReply {
  if (status === 503) reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  // Answering before the request body was read (a refused upload): close the connection, or
  // the unread rest of the body would be taken as the client's next request.
  if (!req.raw.complete) reply.header('connection', 'close');
  if (status === 416 && typeof extra?.length === 'number') reply.header('content-range', `bytes */${extra.length}`);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `https://cirrusfs.dev/errors/${code}`,
      title: code,
      status,
      code,
      detail,
      instance: req.url,
      ...extra,
    });
}

/** Fastify's own errors (validation, parsing, limits) as POSIX-coded problems. */
function frameworkProblem(err: FastifyError): { status: number; code: Errno } | undefined {
  if (err.validation || err.code === 'FST_ERR_VALIDATION') return { status: 400, code: 'EINVAL' };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, code: 'E2BIG' };
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, code: 'EMEDIATYPE' };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return { status: err.statusCode, code: 'EINVAL' };
  return undefined;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | FsError, req, reply) => {
    if (err instanceof FsError) {
      const status = STATUS_OF[err.code] ?? 500;
      if (status >= 500) req.log.error({ err }, 'request failed');
      return sendProblem(reply, req, status, err.code, err.message, err.details);
    }
    const known = frameworkProblem(err as FastifyError);
    if (known) return sendProblem(reply, req, known.status, known.code, err.message);
    req.log.error({ err }, 'unexpected error');
    return sendProblem(reply, req, 500, 'EIO', 'internal error');
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, req, 404, 'ENOENT', `no route ${req.method} ${req.url.split('?')[0]}`),
  );
}
