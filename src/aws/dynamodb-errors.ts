// How a failed DynamoDB call is judged, for every caller (the metadata engine's calls,
// kv/dynamodb-calls.ts, and the coordinator's, coord/dynamodb-calls.ts): whether sending it again
// may help, and whether it failed on its condition.
//   throttled  ThrottlingException, ProvisionedThroughputExceededException, RequestLimitExceeded,
//              or a cancelled transaction whose reasons say so: nothing was applied;
//   conflict   another transaction holds one of the items (TransactionConflict), or our own
//              earlier send of the same token still runs: nothing was applied by this call;
//   lost       a timeout, a refused or reset connection, a 5xx: the call may have been applied.
// DynamoDB Local never throttles and serialises transactions, so it produces none of the first
// two: tests inject them (test/kv/dynamodb-faults.test.ts, test/coord/dynamodb-*.test.ts).
import type { CancellationReason } from '@aws-sdk/client-dynamodb';

const THROTTLED = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'LimitExceededException',
]);
const IN_THE_WAY = new Set(['TransactionConflictException', 'TransactionInProgressException']);
const NO_ANSWER_NAMES = new Set(['TimeoutError', 'RequestTimeout', 'AbortError']);
const NO_ANSWER_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
const THROTTLED_REASONS = new Set(['ThrottlingError', 'ProvisionedThroughputExceeded', 'RequestLimitExceeded']);

export type Transient = 'throttled' | 'conflict' | 'lost';

export interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  CancellationReasons?: CancellationReason[];
}

/** Why a failed call may be retried, or undefined if it may not. */
export function transientKind(e: unknown): Transient | undefined {
  const err = (e ?? {}) as SdkError;
  const name = err.name ?? '';
  if (name === 'TransactionCanceledException') {
    const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
    if (codes.includes('ConditionalCheckFailed')) return undefined;
    if (codes.includes('TransactionConflict')) return 'conflict';
    if (codes.some((c) => THROTTLED_REASONS.has(c))) return 'throttled';
    return undefined;
  }
  if (THROTTLED.has(name)) return 'throttled';
  if (IN_THE_WAY.has(name)) return 'conflict';
  const status = err.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return 'lost';
  // No HTTP answer at all: a timeout, a refused or reset connection.
  if (status === undefined && (NO_ANSWER_NAMES.has(name) || NO_ANSWER_CODES.has(err.code ?? ''))) return 'lost';
  return undefined;
}

/** The call failed on its condition (a plain write's, or one action's of a transaction). */
export function conditionFailed(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  if (err.name === 'ConditionalCheckFailedException') return true;
  return (
    err.name === 'TransactionCanceledException' &&
    (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')
  );
}
