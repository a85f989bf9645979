// The one narrow interface between filesystem logic and a metadata engine (DESIGN §3.1).
// Every engine (memory, etcd, dynamodb) implements KvStore; everything above is written once.
//
// Keys are a *group* (a partition: DynamoDB's partition key, an etcd prefix) and an *item*
// (the sort key inside the group). Both are byte strings: JS strings in which every char is
// one byte (0..255, "latin1"), so plain string comparison is byte order. Range scans happen
// only inside one group.

export interface Key {
  readonly group: string;
  readonly item: string;
}

/** One entry returned by a scan. `version` changes on every write of the key. */
export interface Entry {
  readonly item: string;
  readonly value: Buffer;
  readonly version: number;
}

export interface ScanOptions {
  /** Only items starting with this byte string. */
  prefix?: string;
  /** Exclusive lower bound (the last item of the previous page). */
  after?: string;
  /** At most this many entries (≥ 1). */
  limit: number;
}

export interface ScanPage {
  entries: Entry[];
  /** True when more entries may match after this page. */
  more: boolean;
  /** The last item this page examined: pass it as `after` to read the next page. */
  last?: string;
}

/**
 * A transaction as seen by the function passed to `transact`. Reads record the version they
 * saw (absent keys as absent); writes are buffered and applied at commit, which succeeds only
 * if no key read has changed since. Scans add the entries they return to the read set, but do
 * not protect against inserts of keys they did not return (no phantom protection): guard such
 * invariants with a key you `get` (e.g. the sharded directory counters in fs/).
 */
/** A commit-time read-modify-write of one key (see Tx.merge). Must be pure. */
export type MergeFn = (current: Buffer | undefined) => Buffer;

/** What a transaction expects of a key it reads; engines may ignore it. */
export interface ReadHint {
  /**
   * The key is most likely absent (a name about to be created): an engine whose reads are round
   * trips may assume so without reading, and check at commit — a wrong guess costs a re-run of
   * the transaction, never a wrong answer.
   */
  likelyAbsent?: boolean;
}

export interface Tx {
  get(key: Key, hint?: ReadHint): Promise<Buffer | undefined>;
  /** Several keys at once; results in the order asked. */
  getMany(keys: readonly Key[], hints?: readonly (ReadHint | undefined)[]): Promise<(Buffer | undefined)[]>;
  scan(group: string, options: ScanOptions): Promise<ScanPage>;
  put(key: Key, value: Uint8Array): void;
  delete(key: Key): void;
  /**
   * Apply `fn` to the key's latest committed value *at commit*, atomically with the rest of the
   * transaction, without adding the key to the read set: concurrent merges of one key (e.g.
   * counter increments) do not conflict over the life of their transactions (at most for the
   * instant of the commit, on engines that re-read the key then), and none is lost, while a
   * transaction that *read* the key conflicts with any merge committed after its read.
   * Several merges of a key compose in order; a merge after a put applies to the put value.
   */
  merge(key: Key, fn: MergeFn): void;
}

/** What an engine can do in one transaction; code above must stay within these. */
export interface KvLimits {
  maxWritesPerTx: number;
  /**
   * Keys read and written together in one transaction, on engines that check every read key
   * at commit (DynamoDB: one action per key); absent = only the writes are bounded.
   */
  maxKeysPerTx?: number;
  maxKeyBytes: number;
  maxValueBytes: number;
  maxScanLimit: number;
}

export interface TransactOptions {
  /** Attempts before giving up with EAGAIN (default TX_MAX_ATTEMPTS). */
  maxAttempts?: number;
}

export interface KvStore {
  /** Engine name for status pages, e.g. "memory". */
  readonly engine: string;
  readonly limits: KvLimits;
  /**
   * Run `fn` as one optimistic transaction, re-running it on conflict with jittered backoff.
   * Errors thrown by `fn` abort without writing and propagate unchanged.
   */
  transact<T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T>;
  /**
   * One point read outside any transaction: the latest committed (and durable) value. Cheaper
   * than a transaction; use it where a single key is all an answer depends on.
   */
  get(key: Key): Promise<Buffer | undefined>;
  /** Why the engine cannot serve right now, if it cannot (readiness probes report it). */
  problem(): string | undefined;
  /** Engine facts for getStatus (sizes, sequence numbers, last snapshot). */
  stats(): Record<string, unknown>;
  close(): Promise<void>;
}
