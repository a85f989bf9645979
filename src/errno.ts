// Errors are values with a POSIX code; http/errors.ts maps them to HTTP in one place.
// Every layer may throw FsError; nothing below http/ knows about status codes.

export const ERRNO_CODES = [
  'ENOENT',
  'EEXIST',
  'ENOTDIR',
  'EISDIR',
  'ENOTEMPTY',
  'EINVAL',
  'ENAMETOOLONG',
  'ELOOP',
  'EPERM',
  'EACCES',
  'EXDEV',
  'E2BIG',
  'ENOSPC',
  'EDQUOT',
  'EBUSY',
  'EAGAIN',
  'EIO',
  'ERANGE',
  'ENODATA',
  'EFBIG',
  'ENOSYS',
  'ECANCELED',
  'EREMOTEIO',
  'EMLINK',
  'EOPNOTSUPP',
  // Not POSIX: a failed HTTP precondition (If-Match / If-None-Match), lost unstable writes, a
  // request body of a media type the operation does not take (415), a missing or invalid
  // credential (401; BSD's EAUTH, as NFS names it), a principal over its request rate (429),
  // and a body that does not match the checksum the client sent with it (400).
  'EPRECONDITION',
  'EWRITESLOST',
  'EMEDIATYPE',
  'EAUTH',
  'ERATELIMITED',
  'EBADCHECKSUM',
] as const;
export type Errno = (typeof ERRNO_CODES)[number];

export class FsError extends Error {
  readonly code: Errno;
  /** Extra machine-readable fields for the problem body (e.g. the lost verifier). */
  readonly details?: Record<string, unknown>;

  constructor(code: Errno, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'FsError';
    this.code = code;
    this.details = details;
  }
}

export function fsErr(code: Errno, message: string, details?: Record<string, unknown>): FsError {
  return new FsError(code, message, details);
}

/** Assert an invariant of our own code (a bug if it fails, never bad input). */
export function invariant(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${message}`);
}
