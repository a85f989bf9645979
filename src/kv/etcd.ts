// The etcd engine (DESIGN §3.2), on the etcd3 client's raw KV calls.
//
// Keys are `{prefix}{group}\0{item}` as bytes. A transaction's reads are pinned to the revision
// of its first read, and may be answered from a cache of versions seen, checked before the
// outcome counts (etcd-reads.ts). Commit is one etcd Txn: it compares the mod_revision of every
// key read (absent ones: create_revision == 0) and applies all writes, or fails and the
// transaction re-runs with jittered backoff. Merges (commit-time read-modify-writes) compare
// the version they were applied to. Versions are mod_revisions. Every call has a deadline.
import { circuitBreaker, ConsecutiveBreaker, handleWhen, noop } from 'cockatiel';
import {
  Etcd3,
  GRPCInvalidArgumentError,
  isRecoverableError,
  type IKeyValue,
  type IOptions,
  type IRequestOp,
  type ICompare,
} from 'etcd3';
import { fsErr } from '../errno.ts';
import { applyWrite, BufferedTx, flatKey, type ReadRecord, type WriteRecord } from './buffered-tx.ts';
import { KeyTurns } from './key-turns.ts';
import { etcdKey, EtcdReads, type EtcdReadIo, type Found } from './etcd-reads.ts';
import { EtcdView } from './etcd-view.ts';
import { KvConflictError, retryOnConflict, type ConflictStats } from './retry.ts';
import { VersionCache } from './version-cache.ts';
import type { Key, KvLimits, KvStore, KvView, TransactOptions, Tx } from './types.ts';

export const ETCD_CALL_TIMEOUT_MS = 2_000;
/** etcd's --max-txn-ops default: the compares (and the writes) of one Txn. */
export const ETCD_MAX_TXN_OPS = 128;
/** Commit attempts that only recompute merges before the whole transaction is re-run. */
const MERGE_RETRIES = 8;
/** How long a transaction keeps retrying while etcd is unreachable (a failover takes 1-3 s). */
export const UNAVAILABLE_RETRY_MS = 10_000;
const UNAVAILABLE_PAUSE_MS = 250;

/** etcd did not answer (timeout, no leader, connection refused). */
class Unavailable extends Error {}

/** A read-only (or failed) run used a stale cached value: re-run the transaction at once. */
class StaleGuess extends KvConflictError {
  constructor() {
    super('a cached read was stale');
  }
}

/** A commit's Txn got no answer: whether it was applied is checked outside the key turns. */
class UnknownOutcome extends Error {
  constructor(
    readonly keys: Key[],
    readonly ops: IRequestOp[],
    readonly merged: boolean[],
    override readonly cause: unknown,
  ) {
    super('commit outcome unknown');
  }
}

/** Keys and values one commit may write: etcd refuses requests over 1.5 MiB (--max-request-bytes). */
export const ETCD_MAX_TXN_WRITE_BYTES = 1024 * 1024;

export const ETCD_LIMITS: KvLimits = {
  maxWritesPerTx: 100, // like every engine (DynamoDB's cap), under etcd's 128
  maxKeysPerTx: ETCD_MAX_TXN_OPS, // the compares of the keys read (and merged); written keys are within it too
  maxKeyBytes: 1024,
  maxValueBytes: 128 * 1024, // and ETCD_MAX_TXN_WRITE_BYTES for all of a Txn's writes
  maxScanLimit: 1000,
};

export interface EtcdKvOptions {
  endpoints: string[];
  /** Every key starts with this (several CirrusFS deployments can share a cluster). */
  prefix?: string;
  callTimeoutMs?: number;
}

/**
 * etcd3 client settings for CirrusFS: a deadline on every unary call (without one a call can
 * hang through an election); no client-side retries (a retried Txn whose first attempt was
 * applied would look like a conflict — we retry ourselves, checking whether it applied); and
 * a short circuit-breaker pause per member, so a failover is not stretched to 5 s.
 */
export function etcdClientOptions(endpoints: string[], timeoutMs = ETCD_CALL_TIMEOUT_MS): IOptions {
  return {
    hosts: endpoints,
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + timeoutMs }),
    faultHandling: {
      global: noop,
      host: () =>
        circuitBreaker(handleWhen(isRecoverableError), {
          halfOpenAfter: BREAKER_PAUSE_MS,
          breaker: new ConsecutiveBreaker(3),
        }),
    },
  };
}
const BREAKER_PAUSE_MS = 300;

