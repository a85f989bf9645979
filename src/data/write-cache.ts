// The per-instance write-back cache (DIGEST §3.4-3.5; DESIGN §4 "Write").
//
// Writes land in per-file, per-chunk ChunkBuffers and are acknowledged unstable. An extent is
// flushed when it spans a block or more, when it is older than FLUSH_AGE_MS, when the cache
// passes its high-water mark (oldest files first), on an explicit flush, and at shutdown.
// Memory is bounded: past `maxBytes` writers wait until flushes free room (back-pressure).
// Flushes of one file run one at a time; a failed flush puts its bytes back under any newer
// writes and is retried.
import { randomBytes } from 'node:crypto';
import { invariant } from '../errno.ts';
import { nowTimespec } from '../fs/clock.ts';
import { chunkIndexOf, chunkSpans, chunkStartOf } from '../fs/layout.ts';
import type { FsInfo, Timespec } from '../fs/model.ts';
import type { PendingVersion } from '../fs/preconditions.ts';
import type { UnflushedWrites } from '../fs/service.ts';
import { ChunkBuffer, PAGE_BYTES, type Extent } from './chunk-buffer.ts';

export const DEFAULT_CACHE_BYTES = 256 * 1024 * 1024;
export const FLUSH_AGE_MS = 5_000; // s3.cacheFlushIntervalSec in Curve
export const FLUSH_TICK_MS = 1_000;
export const HIGH_WATER_RATIO = 0.7; // Curve's nearfullRatio
const RETRY_AFTER_FAILURE_MS = 1_000;

/** Bytes taken out of the cache to be written as one slice. */
export interface FlushPiece {
  /** Absolute file offset. */
  offset: number;
  bytes: Buffer;
  born: number;
}

/** Writes the pieces as slices and commits them; the cache calls it, one file at a time. */
export type CommitPieces = (fs: FsInfo, ino: number, pieces: FlushPiece[], token: number | undefined) => Promise<void>;

class FileBuffer {
  readonly chunks = new Map<number, ChunkBuffer>();
  /** Pieces being flushed: still read through until committed. */
  flushing: FlushPiece[] = [];
  queue: Promise<void> = Promise.resolve();
  failedUntil = 0;
  lastError?: unknown;
  /** The writer-lease token its bytes were written under (fenced at commit). */
  token?: number;
  /** The latest write taken: its number in this cache, and when (the pending version). */
  lastWrite?: { n: number; at: Timespec };
  constructor(
    /** The filesystem (its geometry: block and chunk size). */
    readonly fs: FsInfo,
    readonly ino: number,
  ) {}

  get fsId(): number {
    return this.fs.id;
  }

  /** The chunk's buffer, made on first use. */
  chunk(index: number): ChunkBuffer {
    let c = this.chunks.get(index);
    if (!c) {
      c = new ChunkBuffer();
      this.chunks.set(index, c);
    }
    return c;
  }

  pageCount(): number {
    let pages = 0;
    for (const c of this.chunks.values()) pages += c.pageCount;
    return pages;
  }

  oldest(): number {
    let born = Infinity;
    for (const c of this.chunks.values()) for (const e of c.extents) born = Math.min(born, e.born);
    return born;
  }

  isEmpty(): boolean {
    return this.flushing.length === 0 && [...this.chunks.values()].every((c) => c.extents.length === 0);
  }
}

export interface WriteCacheOptions {
  maxBytes?: number;
  flushAgeMs?: number;
  commit: CommitPieces;
  /** Told when this instance starts and stops holding unflushed writes of a file. */
  onDirty?: (fsId: number, ino: number, dirty: boolean) => Promise<void>;
  log?: (msg: string, err?: unknown) => void;
}

