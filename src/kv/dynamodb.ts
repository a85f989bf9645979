// The DynamoDB engine (DESIGN §3.2), on @aws-sdk/client-dynamodb: one table, partition key =
// group, sort key = item, a random version per write (layout and limits: dynamodb-items.ts).
//
// A transaction's reads are strongly consistent, and on its first attempt may be answered from
// a cache of versions seen (dynamodb-reads.ts, with the snapshot rule for read-only
// transactions and what a listing page gives). Its commit is one TransactWriteItems with a
// condition on every key read and every merge (dynamodb-commit.ts); a failed condition is a
// conflict and the function re-runs with jittered backoff (retry.ts). Throttling, transaction
// conflicts inside DynamoDB and lost answers are retried per call, and a commit whose answer
// was lost is sent again with the same ClientRequestToken, which makes its outcome exact
// (dynamodb-calls.ts). Limits are checked before anything is sent: E2BIG.
//
// Round trips on a warm cache: a create is one TransactWriteItems; a getattr of a file one
// BatchGetItem (getEach: the catalogue entry and the inode, point reads outside transactions);
// of a directory that and one TransactGetItems (inode and counter shards); a readdir page a
// TransactGetItems (catalogue entry and directory) and a Query.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoClientConfig } from '../aws/dynamodb-client.ts';
import type { DynamoLocation } from '../aws/dynamodb-location.ts';
import { ensureTable } from '../aws/dynamodb-table.ts';
import { BufferedTx } from './buffered-tx.ts';
import { DynamoCalls } from './dynamodb-calls.ts';
import { DynamoCommitter } from './dynamodb-commit.ts';
import { DYNAMO_LIMITS, type DynamoLimits } from './dynamodb-items.ts';
import { type DynamoReadIo, DynamoReads, fetchItems } from './dynamodb-reads.ts';
import { DynamoView } from './dynamodb-view.ts';
import { KeyTurns } from './key-turns.ts';
import { type ConflictStats, KvConflictError, retryOnConflict } from './retry.ts';
import type { Key, KvStore, KvView, TransactOptions, Tx } from './types.ts';
import { VersionCache } from './version-cache.ts';

/** A read-only (or failed) run rested on a stale cached value: re-run it at once, reading for real. */
class StaleGuess extends KvConflictError {
  constructor() {
    super('a cached read was stale');
  }
}

export interface DynamoKvOptions {
  /** Per-call deadline (default DYNAMO_CALL_TIMEOUT_MS). */
  callTimeoutMs?: number;
  /** How long a call is retried while throttled or unreachable (default DYNAMO_RETRY_BUDGET_MS). */
  retryBudgetMs?: number;
  /** Create the table if it is missing (default: when an endpoint is given, i.e. in development). */
  createTable?: boolean;
}

export class DynamoKv implements KvStore {
  readonly engine = 'dynamodb';
  readonly limits: DynamoLimits = DYNAMO_LIMITS;
  readonly client: DynamoDBClient;
  private readonly calls: DynamoCalls;
  private readonly cache = new VersionCache();
  private readonly io: DynamoReadIo;
  private readonly committer: DynamoCommitter;
  private readonly conflicts: ConflictStats = { conflicts: 0, exhausted: 0 };
  private clock = 0;
  private staleGuesses = 0;

  private constructor(
    readonly location: DynamoLocation,
    options: DynamoKvOptions,
  ) {
    this.client = new DynamoDBClient(dynamoClientConfig(location, options.callTimeoutMs));
    this.calls = new DynamoCalls(this.client, location.table, options.retryBudgetMs);
    this.io = { calls: this.calls, cache: this.cache, tick: () => ++this.clock };
    this.committer = new DynamoCommitter(this.io, this.limits, new KeyTurns());
  }