/** How one run of a transaction goes. */
interface AttemptOptions {
  /** Reads may be answered from the cache (the first run only). */
  speculative: boolean;
  /** TransactOptions.cacheWrites. */
  cacheWrites: boolean;
}

/** A commit's compares and merges, worked out once for all its tries. */
interface CommitPlan {
  readSet: ReadRecord[];
  readCompares: ICompare[];
  merges: WriteRecord[];
  mergeKeys: Buffer[];
  cacheWrites: boolean;
}

/** A compare that holds while `key` is still at `version` (0: still absent). */
function cmp(key: Buffer, version: number): ICompare {
  return version === 0
    ? { key, target: 'Create', result: 'Equal', create_revision: 0 }
    : { key, target: 'Mod', result: 'Equal', mod_revision: version };
}

export class EtcdKv implements KvStore {
  readonly engine = 'etcd';
  readonly limits = ETCD_LIMITS;
  readonly client: Etcd3;
  private readonly prefix: string;
  private readonly conflicts: ConflictStats = { conflicts: 0, exhausted: 0 };
  private readonly cache = new VersionCache();
  private readonly mergeTurns = new KeyTurns();
  private readonly io: EtcdReadIo;
  private staleGuesses = 0;
  private commits = 0;
  private mergeRetries = 0;
  private unavailableRetries = 0;
  private unknownCommitsApplied = 0;
  private lastRevision = '0';
  private lastError?: string;

  constructor(private readonly options: EtcdKvOptions) {
    this.prefix = options.prefix ?? 'cirrus/';
    const timeout = options.callTimeoutMs ?? ETCD_CALL_TIMEOUT_MS;
    this.client = new Etcd3(etcdClientOptions(options.endpoints, timeout));
    this.io = { client: this.client, prefix: this.prefix, cache: this.cache, remote: (e) => this.remote(e) };
  }

  private keyOf(key: Key): Buffer {
    return etcdKey(this.prefix, key);
  }

  /** A failed call: etcd unreachable or electing a leader (retried until UNAVAILABLE_RETRY_MS). */
  private remote(e: unknown): Error {
    if (e instanceof KvConflictError || e instanceof Unavailable || (e as { code?: string }).code) return e as Error;
    // etcd refused the request itself (too large, too many operations): retrying cannot help.
    if (e instanceof GRPCInvalidArgumentError) {
      const tooBig = /too large|too many/i.test(e.message);
      return fsErr(tooBig ? 'E2BIG' : 'EIO', `etcd refused the request: ${e.message}`);
    }
    this.lastError = String((e as Error)?.message ?? e);
    return new Unavailable(this.lastError);
  }

