// The answers each operation declares (DESIGN §6: "every status, header and HEAD operation
// declared"). Route schemas are built from these, so Fastify serializes by the same schemas
// the OpenAPI document states, and the contract test (test/contract/) holds the server to them.
import { Type, type TSchema } from 'typebox';
import { Problem } from './schemas.ts';

const JSON_TYPE = 'application/json';
export const PROBLEM_TYPE = 'application/problem+json';
export const BINARY_TYPE = 'application/octet-stream';
const ANY_TYPE = '*/*';

/** Marks a response header the answer always carries (openapi.ts makes it `required: true`). */
export const REQUIRED_HEADER_KEY = 'x-cirrus-required';

/** A response header: its schema (as @fastify/swagger takes it) and description. */
type HeaderSpec = Record<string, unknown> & { description: string };
type Headers = Record<string, HeaderSpec>;

const text = (description: string, required = false, extra: Record<string, unknown> = {}): HeaderSpec => ({
  type: 'string',
  description,
  ...(required ? { [REQUIRED_HEADER_KEY]: true } : {}),
  ...extra,
});

/** Response headers, by name as they go on the wire. */
export const H = {
  etag: (required = true) =>
    text('The version of the inode (strong entity tag): send it as If-Match, If-None-Match or If-Range', required, {
      pattern: '^"[^"]*"$',
    }),
  lastModified: text('Last change (HTTP date, second precision), for If-Modified-Since and If-Unmodified-Since', true),
  mtime: text('Last modification with nanoseconds (RFC 3339)', true),
  acceptRanges: text('Always "bytes": Range requests are served', true, { enum: ['bytes'] }),
  contentLength: { type: 'integer', minimum: 0, description: 'Body length in bytes', [REQUIRED_HEADER_KEY]: true },
  contentRange: (required: boolean) =>
    text('206: "bytes first-last/length"; 416: "bytes */length"', required, {
      pattern: '^bytes (\\d+-\\d+|\\*)/\\d+$',
    }),
  location: text('Where the created resource is (a path on this server)', true),
  replayed: text('"true" when this is the stored answer of an earlier request with the same Idempotency-Key', false, {
    enum: ['true'],
  }),
  retryAfter: text('Seconds to wait before retrying', true, { pattern: '^[0-9]+$' }),
  wwwAuthenticate: text('The scheme to authenticate with: Bearer', true),
  rateLimit: text("RateLimit-Limit / -Remaining / -Reset: the principal's request budget in this window", false),
  redirect: text('A presigned S3 URL that answers the same request (send the same Range)', true),
  noStore: text('"no-store": the redirect expires with its URL, never cache it', true, { enum: ['no-store'] }),
} as const;

/** A JSON answer. */
export function json<T extends TSchema>(schema: T, description: string, headers: Headers = {}) {
  return { description, headers, content: { [JSON_TYPE]: { schema } } };
}

/**
 * A binary answer (file contents): sent as the file's Content-Type attribute, so any media
 * type may come; application/octet-stream (the default) first, so generators pick it.
 */
export function binary(description: string, headers: Headers = {}) {
  const bytes = Type.String({ format: 'binary', contentMediaType: BINARY_TYPE });
  return { description, headers, content: { [BINARY_TYPE]: { schema: bytes }, [ANY_TYPE]: { schema: bytes } } };
}

/** An answer without a body (204, 304, HEAD). */
export function empty(description: string, headers: Headers = {}) {
  return { description, headers, type: 'null' as const };
}

/** What each error status means, for the document (the codes are Problem.code's enum). */
const PROBLEMS: Record<number, string> = {
  400: 'Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP; EOPNOTSUPP (an xattr namespace other than user, trusted, security); EBADCHECKSUM (a body that does not match its Content-MD5 or X-Checksum-CRC32C)',
  401: 'EAUTH: no bearer token, or one that is unknown, expired or badly signed (WWW-Authenticate: Bearer)',
  403: "EACCES: the token's scope or the POSIX permissions do not allow it; EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink) or not the owner",
  404: 'ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute',
  409: 'The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR, EMLINK; EWRITESLOST (flush: resend the writes)',
  412: 'EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold',
  413: 'E2BIG (request or value too large), EFBIG (file too large)',
  415: 'EMEDIATYPE: a JSON body that is not application/json, or file contents sent with a Content-Encoding other than identity',
  416: 'ERANGE: the range starts past the end of the file (Content-Range: bytes */length)',
  429: 'ERATELIMITED: this principal is over its request rate; retry after Retry-After',
  423: 'EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so',
  500: 'EIO: an internal fault (a closed store while the instance shuts down, a bug): try another instance',
  501: 'ENOSYS: not offered by this deployment (the direct data plane needs an S3 object store)',
  503: 'EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After',
  507: 'ENOSPC (capacity or xattr count; or a full metadata or object disk: nothing unacknowledged was kept, retry once there is room), EDQUOT (inode quota)',
};

