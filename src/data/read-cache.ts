// The read cache (DIGEST §3.6: "LRU, capacity readCacheMaxByte"): object bytes in fixed-size
// pages, keyed by immutable object name and page, bounded by total bytes. Objects never
// change, so a cached page is never stale. Concurrent misses of one page share one GET, and
// a run of missing pages is fetched with one ranged GET. Pages fetched ahead for a scan (a
// long sequential run, sequential.ts) are transient: dropped once the scan has read them.
import { LRUCache } from 'lru-cache';
import { fsErr } from '../errno.ts';
import type { ObjectStore } from '../objects/types.ts';

export const READ_PAGE_BYTES = 256 * 1024;
const EMPTY = Buffer.alloc(0);
export const DEFAULT_READ_CACHE_BYTES = 256 * 1024 * 1024;
/** Reads larger than this stream past the cache instead of flushing it (scan resistance). */
export const READ_CACHE_MAX_READ_BYTES = 16 * 1024 * 1024;

export class ReadCache {
  private readonly lru: LRUCache<string, Buffer>;
  private readonly inflight = new Map<string, Promise<Buffer>>();
  /** Cached pages a scan fetched ahead and will drop once read (`release`). */
  private readonly transient = new Set<string>();
  readonly counters = { hits: 0, misses: 0, fetches: 0, fetchedBytes: 0, prefetches: 0, bypassed: 0, released: 0 };

  constructor(
    private readonly objects: ObjectStore,
    readonly maxBytes = DEFAULT_READ_CACHE_BYTES,
  ) {
    this.lru = new LRUCache<string, Buffer>({
      maxSize: Math.max(1, maxBytes),
      sizeCalculation: (b) => Math.max(1, b.length),
      dispose: (_, id) => this.transient.delete(id),
    });
  }

  /**
   * Bytes [start, end) of an object, through the cache, as consecutive parts (page slices,
   * not copies). With `fill: false` (large streaming reads, which would only flush the cache)
   * misses go straight to the store, uncached.
   */
  async get(key: string, start: number, end: number, fill = true, transient = false): Promise<Buffer[]> {
    if (end <= start) return [];
    if (this.maxBytes === 0) return [await this.objects.get(key, start, end)];
    const first = Math.floor(start / READ_PAGE_BYTES);
    const last = Math.floor((end - 1) / READ_PAGE_BYTES);
    const pages: Promise<Buffer>[] = [];
    for (let p = first; p <= last; ) {
      const cached = this.lookup(key, p);
      if (cached) {
        pages.push(cached);
        p++;
        continue;
      }
      if (!fill) {
        this.counters.bypassed++;
        return [await this.objects.get(key, start, end)];
      }
      let q = p;
      while (q + 1 <= last && !this.lookup(key, q + 1)) q++;
      pages.push(...this.fetch(key, p, q, transient));
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
   * Warm the cache for [start, end) of an object without waiting (read-ahead); `transient`
   * pages (a scan's) are dropped by `release` once read.
   */
  prefetch(key: string, start: number, end: number, transient = false): void {
    if (this.maxBytes === 0) return;
    this.counters.prefetches++;
    this.get(key, start, end, true, transient).catch(() => undefined); // a failed read-ahead just isn't cached
  }

  /**
   * A scan has read [start, end) of an object: drop the transient pages it read to their end
   * (a page it read only the start of is still to be read by the scan's next range). The
   * bytes stay alive for as long as a response still holds them.
   */
  release(key: string, start: number, end: number): void {
    for (let p = Math.floor(start / READ_PAGE_BYTES); (p + 1) * READ_PAGE_BYTES <= end; p++) {
      const id = `${key}#${p}`;
      if (!this.transient.has(id)) continue;
      this.lru.delete(id); // its dispose forgets it as transient
      this.counters.released++;
    }
  }

  private lookup(key: string, page: number): Promise<Buffer> | undefined {
    const id = `${key}#${page}`;
    const hit = this.lru.get(id);
    if (hit) {
      this.counters.hits++;
      return Promise.resolve(hit);
    }
    return this.inflight.get(id);
  }

  /** One ranged GET for pages [p, q]; each page's promise resolves from it. */
  private fetch(key: string, p: number, q: number, transient: boolean): Promise<Buffer>[] {
    this.counters.misses += q - p + 1;
    this.counters.fetches++;
    // Each page its own buffer: pages are kept and evicted one by one, and freed page-sized
    // memory is reused by later fetches instead of mapping fresh memory for every GET.
    const all = this.objects.getParts(key, p * READ_PAGE_BYTES, (q + 1) * READ_PAGE_BYTES, READ_PAGE_BYTES).then((parts) => {
      for (const part of parts) this.counters.fetchedBytes += part.length;
      return parts;
    });
    const out: Promise<Buffer>[] = [];
    for (let page = p; page <= q; page++) {
      const id = `${key}#${page}`;
      const one = all.then((parts) => {
        const bytes = parts[page - p] ?? EMPTY; // past the end of the object
        this.lru.set(id, bytes);
        if (transient && this.lru.has(id)) this.transient.add(id);
        return bytes;
      });
      one.catch(() => undefined).finally(() => this.inflight.delete(id));
      this.inflight.set(id, one);
      out.push(one);
    }
    return out;
  }

  stats() {
    return { maxBytes: this.maxBytes, usedBytes: this.lru.calculatedSize, entries: this.lru.size, transient: this.transient.size, ...this.counters };
  }
}
