// The engine-independent half of a transaction: the read set (key → version seen, 0 for
// absent) and the buffered write set, with reads seeing the transaction's own writes.
// An engine supplies raw reads and, at commit, checks `reads` and applies `writes`.
import { fsErr, invariant } from '../errno.ts';
import type { Entry, Key, KvLimits, MergeFn, ReadHint, ScanOptions, ScanPage, Tx } from './types.ts';

/** Raw, uncached reads of committed state; version 0 never occurs for a present key. */
export interface RawReader {
  read(
    keys: readonly Key[],
    hints?: readonly (ReadHint | undefined)[],
  ): Promise<({ value: Buffer; version: number } | undefined)[]>;
  scan(group: string, options: ScanOptions): Promise<ScanPage>;
  /** Engines that hold everything in memory may answer a point read without a round trip. */
  readOneSync?(key: Key): { value: Buffer; version: number } | undefined;
}

export interface ReadRecord {
  readonly key: Key;
  /** Version seen; 0 = the key was absent. */
  readonly version: number;
}

export interface WriteRecord {
  readonly key: Key;
  /** null = delete. Ignored while `merges` is set. */
  readonly value: Buffer | null;
  /** Commit-time read-modify-writes of the committed value (no put or delete came first). */
  readonly merges?: readonly MergeFn[];
}

/** The value a write leaves, given the committed value it applies to. */
export function applyWrite(w: WriteRecord, committed: Buffer | undefined): Buffer | null {
  if (!w.merges) return w.value;
  let v = committed;
  for (const fn of w.merges) v = fn(v);
  return v ?? null;
}

const GROUP_SEPARATOR = '\x00';

/** One string per key, ordered as (group, item): the separator sorts below every item byte. */
export function flatKey(key: Key): string {
  return key.group + GROUP_SEPARATOR + key.item;
}

export function splitFlatKey(flat: string): Key {
  const at = flat.indexOf(GROUP_SEPARATOR);
  invariant(at >= 0, 'flat key has a group separator');
  return { group: flat.slice(0, at), item: flat.slice(at + 1) };
}

/** Byte length of a byte string, checking that it is one (every char ≤ 0xff). */
export function checkByteString(s: string, what: string): number {
  for (let i = 0; i < s.length; i++) {
    invariant(s.charCodeAt(i) <= 0xff, `${what} is a byte string`);
  }
  return s.length;
}

export class BufferedTx implements Tx {
  readonly reads = new Map<string, ReadRecord>();
  readonly writes = new Map<string, WriteRecord>();

  constructor(
    private readonly raw: RawReader,
    private readonly limits: KvLimits,
  ) {}

  async get(key: Key, hint?: ReadHint): Promise<Buffer | undefined> {
    const own = this.writes.get(flatKey(key));
    if (own && !own.merges) return own.value ?? undefined;
    const hit = this.raw.readOneSync ? this.raw.readOneSync(key) : (await this.raw.read([key], hint && [hint]))[0];
    this.noteRead(key, hit?.version ?? 0);
    return own ? (applyWrite(own, hit?.value) ?? undefined) : hit?.value;
  }

  async getMany(keys: readonly Key[], hints?: readonly (ReadHint | undefined)[]): Promise<(Buffer | undefined)[]> {
    const out: (Buffer | undefined)[] = new Array(keys.length);
    const missing: Key[] = [];
    const missingAt: number[] = [];
    keys.forEach((key, i) => {
      const own = this.writes.get(flatKey(key));
      if (own && !own.merges) {
        out[i] = own.value ?? undefined;
      } else {
        missing.push(key);
        missingAt.push(i);
      }
    });
    if (missing.length > 0) {
      const found = await this.raw.read(missing, hints && missingAt.map((i) => hints[i]));
      found.forEach((hit, j) => {
        this.noteRead(missing[j], hit?.version ?? 0);
        const own = this.writes.get(flatKey(missing[j]));
        out[missingAt[j]] = own ? (applyWrite(own, hit?.value) ?? undefined) : hit?.value;
      });
    }
    return out;
  }

  async scan(group: string, options: ScanOptions): Promise<ScanPage> {
    invariant(options.limit >= 1, 'scan limit ≥ 1');
    const limit = Math.min(options.limit, this.limits.maxScanLimit);
    const page = await this.raw.scan(group, { ...options, limit });
    for (const e of page.entries) this.noteRead({ group, item: e.item }, e.version);
    return this.overlayOwnWrites(group, options, limit, page);
  }

  put(key: Key, value: Uint8Array): void {
    const keyBytes = checkByteString(key.group, 'group') + checkByteString(key.item, 'item');
    if (keyBytes > this.limits.maxKeyBytes) {
      throw fsErr('E2BIG', `key of ${keyBytes} bytes exceeds the engine limit of ${this.limits.maxKeyBytes}`);
    }
    if (value.byteLength > this.limits.maxValueBytes) {
      throw fsErr(
        'E2BIG',
        `value of ${value.byteLength} bytes exceeds the engine limit of ${this.limits.maxValueBytes}`,
      );
    }
    this.write(key, Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }

  delete(key: Key): void {
    this.write(key, null);
  }

  merge(key: Key, fn: MergeFn): void {
    const prior = this.writes.get(flatKey(key));
    if (prior && !prior.merges) this.write(key, fn(prior.value ?? undefined));
    else this.write(key, null, [...(prior?.merges ?? []), fn]);
  }

  private write(key: Key, value: Buffer | null, merges?: MergeFn[]): void {
    invariant(!key.group.includes(GROUP_SEPARATOR), 'group has no NUL');
    const flat = flatKey(key);
    if (!this.writes.has(flat) && this.writes.size >= this.limits.maxWritesPerTx) {
      throw fsErr('E2BIG', `transaction writes more than ${this.limits.maxWritesPerTx} keys`);
    }
    this.writes.set(flat, merges ? { key, value, merges } : { key, value });
  }

  private noteRead(key: Key, version: number): void {
    const flat = flatKey(key);
    if (!this.reads.has(flat)) this.reads.set(flat, { key, version });
  }

  /** Merge buffered writes of `group` into a committed page, keeping paging exact. */
  private overlayOwnWrites(group: string, options: ScanOptions, limit: number, page: ScanPage): ScanPage {
    const own = [...this.writes.values()].filter(
      (w) =>
        w.key.group === group &&
        (options.after === undefined || w.key.item > options.after) &&
        (options.prefix === undefined || w.key.item.startsWith(options.prefix)) &&
        // Past the end of an incomplete page the next page will show them.
        (!page.more || page.last === undefined || w.key.item <= page.last),
    );
    if (own.length === 0) return page;
    const merged = new Map<string, Entry | null>();
    for (const e of page.entries) merged.set(e.item, e);
    for (const w of own) {
      const value = applyWrite(w, merged.get(w.key.item)?.value);
      merged.set(w.key.item, value === null ? null : { item: w.key.item, value, version: 0 });
    }
    const entries = [...merged.values()]
      .filter((e): e is Entry => e !== null)
      .sort((a, b) => (a.item < b.item ? -1 : a.item > b.item ? 1 : 0));
    if (entries.length <= limit) return { entries, more: page.more, last: page.last };
    const kept = entries.slice(0, limit);
    return { entries: kept, more: true, last: kept[kept.length - 1].item };
  }
}
