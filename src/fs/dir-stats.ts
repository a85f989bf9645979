// Directory counters kept off the hot path (DESIGN §3.4). Creating or removing an entry
// changes one randomly chosen shard of the parent's counters instead of the parent's inode
// record, so concurrent creates in one directory rarely conflict. rmdir reads *every* shard
// key (absent ones too), so a create that commits concurrently always conflicts with it: a
// directory with a child can never be removed.
import type { Tx } from '../kv/types.ts';
import { maxTime } from './clock.ts';
import { decodeDirShard, encodeDirShard } from './codec.ts';
import { dirShardKey } from './keys.ts';
import type { DirShard, Timespec } from './model.ts';
import { type CounterCtx, DIR_COUNTER_SHARDS } from './shards.ts';

export interface DirTotals {
  entries: number;
  subdirs: number;
  /** Newest change through any shard, or undefined if none was made. */
  changed?: Timespec;
  ops: number;
}

export function allShardKeys(fsId: number, dirIno: number) {
  return Array.from({ length: DIR_COUNTER_SHARDS }, (_, s) => dirShardKey(fsId, dirIno, s));
}

export function sumShards(values: readonly (Buffer | undefined)[]): DirTotals {
  const totals: DirTotals = { entries: 0, subdirs: 0, ops: 0 };
  for (const v of values) {
    if (!v) continue;
    const s = decodeDirShard(v);
    totals.entries += s.entries;
    totals.subdirs += s.subdirs;
    totals.ops += s.ops;
    totals.changed = totals.changed ? maxTime(totals.changed, s.changed) : s.changed;
  }
  return totals;
}

/** Read every shard (this is what makes rmdir safe against racing creates). */
export async function readDirTotals(tx: Tx, fsId: number, dirIno: number): Promise<DirTotals> {
  return sumShards(await tx.getMany(allShardKeys(fsId, dirIno)));
}

/**
 * Record entries added (+) or removed (-) in one shard (this instance's turn), as a
 * commit-time merge: concurrent creates never conflict on it, while rmdir (which reads every
 * shard) does.
 */
export function bumpDir(c: CounterCtx, dirIno: number, change: { entries: number; subdirs: number }): void {
  const key = dirShardKey(c.fs.id, dirIno, c.shards.dir.take());
  const now = c.now;
  c.tx.merge(key, (cur) => {
    const s: DirShard = cur ? decodeDirShard(cur) : { entries: 0, subdirs: 0, changed: now, ops: 0 };
    return encodeDirShard({
      entries: s.entries + change.entries,
      subdirs: s.subdirs + change.subdirs,
      changed: maxTime(s.changed, now),
      ops: s.ops + 1,
    });
  });
}

/**
 * Forget the shards' change times (an explicit utimens on the directory must win over them).
 * Counts are kept.
 */
export async function clearDirTimes(tx: Tx, fsId: number, dirIno: number): Promise<void> {
  const keys = allShardKeys(fsId, dirIno);
  const values = await tx.getMany(keys);
  values.forEach((v, i) => {
    if (!v) return;
    const s = decodeDirShard(v);
    tx.put(keys[i], encodeDirShard({ ...s, changed: { sec: 0, nsec: 0 }, ops: s.ops + 1 }));
  });
}

/** Delete every shard of a removed directory. */
export async function deleteDirShards(tx: Tx, fsId: number, dirIno: number): Promise<void> {
  const keys = allShardKeys(fsId, dirIno);
  const values = await tx.getMany(keys);
  values.forEach((v, i) => {
    if (v) tx.delete(keys[i]);
  });
}
