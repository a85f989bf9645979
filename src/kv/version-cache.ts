// The last value and version this process saw of each recently used key, for engines whose
// reads are round trips (etcd). A transaction may read from it *speculatively*: a cached
// version is only a guess, and the engine checks every guess before the transaction's outcome
// counts (a commit compares the versions; a read-only or failed transaction re-reads its
// guesses). A stale entry therefore costs a re-run, never a wrong answer. Bounded by bytes.
import { LRUCache } from 'lru-cache';

/** Bytes of keys and values held (values of up to 128 KiB each: the etcd value limit). */
export const VERSION_CACHE_BYTES = 32 * 1024 * 1024;
/**
 * Bookkeeping per entry, counted against VERSION_CACHE_BYTES on top of key and value: the
 * LRU's node, the Seen object, the key string's header and the copied value's Buffer object.
 * Measured in a heap snapshot of a `cirrus load` into etcd: ~446 bytes per entry of ~83 bytes
 * of key and value (96 here let a "32 MiB" cache hold ~80 MiB).
 */
const ENTRY_OVERHEAD_BYTES = 360;

/** What a read saw: `version` 0 means the key was absent. */
export interface Seen {
  readonly value?: Buffer;
  readonly version: number;
  /** The store revision the observation was made at (a read's, or a commit's own). */
  readonly at: number;
}

export class VersionCache {
  private readonly lru: LRUCache<string, Seen>;

  constructor(maxBytes = VERSION_CACHE_BYTES) {
    this.lru = new LRUCache<string, Seen>({
      maxSize: maxBytes,
      sizeCalculation: (seen, key) => key.length + (seen.value?.length ?? 0) + ENTRY_OVERHEAD_BYTES,
    });
  }

  get(flat: string): Seen | undefined {
    return this.lru.get(flat);
  }

  /**
   * Record what a read or a commit saw at revision `at`. An older observation never replaces a
   * newer one (answers to concurrent calls arrive in any order). Values are copied: a read's
   * buffer may be a view into a whole network message, which the cache must not keep alive.
   */
  note(flat: string, value: Buffer | undefined, version: number, at: number): void {
    const prior = this.lru.get(flat);
    if (prior && prior.at > at) return;
    this.lru.set(flat, version === 0 ? { version: 0, at } : { value: Buffer.from(value!), version, at });
  }

  /**
   * What a commit wrote at revision `at`: noted, or, for a transaction whose writes this
   * process will not read back (TransactOptions.cacheWrites false), forgotten.
   */
  written(flat: string, value: Buffer | undefined, version: number, at: number, opts: { keep: boolean }): void {
    if (opts.keep) this.note(flat, value, version, at);
    else this.forget(flat);
  }

  forget(flat: string): void {
    this.lru.delete(flat);
  }

  get size(): number {
    return this.lru.size;
  }
}