export class WriteCache implements UnflushedWrites {
  private readonly files = new Map<string, FileBuffer>();
  private readonly maxBytes: number;
  private readonly flushAgeMs: number;
  private pages = 0;
  private flushingBytes = 0;
  private waiters: (() => void)[] = [];
  /** Files whose writes were refused at commit because a newer lease token exists. */
  private readonly fenced = new Map<string, unknown>();
  private timer?: NodeJS.Timeout;
  private closed = false;
  /** Names this cache in pending ETags: a restarted instance never repeats one. */
  private readonly tagPrefix = `w${randomBytes(4).toString('hex')}`;
  private writesTaken = 0;
  readonly counters = { writes: 0, bytesWritten: 0, flushes: 0, bytesFlushed: 0, flushFailures: 0, waits: 0 };

  constructor(private readonly opts: WriteCacheOptions) {
    this.maxBytes = opts.maxBytes ?? DEFAULT_CACHE_BYTES;
    this.flushAgeMs = opts.flushAgeMs ?? FLUSH_AGE_MS;
    invariant(this.maxBytes >= 4 * PAGE_BYTES, 'the cache holds at least a few pages');
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), FLUSH_TICK_MS);
    this.timer.unref();
  }

  get usedBytes(): number {
    return this.pages * PAGE_BYTES + this.flushingBytes;
  }

  private file(fsId: number, ino: number): FileBuffer | undefined {
    return this.files.get(`${fsId}:${ino}`);
  }

  private newFile(fs: FsInfo, ino: number): FileBuffer {
    const f = new FileBuffer(fs, ino);
    this.files.set(`${fs.id}:${ino}`, f);
    return f;
  }

  /** Buffer a write (made under writer-lease `token`, if any); waits while the cache is full. */
  async write(fs: FsInfo, ino: number, offset: number, data: Uint8Array, token?: number): Promise<void> {
    const fsId = fs.id;
    invariant(!this.closed, 'no writes after close');
    while (this.usedBytes + data.length > this.maxBytes && this.usedBytes > 0) {
      this.counters.waits++;
      this.flushForRoom();
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    let f = this.file(fsId, ino);
    if (f && !f.isEmpty() && f.token !== token) {
      // Bytes under another token are committed (or fenced) before these join the file.
      await this.flushFile(fsId, ino, 'all').catch(() => undefined);
      f = this.file(fsId, ino);
    }
    if (!f || f.isEmpty()) {
      // Other instances must know, before this write is answered, that a flush of this file
      // has to reach this one.
      await this.opts.onDirty?.(fsId, ino, true);
      f = this.file(fsId, ino) ?? this.newFile(fs, ino);
    }
    f.token = token;
    f.lastWrite = { n: ++this.writesTaken, at: nowTimespec() };
    const now = performance.now();
    let due = false;
    for (const span of chunkSpans(fs, offset, data.length)) {
      const c = f.chunk(span.chunk);
      this.pages += c.write(span.pos, data.subarray(span.at, span.at + span.len), now);
      due ||= c.extents.some((e) => e.end - e.start >= fs.blockSize);
    }
    this.counters.writes++;
    this.counters.bytesWritten += data.length;
    if (due) void this.flushFile(fsId, ino, 'due').catch(() => undefined); // background; errors are kept on the file
    if (this.usedBytes > this.maxBytes * HIGH_WATER_RATIO) this.flushForRoom();
  }

  /** Cached bytes of [start, end) in the order to apply them: flushing first, then dirty. */
  overlay(fsId: number, ino: number, start: number, end: number): { offset: number; bytes: Buffer }[] {
    const f = this.file(fsId, ino);
    if (!f) return [];
    const out: { offset: number; bytes: Buffer }[] = [];
    for (const p of f.flushing) {
      const s = Math.max(start, p.offset);
      const t = Math.min(end, p.offset + p.bytes.length);
      if (s < t) out.push({ offset: s, bytes: p.bytes.subarray(s - p.offset, t - p.offset) });
    }
    for (const [chunk, c] of f.chunks) {
      const base = chunkStartOf(f.fs, chunk);
      for (const o of c.overlay(Math.max(0, start - base), Math.min(f.fs.chunkSize, end - base))) {
        out.push({ offset: base + o.pos, bytes: o.bytes });
      }
    }
    return out;
  }

  /** The end of the last cached byte of a file, if any is cached. */
  cachedEnd(fsId: number, ino: number): number | undefined {
    const f = this.file(fsId, ino);
    if (!f || f.isEmpty()) return undefined;
    let end = 0;
    for (const p of f.flushing) end = Math.max(end, p.offset + p.bytes.length);
    for (const [chunk, c] of f.chunks)
      for (const e of c.extents) end = Math.max(end, chunkStartOf(f.fs, chunk) + e.end);
    return end;
  }

  /** The version this cache's bytes make of a file (its pending ETag tag and time), if it has any. */
  pending(fsId: number, ino: number): PendingVersion | undefined {
    const f = this.file(fsId, ino);
    if (!f || f.isEmpty() || !f.lastWrite) return undefined;
    return { tag: `${this.tagPrefix}-${f.lastWrite.n}`, at: f.lastWrite.at };
  }

  /** Truncate: cached bytes at or past `size` are dropped (DIGEST §3.7). */
  truncate(fsId: number, ino: number, size: number): void {
    const f = this.file(fsId, ino);
    if (!f) return;
    for (const [chunk, c] of f.chunks) this.pages -= c.truncate(Math.max(0, size - chunkStartOf(f.fs, chunk)));
    this.assertPagesCounted();
    this.wake();
  }

  /**
   * Before the namespace changes the file under this instance's cached writes (a truncate, a
   * whole-file replace): commit them, dropping first those at or past `truncateTo`.
   */
  async settle(fsId: number, ino: number, opts: { truncateTo?: number } = {}): Promise<void> {
    if (opts.truncateTo !== undefined) this.truncate(fsId, ino, opts.truncateTo);
    await this.flushFile(fsId, ino, 'all');
  }

  hasDirty(fsId: number, ino: number): boolean {
    const f = this.file(fsId, ino);
    return !!f && !f.isEmpty();
  }

  /**
   * Flush a file: 'all' its cached bytes (fsync), or only the extents that are 'due' (a block
   * or more, or older than the flush age). Resolves when they are committed.
   */
  flushFile(fsId: number, ino: number, what: 'all' | 'due'): Promise<void> {
    const f = this.file(fsId, ino);
    if (!f) return Promise.resolve();
    const run = f.queue.then(() => this.flushOnce(f, what));
    f.queue = run.catch(() => undefined);
    return run;
  }

  private takeExtents(f: FileBuffer, what: 'all' | 'due'): FlushPiece[] {
    const now = performance.now();
    const pieces: FlushPiece[] = [];
    for (const [chunk, c] of f.chunks) {
      const chosen: Extent[] = c.extents.filter(
        (e) => what === 'all' || e.end - e.start >= f.fs.blockSize || now - e.born >= this.flushAgeMs,
      );
      for (const e of chosen) {
        pieces.push({ offset: chunkStartOf(f.fs, chunk) + e.start, bytes: c.read(e.start, e.end), born: e.born });
      }
      if (chosen.length > 0) this.pages -= c.remove(chosen);
    }
    return pieces;
  }

  private async flushOnce(f: FileBuffer, what: 'all' | 'due'): Promise<void> {
    const id = `${f.fsId}:${f.ino}`;
    if (what === 'all' && this.fenced.has(id)) {
      const e = this.fenced.get(id);
      this.fenced.delete(id);
      throw e;
    }
    if (what === 'due' && performance.now() < f.failedUntil) return;
    const pieces = this.takeExtents(f, what);
    if (pieces.length === 0) {
      this.forgetIfEmpty(f); // e.g. a truncate dropped every cached byte
      return;
    }
    const bytes = pieces.reduce((n, p) => n + p.bytes.length, 0);
    f.flushing = pieces;
    this.flushingBytes += bytes;
    try {
      await this.opts.commit(f.fs, f.ino, pieces, f.token);
      this.counters.flushes++;
      this.counters.bytesFlushed += bytes;
      delete f.lastError;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'ENOENT') {
        // The file or its filesystem is gone (DIGEST §3.5: "if the inode no longer exists,
        // drop it"): there is nothing left to write these bytes into.
        this.opts.log?.(`dropping cached writes of inode ${f.ino}: ${(e as Error).message}`);
        return;
      }
      if (code === 'EBUSY') {
        // Fenced: a newer writer lease exists, so these bytes must never land. Drop them and
        // tell the next flush of this file.
        this.opts.log?.(`dropping fenced writes of inode ${f.ino}: ${(e as Error).message}`);
        this.fenced.set(id, e);
        throw e;
      }
      // Keep the bytes: put them back under whatever was written since, and retry later.
      for (const p of pieces) {
        const chunk = chunkIndexOf(f.fs, p.offset);
        this.pages += f.chunk(chunk).restore(p.offset - chunkStartOf(f.fs, chunk), p.bytes, p.born);
      }
      this.counters.flushFailures++;
      f.lastError = e;
      f.failedUntil = performance.now() + RETRY_AFTER_FAILURE_MS;
      this.opts.log?.(`flush of inode ${f.ino} failed; its data stays cached and is retried`, e);
      throw e;
    } finally {
      f.flushing = [];
      this.flushingBytes -= bytes;
      this.assertPagesCounted();
      this.forgetIfEmpty(f);
      this.wake();
    }
  }

  /** A file with nothing cached any more is forgotten, and other instances are told. */
  private forgetIfEmpty(f: FileBuffer): void {
    if (!f.isEmpty() || this.files.get(`${f.fsId}:${f.ino}`) !== f) return;
    this.files.delete(`${f.fsId}:${f.ino}`);
    void this.opts
      .onDirty?.(f.fsId, f.ino, false)
      .catch((err) => this.opts.log?.('could not clear a dirty marker', err));
  }

  /**
   * The page accounting behind back-pressure: `pages` is every cached page of every file, and
   * `flushingBytes` every byte being flushed (checked where they change in bulk: O(files)).
   */
  private assertPagesCounted(): void {
    let pages = 0;
    let flushing = 0;
    for (const f of this.files.values()) {
      pages += f.pageCount();
      for (const p of f.flushing) flushing += p.bytes.length;
    }
    invariant(pages === this.pages, `the cache counts ${this.pages} pages and holds ${pages}`);
    invariant(
      flushing === this.flushingBytes,
      `the cache counts ${this.flushingBytes} bytes flushing and has ${flushing}`,
    );
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Flush the files with the oldest data until below the high-water mark. */
  private flushForRoom(): void {
    const order = [...this.files.values()].sort((a, b) => a.oldest() - b.oldest());
    let projected = this.usedBytes;
    for (const f of order) {
      if (projected <= this.maxBytes * HIGH_WATER_RATIO && this.waiters.length === 0) break;
      projected -= f.pageCount() * PAGE_BYTES;
      void this.flushFile(f.fsId, f.ino, 'all').catch(() => undefined);
    }
  }

  private tick(): void {
    for (const f of this.files.values()) void this.flushFile(f.fsId, f.ino, 'due').catch(() => undefined);
    if (this.usedBytes > this.maxBytes * HIGH_WATER_RATIO) this.flushForRoom();
  }

  /** Flush everything (graceful shutdown); rejects if some file could not be flushed. */
  async flushAll(): Promise<void> {
    const results = await Promise.allSettled([...this.files.values()].map((f) => this.flushFile(f.fsId, f.ino, 'all')));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.flushAll();
    this.closed = true;
  }

  stats() {
    return {
      files: this.files.size,
      usedBytes: this.usedBytes,
      dirtyBytes: this.pages * PAGE_BYTES,
      flushingBytes: this.flushingBytes,
      maxBytes: this.maxBytes,
      ...this.counters,
    };
  }
}
