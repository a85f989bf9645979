// One etcd call made for a request (a dirty marker, the instance list, a flush request): retried
// through an etcd leader election, then EAGAIN (503 with Retry-After at the HTTP face).
import pRetry from 'p-retry';
import { fsErr } from '../errno.ts';

/**
 * How long a coordination call keeps retrying while etcd is unreachable. etcd elects a new
 * leader in 1-3 s (DIGEST §5.3: election timeout 3 s; a Raft leader kill stalled calls 2.0 s
 * with per-call deadlines when measured), so 10 s rides out a few elections. The metadata
 * engine allows itself the same budget, so a request waits on either for as long.
 */
export const COORD_CALL_RETRY_MS = 10_000;
/** Pause between attempts (jittered ×1..2 by p-retry). */
const COORD_CALL_PAUSE_MS = 150;

export async function etcdCall<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await pRetry(fn, {
      retries: Number.POSITIVE_INFINITY,
      maxRetryTime: COORD_CALL_RETRY_MS,
      minTimeout: COORD_CALL_PAUSE_MS,
      factor: 1,
      randomize: true,
    });
  } catch (e) {
    throw fsErr('EAGAIN', `coordination (etcd) unavailable for ${what}: ${(e as Error).message}`);
  }
}
