// The per-filesystem queues the namespace and the data path leave behind (DESIGN §1.6
// "Nothing leaks"), each drained by one job of the sweeper's pass:
//   trash            records past the filesystem's retention → purge the inode or detached
//                    tree (DIGEST §2.9: trash.expiredAfterSec), never a file a writer holds
//                    the lease of (delayed to a later pass: "and not open");
//   generations      replaced content generations → purge their slices and objects, after
//                    GEN_PURGE_GRACE_MS;
//   intents          expired upload intents → delete the objects they name and any staged slices;
//   replacedObjects  objects a compaction replaced → delete them after REPLACED_OBJECTS_GRACE_MS.
// `all` (a filesystem being deleted) ignores retention, graces, expiry and leases.
import type { Leadership } from '../coord/leadership.ts';
import { decodeJson, encodeJson } from '../fs/codec.ts';
import { decodeIntent } from '../fs/intents.ts';
import {
  compactionGroup,
  genPurgeGroup,
  intentGroup,
  readOrdUint,
  replacedGroup,
  slicePrefix,
  trashGroup,
} from '../fs/keys.ts';
import type { FsInfo } from '../fs/model.ts';
import { decodeReplaced, replacedObjectKeys } from '../fs/replaced-objects.ts';
import { claimForPurge, decodeTrash } from '../fs/trash.ts';
import type { KvStore } from '../kv/types.ts';
import type { ObjectStore } from '../objects/types.ts';
import { drain } from './drain.ts';
import { undoExpiredUpload } from './expired-upload.ts';
import { deleteObjects } from './object-deletes.ts';
import type { JobBook, JobName } from './job-stats.ts';
import { LeaseHeld, type PurgeBudget, type Purger } from './purge.ts';

const DAY_SEC = 86_400;
/** Replaced contents stay readable this long, so a download in progress can finish. */
export const GEN_PURGE_GRACE_MS = 15 * 60 * 1000;
/** Objects a compaction replaced stay this long, for the same reason: a read planned before the swap streams them. */
export const REPLACED_OBJECTS_GRACE_MS = GEN_PURGE_GRACE_MS;

/** What the queue jobs work with. */
export interface QueueContext {
  kv: KvStore;
  objects: ObjectStore;
  purger: Purger;
  /** The sweeper's permit: leadership, and the pass deadline. */
  permit: Leadership;
  book: JobBook;
  /** Whether the instance boot with this write verifier may still be writing (see SweeperDeps). */
  writerAlive: (verifier: string) => Promise<boolean>;
}

export interface QueueOptions {
  nowMs: number;
  /** Everything, now (a filesystem being deleted). */
  all: boolean;
  /** Inodes the purges may still remove in this pass. */
  budget: PurgeBudget;
}

export async function purgeTrash(q: QueueContext, fs: FsInfo, o: QueueOptions): Promise<void> {
  const job: JobName = 'trash';
  q.book.ran(job);
  const cutoffSec = Math.floor(o.nowMs / 1000 - fs.trashDays * DAY_SEC);
  const group = trashGroup(fs.id);
  await drain(q.kv, q.permit, group, async (item, value) => {
    const [dtime] = readOrdUint(item);
    if (!o.all && dtime > cutoffSec) return 'stop'; // items are in removal order (early purges at 0)
    if (o.budget.inodesLeft <= 0) return 'stop'; // claimed entries cannot be restored: claim only what this pass can purge
    const claim = await q.kv.transact((tx) =>
      claimForPurge(tx, fs.id, { group, item }, { nowMs: o.nowMs, leases: !o.all }),
    );
    if (claim === 'gone') return 'skip'; // restored meanwhile
    if (claim === 'leased') {
      q.book.count(job, 'delayedByLease');
      return 'skip';
    }
    const rec = decodeTrash(value);
    try {
      if (rec.tree) await q.purger.purgeTree(fs, rec.ino, { budget: o.budget, leases: !o.all });
      else await q.purger.purgeInode(fs, rec.ino, { budget: o.budget });
    } catch (e) {
      if (!(e instanceof LeaseHeld)) throw e;
      q.book.count(job, 'delayedByLease');
      return 'skip';
    }
    q.book.done(job);
    return 'done';
  });
}

export async function purgeGenerations(q: QueueContext, fs: FsInfo, o: QueueOptions): Promise<void> {
  q.book.ran('generations');
  await drain(q.kv, q.permit, genPurgeGroup(fs.id), async (item, value) => {
    // Readers still streaming the old contents keep their objects for a grace period.
    if (!o.all && o.nowMs - decodeJson<{ at: number }>(value).at < GEN_PURGE_GRACE_MS) return 'skip';
    const [ino, at] = readOrdUint(item);
    const [gen] = readOrdUint(item, at);
    await q.purger.purgeSlices(fs, ino, slicePrefix(gen));
    q.book.done('generations');
    return 'done';
  });
}

export async function sweepIntents(q: QueueContext, fs: FsInfo, o: QueueOptions): Promise<void> {
  q.book.ran('intents');
  await drain(q.kv, q.permit, intentGroup(fs.id), async (item, value) => {
    const seen = decodeIntent(value);
    const expired = o.all || seen.expiresAt <= o.nowMs;
    if (!expired && (seen.writer === undefined || (await q.writerAlive(seen.writer)))) return 'skip';
    // Marked first, in a transaction: a writer taken for dead that still commits finds the mark
    // and fails (fs/intents.ts assertIntentLive), rather than commit slices whose objects are
    // being deleted.
    const intent = await q.kv.transact(async (tx) => {
      const raw = await tx.get({ group: intentGroup(fs.id), item });
      if (!raw) return undefined; // committed or abandoned meanwhile
      const current = decodeIntent(raw);
      if (!current.collecting)
        tx.put({ group: intentGroup(fs.id), item }, encodeJson({ ...current, collecting: true }));
      return current;
    });
    if (!intent) return 'skip';
    // Past its expiry, or at once because its writer was known dead (getStatus jobs.intents.counters).
    q.book.count('intents', expired ? 'expired' : 'writerDead', 1);
    q.book.count('intents', 'objects', await undoExpiredUpload(q, fs, intent));
    q.book.done('intents');
    return 'done';
  });
}

export async function purgeReplacedObjects(q: QueueContext, fs: FsInfo, o: QueueOptions): Promise<void> {
  q.book.ran('replacedObjects');
  await drain(q.kv, q.permit, replacedGroup(fs.id), async (item, value) => {
    const [atMs] = readOrdUint(item);
    if (!o.all && o.nowMs - atMs < REPLACED_OBJECTS_GRACE_MS) return 'stop'; // items are in time order
    const keys = replacedObjectKeys(fs, fs.id, decodeReplaced(value));
    await deleteObjects(q.objects, keys);
    q.book.count('replacedObjects', 'objects', keys.length);
    q.book.done('replacedObjects');
    return 'done';
  });
}

/** A filesystem being deleted has nothing left to compact: its candidates go. */
export async function dropCandidates(q: QueueContext, fs: FsInfo): Promise<void> {
  await drain(q.kv, q.permit, compactionGroup(fs.id), async () => 'done');
}
