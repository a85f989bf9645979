// Process-local turns per key. Commits from this process that merge into the same key (a
// directory's counter shard, under many concurrent creates) take turns on it: each then starts
// from the version the previous one committed (it is in the VersionCache) instead of failing
// its Txn against it and retrying — which, with several in flight on one shard, can repeat.
// Keys are taken in sorted order, so two commits never wait for each other.

export class KeyTurns {
  /** Per key: the end of the last turn queued on it. */
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(keys: readonly string[], fn: () => Promise<T>): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    const releases: (() => void)[] = [];
    try {
      for (const key of sorted) {
        const before = this.tails.get(key);
        let release!: () => void;
        const mine = new Promise<void>((r) => (release = r));
        this.tails.set(key, mine);
        releases.push(() => {
          if (this.tails.get(key) === mine) this.tails.delete(key);
          release();
        });
        await before;
      }
      return await fn();
    } finally {
      for (const release of releases) release();
    }
  }

  /** Keys with a turn running or queued (for status pages and tests). */
  get busy(): number {
    return this.tails.size;
  }
}
