// Filesystem deletion in the background (DIGEST §6.6): deleteFs renamed the filesystem in the
// catalogue and marked it DELETING (its name is free at once); each sweeper pass then purges a
// bounded batch of it — the tree from the root, its queues, and finally whatever objects its
// prefix still holds — and the pass that finishes drops the catalogue entry. Compaction and the
// trash's retention stop for it (DIGEST: "Trash and compaction stop for DELETING partitions").
import { dropFsRecords } from '../fs/catalogue.ts';
import { fsObjectPrefix } from '../fs/layout.ts';
import { ROOT_INO, type FsInfo } from '../fs/model.ts';
import {
  dropCandidates,
  purgeGenerations,
  purgeReplacedObjects,
  purgeTrash,
  type QueueContext,
  sweepIntents,
} from './queues.ts';
import { deleteObjects, OBJECT_DELETE_BATCH } from './object-deletes.ts';
import type { PurgeBudget } from './purge.ts';

/** Leftover objects (named by nothing any more) deleted per pass: as many as 20 delete calls. */
export const FS_DELETE_OBJECTS_PER_PASS = 20 * OBJECT_DELETE_BATCH;

/**
 * One batch of a DELETING filesystem's purge: true when it is gone (catalogue entry dropped),
 * false when the budget ran out first (BudgetSpent from the purges, or the object batches).
 */
export async function deleteFsBatch(
  q: QueueContext,
  fs: FsInfo,
  budget: PurgeBudget,
  log: (msg: string) => void,
): Promise<boolean> {
  q.book.ran('fsDeletion');
  const before = q.purger.stats.inodes;
  try {
    await q.purger.purgeTree(fs, ROOT_INO, { budget });
    const all = { nowMs: Number.MAX_SAFE_INTEGER, all: true, budget };
    await purgeTrash(q, fs, all);
    await purgeGenerations(q, fs, all);
    await sweepIntents(q, fs, all);
    await purgeReplacedObjects(q, fs, all);
    await dropCandidates(q, fs);
  } finally {
    q.book.count('fsDeletion', 'inodes', q.purger.stats.inodes - before);
  }
  const batch: string[] = [];
  let deleted = 0;
  for await (const key of q.objects.list(fsObjectPrefix(fs.id))) {
    if (deleted >= FS_DELETE_OBJECTS_PER_PASS) return false;
    batch.push(key);
    if (batch.length >= OBJECT_DELETE_BATCH) {
      await deleteObjects(q.objects, batch.splice(0));
      deleted += OBJECT_DELETE_BATCH;
      q.book.count('fsDeletion', 'objects', OBJECT_DELETE_BATCH);
    }
  }
  await deleteObjects(q.objects, batch);
  q.book.count('fsDeletion', 'objects', batch.length);
  await q.kv.transact((tx) => dropFsRecords(tx, fs));
  q.book.done('fsDeletion');
  log(`filesystem ${fs.name} deleted`);
  return true;
}
