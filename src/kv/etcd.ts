// The etcd engine (DESIGN §3.2), on the etcd3 client's raw KV calls.
//
// Keys are `{prefix}{group}\0{item}` as bytes. A transaction's reads are pinned to the revision
// of its first read, so everything it sees is one consistent snapshot (a read-only transaction
// needs no commit at all); scans page at that revision, so paging inside a transaction is
// stable. Commit is one etcd Txn: it compares the mod_revision of every key read (absent ones:
// create_revision == 0) and applies all writes, or fails and the transaction re-runs with
// jittered backoff. Merges (commit-time read-modify-writes) read their keys at commit and
// compare those too. Versions are mod_revisions. Every call has a deadline.
import { circuitBreaker, ConsecutiveBreaker, handleWhen, noop } from 'cockatiel';
import { Etcd3, isRecoverableError, type IKeyValue, type IOptions, type IRequestOp, type ICompare } from 'etcd3';
import { fsErr } from '../errno.ts';
import { applyWrite, BufferedTx, flatKey, type RawReader } from './buffered-tx.ts';
import { KvConflictError, retryOnConflict, type ConflictStats } from './retry.ts';
import type { Entry, Key, KvLimits, KvStore, ScanOptions, ScanPage, TransactOptions, Tx } from './types.ts';

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

export const ETCD_LIMITS: KvLimits = {
  maxWritesPerTx: 100, // like every engine (DynamoDB's cap), under etcd's 128
  maxKeyBytes: 1024,
  maxValueBytes: 128 * 1024, // a Txn must stay under etcd's 1.5 MiB request limit
  maxScanLimit: 1000,
};

export interface EtcdKvOptions {
  endpoints: string[];
  /** Every key starts with this (several CirrusFS deployments can share a cluster). */
  prefix?: string;
  callTimeoutMs?: number;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

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
      host: () => circuitBreaker(handleWhen(isRecoverableError), { halfOpenAfter: BREAKER_PAUSE_MS, breaker: new ConsecutiveBreaker(3) }),
    },
  };
}
const BREAKER_PAUSE_MS = 300;

/** The smallest key after every key that starts with `prefix` (etcd's range_end for a prefix). */
function prefixEnd(prefix: Buffer): Buffer {
  const end = Buffer.from(prefix);
  for (let i = end.length - 1; i >= 0; i--) {
    if (end[i] < 0xff) {
      end[i]++;
      return end.subarray(0, i + 1);
    }
  }
  return Buffer.from([0]); // all keys
}

function isCompacted(e: unknown): boolean {
  return /compacted/i.test(String((e as Error)?.message ?? e));
}

