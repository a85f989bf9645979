// Removing what nothing refers to any more: a file's slices and their objects, a detached
// directory tree, an inode's records. Objects are deleted before the keys that name them, so
// a crash in between only repeats work (deleting an absent object is a no-op), and a purge
// stopped half way (its budget spent, a writer's lease in the way) carries on where it stopped.
import { decodeInode, decodeDentry, decodeSlice } from '../fs/codec.ts';
import { bumpDir, readDirTotals } from '../fs/dir-stats.ts';
import { holdForPurge } from '../fs/leases.ts';
import { writeInode } from '../fs/inodes.ts';
import { dentryGroup, inodeGroup, inodeKey } from '../fs/keys.ts';
import type { FsInfo, Inode } from '../fs/model.ts';
import { deleteInodeRecords } from '../fs/remove.ts';
import { bumpUsage } from '../fs/usage.ts';
import { nowTimespec } from '../fs/clock.ts';
import { sliceObjectKeys } from '../fs/layout.ts';
import { type CounterCtx, newCounterShards } from '../fs/shards.ts';
import type { Key, KvStore, Tx } from '../kv/types.ts';
import { assertLeading, type Leadership } from '../coord/leadership.ts';
import type { ObjectStore } from '../objects/types.ts';

export interface PurgeStats {
  inodes: number;
  slices: number;
  objects: number;
}

export function emptyStats(): PurgeStats {
  return { inodes: 0, slices: 0, objects: 0 };
}

/** How many more inodes a purge may remove before it stops (BudgetSpent), leaving the rest for later. */
export interface PurgeBudget {
  inodesLeft: number;
}

/** A purge stopped at its budget; what is left is consistent and the next purge carries on. */
export class BudgetSpent extends Error {
  constructor() {
    super('purge budget spent');
    this.name = 'BudgetSpent';
  }
}

/** A purge met a file a writer holds the lease of (DIGEST §2.9 "and not open"): it waits for a later pass. */
export class LeaseHeld extends Error {
  constructor(readonly ino: number) {
    super(`inode ${ino} is leased to a writer`);
    this.name = 'LeaseHeld';
  }
}

export interface PurgeOptions {
  /** Stop (BudgetSpent) once this many inodes are removed. */
  budget?: PurgeBudget;
  /** Wait for files whose writer lease is live (LeaseHeld) instead of removing them (a filesystem deletion does not). */
  leases?: boolean;
}

export class Purger {
  /** This purger's turns over the sharded counters it changes. */
  private readonly shards = newCounterShards();

  constructor(
    private readonly kv: KvStore,
    private readonly objects: ObjectStore,
    /** Purging is leader work: asserted at every step (LeadershipLost once it is not). */
    private readonly leadership: Leadership,
    readonly stats: PurgeStats = emptyStats(),
  ) {}

  /** Keys removed per transaction: as many as the engine writes in one. */
  private get batch(): number {
    return this.kv.limits.maxWritesPerTx;
  }

  private step(): void {
    assertLeading(this.leadership, 'the purge');
  }

  private counting(tx: Tx, fs: FsInfo): CounterCtx {
    return { tx, fs, now: nowTimespec(), shards: this.shards };
  }

  /** Delete the slices (and objects) of `ino` under item prefix `prefix` ("s" = all generations). */
  async purgeSlices(fs: FsInfo, ino: number, prefix: string): Promise<void> {
    const group = inodeGroup(fs.id, ino);
    for (;;) {
      this.step();
      const page = await this.kv.transact((tx) => tx.scan(group, { prefix, limit: this.batch }));
      if (page.entries.length === 0) return;
      const keys = page.entries.flatMap((e) => sliceObjectKeys(fs, fs.id, ino, decodeSlice(e.value)));
      await this.objects.delete(keys);
      this.stats.objects += keys.length;
      await this.kv.transact(async (tx) => {
        for (const e of page.entries) tx.delete({ group, item: e.item });
      });
      this.stats.slices += page.entries.length;
    }
  }

  private spend(budget: PurgeBudget | undefined): void {
    if (budget && budget.inodesLeft <= 0) throw new BudgetSpent();
    if (budget) budget.inodesLeft--;
  }

