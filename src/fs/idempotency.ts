// Idempotency-Key on mutations (DESIGN §3.4): the answer of a successful mutation is stored in
// the same transaction as the mutation itself, so a client that timed out and retries with the
// same key gets the first answer instead of a second change (or a confusing EEXIST). Only
// successes are stored; a failed request wrote nothing and may simply be retried. Answers are
// kept IDEMPOTENCY_TTL_MS; the sweeper removes older ones.
import { fsErr } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { idempotencyKey } from './keys.ts';

export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyRequest {
  /** Filesystem name, or "" for catalogue operations. */
  scope: string;
  key: string;
  /** Identifies the request (method, route, body): a key reused for another request is refused. */
  fingerprint: string;
}

export interface StoredAnswer {
  fp: string;
  /** Milliseconds since the epoch when stored. */
  at: number;
  value: unknown;
}

/**
 * The scope of a filesystem's answers: its *id*, so a filesystem deleted and created again
 * under the same name never replays the old one's answers.
 */
export function fsScope(fsId: number): string {
  return `#${fsId}`;
}

export function checkIdempotencyKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw fsErr('EINVAL', 'an Idempotency-Key is 1-255 visible ASCII characters');
  return key;
}

/** The stored answer for this request, if it already ran; EINVAL if the key was used for another. */
export async function findAnswer(tx: Tx, req: IdempotencyRequest, nowMs: number): Promise<StoredAnswer | undefined> {
  const raw = await tx.get(idempotencyKey(req.scope, req.key));
  if (!raw) return undefined;
  const stored = decodeJson<StoredAnswer>(raw);
  if (nowMs - stored.at > IDEMPOTENCY_TTL_MS) return undefined;
  if (stored.fp !== req.fingerprint) {
    throw fsErr('EINVAL', 'this Idempotency-Key was already used for a different request');
  }
  return stored;
}

export function storeAnswer(tx: Tx, req: IdempotencyRequest, value: unknown, nowMs: number): void {
  tx.put(
    idempotencyKey(req.scope, req.key),
    encodeJson({ fp: req.fingerprint, at: nowMs, value } satisfies StoredAnswer),
  );
}
