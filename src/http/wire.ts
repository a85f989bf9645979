// Translating between the wire and the fs layer: attributes, ETags, request metadata.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatTime, parseTime } from '../fs/clock.ts';
import type { AttrChanges } from '../fs/attrs.ts';
import { checkIdempotencyKey } from '../fs/idempotency.ts';
import type { Stat } from '../fs/inodes.ts';
import type { ReadDirPage } from '../fs/namespace.ts';
import type { Mutation, RequestMeta } from '../fs/service.ts';
import { callerOf } from './auth/plugin.ts';
import { evaluatePreconditions, httpDate } from './conditional.ts';
import type { AttrsT } from './schemas.ts';

export function toAttrs(s: Stat): AttrsT {
  const a: AttrsT = {
    ino: s.ino,
    type: s.type,
    mode: s.mode,
    uid: s.uid,
    gid: s.gid,
    nlink: s.nlink,
    length: s.length,
    atime: formatTime(s.atime),
    mtime: formatTime(s.mtime),
    ctime: formatTime(s.ctime),
  };
  if (s.rdev) a.rdev = s.rdev;
  if (s.target !== undefined) a.target = s.target;
  if (s.entries !== undefined) a.entries = s.entries;
  return a;
}

/** A listing page on the wire: attributes (readdirplus) as stat answers. */
export function toListing(page: ReadDirPage) {
  return { ...page, entries: page.entries.map((e) => ({ ...e, attrs: e.attrs && toAttrs(e.attrs) })) };
}

export const quoteEtag = (etag: string) => `"${etag}"`;

/**
 * The ETags an If-Match lists (strong comparison, RFC 9110 §13.1.1: a weak tag never
 * matches); undefined when absent or "*".
 */
export function ifMatchOf(req: FastifyRequest): string[] | undefined {
  const raw = req.headers['if-match'];
  if (raw === undefined || raw.trim() === '*') return undefined;
  return raw
    .split(',')
    .map((t) => t.trim())
    .filter((t) => !t.startsWith('W/'))
    .map((t) => t.replace(/^"(.*)"$/, '$1'));
}

/** Answer with a stat, its ETag and (attributes change at ctime) Last-Modified. */
export function sendStat(reply: FastifyReply, stat: Stat, status = 200): AttrsT {
  reply.code(status).header('etag', quoteEtag(stat.etag)).header('last-modified', httpDate(stat.ctime.sec));
  return toAttrs(stat);
}

/** A stat read (statPath, getInode): 304 when the client's copy is current (RFC 9110 §13). */
export function serveStat(req: FastifyRequest, reply: FastifyReply, stat: Stat): AttrsT | FastifyReply {
  if (evaluatePreconditions(req, { etag: stat.etag, modifiedSec: stat.ctime.sec }) === 'not-modified') {
    return reply
      .code(304)
      .header('etag', quoteEtag(stat.etag))
      .header('last-modified', httpDate(stat.ctime.sec))
      .send();
  }
  return sendStat(reply, stat);
}

/** A 201's Location: an absolute path on this server, each segment percent-encoded. */
export function created(reply: FastifyReply, ...segments: (string | number)[]): FastifyReply {
  return reply.code(201).header('location', `/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`);
}

/** A {path} split into its names, for building a Location (empty segments dropped). */
export const pathSegments = (path: string): string[] => path.split('/').filter(Boolean);

/** Who asks, and the Idempotency-Key with a fingerprint of the request it belongs to. */
export function requestMeta(req: FastifyRequest): RequestMeta {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return { caller: callerOf(req) };
  const h = createHash('sha256').update(`${req.method} ${req.url}\n`);
  if (req.body !== undefined && !(req.body && typeof (req.body as { pipe?: unknown }).pipe === 'function')) {
    h.update(JSON.stringify(req.body));
  } else {
    h.update(`length=${req.headers['content-length'] ?? ''}`);
  }
  return {
    caller: callerOf(req),
    idempotency: { key: checkIdempotencyKey(String(key)), fingerprint: h.digest('base64url') },
  };
}

/** Mark replayed answers of idempotent retries. */
export function replayHeader<T>(reply: FastifyReply, m: Mutation<T>): T {
  if (m.replayed) reply.header('idempotent-replayed', 'true');
  return m.value;
}

export function attrChanges(body: {
  mode?: number;
  uid?: number;
  gid?: number;
  atime?: string;
  mtime?: string;
  size?: number;
}): AttrChanges {
  const ch: AttrChanges = { mode: body.mode, uid: body.uid, gid: body.gid, size: body.size };
  if (body.atime !== undefined) ch.atime = body.atime === 'now' ? 'now' : parseTime(body.atime);
  if (body.mtime !== undefined) ch.mtime = body.mtime === 'now' ? 'now' : parseTime(body.mtime);
  return ch;
}

/**
 * The {path} of a path-level route, decoded. Names can never contain "/", so an encoded slash
 * (%2F, what generated clients send for "/" in a path parameter) can only be a separator; "/"
 * alone, the empty path and a route without {path} all name the root.
 */
export function pathParam(req: FastifyRequest): string {
  return (req.params as Record<string, string | undefined>)['*'] ?? '';
}

/** The X-Lease-Token header, if sent (validated by the route schema). */
export function leaseToken(headers: { 'x-lease-token'?: string }): number | undefined {
  const raw = headers['x-lease-token'];
  return raw === undefined ? undefined : Number(raw);
}
