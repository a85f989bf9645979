// The read cache (DIGEST §3.6: "LRU, capacity readCacheMaxByte"): object bytes in fixed-size
// pages, keyed by immutable object name and page, bounded by total bytes. Objects never
// change, so a cached page is never stale. Concurrent misses of one page share one GET, and
// a run of missing pages is fetched with one ranged GET. Pages fetched ahead for a scan (a
// long sequential run, sequential.ts) are transient: each scan that asked for one claims it
// through the object offset it will read it to, and the page is dropped once every claim is
// read; a page an ordinary reader asks for is kept like any other.
import { LRUCache } from 'lru-cache';
import { fsErr } from '../errno.ts';
import type { ObjectChecksums } from '../fs/model.ts';
import { ObjectNotFound, type ObjectStore } from '../objects/types.ts';
import { CHECKSUM_PAGE_BYTES, ChecksumMismatch, corruptObject, verifyRun } from './page-checksums.ts';

/** Pages are what a checksum covers (data/page-checksums.ts), so a page GET is checked on its own. */
export const READ_PAGE_BYTES = CHECKSUM_PAGE_BYTES;
/** A page whose bytes fail their checksum is fetched this many times in all before the read fails. */
export const CHECKSUM_FETCH_ATTEMPTS = 2;
const EMPTY = Buffer.alloc(0);
export const DEFAULT_READ_CACHE_BYTES = 256 * 1024 * 1024;
/** Reads larger than this stream past the cache instead of flushing it (scan resistance). */
export const READ_CACHE_MAX_READ_BYTES = 16 * 1024 * 1024;

/** A page's name in the cache: its object's key and its index. */
const pageId = (key: string, page: number) => `${key}#${page}`;

/** Bytes [from, to) of a run of consecutive buffers, as views of them (no copy). */
function sliceRun(run: readonly Buffer[], from: number, to: number): Buffer[] {
  const out: Buffer[] = [];
  let at = 0; // where the current buffer starts in the run
  for (const b of run) {
    const s = Math.max(from, at);
    const e = Math.min(to, at + b.length);
    if (s < e) out.push(s === at && e === at + b.length ? b : b.subarray(s - at, e - at));
    at += b.length;
    if (at >= to) break;
  }
  return out;
}

/** Bytes [start, end) of an object. */
export interface ObjectRange {
  start: number;
  end: number;
}

export interface GetOptions extends ObjectRange {
  /**
   * Keep what is fetched (default true). A large streaming read passes false: it would only
   * flush the cache, so its misses go straight to the store, uncached.
   */
  fill?: boolean;
  /** The scan (a run's id, see sequential.ts) whose transient pages these are, if any. */
  scan?: number;
  /** The object's page checksums (absent for slices written before checksums): every page fetched is checked. */
  checksums?: ObjectChecksums;
}

export interface ReadCacheOptions {
  /** Where a checksum mismatch is reported, naming the object. */
  log?: (msg: string) => void;
}

export class ReadCache {
  private readonly lru: LRUCache<string, Buffer>;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  /**
   * Transient pages (cached or being fetched): for each, the scans that will read it and the
   * object offset each will read it through. A page is dropped once every claim is read
   * (`release`); an ordinary reader's request makes it an ordinary page (no entry).
   */
  private readonly claims = new Map<string, Map<number, number>>();
  readonly counters = {
    hits: 0,
    misses: 0,
    fetches: 0,
    fetchedBytes: 0,
    prefetches: 0,
    bypassed: 0,
    released: 0,
    /** Pages checked against their checksums on arrival. */
    verifiedPages: 0,
    /** Fetches whose bytes failed their checksum (each is fetched once more). */
    checksumMismatches: 0,
    /** Of those, fetches that failed again: the read failed (503 EREMOTEIO). */
    checksumFailures: 0,
    /** Reads that had joined another read's fetch, saw it fail, and fetched for themselves. */
    joinRetries: 0,
  };
  private readonly log: (msg: string) => void;

