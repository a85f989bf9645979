// Optimistic transactions re-run on conflict (DESIGN §3.1): bounded attempts with jittered
// exponential backoff, then EAGAIN (503 with Retry-After at the HTTP face). JuiceFS retries
// conflicted transactions up to 50 times the same way (research/anchors.md).
import pRetry from 'p-retry';
import { fsErr } from '../errno.ts';

export const TX_MAX_ATTEMPTS = 50;
const TX_RETRY_MIN_MS = 1;
const TX_RETRY_MAX_MS = 100;
const TX_RETRY_FACTOR = 1.5;

/** Thrown by an engine's commit when a key read has changed; never escapes `transact`. */
export class KvConflictError extends Error {
  constructor(message = 'transaction conflict') {
    super(message);
    this.name = 'KvConflictError';
  }
}

/** Counts of conflicts seen and attempts given up, for status pages. */
export interface ConflictStats {
  conflicts: number;
  exhausted: number;
}

export async function retryOnConflict<T>(
  attempt: () => Promise<T>,
  maxAttempts = TX_MAX_ATTEMPTS,
  stats?: ConflictStats,
): Promise<T> {
  // The first attempt runs bare: most transactions never conflict, and the retry machinery
  // is not free on the hot path.
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof KvConflictError)) throw error;
    if (stats) stats.conflicts++;
    if (maxAttempts <= 1) return exhausted(maxAttempts, stats);
  }
  try {
    return await pRetry(attempt, {
      retries: maxAttempts - 2,
      onFailedAttempt: ({ error }) => {
        if (stats && error instanceof KvConflictError) stats.conflicts++;
      },
      minTimeout: TX_RETRY_MIN_MS,
      maxTimeout: TX_RETRY_MAX_MS,
      factor: TX_RETRY_FACTOR,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof KvConflictError,
    });
  } catch (error) {
    if (error instanceof KvConflictError) return exhausted(maxAttempts, stats);
    throw error;
  }
}

function exhausted(maxAttempts: number, stats?: ConflictStats): never {
  if (stats) stats.exhausted++;
  throw fsErr('EAGAIN', `transaction still conflicting after ${maxAttempts} attempts; retry later`);
}
