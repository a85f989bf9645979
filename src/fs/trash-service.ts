// The trash operations of the API (listTrash, getTrashEntry, restoreTrashEntry,
// purgeTrashEntry), each one transaction on one filesystem (fs/trash.ts has the rules). Also
// what the `cirrus trash` command calls when it works on the store directly.
import { fsErr } from '../errno.ts';
import type { Caller } from './namespace.ts';
import type { FileSystems, Mutation, RequestMeta } from './service.ts';
import {
  listTrash,
  NeedInodes,
  purgeEarly,
  restoreEntry,
  trashEntry,
  type Restored,
  type RestoreOptions,
  type TrashEntry,
  type TrashPage,
} from './trash.ts';

/** A restore re-plans at most this often when the tree changes under it (each time it needs more new directories). */
const RESTORE_PLANS = 3;

export class Trash {
  constructor(private readonly fss: FileSystems) {}

  list(fsName: string, caller: Caller, opts: { limit?: number; cursor?: string }): Promise<TrashPage> {
    return this.fss.read(fsName, caller, (c) => listTrash(c, opts, Date.now()));
  }

  get(fsName: string, caller: Caller, ino: number): Promise<TrashEntry> {
    return this.fss.read(fsName, caller, (c) => trashEntry(c, ino, Date.now()));
  }

  /**
   * Restore an entry; parent directories missing on the way to its path are re-created (their
   * inode numbers are allocated first, so the restore stays one transaction).
   */
  async restore(fsName: string, meta: RequestMeta, ino: number, opts: RestoreOptions): Promise<Mutation<Restored>> {
    const inos: number[] = [];
    for (let plan = 1; ; plan++) {
      try {
        return await this.fss.planned(fsName, (fs) =>
          this.fss.mutate(fsName, meta, (c) => restoreEntry(c, ino, opts, inos), fs.id),
        );
      } catch (e) {
        if (!(e instanceof NeedInodes)) throw e;
        if (plan >= RESTORE_PLANS)
          throw fsErr('EAGAIN', 'the directories on the way to the restore kept changing; retry');
        const fs = await this.fss.info(fsName);
        await this.fss.quota.check(fs, e.count, 0);
        while (inos.length < e.count) inos.push(await this.fss.inoAllocator(fs).allocate());
      }
    }
  }

  /** Purge an entry at the next sweeper pass instead of after its retention (a leased file still waits). */
  purgeEarly(fsName: string, meta: RequestMeta, ino: number): Promise<Mutation<TrashEntry>> {
    return this.fss.mutate(fsName, meta, (c) => purgeEarly(c, ino, Date.now()));
  }
}