export class EtcdKv implements KvStore {
  readonly engine = 'etcd';
  readonly limits = ETCD_LIMITS;
  readonly client: Etcd3;
  private readonly prefix: string;
  private readonly conflicts: ConflictStats = { conflicts: 0, exhausted: 0 };
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
  }

  /** The raw etcd key of a KV key. */
  keyOf(key: Key): Buffer {
    return latin1(this.prefix + flatKey(key));
  }

  private entryOf(group: string, kv: IKeyValue): Entry {
    const groupPrefix = this.prefix.length + group.length + 1;
    return { item: kv.key.toString('latin1', groupPrefix), value: kv.value, version: Number(kv.mod_revision) };
  }

  /** A failed call: etcd unreachable or electing a leader (retried until UNAVAILABLE_RETRY_MS). */
  private remote(e: unknown): Error {
    if (e instanceof KvConflictError || e instanceof Unavailable || (e as { code?: string }).code) return e as Error;
    this.lastError = String((e as Error)?.message ?? e);
    return new Unavailable(this.lastError);
  }

  private async rangeOne(key: Buffer, revision?: string) {
    try {
      return await this.client.kv.range({ key, revision });
    } catch (e) {
      if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
      throw this.remote(e);
    }
  }

  /** A reader whose reads all happen at the revision of its first one. */
  private reader(): RawReader {
    let revision: string | undefined;
    const read = async (keys: readonly Key[]) => {
      if (keys.length === 0) return [];
      let kvs: (IKeyValue | undefined)[];
      if (keys.length === 1) {
        const r = await this.rangeOne(this.keyOf(keys[0]), revision);
        revision ??= r.header.revision;
        kvs = [r.kvs[0]];
      } else {
        // Several keys: one read-only Txn of ranges, all at one revision, one round trip.
        let r;
        try {
          r = await this.client.kv.txn({ success: keys.map((k) => ({ request_range: { key: this.keyOf(k), revision } })) });
        } catch (e) {
          if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
          throw this.remote(e);
        }
        revision ??= r.header.revision;
        kvs = r.responses.map((x) => x.response_range.kvs[0] as IKeyValue | undefined);
      }
      return kvs.map((kv) => (kv ? { value: kv.value, version: Number(kv.mod_revision) } : undefined));
    };
    const scan = async (group: string, o: ScanOptions): Promise<ScanPage> => {
      const base = latin1(`${this.prefix}${group}\x00${o.prefix ?? ''}`);
      const after = o.after !== undefined ? Buffer.concat([latin1(`${this.prefix}${group}\x00${o.after}`), Buffer.from([0])]) : undefined;
      const start = after && Buffer.compare(after, base) > 0 ? after : base;
      let r;
      try {
        r = await this.client.kv.range({ key: start, range_end: prefixEnd(base), limit: o.limit + 1, revision });
      } catch (e) {
        if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
        throw this.remote(e);
      }
      revision ??= r.header.revision;
      const kvs = r.kvs.slice(0, o.limit);
      const entries = kvs.map((kv) => this.entryOf(group, kv));
      return { entries, more: r.kvs.length > o.limit, last: entries.at(-1)?.item };
    };
    return { read, scan };
  }

  transact<T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    return retryOnConflict(
      async () => {
        try {
          const tx = new BufferedTx(this.reader(), this.limits);
          const result = await fn(tx);
          if (tx.writes.size > 0) await this.commit(tx);
          return result;
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

  private async commit(tx: BufferedTx): Promise<void> {
    const cmp = (key: Buffer, version: number): ICompare =>
      version === 0
        ? { key, target: 'Create', result: 'Equal', create_revision: 0 }
        : { key, target: 'Mod', result: 'Equal', mod_revision: version };
    const reads = [...tx.reads.values()];
    const readCompares = reads.map((r) => cmp(this.keyOf(r.key), r.version));
    // Merges apply to the latest value: read now, compared like any read (a key the
    // transaction also read is already compared at the version it saw).
    const merges = [...tx.writes.values()].filter((w) => w.merges);
    const mergeKeys = merges.map((w) => this.keyOf(w.key));
    let current = await this.rangeMany(mergeKeys);
    if (readCompares.length + merges.length > ETCD_MAX_TXN_OPS) {
      throw fsErr('E2BIG', `a transaction read ${readCompares.length + merges.length} keys; etcd compares at most ${ETCD_MAX_TXN_OPS}`);
    }
    // If the Txn fails, its failure branch reads the merge keys and the keys read, so a
    // conflict that only concerns merges (another create bumped the same counter shard) is
    // resolved by recomputing them, one round trip, without re-running the transaction.
    const failure: IRequestOp[] = [...mergeKeys, ...reads.map((r) => this.keyOf(r.key))].map((key) => ({ request_range: { key } }));
    for (let attempt = 1; ; attempt++) {
      const compare = [...readCompares];
      const merged = new Map<string, Buffer | null>();
      merges.forEach((w, i) => {
        if (!tx.reads.has(flatKey(w.key))) compare.push(cmp(mergeKeys[i], current[i] ? Number(current[i]!.mod_revision) : 0));
        merged.set(flatKey(w.key), applyWrite(w, current[i]?.value));
      });
      const success: IRequestOp[] = [];
      for (const [flat, w] of tx.writes) {
        const key = this.keyOf(w.key);
        const value = merged.has(flat) ? merged.get(flat)! : w.value;
        success.push(value === null ? { request_delete_range: { key } } : { request_put: { key, value } });
      }
      let res;
      try {
        res = await this.client.kv.txn({ compare, success, failure: merges.length > 0 ? failure : [] });
      } catch (e) {
        // The outcome is unknown (the call timed out around a failover): if every key holds
        // what this Txn wrote, it was applied; otherwise it was not, and re-running is safe.
        if (await this.applied(success)) {
          this.commits++;
          this.unknownCommitsApplied++;
          return;
        }
        throw this.remote(e);
      }
      if (res.succeeded) {
        this.commits++;
        this.lastRevision = res.header.revision;
        return;
      }
      if (merges.length === 0 || attempt >= MERGE_RETRIES) throw new KvConflictError();
      const now = res.responses.map((r) => r.response_range.kvs[0] as IKeyValue | undefined);
      const readsChanged = reads.some((r, i) => Number(now[merges.length + i]?.mod_revision ?? 0) !== r.version);
      if (readsChanged) throw new KvConflictError(); // a real conflict: run the transaction again
      current = now.slice(0, merges.length);
      this.mergeRetries++;
    }
  }

  /** After a Txn of unknown outcome: does every key hold what it wrote (deleted ones absent)? */
  private async applied(ops: IRequestOp[]): Promise<boolean> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    for (;;) {
      try {
        const now = await this.rangeMany(ops.map((op) => (op.request_put?.key ?? op.request_delete_range?.key)!));
        return ops.every((op, i) => {
          const kv = now[i];
          return op.request_put ? kv !== undefined && kv.value.equals(op.request_put.value!) : kv === undefined;
        });
      } catch {
        if (Date.now() > giveUpAt) return false;
        await new Promise((r) => setTimeout(r, UNAVAILABLE_PAUSE_MS));
      }
    }
  }

  /** The latest value of several keys in one round trip (a read-only Txn). */
  private async rangeMany(keys: Buffer[]): Promise<(IKeyValue | undefined)[]> {
    if (keys.length === 0) return [];
    try {
      const r = await this.client.kv.txn({ success: keys.map((key) => ({ request_range: { key } })) });
      return r.responses.map((x) => x.response_range.kvs[0] as IKeyValue | undefined);
    } catch (e) {
      throw this.remote(e);
    }
  }

  async get(key: Key): Promise<Buffer | undefined> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    for (;;) {
      try {
        return (await this.rangeOne(this.keyOf(key))).kvs[0]?.value;
      } catch (e) {
        if (!(e instanceof Unavailable)) throw e;
        if (Date.now() > giveUpAt) throw fsErr('EAGAIN', `metadata store (etcd) unavailable: ${e.message}`);
        await new Promise((r) => setTimeout(r, UNAVAILABLE_PAUSE_MS));
      }
    }
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
