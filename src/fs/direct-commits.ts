// A direct upload's commit and close (DESIGN §4 "Direct data plane"), the slice changes of
// data/direct-uploads.ts, made through Slices (fs/slices.ts) like every other. Its commit
// follows the same rules as a flush's append (fs/slice-commit.ts), for the slices its intent
// planned, while the upload is open and not about to expire; optionally the file then ends
// where it ends. Its ids and intent are reserved by Slices.reserve.
import { fsErr } from '../errno.ts';
import type { KvLimits, KvStore } from '../kv/types.ts';
import { decodeInode } from './codec.ts';
import { findAnswer, type IdempotencyRequest, storeAnswer } from './idempotency.ts';
import { coversInline, dropInline, inlineNotCovered } from './inline.ts';
import { type Stat, statOf } from './inodes.ts';
import {
  DIRECT_LATE_PUT_GRACE_MS,
  type DirectUpload,
  dropIntent,
  openDirect,
  putIntent,
  readIntent,
} from './intents.ts';
import { inodeKey } from './keys.ts';
import type { FsInfo, Inode } from './model.ts';
import type { CounterShards } from './shards.ts';
import { commitSlices } from './slice-commit.ts';

/**
 * Keys a direct upload's commit touches besides its slices: the stored answer, the intent, the
 * inode, the lease and its token counter, a usage shard. Counted whether read or written: a
 * DynamoDB transaction holds at most that many keys of either kind (kv/dynamodb-items.ts).
 */
const DIRECT_COMMIT_KEYS_BESIDES_SLICES = 6;

/** Slices one direct upload may commit (one per chunk its range touches), within the engine's limit. */
export function slicesInDirectCommit(limits: KvLimits): number {
  return limits.maxWritesPerTx - DIRECT_COMMIT_KEYS_BESIDES_SLICES;
}

/**
 * A direct upload into a file kept inline must cover its bytes from offset 0 (EINVAL
 * otherwise): the client writes the objects, so nothing can carry the inline bytes into them.
 */
export function checkDirectOverInline(inode: Inode, ranges: readonly { offset: number; len: number }[]): void {
  if (inode.inline && !coversInline(inode, ranges)) throw inlineNotCovered(inode);
}

/** An open direct upload of `ino`: ENOENT when it is committed, aborted, expired or unknown. */
export async function directUpload(kv: KvStore, fs: FsInfo, ino: number, uploadId: string): Promise<DirectUpload> {
  const intent = await kv.transact((tx) => readIntent(tx, fs.id, uploadId));
  return openDirect(intent, ino, uploadId, Date.now());
}

/**
 * Commit a direct upload whose objects were checked: in one transaction, the upload must
 * still be open (not committed, closed, or within DIRECT_COMMIT_MARGIN_MS of expiring), its
 * slices are committed as `append` commits them, and its intent is dropped. `endsFile`: the
 * file then ends where the upload ends. With `idem`, the answer is stored for retries.
 */
export function commitDirect(
  kv: KvStore,
  shards: CounterShards,
  fs: FsInfo,
  ino: number,
  uploadId: string,
  opts: { token: number | undefined; endsFile: boolean; idem?: IdempotencyRequest },
): Promise<{ value: Stat; replayed: boolean }> {
  return kv.transact(async (tx) => {
    const now = Date.now();
    if (opts.idem) {
      const prior = await findAnswer(tx, opts.idem, now);
      if (prior) return { value: prior.value as Stat, replayed: true };
    }
    const upload = openDirect(await readIntent(tx, fs.id, uploadId), ino, uploadId, now);
    const raw = await tx.get(inodeKey(fs.id, ino));
    if (!raw) throw fsErr('ENOENT', `no inode ${ino}: the file was removed`);
    const inode = decodeInode(ino, raw);
    if (inode.inline) {
      checkDirectOverInline(inode, upload.slices); // checked when planned; the file may have changed since
      dropInline(tx, fs.id, inode); // the upload's bytes supersede every inline one
    }
    await commitSlices(tx, shards, fs, inode, upload.slices, { token: opts.token, endsFile: opts.endsFile });
    dropIntent(tx, fs.id, uploadId);
    const value = statOf(inode);
    if (opts.idem) storeAnswer(tx, opts.idem, value, now);
    return { value, replayed: false };
  });
}

/**
 * Close an open direct upload that will never be committed (aborted, or refused at its
 * commit): its intent stays, closed, until its URLs have expired (plus
 * DIRECT_LATE_PUT_GRACE_MS), then the sweeper collects whatever landed. The upload if this
 * call closed it (the caller deletes its objects now), undefined if it was not open.
 */
export async function closeDirect(
  kv: KvStore,
  fs: FsInfo,
  ino: number,
  uploadId: string,
): Promise<DirectUpload | undefined> {
  return kv.transact(async (tx) => {
    const intent = await readIntent(tx, fs.id, uploadId);
    if (!intent?.direct || intent.ino !== ino || intent.direct.closed) return undefined;
    const upload = openDirect(intent, ino, uploadId, Number.NEGATIVE_INFINITY); // (expiry does not matter here)
    const until = intent.direct.urlsExpireAt + DIRECT_LATE_PUT_GRACE_MS;
    putIntent(tx, fs.id, uploadId, { ...intent, expiresAt: until, direct: { ...intent.direct, closed: true } });
    return upload;
  });
}
