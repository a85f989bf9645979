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
  // Not POSIX: a failed HTTP precondition (If-Match / If-None-Match), lost unstable writes, and a
  // request body of a media type the operation does not take (HTTP 415).
  'EPRECONDITION',
  'EWRITESLOST',
  'EMEDIATYPE',
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
