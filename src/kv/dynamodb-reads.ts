// The reads of one DynamoDB transaction attempt, all strongly consistent.
//
// Point reads: one key is a GetItem; 2-100 keys one TransactGetItems (one instant for all);
// more, BatchGetItem calls of 100 (each key current when read, the whole not one instant).
// A *speculative* attempt (the first of a transaction) answers point reads from the process's
// VersionCache, and assumes keys hinted `likelyAbsent` absent, without a call: such guesses
// are checked before the outcome counts — a commit conditions every version read, and a
// read-only (or failed) attempt calls `confirm`. A warm create is then one TransactWriteItems
// and a warm getattr of a directory one TransactGetItems.
//
// Snapshot of a read-only attempt: if its point reads came from one atomic call and nothing
// was guessed, they already are one. Otherwise `confirm` reads every key read again, keys
// that were absent first, in TransactGetItems of ≤ 100 keys sent one after the other, and
// requires the versions first answered. The first group holds at one instant T; a key found
// later at the version read before T held it throughout (versions never come back, see
// dynamodb-items.ts), so all point reads were current at T — exact as long as at most 100 of
// the keys read were absent (an absent key found absent again may have existed in between).
//
// Scans are Query calls (ConsistentRead, paged by DynamoDB's 1 MB answers up to the limit).
// DynamoDB isolates a Query from transactions only as read-committed: every entry is a
// committed value, but a page may show a concurrent transaction that changed several entries
// of one group in part. A transaction that writes conditions every scanned entry, so its
// commit holds only if they were all current; a read-only one does not confirm them (that
// would be a TransactGetItems per 100 entries): a listing page is read-committed. A listing
// cursor (the last item) gives what the other engines give across pages: every entry present
// from the first page to the last appears exactly once, in byte order; entries created or
// removed meanwhile may or may not appear.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { flatKey, type RawReader } from './buffered-tx.ts';
import type { DynamoCalls } from './dynamodb-calls.ts';
import {
  ATTR,
  DYNAMO_MAX_KEYS_PER_READ,
  decodeGroup,
  decodeItem,
  decodeItemKey,
  type Found,
  keyAttrs,
  latin1,
} from './dynamodb-items.ts';
import type { Entry, Key, ReadHint, ScanOptions, ScanPage } from './types.ts';
import type { VersionCache } from './version-cache.ts';

/** What the engine lends an attempt's reads. */
export interface DynamoReadIo {
  calls: DynamoCalls;
  cache: VersionCache;
  /** A logical clock: observations are ordered by when their call was sent. */
  tick(): number;
}

const UNPROCESSED_PAUSE_MS = 20;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Committed values of `keys` (duplicates allowed), noted in the cache. `atomic`: the answers
 * hold at one instant (at most DYNAMO_MAX_KEYS_PER_READ keys).
 */
export async function fetchItems(io: DynamoReadIo, keys: readonly Key[], atomic: boolean): Promise<Found[]> {
  const unique = new Map<string, Key>();
  for (const k of keys) unique.set(flatKey(k), k);
  const list = [...unique.values()];
  const at = io.tick();
  const found = new Map<string, Found>();
  const table = io.calls.table;
  if (list.length === 1) {
    const out = await io.calls.getItem({ Key: keyAttrs(list[0]), ConsistentRead: true });
    found.set(flatKey(list[0]), decodeItem(out.Item));
  } else if (atomic && list.length <= DYNAMO_MAX_KEYS_PER_READ) {
    const out = await io.calls.transactGet({
      TransactItems: list.map((k) => ({ Get: { TableName: table, Key: keyAttrs(k) } })),
    });
    list.forEach((k, i) => {
      found.set(flatKey(k), decodeItem(out.Responses?.[i]?.Item));
    });
  } else if (list.length > 0) {
    await Promise.all(chunks(list, DYNAMO_MAX_KEYS_PER_READ).map((part) => batchGet(io, part, found)));
  }
  for (const [flat, f] of found) io.cache.note(flat, f?.value, f?.version ?? 0, at);
  return keys.map((k) => found.get(flatKey(k)));
}

