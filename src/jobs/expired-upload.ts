// An upload whose intent expired (DESIGN §1.6 "Nothing leaks"; fs/intents.ts): its writer died
// or gave up between writing objects and committing the slices that name them. Undoing it
// deletes the objects the intent names and the slices it staged under a generation the inode
// never switched to; the caller then drops the intent record. The sweeper does this for every
// expired intent on each pass; fsck --repair does it for the ones it finds.
import { decodeInode } from '../fs/codec.ts';
import type { UploadIntent } from '../fs/intents.ts';
import { inodeKey, slicePrefix } from '../fs/keys.ts';
import { inodeObjectPrefix } from '../fs/layout.ts';
import type { FsInfo } from '../fs/model.ts';
import type { KvStore } from '../kv/types.ts';
import type { ObjectStore } from '../objects/types.ts';
import { deleteObjects } from './object-deletes.ts';
import type { Purger } from './purge.ts';

/** Undo an expired upload; the number of objects deleted. */
export async function undoExpiredUpload(
  deps: { kv: KvStore; objects: ObjectStore; purger: Purger },
  fs: FsInfo,
  intent: UploadIntent,
): Promise<number> {
  const prefix = inodeObjectPrefix(fs.id, intent.ino);
  const names = new Set(intent.sliceIds.map((id) => `${prefix}${id}_`));
  const doomed: string[] = [];
  for await (const key of deps.objects.list(prefix)) {
    if (names.has(key.slice(0, key.indexOf('_') + 1))) doomed.push(key);
  }
  await deleteObjects(deps.objects, doomed);
  const inode = await deps.kv.transact((tx) => tx.get(inodeKey(fs.id, intent.ino)));
  if (intent.stagedGen !== undefined && (!inode || decodeInode(intent.ino, inode).gen !== intent.stagedGen)) {
    await deps.purger.purgeSlices(fs, intent.ino, slicePrefix(intent.stagedGen)); // staged, never switched to
  }
  return doomed.length;
}
