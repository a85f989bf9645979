// Upload intents (DESIGN §3.3, guarantee 6): before objects are uploaded, a record names them
// (by slice id) with an expiry; the transaction that commits their slices deletes it. If the
// writer dies in between, the sweeper finds the expired intent and deletes the objects, and
// any slices staged under a content generation that was never switched to.
import { decodeJson, encodeJson } from '../fs/codec.ts';
import { intentKey } from '../fs/keys.ts';
import { fsErr } from '../errno.ts';
import { openFs } from '../fs/catalogue.ts';
import type { FsInfo } from '../fs/model.ts';
import type { KvStore, Tx } from '../kv/types.ts';

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

/**
 * Record an intent, in a transaction that also checks the filesystem is live: an intent must
 * never be written into a filesystem whose deletion has begun (nothing would sweep it).
 */
export async function writeIntent(kv: KvStore, fs: FsInfo, id: string, intent: UploadIntent): Promise<void> {
  await kv.transact(async (tx) => {
    if ((await openFs(tx, fs.name)).id !== fs.id) throw fsErr('ENOENT', `filesystem ${fs.name} was deleted`);
    tx.put(intentKey(fs.id, id), encodeJson(intent));
  });
}

/** Part of the committing transaction. */
export function dropIntent(tx: Tx, fsId: number, id: string): void {
  tx.delete(intentKey(fsId, id));
}

export function decodeIntent(raw: Uint8Array): UploadIntent {
  return decodeJson<UploadIntent>(raw);
}