  transact<T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    // Only the first run may answer reads from the cache. A re-run reads for real: cached
    // versions are as old as the last failure (plus the backoff since), so on a key another
    // instance keeps writing, guessing again could fail again every time, up to EAGAIN.
    let speculative = true;
    const cacheWrites = options?.cacheWrites ?? true;
    return retryOnConflict(
      async () => {
        const guess = speculative;
        speculative = false;
        try {
          try {
            return await this.attempt(fn, { speculative: guess, cacheWrites });
          } catch (e) {
            if (!(e instanceof StaleGuess)) throw e;
            // A stale guess in a run that wrote nothing: it contends with nobody, so re-run at
            // once (reading for real, it cannot rest on a guess again).
            this.staleGuesses++;
            return await this.attempt(fn, { speculative: false, cacheWrites });
          }
        } catch (e) {
          // etcd fails over in a second or two (an election): wait and run the transaction
          // again, rather than fail the request, until the budget is spent.
          if (!(e instanceof Unavailable)) throw e;
          if (Date.now() > giveUpAt) throw fsErr('EAGAIN', `metadata store (etcd) unavailable: ${e.message}`);
          this.unavailableRetries++;
          await new Promise((r) => setTimeout(r, UNAVAILABLE_PAUSE_MS * (0.5 + Math.random())));
          throw new KvConflictError('etcd unavailable; retrying');
        }
      },
      options?.maxAttempts,
      this.conflicts,
    );
  }

  /** One run of `fn`: its outcome counts only once every cached guess it used is confirmed. */
  private async attempt<T>(fn: (tx: Tx) => Promise<T>, run: AttemptOptions): Promise<T> {
    const reads = new EtcdReads(this.io, run.speculative);
    const tx = new BufferedTx(reads, this.limits);
    let result: T;
    try {
      result = await fn(tx);
    } catch (e) {
      if (e instanceof Unavailable || e instanceof KvConflictError) throw e;
      // An error (ENOENT, EEXIST, ...) computed from guesses holds only if they were right.
      if (!(await reads.confirm())) throw new StaleGuess();
      throw e;
    }
    if (!reads.consistent) throw new StaleGuess();
    if (tx.writes.size > 0) await this.commit(tx, run);
    else if (!(await reads.confirm())) throw new StaleGuess();
    return result;
  }

  private async commit(tx: BufferedTx, run: AttemptOptions): Promise<void> {
    const readSet = [...tx.reads.values()];
    const readCompares = readSet.map((r) => cmp(this.keyOf(r.key), r.version));
    // Merges apply to the latest value: the cached one if any (compared like a read, so a stale
    // one fails the Txn), else read now.
    const merges = [...tx.writes.values()].filter((w) => w.merges);
    const mergeKeys = merges.map((w) => this.keyOf(w.key));
    if (readCompares.length + merges.length > ETCD_MAX_TXN_OPS) {
      throw fsErr(
        'E2BIG',
        `a transaction read ${readCompares.length + merges.length} keys; etcd compares at most ${ETCD_MAX_TXN_OPS}`,
      );
    }
    try {
      return await this.mergeTurns.run(
        merges.map((w) => flatKey(w.key)),
        () => this.commitInTurn(tx, { readSet, readCompares, merges, mergeKeys, cacheWrites: run.cacheWrites }),
      );
    } catch (e) {
      if (!(e instanceof UnknownOutcome)) throw e;
      // Checked with the turn given back: the check can take seconds during a failover, and
      // the next commit merging into the key compares its base anyway.
      if (await this.applied(e.keys, e.ops, e.merged)) {
        this.commits++;
        this.unknownCommitsApplied++;
        return;
      }
      throw this.remote(e.cause);
    }
  }

  private async commitInTurn(tx: BufferedTx, c: CommitPlan): Promise<void> {
    const { readSet, readCompares, merges, mergeKeys } = c;
    // (Read apart from the transaction's reads: at the latest revision, not its pinned one.)
    let current = await new EtcdReads(this.io, true).read(merges.map((w) => w.key));
    // If the Txn fails, its failure branch reads the merge keys and the keys read: the cache
    // learns their current versions, and a conflict that only concerns merges (another create
    // bumped the same counter shard) is resolved by recomputing them, in one round trip,
    // without re-running the transaction.
    const watched = [...merges.map((w) => w.key), ...readSet.map((r) => r.key)];
    const failure: IRequestOp[] = watched.map((k) => ({ request_range: { key: this.keyOf(k) } }));
    for (let attempt = 1; ; attempt++) {
      const compare = [...readCompares];
      const merged = new Map<string, Buffer | null>();
      merges.forEach((w, i) => {
        // Compared even if the transaction read the key: the cached base may be older than the
        // version it read (a scan does not fill the cache; an entry may be evicted and an old
        // read note it again), and applied to it the merge would undo the versions between.
        compare.push(cmp(mergeKeys[i], current[i]?.version ?? 0));
        merged.set(flatKey(w.key), applyWrite(w, current[i]?.value));
      });
      const written: { flat: string; value: Buffer | null }[] = [];
      for (const [flat, w] of tx.writes) written.push({ flat, value: merged.has(flat) ? merged.get(flat)! : w.value });
      const success: IRequestOp[] = written.map(({ flat, value }) => {
        const key = this.keyOf(tx.writes.get(flat)!.key);
        return value === null ? { request_delete_range: { key } } : { request_put: { key, value } };
      });
      const bytes = written.reduce((n, w) => n + w.flat.length + (w.value?.length ?? 0), 0);
      if (bytes > ETCD_MAX_TXN_WRITE_BYTES) {
        throw fsErr(
          'E2BIG',
          `a transaction writes ${bytes} bytes; one etcd request holds at most ${ETCD_MAX_TXN_WRITE_BYTES}`,
        );
      }
      let res: Awaited<ReturnType<typeof this.client.kv.txn>>;
      try {
        res = await this.client.kv.txn({ compare, success, failure });
      } catch (e) {
        for (const flat of tx.writes.keys()) this.cache.forget(flat); // versions unknown now
        // The outcome is unknown (the call timed out around a failover): if every key holds
        // what this Txn wrote, it was applied; otherwise it was not, and re-running is safe.
        const keys = written.map((w) => tx.writes.get(w.flat)!.key);
        throw new UnknownOutcome(
          keys,
          success,
          written.map((w) => merged.has(w.flat)),
          e,
        );
      }
      const revision = Number(res.header.revision);
      if (res.succeeded) {
        this.commits++;
        this.lastRevision = res.header.revision;
        // Every key a Txn writes gets the Txn's revision as its mod_revision.
        for (const { flat, value } of written) {
          this.cache.written(flat, value ?? undefined, value ? revision : 0, revision, { keep: c.cacheWrites });
        }
        return;
      }
      const now = res.responses.map((r) => r.response_range.kvs[0] as IKeyValue | undefined);
      const versions = now.map((kv) => (kv ? Number(kv.mod_revision) : 0));
      watched.forEach((k, i) => {
        this.cache.note(flatKey(k), now[i]?.value, versions[i], revision);
      });
      // A key read has changed — since it was read, or, for a guess, perhaps before the
      // transaction began (indistinguishable): a conflict, re-run with backoff.
      const readsChanged = readSet.some((r, i) => versions[merges.length + i] !== r.version);
      if (readsChanged || attempt >= MERGE_RETRIES) throw new KvConflictError();
      current = now
        .slice(0, merges.length)
        .map((kv, i) => (kv ? { value: kv.value, version: versions[i] } : undefined));
      this.mergeRetries++;
    }
  }

  /**
   * After a Txn of unknown outcome: was it applied? Yes if every key it put holds what it put,
   * all at one revision (the Txn's), and every key it deleted is absent. A merged key may have
   * been merged into by others since (a shared counter: a re-run of an applied create would
   * say EEXIST), so it only needs to be no older than that revision — or, when the Txn put
   * nothing else, to hold what it merged.
   */
  private async applied(keys: Key[], ops: IRequestOp[], merged: boolean[]): Promise<boolean> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    const holds = (op: IRequestOp, found: Found) =>
      op.request_put ? found?.value.equals(op.request_put.value!) === true : found === undefined;
    for (;;) {
      try {
        const now = await new EtcdReads(this.io, false).read(keys);
        const putAt = new Set(now.filter((f, i) => f && !merged[i] && ops[i].request_put).map((f) => f!.version));
        if (putAt.size > 1) return false;
        const at = [...putAt][0];
        return ops.every((op, i) => {
          if (!merged[i] || at === undefined) return holds(op, now[i]);
          const mod = now[i]?.version;
          return mod === undefined || mod > at || (mod === at && holds(op, now[i]));
        });
      } catch {
        if (Date.now() > giveUpAt) return false;
        await new Promise((r) => setTimeout(r, UNAVAILABLE_PAUSE_MS));
      }
    }
  }

  async get(key: Key): Promise<Buffer | undefined> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    for (;;) {
      try {
        return (await new EtcdReads(this.io, false).read([key]))[0]?.value;
      } catch (e) {
        if (!(e instanceof Unavailable)) throw e;
        if (Date.now() > giveUpAt) throw fsErr('EAGAIN', `metadata store (etcd) unavailable: ${e.message}`);
        await new Promise((r) => setTimeout(r, UNAVAILABLE_PAUSE_MS));
      }
    }
  }

  /** Every read of the view at the revision current now (see etcd-view.ts). */
  view(): Promise<KvView> {
    return EtcdView.open(this.client, this.prefix, this.limits.maxScanLimit);
  }

  problem(): string | undefined {
    return undefined; // etcd answers or times out per call; readiness does not gate on it
  }

  stats(): Record<string, unknown> {
    return {
      engine: this.engine,
      endpoints: this.options.endpoints,
      prefix: this.prefix,
      commits: this.commits,
      mergeRetries: this.mergeRetries,
      staleGuesses: this.staleGuesses,
      cachedKeys: this.cache.size,
      unavailableRetries: this.unavailableRetries,
      unknownCommitsApplied: this.unknownCommitsApplied,
      conflicts: this.conflicts.conflicts,
      gaveUp: this.conflicts.exhausted,
      revision: this.lastRevision,
      lastError: this.lastError ?? null,
    };
  }

  async close(): Promise<void> {
    this.client.close();
  }
}
