// Dirty bytes of one chunk of one file in the write-back cache (DIGEST §3.1, §3.4).
//
// Bytes live in 64 KiB pages keyed by their page-aligned position in the chunk, so merging
// writes never moves data (Curve v2's reason for pages). The *extents* are the dirty byte
// ranges: a write that intersects or touches existing extents merges with them into one
// (DIGEST §3.4 step 3-4), and each extent becomes one slice when it is flushed.
import { invariant } from '../errno.ts';

export const PAGE_BYTES = 64 * 1024; // s3.pageSize in Curve

export interface Extent {
  /** Chunk-relative [start, end). */
  start: number;
  end: number;
  /** When its oldest bytes were written (ms, monotonic clock): age-based flushing. */
  born: number;
}

export class ChunkBuffer {
  /** Sorted, non-overlapping, non-touching. */
  extents: Extent[] = [];
  private readonly pages = new Map<number, Buffer>();

  get pageCount(): number {
    return this.pages.size;
  }

  /** Copy `data` in at chunk offset `pos`; returns the change in pages held. */
  write(pos: number, data: Uint8Array, now: number): number {
    const before = this.pages.size;
    for (let at = 0; at < data.length; ) {
      const abs = pos + at;
      const index = Math.floor(abs / PAGE_BYTES);
      const inPage = abs - index * PAGE_BYTES;
      const n = Math.min(PAGE_BYTES - inPage, data.length - at);
      let page = this.pages.get(index);
      if (!page) {
        page = Buffer.alloc(PAGE_BYTES);
        this.pages.set(index, page);
      }
      page.set(data.subarray(at, at + n), inPage);
      at += n;
    }
    this.addExtent(pos, pos + data.length, now);
    return this.pages.size - before;
  }

  private addExtent(start: number, end: number, born: number): void {
    const keep: Extent[] = [];
    const merged: Extent = { start, end, born };
    for (const e of this.extents) {
      if (e.end < start || e.start > end) keep.push(e);
      else {
        merged.start = Math.min(merged.start, e.start);
        merged.end = Math.max(merged.end, e.end);
        merged.born = Math.min(merged.born, e.born);
      }
    }
    keep.push(merged);
    this.extents = keep.sort((a, b) => a.start - b.start);
    this.assertExtents();
  }

  /** Extents are sorted, non-empty, and neither overlap nor touch (touching ones merge). */
  private assertExtents(): void {
    for (let i = 0; i < this.extents.length; i++) {
      const e = this.extents[i];
      invariant(e.start >= 0 && e.start < e.end, `extent [${e.start}, ${e.end}) is a non-empty range`);
      invariant(i === 0 || this.extents[i - 1].end < e.start, 'extents are sorted and apart');
    }
  }

  /** Copy out the bytes of [start, end), which must be dirty. */
  read(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    for (let at = start; at < end; ) {
      const index = Math.floor(at / PAGE_BYTES);
      const inPage = at - index * PAGE_BYTES;
      const n = Math.min(PAGE_BYTES - inPage, end - at);
      const page = this.pages.get(index);
      invariant(page, 'dirty bytes have a page');
      page.copy(out, at - start, inPage, inPage + n);
      at += n;
    }
    return out;
  }

  /** The dirty parts of [start, end) as {pos, bytes} copies. */
  overlay(start: number, end: number): { pos: number; bytes: Buffer }[] {
    const out: { pos: number; bytes: Buffer }[] = [];
    for (const e of this.extents) {
      const s = Math.max(start, e.start);
      const t = Math.min(end, e.end);
      if (s < t) out.push({ pos: s, bytes: this.read(s, t) });
    }
    return out;
  }

  /** Remove the given extents (being flushed); returns the pages freed. */
  remove(gone: readonly Extent[]): number {
    this.extents = this.extents.filter((e) => !gone.includes(e));
    this.assertExtents();
    return this.releaseUnused();
  }

  /** Drop everything at or past `pos` (truncate); returns the pages freed. */
  truncate(pos: number): number {
    this.extents = this.extents.filter((e) => e.start < pos).map((e) => (e.end > pos ? { ...e, end: pos } : e));
    return this.releaseUnused();
  }

  /**
   * Put back bytes whose flush failed, *under* the writes made since: only the parts no
   * current extent covers are restored.
   */
  restore(pos: number, bytes: Buffer, born: number): number {
    let added = 0;
    let at = pos;
    const end = pos + bytes.length;
    for (const e of [...this.extents, { start: end, end: end, born }]) {
      if (e.end <= at) continue;
      const gapEnd = Math.min(e.start, end);
      if (gapEnd > at) added += this.write(at, bytes.subarray(at - pos, gapEnd - pos), born);
      at = Math.max(at, e.end);
      if (at >= end) break;
    }
    return added;
  }

  private releaseUnused(): number {
    const used = new Set<number>();
    for (const e of this.extents) {
      for (let p = Math.floor(e.start / PAGE_BYTES); p * PAGE_BYTES < e.end; p++) used.add(p);
    }
    let freed = 0;
    for (const index of this.pages.keys()) {
      if (!used.has(index)) {
        this.pages.delete(index);
        freed++;
      }
    }
    invariant(this.pages.size === used.size, 'every page an extent covers is held, and no other');
    return freed;
  }
}
