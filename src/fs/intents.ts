// Upload intents (DESIGN §3.3, guarantee 6): before objects are uploaded, a record names them
// (by slice id), their writer (the write verifier of the instance's boot, coord/identity.ts)
// and an expiry; the transaction that commits their slices deletes it. If the writer dies in
// between, the sweeper collects the intent — at once when its writer is known dead (a previous
// boot, or an instance no longer registered), else once it expires — and deletes the objects
// and any slices staged under a content generation that was never switched to. Collecting
// first marks the intent (`collecting`), in a transaction, so a writer that was only thought
// dead cannot commit slices whose objects are going (its commit finds the mark and fails);
// the record goes last, so a sweeper that dies midway leaves it to the next pass.
// fs/slices.ts is the only writer of intents, besides the sweeper's mark.
import { fsErr } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { intentKey } from './keys.ts';

/** The default expiry (CIRRUS_INTENT_TTL_MS): an upload or flush may take this long. */
export const UPLOAD_INTENT_TTL_MS = 24 * 60 * 60 * 1000;
/**
 * The shortest expiry allowed. A flush or upload slower than its intent's expiry is not lost:
 * its commit finds the intent collected and fails with EAGAIN (the client sends the data again).
 */
export const MIN_INTENT_TTL_MS = 60_000;

export interface UploadIntent {
  ino: number;
  sliceIds: number[];
  /** A whole-file upload stages slices under a new generation before switching to it. */
  stagedGen?: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
  /** The write verifier of the instance (boot) writing the objects; absent on intents written before it was recorded. */
  writer?: string;
  /** Set by the sweeper when it starts deleting the objects: the intent can no longer be committed. */
  collecting?: boolean;
}

/**
 * Part of a committing transaction: the intent is still there and not being collected (its
 * objects are intact), else EAGAIN — the writer took longer than the expiry, or was taken for
 * dead; the client sends the data again.
 */
export async function assertIntentLive(tx: Tx, fsId: number, id: string): Promise<void> {
  const raw = await tx.get(intentKey(fsId, id));
  if (!raw || decodeIntent(raw).collecting) {
    throw fsErr(
      'EAGAIN',
      `the upload's intent ${id} was collected before its commit (it outlived CIRRUS_INTENT_TTL_MS, or its writer was taken for dead): send the data again`,
    );
  }
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
