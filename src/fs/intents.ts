// Upload intents (DESIGN §3.3, guarantee 6): before objects are uploaded, a record names them
// (by slice id), their writer (the write verifier of the instance's boot, coord/identity.ts)
// and an expiry; the transaction that commits their slices deletes it. If the writer dies in
// between, the sweeper collects the intent — at once when its writer is known dead (a previous
// boot, or an instance no longer registered), else once it expires — and deletes the objects
// and any slices staged under a content generation that was never switched to. Collecting
// first marks the intent (`collecting`), in a transaction, so a writer that was only thought
// dead cannot commit slices whose objects are going (its commit finds the mark and fails);
// the record goes last, so a sweeper that dies midway leaves it to the next pass.
// Slices (fs/slices.ts, and the modules it makes changes through) is the only writer of intents,
// besides the sweeper's mark.
//
// A direct upload (DESIGN §4 "Direct data plane": a client PUTs the blocks itself through
// presigned URLs) keeps in its intent what its commit needs: the slices, the checksums its
// PUTs were signed with, and when its URLs stop working. Its id is the upload's id. Its
// writer is the client, not an instance, so it names none and waits for its expiry.
import { fsErr, invariant } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import type { ChecksumAlgorithm } from '../objects/direct.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { intentKey } from './keys.ts';
import type { NewSlice } from './slice-records.ts';

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

export async function readIntent(tx: Tx, fsId: number, id: string): Promise<UploadIntent | undefined> {
  const raw = await tx.get(intentKey(fsId, id));
  return raw && decodeIntent(raw);
}

export function decodeIntent(raw: Uint8Array): UploadIntent {
  return decodeJson<UploadIntent>(raw);
}

/**
 * A direct upload commits at least this long before its intent expires. The sweeper deletes
 * an expired intent's objects, possibly on another instance whose clock differs: the margin
 * covers that skew and the commit transaction's own duration, so a commit never names
 * objects the sweeper is deleting.
 */
export const DIRECT_COMMIT_MARGIN_MS = 5 * 60 * 1000;
/**
 * S3 checks a presigned URL's expiry when a request starts, so a PUT begun just before may
 * still land this much later (the largest block, 64 MiB, at 100 KB/s takes about 11 minutes). A closed upload
 * keeps its intent this long past its URLs' expiry, for the sweeper to collect such a PUT.
 */
export const DIRECT_LATE_PUT_GRACE_MS = 15 * 60 * 1000;

/** An open direct upload, as its intent planned it. */
export interface DirectUpload {
  uploadId: string;
  ino: number;
  slices: NewSlice[];
  record: DirectUploadRecord;
}

/** The open direct upload an intent describes: ENOENT if it is not one (committed, closed, expiring, another inode's). */
export function openDirect(intent: UploadIntent | undefined, ino: number, uploadId: string, now: number): DirectUpload {
  const record = intent?.direct;
  if (!intent || !record || intent.ino !== ino || record.closed) {
    throw fsErr('ENOENT', `inode ${ino} has no open upload ${uploadId} (committed, aborted, expired or unknown)`, {
      uploadId,
    });
  }
  if (now >= intent.expiresAt - DIRECT_COMMIT_MARGIN_MS) {
    throw fsErr('ENOENT', `upload ${uploadId} has expired: its objects are being collected; upload again`, {
      uploadId,
    });
  }
  const slices = record.slices.map((s) => ({ ...s, compaction: 0, zero: false }));
  invariant(
    slices.length > 0 && slices.every((s, i) => s.sliceId === intent.sliceIds[i]),
    'a direct upload names the slices it commits',
  );
  return { uploadId, ino, slices, record };
}