/**
 * The problem answers of an operation: 400, 404, 500, 503 and 507 always, the answers of
 * authentication and permission checks (401, 403, 429), plus `extra`. 503 and 507 are there
 * because any call may meet a stopped metadata store (507 while its disk is full, 503 while
 * its log cannot be written) or an unavailable backend; 500 stays declared for what is
 * neither (a closed store during shutdown, a bug), and it is never the answer to a backend
 * fault.
 */
export function problems(...extra: number[]) {
  const out: Record<number, ReturnType<typeof problem>> = {};
  const always = [400, 401, 403, 404, 429, 500, 503, 507];
  for (const status of [...new Set([...always, ...extra])].sort()) out[status] = problem(status);
  return out;
}

/** The problem answers of an operation that only authenticates (no filesystem, no input). */
export function authProblems() {
  return { 401: problem(401), 429: problem(429) };
}

function problem(status: number) {
  const headers: Headers = {};
  if (status === 503 || status === 429) headers['retry-after'] = H.retryAfter;
  if (status === 401) headers['www-authenticate'] = H.wwwAuthenticate;
  if (status === 429) {
    for (const name of ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']) headers[name] = H.rateLimit;
  }
  if (status === 416) headers['content-range'] = H.contentRange(true);
  return { description: PROBLEMS[status], headers, content: { [PROBLEM_TYPE]: { schema: Problem } } };
}

/** Answers of operations that take a JSON body: too large (413) or not JSON (415). */
export const JSON_BODY_PROBLEMS = [413, 415] as const;

// ---- request headers ---------------------------------------------------------------------

const ETAG_LIST = 'One or more entity tags ("…", comma-separated) or *';
export const IdempotencyKeyHeader = {
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 255,
      description:
        'Makes the request safe to retry: a retry with the same key (and the same request) gets the first answer, marked Idempotent-Replayed, instead of a second change',
      examples: ['create-readme-1'],
    }),
  ),
};
export const IfMatchHeader = {
  'if-match': Type.Optional(
    Type.String({ description: `Change only if the inode's ETag is one of these (else 412). ${ETAG_LIST}` }),
  ),
};
/** If-Match of an operation that changes the inode a name refers to (delete, rename). */
export const IfMatchNamedHeader = {
  'if-match': Type.Optional(
    Type.String({
      description: `Change only if the ETag of the inode the name refers to is one of these (else 412). ${ETAG_LIST}`,
    }),
  ),
};
/** Bodies of file contents are taken as sent: no content coding. */
export const ContentEncodingHeader = {
  'content-encoding': Type.Optional(
    Type.String({
      description: 'Absent or "identity": the body is stored as sent (any other coding, e.g. gzip, answers 415)',
    }),
  ),
};
/** Preconditions of a read (RFC 9110 §13): 304 for a cached copy, 412 for a failed If-Match. */
export const ConditionalReadHeaders = {
  'if-match': Type.Optional(Type.String({ description: `Answer 412 unless the ETag is one of these. ${ETAG_LIST}` })),
  'if-none-match': Type.Optional(
    Type.String({ description: `Answer 304 (no body) if the ETag is one of these. ${ETAG_LIST}` }),
  ),
  'if-modified-since': Type.Optional(
    Type.String({ description: 'Answer 304 unless changed after this HTTP date (ignored with If-None-Match)' }),
  ),
  'if-unmodified-since': Type.Optional(
    Type.String({ description: 'Answer 412 if changed after this HTTP date (ignored with If-Match)' }),
  ),
};
export const RangeHeaders = {
  range: Type.Optional(
    Type.String({
      description:
        'One byte range, "bytes=first-last", "bytes=first-" or "bytes=-suffix" → 206 (several ranges, or another unit, are ignored: 200 with the whole file)',
      examples: ['bytes=0-1023'],
    }),
  ),
  'if-range': Type.Optional(
    Type.String({
      description:
        'Serve the Range only if the file is still this version (an ETag, or a Last-Modified date); otherwise 200 with the whole file',
    }),
  ),
};
/** Optional whole-body checksums of an upload or a write (data/body-checksums.ts). */
export const BodyChecksumHeaders = {
  'content-md5': Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{22}==$',
      description:
        'Base64 MD5 of the whole body (RFC 1864): checked before anything is written; a mismatch is 400 EBADCHECKSUM',
      examples: ['1B2M2Y8AsgTpgAmY7PhCfg=='],
    }),
  ),
  'x-checksum-crc32c': Type.Optional(
    Type.String({
      pattern: '^[A-Za-z0-9+/]{6}==$',
      description:
        "Base64 of the body's big-endian CRC32C (as S3's x-amz-checksum-crc32c): checked before anything is written; a mismatch is 400 EBADCHECKSUM",
      examples: ['AAAAAA=='],
    }),
  ),
};

export const LeaseTokenHeader = {
  'x-lease-token': Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'Fencing token of the writer lease, if one is held' }),
  ),
};

/**
 * Route options of answers that are one inode's attributes or a fixed-shape status: always far
 * below the compression threshold (a stat is ~250 bytes of JSON), so the compression hook
 * (compression.ts) is not installed: hooks cost a getattr a few per cent of its CPU.
 */
export const SMALL_ANSWER = { compress: false } as const;