  constructor(
    private readonly objects: ObjectStore,
    readonly maxBytes = DEFAULT_READ_CACHE_BYTES,
    opts: ReadCacheOptions = {},
  ) {
    this.log = opts.log ?? (() => undefined);
    this.lru = new LRUCache<string, Buffer>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (b) => Math.max(1, b.length),
      dispose: (_, id) => this.claims.delete(id),
    });
  }

  /**
   * Bytes [start, end) of an object, through the cache, as consecutive parts (page slices,
   * not copies). With `scan`, pages fetched are transient, claimed by that scan through `end`.
   */
  async get(key: string, opts: GetOptions): Promise<Buffer[]> {
    const joined = { any: false };
    try {
      return await this.getOnce(key, opts, joined);
    } catch (e) {
      // A read that joined a fetch begun by another (a read-ahead, or a download the client
      // left) does not inherit that fetch's failure: S3 may have been failing then and be
      // well now. It tries once more: the failed pages are no longer in flight, so it fetches
      // them itself (or joins a fetch begun after the failure); the outcome of that try is its
      // answer. (A missing object stays missing: the reader plans afresh for that.)
      if (!joined.any || e instanceof ObjectNotFound) throw e;
      this.counters.joinRetries++;
      return this.getOnce(key, opts, { any: false });
    }
  }

  private async getOnce(key: string, opts: GetOptions, joined: { any: boolean }): Promise<Buffer[]> {
    const { start, end, fill = true, scan: scanId, checksums } = opts;
    if (end <= start) return [];
    if (this.maxBytes === 0) return this.fetchUncached(key, opts);
    const first = Math.floor(start / READ_PAGE_BYTES);
    const last = Math.floor((end - 1) / READ_PAGE_BYTES);
    const pages: Promise<Buffer>[] = [];
    for (let p = first; p <= last; ) {
      const cached = this.lookup(key, p, joined);
      if (cached) {
        this.claim(pageId(key, p), fill, scanId, Math.min(end, (p + 1) * READ_PAGE_BYTES));
        pages.push(cached);
        p++;
        continue;
      }
      if (!fill) {
        this.counters.bypassed++;
        return this.fetchUncached(key, opts);
      }
      let q = p;
      while (q + 1 <= last && !this.present(key, q + 1)) q++; // the next page is looked up (and counted) in its turn
      pages.push(
        ...this.fetch(key, p, q, { scan: scanId === undefined ? undefined : { scan: scanId, end }, checksums }),
      );
      p = q + 1;
    }
    return (await Promise.all(pages)).map((page, i) => {
      const pageStart = (first + i) * READ_PAGE_BYTES;
      const s = Math.max(start, pageStart) - pageStart;
      const e = Math.min(end, pageStart + READ_PAGE_BYTES) - pageStart;
      if (page.length < e) throw fsErr('EIO', `object ${key} is shorter than its slice says`);
      return page.subarray(s, e);
    });
  }

  /**
   * Warm the cache for [start, end) of an object without waiting (read-ahead); pages it
   * fetches for a `scan` are transient, dropped by `release` once read.
   */
  prefetch(key: string, opts: ObjectRange & Pick<GetOptions, 'scan' | 'checksums'>): void {
    if (this.maxBytes === 0) return;
    this.counters.prefetches++;
    this.get(key, { ...opts, fill: true }).catch(() => undefined); // a failed read-ahead just isn't cached
  }

  /**
   * Scan `scan` has read [start, end) of an object: its claims on transient pages that it
   * has now read through are done, and a page no scan still claims is dropped (a page it
   * read only the start of is still to be read by its next range). The bytes stay alive
   * for as long as a response still holds them.
   */
  release(key: string, opts: ObjectRange & { scan: number }): void {
    const { start, end, scan: scanId } = opts;
    for (let p = Math.floor(start / READ_PAGE_BYTES); p * READ_PAGE_BYTES < end; p++) {
      const id = pageId(key, p);
      const claims = this.claims.get(id);
      const through = claims?.get(scanId);
      if (through === undefined || through > end) continue;
      claims!.delete(scanId);
      if (claims!.size > 0 || !this.lru.has(id)) continue; // still claimed; or still arriving (dropped then)
      this.lru.delete(id); // its dispose forgets its claims
      this.counters.released++;
    }
  }

  /**
   * A request for a cached or arriving page: a scan adds its claim to a transient page; an
   * ordinary reader (`fill`, no scan) makes it an ordinary page, so no scan drops it under
   * that reader's read-ahead.
   */
  private claim(id: string, fill: boolean, scan: number | undefined, through: number): void {
    const claims = this.claims.get(id);
    if (!claims) return;
    if (scan === undefined) {
      if (fill) this.claims.delete(id);
      return;
    }
    claims.set(scan, Math.max(claims.get(scan) ?? 0, through));
  }

  /** Whether a page is cached or being fetched (without counting a hit or touching its recency). */
  private present(key: string, page: number): boolean {
    const id = pageId(key, page);
    return this.lru.has(id) || this.inflight.has(id);
  }

  /** A cached page, or one being fetched (then `joined.any` is set), or undefined. */
  private lookup(key: string, page: number, joined: { any: boolean }): Promise<Buffer> | undefined {
    const id = pageId(key, page);
    const hit = this.lru.get(id);
    if (hit) {
      this.counters.hits++;
      return Promise.resolve(hit);
    }
    const arriving = this.inflight.get(id);
    if (arriving) joined.any = true;
    return arriving;
  }

  /**
   * Bytes [start, end) straight from the store, not kept, as the store delivers them (no copy
   * into pages: a long download passes each socket read on). With checksums, the whole pages
   * around the range are fetched and checked (a page is the unit a checksum covers).
   */
  private async fetchUncached(key: string, opts: GetOptions): Promise<Buffer[]> {
    const { start, end, checksums } = opts;
    if (!checksums) return this.objects.getChunks(key, start, end);
    const first = Math.floor(start / READ_PAGE_BYTES);
    const last = Math.floor((end - 1) / READ_PAGE_BYTES);
    const base = first * READ_PAGE_BYTES;
    const run = await this.fetchChecked(key, first, last, checksums, () =>
      this.objects.getChunks(key, base, (last + 1) * READ_PAGE_BYTES),
    );
    return sliceRun(run, start - base, end - base);
  }

  /**
   * Pages [p, q] of an object with one ranged GET, each its own buffer (EMPTY past the
   * object's end), checked (fetchChecked).
   */
  private async fetchPages(key: string, p: number, q: number, checksums?: ObjectChecksums): Promise<Buffer[]> {
    // Each page its own buffer: pages are kept and evicted one by one, and freed page-sized
    // memory is reused by later fetches instead of mapping fresh memory for every GET.
    const parts = await this.fetchChecked(key, p, q, checksums, () =>
      this.objects.getParts(key, p * READ_PAGE_BYTES, (q + 1) * READ_PAGE_BYTES, READ_PAGE_BYTES),
    );
    return Array.from({ length: q - p + 1 }, (_, i) => parts[i] ?? EMPTY);
  }

  /**
   * The bytes of pages [p, q] of an object as `get` fetches them (one ranged GET). With
   * checksums, every page is checked before anyone sees it; a mismatch is fetched once more
   * from the store (a flipped bit on the way is not there the second time), and a second one
   * fails the read with 503 EREMOTEIO, the object named in the log.
   */
  private async fetchChecked(
    key: string,
    p: number,
    q: number,
    checksums: ObjectChecksums | undefined,
    get: () => Promise<Buffer[]>,
  ): Promise<Buffer[]> {
    if (checksums && checksums.pageBytes !== READ_PAGE_BYTES) {
      throw fsErr(
        'EIO',
        `object ${key} has checksums of ${checksums.pageBytes}-byte pages; reads use ${READ_PAGE_BYTES}`,
      );
    }
    for (let attempt = 1; ; attempt++) {
      const run = await get();
      for (const b of run) this.counters.fetchedBytes += b.length;
      if (!checksums) return run;
      try {
        verifyRun(key, checksums, p, q - p + 1, run);
        this.counters.verifiedPages += q - p + 1;
        return run;
      } catch (e) {
        if (!(e instanceof ChecksumMismatch)) throw e;
        this.counters.checksumMismatches++;
        if (attempt >= CHECKSUM_FETCH_ATTEMPTS) {
          this.counters.checksumFailures++;
          this.log(`read failed: ${e.message}, also when fetched again`);
          throw corruptObject(e);
        }
        this.log(`read: ${e.message}; fetching it again`);
      }
    }
  }

  /** One ranged GET for pages [p, q]; each page's promise resolves from it, once checked. */
  private fetch(
    key: string,
    p: number,
    q: number,
    opts: { scan?: { scan: number; end: number }; checksums?: ObjectChecksums },
  ): Promise<Buffer>[] {
    const { scan } = opts;
    this.counters.misses += q - p + 1;
    this.counters.fetches++;
    const all = this.fetchPages(key, p, q, opts.checksums);
    const out: Promise<Buffer>[] = [];
    for (let page = p; page <= q; page++) {
      const id = pageId(key, page);
      if (scan) this.claims.set(id, new Map([[scan.scan, Math.min(scan.end, (page + 1) * READ_PAGE_BYTES)]]));
      const one = all.then(
        (parts) => {
          const bytes = parts[page - p]; // EMPTY past the end of the object
          // A page every claiming scan has read already (a scan that found part of its range
          // missing read it with a GET of its own while this read-ahead was arriving) is not kept.
          if (this.claims.get(id)?.size === 0) this.counters.released++;
          else this.lru.set(id, bytes);
          if (!this.lru.has(id)) this.claims.delete(id); // not kept: too big, or dropped above
          this.inflight.delete(id);
          return bytes;
        },
        (e: unknown) => {
          // Forgotten before any joined reader hears of the failure, so its own retry fetches afresh.
          this.claims.delete(id);
          this.inflight.delete(id);
          throw e;
        },
      );
      one.catch(() => undefined); // awaited by the reads that asked; a read-ahead's failure is nobody's
      this.inflight.set(id, one);
      out.push(one);
    }
    return out;
  }

  stats() {
    return {
      maxBytes: this.maxBytes,
      usedBytes: this.lru.calculatedSize,
      entries: this.lru.size,
      transient: this.claims.size,
      ...this.counters,
    };
  }
}