  /**
   * Open the engine on `location.table`, which must exist with the agreed key schema; with an
   * endpoint (development, DynamoDB Local) it is created if missing.
   */
  static async open(location: DynamoLocation, options: DynamoKvOptions = {}): Promise<DynamoKv> {
    const kv = new DynamoKv(location, options);
    try {
      await ensureTable(kv.client, location.table, { create: options.createTable ?? location.endpoint !== undefined });
    } catch (e) {
      kv.client.destroy();
      throw e;
    }
    return kv;
  }

  transact<T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T> {
    // Only the first run may answer reads from the cache: a re-run reads for real, or on a key
    // another instance keeps writing it could guess wrong every time, up to EAGAIN.
    let speculative = true;
    const run = { cacheWrites: options?.cacheWrites ?? true };
    return retryOnConflict(
      async () => {
        const guess = speculative;
        speculative = false;
        try {
          return await this.attempt(fn, { ...run, speculative: guess });
        } catch (e) {
          if (!(e instanceof StaleGuess)) throw e;
          // A stale guess in a run that wrote nothing contends with nobody: re-run at once.
          this.staleGuesses++;
          return await this.attempt(fn, { ...run, speculative: false });
        }
      },
      options?.maxAttempts,
      this.conflicts,
    );
  }

  /** One run of `fn`: its outcome counts only once its reads are confirmed (see dynamodb-reads.ts). */
  private async attempt<T>(
    fn: (tx: Tx) => Promise<T>,
    run: { speculative: boolean; cacheWrites: boolean },
  ): Promise<T> {
    const reads = new DynamoReads(this.io, run.speculative);
    const tx = new BufferedTx(reads, this.limits);
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      if (e instanceof KvConflictError) throw e;
      // An error (ENOENT, EEXIST, ...) computed from the reads holds only if they were right.
      await this.confirm(reads);
      throw e;
    }
    if (!reads.consistent) throw reads.guesses.size > 0 ? new StaleGuess() : new KvConflictError();
    if (tx.writes.size > 0) await this.committer.commit(tx, run);
    else await this.confirm(reads);
    return result;
  }

  private async confirm(reads: DynamoReads): Promise<void> {
    if (await reads.confirm()) return;
    // Reads that changed under a run are a conflict like any other; a wrong guess re-runs at once.
    throw reads.guesses.size > 0 ? new StaleGuess() : new KvConflictError('reads changed while the transaction ran');
  }

  async get(key: Key): Promise<Buffer | undefined> {
    return (await fetchItems(this.io, [key], true))[0]?.value;
  }

  /** One BatchGetItem (ConsistentRead) per 100 keys: a capacity unit per small item, as GetItems cost, in one call. */
  async getEach(keys: readonly Key[]): Promise<(Buffer | undefined)[]> {
    return (await fetchItems(this.io, keys, false)).map((f) => f?.value);
  }

  /** Strongly consistent pages of the table, per item (DynamoDB has no snapshot; dynamodb-view.ts). */
  async view(): Promise<KvView> {
    return new DynamoView(this.calls, this.limits.maxScanLimit);
  }

  problem(): string | undefined {
    return undefined; // DynamoDB answers or fails per call; readiness does not gate on it
  }

  stats(): Record<string, unknown> {
    const c = this.calls.counts;
    return {
      engine: this.engine,
      table: this.location.table,
      region: this.location.region,
      endpoint: this.location.endpoint ?? null,
      commits: this.committer.counts.commits,
      mergeRetries: this.committer.counts.mergeRetries,
      staleGuesses: this.staleGuesses,
      cachedKeys: this.cache.size,
      conflicts: this.conflicts.conflicts,
      gaveUp: this.conflicts.exhausted,
      calls: Object.values(c.calls).reduce((a, b) => a + b, 0),
      callsByOp: { ...c.calls },
      itemsByOp: { ...c.items },
      readUnits: c.readUnits,
      writeUnits: c.writeUnits,
      throttledRetries: c.throttledRetries,
      conflictRetries: c.conflictRetries,
      lostAnswerRetries: c.lostAnswerRetries,
      lastError: this.calls.lastError ?? null,
    };
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
