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
  /**
   * Whether an engine that keeps the versions it sees (etcd, DynamoDB: version-cache.ts) keeps
   * the keys this transaction writes (default true). False for writes this process will not
   * read back, a stream of them (a load): the engine forgets those keys instead, so the stream
   * neither evicts what the process does read nor turns the cache into a steady flow of
   * long-lived garbage, which kept a load's heap growing with the size of the dump.
   */
  cacheWrites?: boolean;
}

/** Which keys a view scan covers: every item of one group, or of every group whose name starts with a prefix. */
export type GroupSelector = { readonly group: string } | { readonly groupPrefix: string };

/** One key and its value, as a view scan yields it (versions are the engine's own, not part of it). */
export interface ViewEntry {
  readonly group: string;
  readonly item: string;
  readonly value: Buffer;
}

export interface ViewScanOptions {
  /** Entries per page (default and maximum: the engine's maxScanLimit). */
  pageSize?: number;
}

/**
 * A read-only view of the whole store, for tools that read everything (dump, fsck): scans of
 * many groups at once, outside any transaction, paged so that memory stays flat however large
 * the store. Exactly:
 *
 * - `consistency: 'snapshot'` (memory: a copy-on-write clone of the tree; etcd: every read at
 *   the revision current when the view opened): every scan of the view, however long after,
 *   answers the store as it was when the view opened, and nothing committed since. A view an
 *   engine can no longer serve (etcd compacted its revision) fails its scan with EAGAIN; it
 *   never answers a mix.
 * - `consistency: 'per-item'` (DynamoDB has no global snapshot): every entry is a committed
 *   value, current when it was read; entries read at different moments may straddle a
 *   transaction committed between them. Keys present throughout a scan appear exactly once;
 *   keys created or removed while it runs may or may not appear. Callers that need a whole
 *   state must check it themselves (e.g. read twice and compare).
 *
 * Order: when `ordered`, a scan yields its entries in (group, item) byte order — the order of
 * the flat keys; otherwise (a DynamoDB table scan) in the engine's order, each key once.
 * Pages are never empty; a scan of nothing yields no page.
 */
export interface KvView {
  readonly consistency: 'snapshot' | 'per-item';
  readonly ordered: boolean;
  scan(selector: GroupSelector, options?: ViewScanOptions): AsyncIterable<ViewEntry[]>;
  /** Release what the view holds (the memory engine's clone). */
  close(): Promise<void>;
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
  /**
   * Point reads of several keys outside any transaction, in one round trip (DynamoDB: a
   * BatchGetItem per 100 keys, sent together). Each answer is what `get` would answer for its
   * key — the latest committed (and durable) value at some instant during the call — but the
   * answers are not one snapshot and their instants come in no particular order. Optional: an
   * engine whose point reads cost no round trip (memory), or that has not got it, leaves it out
   * and callers read key by key.
   */
  getEach?(keys: readonly Key[]): Promise<(Buffer | undefined)[]>;
  /** Open a read-only view of the whole store (see KvView for what it promises). */
  view(): Promise<KvView>;
  /** Why the engine cannot serve right now, if it cannot (readiness probes report it). */
  problem(): string | undefined;
  /** Engine facts for getStatus (sizes, sequence numbers, last snapshot). */
  stats(): Record<string, unknown>;
  close(): Promise<void>;
}
