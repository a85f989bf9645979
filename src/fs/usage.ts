// Per-filesystem usage (inodes, bytes) in sharded counters, updated inside the transactions
// that change it; quotas are checked against a total at most USAGE_CACHE_MS old (as JuiceFS
// does), so creates don't all read every shard. Concurrent writers within that window can
// overshoot a quota slightly; a single request never can.
import { type FsError, fsErr } from '../errno.ts';
import type { KvStore, Tx } from '../kv/types.ts';
import { decodeUsage, encodeUsage } from './codec.ts';
import { usageKey } from './keys.ts';
import type { FsInfo } from './model.ts';
import { type CounterCtx, USAGE_SHARDS } from './shards.ts';
/** How stale the cached totals used for quota checks may be. */
export const USAGE_CACHE_MS = 1000;

export interface Usage {
  inodes: number;
  bytes: number;
}

/** Add to the usage counters as a commit-time merge in this instance's turn of shard (no conflicts between writers). */
export function bumpUsage(c: CounterCtx, change: Usage): void {
  const { inodes, bytes } = change;
  if (inodes === 0 && bytes === 0) return;
  c.tx.merge(usageKey(c.fs.id, c.shards.usage.take()), (cur) => {
    const u = cur ? decodeUsage(cur) : { inodes: 0, bytes: 0 };
    return encodeUsage({ inodes: u.inodes + inodes, bytes: u.bytes + bytes });
  });
}

export async function readUsage(tx: Tx, fsId: number): Promise<Usage> {
  const keys = Array.from({ length: USAGE_SHARDS }, (_, s) => usageKey(fsId, s));
  const total: Usage = { inodes: 0, bytes: 0 };
  for (const v of await tx.getMany(keys)) {
    if (!v) continue;
    const u = decodeUsage(v);
    total.inodes += u.inodes;
    total.bytes += u.bytes;
  }
  return total;
}

export async function deleteUsage(tx: Tx, fsId: number): Promise<void> {
  for (let s = 0; s < USAGE_SHARDS; s++) tx.delete(usageKey(fsId, s));
}

const NO_LIMITS = () => undefined;

/** Cached usage totals for quota checks. */
export class QuotaGuard {
  private readonly cache = new Map<number, { at: number; usage: Usage }>();
  constructor(private readonly kv: KvStore) {}

  private async usage(fsId: number): Promise<Usage> {
    const hit = this.cache.get(fsId);
    if (hit && Date.now() - hit.at < USAGE_CACHE_MS) return hit.usage;
    const usage = await this.kv.transact((tx) => readUsage(tx, fsId));
    this.cache.set(fsId, { at: Date.now(), usage });
    return usage;
  }

  /** Bytes the filesystem may still grow by (Infinity without a capacity). */
  async remainingBytes(fs: FsInfo): Promise<number> {
    if (!fs.capacityBytes) return Number.POSITIVE_INFINITY;
    return Math.max(0, fs.capacityBytes - (await this.usage(fs.id)).bytes);
  }

  /** Throws EDQUOT / ENOSPC if adding would pass the filesystem's limits. */
  async check(fs: FsInfo, inodes: number, bytes: number): Promise<void> {
    const refused = await this.verdict(fs, inodes, bytes);
    if (refused) throw refused;
  }

  /**
   * The EDQUOT / ENOSPC that adding would meet, undefined if it fits: for a create, which
   * throws it only after the namespace's own checks (Linux answers EEXIST before EDQUOT).
   */
  async verdict(fs: FsInfo, inodes: number, bytes: number): Promise<FsError | undefined> {
    if (!fs.inodeQuota && !fs.capacityBytes) return undefined;
    return this.compare(fs, await this.usage(fs.id), inodes, bytes);
  }

  /**
   * `check` against the totals as they are now, for a transaction that learns only inside
   * what it adds (the check itself then needs no await).
   */
  async checker(fs: FsInfo): Promise<(inodes: number, bytes: number) => void> {
    if (!fs.inodeQuota && !fs.capacityBytes) return NO_LIMITS;
    const u = await this.usage(fs.id);
    return (inodes, bytes) => {
      const refused = this.compare(fs, u, inodes, bytes);
      if (refused) throw refused;
    };
  }

  private compare(fs: FsInfo, u: Usage, inodes: number, bytes: number): FsError | undefined {
    if (fs.inodeQuota && inodes > 0 && u.inodes + inodes > fs.inodeQuota) {
      return fsErr('EDQUOT', `filesystem ${fs.name} has reached its quota of ${fs.inodeQuota} inodes`);
    }
    if (fs.capacityBytes && bytes > 0 && u.bytes + bytes > fs.capacityBytes) {
      return fsErr('ENOSPC', `filesystem ${fs.name} has reached its capacity of ${fs.capacityBytes} bytes`);
    }
    return undefined;
  }
}
