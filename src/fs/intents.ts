// Upload intents (DESIGN §3.3, guarantee 6): before objects are uploaded, a record names them
// (by slice id) with an expiry; the transaction that commits their slices deletes it. If the
// writer dies in between, the sweeper finds the expired intent and deletes the objects, and
// any slices staged under a content generation that was never switched to. fs/slices.ts is
// the only writer of intents.
//
// A direct upload (DESIGN §4 "Direct data plane": a client PUTs the blocks itself through
// presigned URLs) keeps in its intent what its commit needs: the slices, the checksums its
// PUTs were signed with, and when its URLs stop working. Its id is the upload's id.
import type { Tx } from '../kv/types.ts';
import type { ChecksumAlgorithm } from '../objects/direct.ts';
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
  /** Present for a direct upload. */
  direct?: DirectUploadRecord;
}

/** A direct upload's plan, fixed when its URLs were signed. */
export interface DirectUploadRecord {
  /** The slices it commits, in order: one per chunk its range touches (ids are `sliceIds`). */
  slices: { sliceId: number; offset: number; len: number }[];
  /** One per block of those slices, in order: the checksum its PUT URL was signed with. */
  checksums?: { algorithm: ChecksumAlgorithm; values: string[] };
  /** When its last URL stops working (milliseconds since the epoch). */
  urlsExpireAt: number;
  /**
   * Aborted, or refused at its commit: it will never be committed. The intent stays until its
   * URLs have expired so the sweeper also collects a PUT that lands after the abort.
   */
  closed?: boolean;
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

export async function readIntent(tx: Tx, fsId: number, id: string): Promise<UploadIntent | undefined> {
  const raw = await tx.get(intentKey(fsId, id));
  return raw && decodeIntent(raw);
}

export function decodeIntent(raw: Uint8Array): UploadIntent {
  return decodeJson<UploadIntent>(raw);
}
