// The answers each operation declares (DESIGN §6: "every status, header and HEAD operation
// declared"). Route schemas are built from these, so Fastify serializes by the same schemas
// the OpenAPI document states, and the contract test (test/contract/) holds the server to them.
import { Type, type TSchema } from 'typebox';
import { Problem } from './schemas.ts';

const JSON_TYPE = 'application/json';
export const PROBLEM_TYPE = 'application/problem+json';
export const BINARY_TYPE = 'application/octet-stream';

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
} as const;

/** A JSON answer. */
export function json<T extends TSchema>(schema: T, description: string, headers: Headers = {}) {
  return { description, headers, content: { [JSON_TYPE]: { schema } } };
}

/** A binary answer (file contents). */
export function binary(description: string, headers: Headers = {}) {
  return {
    description,
    headers,
    content: { [BINARY_TYPE]: { schema: Type.String({ format: 'binary', contentMediaType: BINARY_TYPE }) } },
  };
}

/** An answer without a body (204, 304, HEAD). */
export function empty(description: string, headers: Headers = {}) {
  return { description, headers, type: 'null' as const };
}

/** What each error status means, for the document (the codes are Problem.code's enum). */
const PROBLEMS: Record<number, string> = {
  400: 'Bad input: EINVAL (name, path, JSON, parameter), ENAMETOOLONG, ELOOP',
  403: 'EPERM: not allowed on this kind of inode (e.g. a hard link to a directory, chmod of a symlink)',
  404: 'ENOENT: no such filesystem, path, inode or route; ENODATA: no such extended attribute',
  409: 'The namespace refuses: EEXIST, ENOTEMPTY, ENOTDIR, EISDIR; EWRITESLOST (flush: resend the writes)',
  412: 'EPRECONDITION: If-Match, If-None-Match or If-Unmodified-Since did not hold',
  413: 'E2BIG (request or value too large), EFBIG (file too large)',
  415: 'EMEDIATYPE: the request body is not application/json',
  416: 'ERANGE: the range starts past the end of the file (Content-Range: bytes */length)',
  423: 'EBUSY: another writer holds the lease, the token was superseded, or the root cannot be changed so',
  500: 'EIO: an internal fault, e.g. the metadata store stopped after a failed log write (nothing unacknowledged was kept); try another instance',
  503: 'EAGAIN (contention, not ready), EREMOTEIO (a backend is unavailable; nothing was changed): retry after Retry-After',
  507: 'ENOSPC (capacity or xattr count), EDQUOT (inode quota)',
};

/**
 * The problem answers of an operation: 400, 404, 500 and 503 always, plus `extra`. (500 is
 * there because a stopped metadata store still answers EIO; once backend faults are all 503
 * or 507, it goes, and the contract test then flags any 500.)
 */
export function problems(...extra: number[]) {
  const out: Record<number, ReturnType<typeof problem>> = {};
  for (const status of [...new Set([400, 404, 500, 503, ...extra])].sort()) out[status] = problem(status);
  return out;
}

function problem(status: number) {
  const headers: Headers = {};
  if (status === 503) headers['retry-after'] = H.retryAfter;
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
export const LeaseTokenHeader = {
  'x-lease-token': Type.Optional(
    Type.String({ pattern: '^[0-9]{1,15}$', description: 'Fencing token of the writer lease, if one is held' }),
  ),
};