/** One BatchGetItem of ≤ 100 keys, re-sending what DynamoDB left unprocessed (it throttled). */
async function batchGet(io: DynamoReadIo, keys: readonly Key[], found: Map<string, Found>): Promise<void> {
  const table = io.calls.table;
  let pending: Record<string, AttributeValue>[] = keys.map(keyAttrs);
  for (let round = 0; pending.length > 0; round++) {
    if (round > 0) {
      io.calls.counts.throttledRetries++;
      await new Promise((r) => setTimeout(r, UNPROCESSED_PAUSE_MS * 2 ** Math.min(round, 6) * Math.random()));
    }
    const out = await io.calls.batchGet({ RequestItems: { [table]: { Keys: pending, ConsistentRead: true } } });
    for (const item of out.Responses?.[table] ?? []) {
      found.set(flatKey({ group: decodeGroup(item), item: decodeItemKey(item) }), decodeItem(item));
    }
    pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  for (const k of keys) if (!found.has(flatKey(k))) found.set(flatKey(k), undefined);
}

/** Where a Query for a page after `o.after` starts: its ExclusiveStartKey, none, or nowhere (the page is empty). */
function startKey(group: string, o: ScanOptions): Record<string, AttributeValue> | undefined | 'past-the-end' {
  if (o.after === undefined || o.after === '') return undefined;
  const prefix = o.prefix ?? '';
  if (o.after.startsWith(prefix)) return keyAttrs({ group, item: o.after });
  // DynamoDB refuses a start key outside the key condition: before the prefix's range it
  // changes nothing, after it the page is empty.
  return o.after < prefix ? undefined : 'past-the-end';
}

export class DynamoReads implements RawReader {
  /** Keys answered without a call: flat key → the version guessed (0 = absent). */
  readonly guesses = new Map<string, { key: Key; version: number }>();
  /** Every key read by a point read, with the version first answered. */
  private readonly pointReads = new Map<string, { key: Key; version: number }>();
  /** Every version this attempt answered per key: two different ones void the attempt. */
  private readonly answered = new Map<string, number>();
  private mixed = false;
  private calls = 0;
  private atomicCalls = 0;

  constructor(
    private readonly io: DynamoReadIo,
    private readonly speculative: boolean,
  ) {}

  async read(keys: readonly Key[], hints?: readonly (ReadHint | undefined)[]): Promise<Found[]> {
    const out: Found[] = new Array(keys.length);
    const fetch: number[] = [];
    keys.forEach((key, i) => {
      const flat = flatKey(key);
      const seen = this.speculative ? this.io.cache.get(flat) : undefined;
      if (seen || (this.speculative && hints?.[i]?.likelyAbsent)) {
        const version = seen?.version ?? 0;
        if (!this.guesses.has(flat)) this.guesses.set(flat, { key, version });
        this.note(key, version);
        // A copy: the caller owns what it is given (it may change it), the cache must not.
        out[i] = version === 0 ? undefined : { value: Buffer.from(seen!.value!), version };
      } else {
        fetch.push(i);
      }
    });
    if (fetch.length > 0) {
      const wanted = fetch.map((i) => keys[i]);
      const atomic = new Set(wanted.map(flatKey)).size <= DYNAMO_MAX_KEYS_PER_READ;
      const found = await fetchItems(this.io, wanted, atomic);
      this.calls++;
      if (atomic) this.atomicCalls++;
      fetch.forEach((i, j) => {
        out[i] = found[j];
        this.note(keys[i], found[j]?.version ?? 0);
      });
    }
    return out;
  }

  private note(key: Key, version: number): void {
    const flat = flatKey(key);
    if (!this.pointReads.has(flat)) this.pointReads.set(flat, { key, version });
    this.answer(flat, version);
  }

  private answer(flat: string, version: number): void {
    const before = this.answered.get(flat);
    if (before === undefined) this.answered.set(flat, version);
    else if (before !== version) this.mixed = true;
  }

  /**
   * False when the attempt was answered two versions of one key (a guess, then a newer one
   * from a real read or a scan): whatever it computed may mix them, so it must re-run.
   */
  get consistent(): boolean {
    return !this.mixed;
  }

  async scan(group: string, o: ScanOptions): Promise<ScanPage> {
    let start = startKey(group, o);
    if (start === 'past-the-end') return { entries: [], more: false };
    const want = o.limit + 1; // one more than asked: `more` is then exact
    const values: Record<string, AttributeValue> = { ':g': { B: latin1(group) } };
    if (o.prefix) values[':p'] = { B: latin1(o.prefix) };
    const found: Entry[] = [];
    do {
      const out = await this.io.calls.query({
        KeyConditionExpression: o.prefix ? '#pk = :g AND begins_with(#sk, :p)' : '#pk = :g',
        ExpressionAttributeNames: o.prefix ? { '#pk': ATTR.group, '#sk': ATTR.item } : { '#pk': ATTR.group },
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
        ConsistentRead: true,
        Limit: want - found.length,
      });
      for (const item of out.Items ?? []) found.push({ item: decodeItemKey(item), ...decodeItem(item)! });
      start = out.LastEvaluatedKey;
    } while (start && found.length < want);
    const entries = found.slice(0, o.limit);
    // Scanned versions count like any answer: one that differs from a guess voids the attempt.
    for (const e of entries) this.answer(flatKey({ group, item: e.item }), e.version);
    return { entries, more: found.length > o.limit, last: entries.at(-1)?.item };
  }

  /**
   * Were the point reads one snapshot, guesses included? (See the header.) Reads found changed
   * are noted in the cache, for the re-run.
   */
  async confirm(): Promise<boolean> {
    if (this.mixed) return false;
    if (this.guesses.size === 0 && this.calls <= 1 && this.atomicCalls === this.calls) return true;
    const reads = [...this.pointReads.values()].sort((a, b) => Number(a.version !== 0) - Number(b.version !== 0));
    const [first, ...rest] = chunks(reads, DYNAMO_MAX_KEYS_PER_READ);
    const check = async (part: typeof reads) => {
      const found = await fetchItems(
        this.io,
        part.map((r) => r.key),
        true,
      );
      return part.every((r, i) => (found[i]?.version ?? 0) === r.version);
    };
    if (!(await check(first))) return false;
    return (await Promise.all(rest.map(check))).every(Boolean);
  }
}