  /** A file or symlink with no names left: its data, then its records. */
  async purgeInode(fs: FsInfo, ino: number, opts: PurgeOptions = {}): Promise<void> {
    this.spend(opts.budget);
    await this.purgeSlices(fs, ino, 's');
    await this.kv.transact(async (tx) => {
      const raw = await tx.get(inodeKey(fs.id, ino));
      if (!raw) return;
      const inode = decodeInode(ino, raw);
      await deleteInodeRecords(tx, fs.id, inode);
      bumpUsage(this.counting(tx, fs), { inodes: -1, bytes: inode.type === 'file' ? -inode.length : 0 });
    });
    this.stats.inodes++;
  }

  /** Remove everything below directory `dir` (depth first), then the directory itself. */
  async purgeTree(fs: FsInfo, dir: number, opts: PurgeOptions = {}): Promise<void> {
    const group = dentryGroup(fs.id, dir);
    for (;;) {
      this.step();
      const page = await this.kv.transact((tx) => tx.scan(group, { limit: this.batch }));
      for (const e of page.entries) {
        this.step();
        const child = decodeDentry(e.value);
        // Directories can't leave a detached tree (fs/rename.ts), so the child is still ours.
        if (child.type === 'dir') await this.purgeTree(fs, child.ino, opts);
        const orphan = await this.dropEntry(fs, dir, { group, item: e.item }, child.ino, opts);
        if (orphan) await this.purgeInode(fs, child.ino, opts);
      }
      if (page.entries.length === 0) {
        this.spend(opts.budget);
        if (await this.deleteIfEmpty(fs, dir)) break;
      }
      await new Promise((r) => setImmediate(r)); // a long purge never starves the requests
    }
    this.stats.inodes++;
  }

  /**
   * Delete a directory that has no entries left. Its entries decide, not its counters (a
   * counter gone wrong must not wedge the purge); reading the counters still makes a create
   * that commits meanwhile conflict with this, so nothing is orphaned.
   */
  private async deleteIfEmpty(fs: FsInfo, dir: number): Promise<boolean> {
    return this.kv.transact(async (tx) => {
      const raw = await tx.get(inodeKey(fs.id, dir));
      if (!raw) return true;
      await readDirTotals(tx, fs.id, dir);
      if ((await tx.scan(dentryGroup(fs.id, dir), { limit: 1 })).entries.length > 0) return false;
      await deleteInodeRecords(tx, fs.id, decodeInode(dir, raw));
      bumpUsage(this.counting(tx, fs), { inodes: -1, bytes: 0 });
      return true;
    });
  }

  /**
   * Remove one entry of a directory being purged, if it still names `ino` (a file may have
   * been renamed away meanwhile). A child directory has been emptied and deleted already; a
   * file loses one link. True when a non-directory has no names left; with `opts.leases`, a
   * file about to lose its last name is held from writers first (LeaseHeld if one holds it).
   */
  private async dropEntry(fs: FsInfo, dir: number, key: Key, ino: number, opts: PurgeOptions): Promise<boolean> {
    return this.kv.transact(async (tx) => {
      const current = await tx.get(key);
      if (!current || decodeDentry(current).ino !== ino) return false;
      tx.delete(key);
      bumpDir(this.counting(tx, fs), dir, { entries: -1, subdirs: 0 });
      const raw = await tx.get(inodeKey(fs.id, ino));
      if (!raw) return false;
      const inode: Inode = decodeInode(ino, raw);
      if (inode.type === 'dir') return false;
      if (
        opts.leases &&
        inode.type === 'file' &&
        inode.nlink <= 1 &&
        !(await holdForPurge(tx, fs.id, ino, Date.now()))
      ) {
        throw new LeaseHeld(ino);
      }
      inode.nlink = Math.max(0, inode.nlink - 1);
      const at = inode.parents.indexOf(dir);
      if (at >= 0) inode.parents.splice(at, 1);
      writeInode(tx, fs.id, inode);
      return inode.nlink === 0;
    });
  }
}
