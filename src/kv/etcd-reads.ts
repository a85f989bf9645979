// The reads of one etcd transaction attempt. Real reads are pinned to the revision of the
// first one, so together they are one consistent snapshot; scans page at that revision.
//
// A *speculative* attempt also answers point reads from the process's VersionCache (and
// assumes keys hinted `likelyAbsent` absent) without a round trip, noting each such guess.
// A guess is checked before the attempt's outcome counts: a commit compares every version it
// read (so a wrong guess fails the Txn), and a read-only or failed attempt calls `confirm`,
// which re-reads the guesses at the pinned revision in one round trip. A create on a warm
// cache is then a single Txn instead of three reads and a Txn (DESIGN §3.4).
import type { Etcd3, IKeyValue } from 'etcd3';
import { flatKey, type RawReader } from './buffered-tx.ts';
import { KvConflictError } from './retry.ts';
import type { Entry, Key, ReadHint, ScanOptions, ScanPage } from './types.ts';
import type { VersionCache } from './version-cache.ts';

/** What the engine lends an attempt's reads. */
export interface EtcdReadIo {
  client: Etcd3;
  prefix: string;
  cache: VersionCache;
  /** Map a failed call to the engine's error (Unavailable, or the error itself). */
  remote(e: unknown): Error;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** The smallest key after every key that starts with `prefix` (etcd's range_end for a prefix). */
export function prefixEnd(prefix: Buffer): Buffer {
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

type Found = { value: Buffer; version: number } | undefined;

export class EtcdReads implements RawReader {
  /** The revision every real read of this attempt is pinned to (set by the first). */
  private revision?: string;
  /** Keys answered without a read: flat key → the version guessed (0 = absent). */
  readonly guesses = new Map<string, { key: Key; version: number }>();
  /** Every version this attempt answered per key: two different ones void the attempt. */
  private readonly answered = new Map<string, number>();
  private mixed = false;

  constructor(
    private readonly io: EtcdReadIo,
    private readonly speculative: boolean,
  ) {}

  keyOf(key: Key): Buffer {
    return latin1(this.io.prefix + flatKey(key));
  }

  async read(keys: readonly Key[], hints?: readonly (ReadHint | undefined)[]): Promise<Found[]> {
    const out: Found[] = new Array(keys.length);
    const fetch: number[] = [];
    keys.forEach((key, i) => {
      const flat = flatKey(key);
      const seen = this.speculative ? this.io.cache.get(flat) : undefined;
      if (seen || (this.speculative && hints?.[i]?.likelyAbsent)) {
        const version = seen?.version ?? 0;
        if (!this.guesses.has(flat)) this.guesses.set(flat, { key, version });
        this.answer(flat, version);
        out[i] = version === 0 ? undefined : { value: seen!.value!, version };
      } else {
        fetch.push(i);
      }
    });
    if (fetch.length > 0) {
      const kvs = await this.fetch(fetch.map((i) => keys[i]));
      fetch.forEach((i, j) => (out[i] = kvs[j]));
    }
    return out;
  }

  /** Real reads at the pinned revision (pinning it if unset), noted in the cache. */
  private async fetch(keys: readonly Key[]): Promise<Found[]> {
    const raw = keys.map((k) => this.keyOf(k));
    let kvs: (IKeyValue | undefined)[];
    let at: string;
    try {
      if (raw.length === 1) {
        const r = await this.io.client.kv.range({ key: raw[0], revision: this.revision });
        [kvs, at] = [[r.kvs[0]], r.header.revision];
      } else {
        // Several keys: one read-only Txn of ranges, all at one revision, one round trip.
        const r = await this.io.client.kv.txn({ success: raw.map((key) => ({ request_range: { key, revision: this.revision } })) });
        [kvs, at] = [r.responses.map((x) => x.response_range.kvs[0] as IKeyValue | undefined), r.header.revision];
      }
    } catch (e) {
      if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
      throw this.io.remote(e);
    }
    this.revision ??= at;
    const atRevision = Number(this.revision);
    return kvs.map((kv, i) => {
      const version = kv ? Number(kv.mod_revision) : 0;
      const flat = flatKey(keys[i]);
      this.io.cache.note(flat, kv?.value, version, atRevision);
      this.answer(flat, version);
      return kv ? { value: kv.value, version } : undefined;
    });
  }

  private answer(flat: string, version: number): void {
    const before = this.answered.get(flat);
    if (before === undefined) this.answered.set(flat, version);
    else if (before !== version) this.mixed = true;
  }

  /**
   * False when the attempt was answered two versions of one key (a guess, then a newer
   * commit's entry or a real read): whatever it computed may mix them, so it must re-run.
   */
  get consistent(): boolean {
    return !this.mixed;
  }

  async scan(group: string, o: ScanOptions): Promise<ScanPage> {
    const base = latin1(`${this.io.prefix}${group}\x00${o.prefix ?? ''}`);
    const after = o.after !== undefined ? Buffer.concat([latin1(`${this.io.prefix}${group}\x00${o.after}`), Buffer.from([0])]) : undefined;
    const start = after && Buffer.compare(after, base) > 0 ? after : base;
    let r;
    try {
      r = await this.io.client.kv.range({ key: start, range_end: prefixEnd(base), limit: o.limit + 1, revision: this.revision });
    } catch (e) {
      if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
      throw this.io.remote(e);
    }
    this.revision ??= r.header.revision;
    const kvs = r.kvs.slice(0, o.limit);
    const groupPrefix = this.io.prefix.length + group.length + 1;
    const entries: Entry[] = kvs.map((kv) => ({ item: kv.key.toString('latin1', groupPrefix), value: kv.value, version: Number(kv.mod_revision) }));
    return { entries, more: r.kvs.length > o.limit, last: entries.at(-1)?.item };
  }

  /**
   * Were the guesses right? Re-reads them at the pinned revision (the latest if nothing was
   * read for real), so that with the real reads they form one snapshot. A wrong guess is
   * replaced in the cache by what the read found, for the re-run.
   */
  async confirm(): Promise<boolean> {
    if (this.guesses.size === 0) return !this.mixed;
    const guesses = [...this.guesses.values()];
    const found = await this.fetch(guesses.map((g) => g.key));
    return !this.mixed && guesses.every((g, i) => (found[i]?.version ?? 0) === g.version);
  }
}
