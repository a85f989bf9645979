// Cross-origin requests (browsers), through @fastify/cors: off unless CIRRUS_CORS_ORIGINS names
// the origins allowed ("*" for any). The API's own headers are exposed to scripts, so a
// browser client can read ETags, ranges and replay marks.
import cors from '@fastify/cors';
import type { App } from './types.ts';

/** Request headers a browser client may send (besides the CORS-safelisted ones). */
const ALLOWED_HEADERS = [
  'content-type',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'if-range',
  'range',
  'idempotency-key',
  'x-lease-token',
  'authorization',
  'content-md5',
  'x-checksum-crc32c',
];
/** Answer headers a browser client may read. */
const EXPOSED_HEADERS = [
  'etag',
  'last-modified',
  'content-range',
  'content-length',
  'accept-ranges',
  'location',
  'retry-after',
  'idempotent-replayed',
  'x-cirrus-mtime',
  'www-authenticate',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
];
/** Browsers may cache a preflight answer this long. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;

export async function registerCors(app: App, origins: readonly string[]): Promise<void> {
  if (origins.length === 0) return;
  await app.register(cors, {
    origin: origins.includes('*') ? '*' : [...origins],
    methods: ['GET', 'HEAD', 'PUT', 'POST', 'PATCH', 'DELETE'],
    allowedHeaders: ALLOWED_HEADERS,
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
}
