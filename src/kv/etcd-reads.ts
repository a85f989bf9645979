// The reads of one etcd transaction attempt. Real reads are pinned to the revision of the
// first one, so together they are one consistent snapshot; scans page at that revision.
//
// A *speculative* attempt also answers point reads from the process's VersionCache (and
// assumes keys hinted `likelyAbsent` absent) without a round trip, noting each such guess.
// A guess is checked before the attempt's outcome counts: a commit compares every version it
// read (so a wrong guess fails the Txn), and a read-only or failed attempt calls `confirm`,
// which re-reads the guesses at the pinned revision in one round trip. A create on a warm
// cache is then a single Txn instead of three reads and a Txn (DESIGN §3.4). Only the first
// attempt of a transaction is speculative (etcd.ts); scanned versions are checked against
// guesses like any other answer.
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

/** The raw etcd key of a KV key: `{prefix}{group}\0{item}` as bytes. */
export function etcdKey(prefix: string, key: Key): Buffer {
  return latin1(prefix + flatKey(key));
}
/** etcd's --max-txn-ops default: a Txn of more ranges is refused (INVALID_ARGUMENT). */
const MAX_RANGES_PER_TXN = 128;

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

export type Found = { value: Buffer; version: number } | undefined;

export class EtcdReads implements RawReader {
  /** The revision every real read of this attempt is pinned to (set by the first). */
  private revision?: string;
  /** Keys answered without a read: flat key → the version guessed (0 = absent). */
  readonly guesses = new Map<string, { key: Key; version: number }>();
  /** Every version this attempt answered per key: two different ones void the attempt. */
  private readonly answered = new Map<string, number>();
  private mixed = false;
  /** The call pinning the revision, while it is out. */
  private pinning?: Promise<unknown>;

  constructor(
    private readonly io: EtcdReadIo,
    private readonly speculative: boolean,
  ) {}

  keyOf(key: Key): Buffer {
    return etcdKey(this.io.prefix, key);
  }

  async read(keys: readonly Key[], hints?: readonly (ReadHint | undefined)[]): Promise<Found[]> {
    const out: Found[] = new Array(keys.length);
    const fetch: number[] = [];
    keys.forEach((key, i) => {
      const flat = flatKey(key);
      const cached = this.speculative ? this.io.cache.get(flat) : undefined;
      // A version newer than the pinned revision is not part of this snapshot (a scan at it
      // would show an older one): such a key is read at the pinned revision instead.
      const seen =
        cached && (this.revision === undefined || cached.version <= Number(this.revision)) ? cached : undefined;
      if (seen || (this.speculative && !cached && hints?.[i]?.likelyAbsent)) {
        const version = seen?.version ?? 0;
        if (!this.guesses.has(flat)) this.guesses.set(flat, { key, version });
        this.answer(flat, version);
        // A copy: the caller owns what it is given (it may change it), the cache must not.
        out[i] = version === 0 ? undefined : { value: Buffer.from(seen!.value!), version };
      } else {
        fetch.push(i);
      }
    });
    if (fetch.length > 0) {
      const kvs = await this.fetch(fetch.map((i) => keys[i]));
      fetch.forEach((i, j) => {
        out[i] = kvs[j];
      });
    }
    return out;
  }

  /** Real reads at the pinned revision (pinning it if unset), noted in the cache. */
  private async fetch(keys: readonly Key[]): Promise<Found[]> {
    const raw = keys.map((k) => this.keyOf(k));
    type Kvs = (IKeyValue | undefined)[];
    const ranges =
      (part: Buffer[]) =>
      async (revision?: string): Promise<[Kvs, string]> => {
        if (part.length === 1) {
          const r = await this.io.client.kv.range({ key: part[0], revision });
          return [[r.kvs[0]], r.header.revision];
        }
        // Several keys: one read-only Txn of ranges, all at one revision, one round trip.
        const r = await this.io.client.kv.txn({ success: part.map((key) => ({ request_range: { key, revision } })) });
        return [r.responses.map((x) => x.response_range.kvs[0] as IKeyValue | undefined), r.header.revision];
      };
    // etcd refuses a Txn of more than --max-txn-ops ranges: more keys take several, at the
    // revision the first one pins.
    const parts: Buffer[][] = [];
    for (let i = 0; i < raw.length; i += MAX_RANGES_PER_TXN) parts.push(raw.slice(i, i + MAX_RANGES_PER_TXN));
    const first = await this.pinned(ranges(parts[0]));
    const kvs = [...first, ...(await Promise.all(parts.slice(1).map((p) => this.pinned(ranges(p))))).flat()];
    const atRevision = Number(this.revision);
    return kvs.map((kv, i) => {
      const version = kv ? Number(kv.mod_revision) : 0;
      const flat = flatKey(keys[i]);
      this.io.cache.note(flat, kv?.value, version, atRevision);
      this.answer(flat, version);
      return kv ? { value: kv.value, version } : undefined;
    });
  }

  /**
   * One call at the pinned revision; the first pins it. A call made while the first is still
   * out waits for it (two unpinned reads would see two different revisions).
   */
  private async pinned<T>(call: (revision?: string) => Promise<readonly [T, string]>): Promise<T> {
    if (this.revision === undefined && this.pinning) await this.pinning.catch(() => undefined);
    const p = call(this.revision);
    if (this.revision === undefined) this.pinning = p;
    try {
      const [out, at] = await p;
      this.revision ??= at;
      return out;
    } catch (e) {
      if (isCompacted(e)) throw new KvConflictError('pinned revision was compacted');
      throw this.io.remote(e);
    }
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
    const after =
      o.after !== undefined
        ? Buffer.concat([latin1(`${this.io.prefix}${group}\x00${o.after}`), Buffer.from([0])])
        : undefined;
    const start = after && Buffer.compare(after, base) > 0 ? after : base;
    const r = await this.pinned((revision) =>
      this.io.client.kv
        .range({ key: start, range_end: prefixEnd(base), limit: o.limit + 1, revision })
        .then((r) => [r, r.header.revision] as const),
    );
    const kvs = r.kvs.slice(0, o.limit);
    const groupPrefix = this.io.prefix.length + group.length + 1;
    const entries: Entry[] = kvs.map((kv) => ({
      item: kv.key.toString('latin1', groupPrefix),
      value: kv.value,
      version: Number(kv.mod_revision),
    }));
    // Scanned versions count like any answer: one that differs from a guess voids the attempt.
    for (const e of entries) this.answer(flatKey({ group, item: e.item }), e.version);
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
