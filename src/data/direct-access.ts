// What the direct data plane's uploads and downloads share (DESIGN §4 "Direct data plane"):
// how long a presigned URL works, and the refusal when the object store has no URLs to give.
import { fsErr } from '../errno.ts';
import type { DirectAccess } from '../objects/direct.ts';

/**
 * How long a presigned URL works: long enough for one request's blocks or plan at modest
 * speeds (1000 blocks of 4 MiB at 10 MB/s take about 7 minutes), short enough that a leaked
 * URL soon stops working. URLs signed with temporary credentials (an AWS Lambda role) stop
 * working when those credentials expire, whichever comes first.
 */
export const DIRECT_URL_EXPIRY_S = 60 * 60;

/** The direct plane needs an object store clients can reach: S3. */
export function requireDirect(direct: DirectAccess | undefined, storeKind: string): DirectAccess {
  if (direct) return direct;
  throw fsErr(
    'ENOSYS',
    `the direct data plane needs an S3 object store; this instance keeps objects in a ${storeKind} store that clients cannot reach: use readData/downloadFile and writeData/uploadFile`,
    { objectStore: storeKind },
  );
}
