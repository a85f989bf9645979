// Sharded counters (DESIGN §3.4 "Hot parent directory"): a directory's entry counts and a
// filesystem's usage are spread over shard keys that transactions change by commit-time
// merges, so concurrent creates do not conflict over one hot key. Readers sum every shard.
//
// Which shard a change goes to is this instance's choice: shards are taken in turn from a
// random start, so one instance's concurrent changes spread evenly instead of colliding by
// chance (on etcd, commits merging into one shard take turns within the process).
import type { Tx } from '../kv/types.ts';
import type { Timespec } from './model.ts';

/** Shards of each directory's counters; rmdir reads them all, so keep it small. */
export const DIR_COUNTER_SHARDS = 16;
/** Every create in a filesystem bumps one: more shards than creates in flight keeps commits apart. */
export const USAGE_SHARDS = 64;

export class ShardTurns {
  private next: number;

  constructor(readonly count: number) {
    this.next = Math.floor(Math.random() * count);
  }

  /** The shard the next change goes to. */
  take(): number {
    const shard = this.next;
    this.next = (shard + 1) % this.count;
    return shard;
  }
}

/** This instance's turns over each kind of sharded counter (one set per FileSystems). */
export interface CounterShards {
  dir: ShardTurns;
  usage: ShardTurns;
}

/** A fresh set of turns, from random starts. */
export function newCounterShards(): CounterShards {
  return { dir: new ShardTurns(DIR_COUNTER_SHARDS), usage: new ShardTurns(USAGE_SHARDS) };
}

/** What a change to a sharded counter needs: the transaction, the filesystem, the time, the turns. */
export interface CounterCtx {
  tx: Tx;
  fs: { id: number };
  now: Timespec;
  shards: CounterShards;
}
