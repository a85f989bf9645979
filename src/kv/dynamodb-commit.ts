// The commit of a DynamoDB transaction: one TransactWriteItems with one action per key (DynamoDB
// allows no two actions on one item), so a key read and written is one Put or Delete carrying
// the read's condition:
//   key read, not written     ConditionCheck  v = :read  (absent: attribute_not_exists(pk))
//   key written (and read)    Put / Delete    the read's condition, if it was read
//   key merged                Put             v = :base, the version the merge was applied to
// A key written without being read (a new inode, a blind delete) carries no condition: the
// KV contract promises nothing about what it overwrites, as on the other engines.
//
// Merges (Tx.merge: the sharded directory and usage counters) are applied here to the latest
// value known — the cached one, else one read now — and conditioned on its version. DynamoDB's
// ADD would make an increment conflict-free, but only on a number attribute: our counters are
// encoded records of several fields (entries, subdirectories, change time, ops) updated by an
// opaque MergeFn, so the engine cannot turn them into ADDs without knowing every record. When
// the only conditions that failed are on merged keys (another instance bumped the same shard),
// the cancellation reasons carry the current items (ReturnValuesOnConditionCheckFailure
// ALL_OLD): the merges are recomputed on them and only the commit is sent again, up to
// MERGE_RETRIES times, without re-running the transaction. Merges of one key by this process
// take turns (key-turns.ts), each starting from the version the previous one committed.
import type { AttributeValue, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { fsErr } from '../errno.ts';
import { applyWrite, type BufferedTx, type ReadRecord, type WriteRecord } from './buffered-tx.ts';
import { TxCancelled } from './dynamodb-calls.ts';
import {
  ATTR,
  type DynamoLimits,
  decodeItem,
  type Found,
  itemAttrs,
  itemBytes,
  keyAttrs,
  newVersion,
} from './dynamodb-items.ts';
import { type DynamoReadIo, fetchItems } from './dynamodb-reads.ts';
import type { KeyTurns } from './key-turns.ts';
import { KvConflictError } from './retry.ts';
import type { Key } from './types.ts';

/** Commits that only recompute merges before the whole transaction is re-run. */
export const MERGE_RETRIES = 8;

export interface CommitCounts {
  commits: number;
  mergeRetries: number;
}

/** One key's part in the commit. */
interface Part {
  flat: string;
  key: Key;
  read?: ReadRecord;
  write?: WriteRecord;
}

/** The condition that the key is still at `version` (0: still absent). */
interface Guard {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
  /** On failure the reason carries the current item: the cache and the merges learn it. */
  ReturnValuesOnConditionCheckFailure: 'ALL_OLD';
}

function guard(version: number): Guard {
  return version === 0
    ? {
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': ATTR.group },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }
    : {
        ConditionExpression: '#v = :v',
        ExpressionAttributeNames: { '#v': ATTR.version },
        ExpressionAttributeValues: { ':v': { N: String(version) } },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      };
}

export class DynamoCommitter {
  readonly counts: CommitCounts = { commits: 0, mergeRetries: 0 };

  constructor(
    private readonly io: DynamoReadIo,
    private readonly limits: DynamoLimits,
    private readonly turns: KeyTurns,
  ) {}

  /** `opts.cacheWrites`: TransactOptions.cacheWrites. */
  async commit(tx: BufferedTx, opts: { cacheWrites: boolean }): Promise<void> {
    const parts = new Map<string, Part>();
    for (const [flat, read] of tx.reads) parts.set(flat, { flat, key: read.key, read });
    for (const [flat, write] of tx.writes) parts.set(flat, { ...parts.get(flat), flat, key: write.key, write });
    if (parts.size > this.limits.maxKeysPerTx) {
      throw fsErr(
        'E2BIG',
        `a transaction reads and writes ${parts.size} keys; one DynamoDB transaction holds at most ${this.limits.maxKeysPerTx}`,
      );
    }
    const merged = [...parts.values()].filter((p) => p.write?.merges);
    await this.turns.run(
      merged.map((p) => p.flat),
      () => this.commitInTurn([...parts.values()], merged, opts),
    );
  }

  private async commitInTurn(parts: Part[], merged: Part[], opts: { cacheWrites: boolean }): Promise<void> {
    const bases = await this.mergeBases(merged);
    // A merged key the transaction also read must still be at the version it read.
    if (merged.some((p) => p.read && p.read.version !== (bases.get(p.flat)?.version ?? 0))) throw new KvConflictError();
    for (let attempt = 1; ; attempt++) {
      const at = this.io.tick();
      const written: { flat: string; value: Buffer | null; version: number }[] = [];
      let bytes = 0;
      const actions: TransactWriteItem[] = parts.map((p) => {
        const Key = keyAttrs(p.key);
        const TableName = this.io.calls.table;
        const base = p.write?.merges ? bases.get(p.flat) : undefined;
        const expected = p.write?.merges ? (base?.version ?? 0) : p.read?.version;
        const cond = expected === undefined ? undefined : guard(expected);
        if (!p.write) {
          bytes += itemBytes(p.key, 0);
          return { ConditionCheck: { TableName, Key, ...cond! } };
        }
        const value = applyWrite(p.write, base?.value);
        const version = value === null ? 0 : newVersion();
        written.push({ flat: p.flat, value, version });
        if (value === null) {
          bytes += itemBytes(p.key, 0);
          return { Delete: { TableName, Key, ...cond } };
        }
        const size = itemBytes(p.key, value.length);
        if (size > this.limits.maxItemBytes) {
          throw fsErr('E2BIG', `an item of ${size} bytes exceeds DynamoDB's ${this.limits.maxItemBytes}`);
        }
        bytes += size;
        return { Put: { TableName, Item: itemAttrs(p.key, value, version), ...cond } };
      });
      if (bytes > this.limits.maxTxBytes) {
        throw fsErr(
          'E2BIG',
          `a transaction writes ${bytes} bytes; one DynamoDB transaction holds at most ${this.limits.maxTxBytes}`,
        );
      }
      try {
        await this.io.calls.transactWrite({ TransactItems: actions });
      } catch (e) {
        if (!(e instanceof TxCancelled)) {
          // Whatever happened (EAGAIN after a lost answer), the cached versions may be wrong.
          for (const w of written) this.io.cache.forget(w.flat);
          throw e;
        }
        if (!this.learn(parts, e, bases) || attempt >= MERGE_RETRIES) throw new KvConflictError();
        this.counts.mergeRetries++;
        continue;
      }
      this.counts.commits++;
      for (const w of written) {
        this.io.cache.written(w.flat, w.value ?? undefined, w.version, at, { keep: opts.cacheWrites });
      }
      return;
    }
  }

  /**
   * The value each merge applies to: the cached one (its version is a condition, so a stale
   * one fails the commit), else read now. A key the transaction also read must be at the
   * version it read: if the cache says otherwise, ask DynamoDB.
   */
  private async mergeBases(merged: Part[]): Promise<Map<string, Found>> {
    const bases = new Map<string, Found>();
    const missing: Part[] = [];
    for (const p of merged) {
      const seen = this.io.cache.get(p.flat);
      if (seen && (!p.read || p.read.version === seen.version)) {
        bases.set(p.flat, seen.version === 0 ? undefined : { value: Buffer.from(seen.value!), version: seen.version });
      } else {
        missing.push(p);
      }
    }
    if (missing.length > 0) {
      const found = await fetchItems(
        this.io,
        missing.map((p) => p.key),
        false,
      );
      missing.forEach((p, i) => {
        bases.set(p.flat, found[i]);
      });
    }
    return bases;
  }

  /**
   * What a cancelled commit tells: the current items whose conditions failed (noted in the
   * cache). True when only merged keys the transaction did not read had changed: `bases` then
   * holds their current values and the commit may be sent again.
   */
  private learn(parts: Part[], cancelled: TxCancelled, bases: Map<string, Found>): boolean {
    const at = this.io.tick();
    let onlyMerges = true;
    cancelled.reasons.forEach((reason, i) => {
      if (reason.Code !== 'ConditionalCheckFailed') return;
      const p = parts[i];
      const now = decodeItem(reason.Item);
      this.io.cache.note(p.flat, now?.value, now?.version ?? 0, at);
      if (p.write?.merges && !p.read) bases.set(p.flat, now);
      else onlyMerges = false;
    });
    return onlyMerges;
  }
}
