// Translating between the wire and the fs layer: attributes, ETags, request metadata.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fsErr } from '../errno.ts';
import { formatTime, parseTime } from '../fs/clock.ts';
import type { AttrChanges } from '../fs/attrs.ts';
import { checkIdempotencyKey } from '../fs/idempotency.ts';
import type { Stat } from '../fs/inodes.ts';
import type { ReadDirPage } from '../fs/namespace.ts';
import type { Mutation, RequestMeta } from '../fs/service.ts';
import { callerOf } from './auth/plugin.ts';
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

/** Answer with a stat and its ETag. */
export function sendStat(reply: FastifyReply, stat: Stat, status = 200): AttrsT {
  reply.code(status).header('etag', quoteEtag(stat.etag));
  return toAttrs(stat);
}

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
 * The {path} of a path-level route. Names can never contain "/", so an encoded slash (%2F)
 * is refused rather than silently read as a separator.
 */
export function pathParam(req: FastifyRequest): string {
  const rawPath = req.url.split('?')[0];
  if (/%2f/i.test(rawPath)) throw fsErr('EINVAL', 'a name cannot contain "/" (%2F in the path)');
  return (req.params as Record<string, string>)['*'] ?? '';
}

/** The X-Lease-Token header, if sent (validated by the route schema). */
export function leaseToken(headers: { 'x-lease-token'?: string }): number | undefined {
  const raw = headers['x-lease-token'];
  return raw === undefined ? undefined : Number(raw);
}
