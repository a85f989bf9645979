// Upload intents (DESIGN §3.3, guarantee 6): before objects are uploaded, a record names them
// (by slice id) with an expiry; the transaction that commits their slices deletes it. If the
// writer dies in between, the sweeper finds the expired intent and deletes the objects, and
// any slices staged under a content generation that was never switched to. fs/slices.ts is
// the only writer of intents.
import type { Tx } from '../kv/types.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { intentKey } from './keys.ts';

export const UPLOAD_INTENT_TTL_MS = 24 * 60 * 60 * 1000;

export interface UploadIntent {
  ino: number;
  sliceIds: number[];
  /** A whole-file upload stages slices under a new generation before switching to it. */
  stagedGen?: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export function newIntentId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export function putIntent(tx: Tx, fsId: number, id: string, intent: UploadIntent): void {
  tx.put(intentKey(fsId, id), encodeJson(intent));
}

/** Part of the committing transaction. */
export function dropIntent(tx: Tx, fsId: number, id: string): void {
  tx.delete(intentKey(fsId, id));
}

export function decodeIntent(raw: Uint8Array): UploadIntent {
  return decodeJson<UploadIntent>(raw);
}
