// Reads of file contents (DESIGN §4 "Read"; DIGEST §3.6): readData by inode and downloadFile
// by path share one pipeline — plan the committed slices of the range (data/planner.ts), paint
// this instance's unflushed writes over them, and stream the pieces (data/reader.ts), fetching
// objects through the read cache. Long reads are planned a window at a time.
//
// A sequential reader gets *read-ahead*: whole blocks past the one its read ends in are
// fetched into the read cache before it asks for them. A run of sequential reads longer than
// the read cache's large-read limit is a *scan* (data/sequential.ts): it streams past the cache
// the way one large read does, and the pages its read-ahead brought in leave once read.
import type { Readable } from 'node:stream';
import { fsErr } from '../errno.ts';
import { statOf, type Stat } from '../fs/inodes.ts';
import { blockAt, type Geometry } from '../fs/layout.ts';
import type { Inode } from '../fs/model.ts';
import type { Caller } from '../fs/namespace.ts';
import type { FileAt, FileSystems, FileView } from '../fs/service.ts';
import { overlayPieces, planInline, planRead, type Piece } from './planner.ts';
import { READ_CACHE_MAX_READ_BYTES, type ReadCache } from './read-cache.ts';
import type { ByteBudget } from './byte-budget.ts';
import { streamPieces, type FetchObject } from './reader.ts';
import { SequentialReads, type Run } from './sequential.ts';
import type { WriteCache } from './write-cache.ts';

/** A byte range request: [start, end) or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface Download {
  stat: Stat;
  /** Absent when the whole file is sent. */
  range?: { start: number; end: number };
  /** The bytes: whole when they were all in memory and few (see MEMORY_ANSWER_MAX_BYTES), else streamed. */
  body: Buffer | Readable;
}

/**
 * An answer whose bytes are all in memory already (inline contents, cached writes, zeros) is
 * sent as one buffer up to this size: a stream costs more CPU and garbage than copying this
 * much (profiled on readData of a 100-byte file), and above it a stream keeps the memory of a
 * read bounded.
 */
export const MEMORY_ANSWER_MAX_BYTES = 64 * 1024;

/** The pieces of [start, end), none of them an object, as one buffer. */
function inMemory(pieces: readonly Piece[], start: number, end: number): Buffer {
  const out = Buffer.allocUnsafe(end - start);
  for (const p of pieces) {
    if (p.kind === 'bytes') p.data.copy(out, p.offset - start);
    else out.fill(0, p.offset - start, p.offset - start + p.len);
  }
  return out;
}

/** Give up a download's body unsent (a stream's fetches stop). */
export function discardBody(d: Download): void {
  if (!Buffer.isBuffer(d.body)) d.body.destroy();
}

/**
 * Whole blocks a sequential reader's read-ahead reaches past the block it is in: enough that
 * the next block's GET is in flight while this one is sent (a block is one GET).
 */
export const READ_AHEAD_BLOCKS = 2;
/**
 * At most this share of the read cache is one reader's read-ahead: with large blocks (64 MiB)
 * or a small cache, whole blocks ahead would evict what the reader is about to read.
 */
export const READ_AHEAD_CACHE_SHARE = 1 / 8;
/** Reads are planned this much at a time (at least a chunk), as the stream advances. */
export const PLAN_WINDOW_BYTES = 256 * 1024 * 1024;
const planWindow = (g: { chunkSize: number }) => Math.max(PLAN_WINDOW_BYTES, g.chunkSize);

/** Resolve a Range against the length: undefined = whole file; ERANGE (416) if unsatisfiable. */
export function clipRange(range: ByteRange | undefined, length: number): { start: number; end: number } | undefined {
  if (!range) return undefined;
  if ('suffix' in range) {
    if (range.suffix === 0 || length === 0) throw fsErr('ERANGE', 'the suffix range selects no bytes', { length });
    return { start: Math.max(0, length - range.suffix), end: length };
  }
  if (range.start >= length) {
    throw fsErr('ERANGE', `range starts at ${range.start}, past the end (${length} bytes)`, { length });
  }
  return { start: range.start, end: Math.min(range.end ?? length, length) };
}

export interface FileReadsDeps {
  fss: FileSystems;
  /** This instance's unflushed writes, painted over the committed contents. */
  cache: WriteCache;
  readCache: ReadCache;
  /** What every streamed read's fetches ahead may hold together (reader.ts readBudget). */
  budget: ByteBudget;
}

export class FileReads {
  /** Each file's runs of sequential reads: read-ahead, and scans past the read cache. */
  private readonly runs = new SequentialReads();

  constructor(private readonly d: FileReadsDeps) {}

  readData(fsName: string, caller: Caller, ino: number, range?: ByteRange): Promise<Download> {
    return this.open(fsName, caller, { ino }, range);
  }

  downloadFile(fsName: string, caller: Caller, path: string, range?: ByteRange): Promise<Download> {
    return this.open(fsName, caller, { path }, range);
  }

  /** The file's pieces for [start, end): committed contents (slices or inline), then this instance's cached bytes. */
  private async plan(file: FileView, start: number, end: number): Promise<Piece[]> {
    const { fs, inode } = file;
    const stop = Math.max(start, Math.min(end, inode.length));
    const pieces = file.inline
      ? planInline(file.inline, start, stop)
      : planRead(fs, fs.id, inode.ino, inode.truncMarks, await file.slices({ start, end: stop }), start, stop);
    if (end > stop) pieces.push({ kind: 'zero', offset: stop, len: end - stop }); // cached bytes past the committed end
    return overlayPieces(pieces, this.d.cache.overlay(fs.id, inode.ino, start, end));
  }

  private async open(fsName: string, caller: Caller, at: FileAt, range?: ByteRange): Promise<Download> {
    const { fss, readCache } = this.d;
    const first = await fss.readFile(fsName, caller, at, async (file) => {
      const { fs, inode } = file;
      // Length, ETag and times with this instance's unflushed writes, which the pieces include.
      const stat = fss.seen(fs.id, statOf(inode));
      const length = stat.length;
      const span = clipRange(range, length);
      const start = span?.start ?? 0;
      const end = span?.end ?? length;
      const pieces = await this.plan(file, start, Math.min(end, start + planWindow(fs)));
      return { stat, span, pieces, start, end, inode, geometry: fs };
    });
    const run = this.runs.note(`${fsName}:${first.inode.ino}`, first.start, first.end);
    this.readAhead(fsName, caller, { inode: first.inode, geometry: first.geometry }, first.end, run);
    if (first.end - first.start <= MEMORY_ANSWER_MAX_BYTES && first.pieces.every((p) => p.kind !== 'object')) {
      return { stat: first.stat, range: first.span, body: inMemory(first.pieces, first.start, first.end) };
    }
    // Later windows, and a fresh plan after a missing object, see the same contents: a file
    // replaced meanwhile fails the read rather than switch contents mid-stream (replaced
    // objects outlive reads by GEN_PURGE_GRACE_MS).
    const planFrom = (offset: number) =>
      fss.readFile(fsName, caller, { ino: first.inode.ino }, async (file) => {
        if (file.inode.gen !== first.inode.gen) {
          throw fsErr('EIO', 'the file was replaced while it was being read; read it again');
        }
        return this.plan(file, offset, Math.min(first.end, offset + planWindow(file.fs)));
      });
    // A large read, or a scan, streams past the cache; a scan drops what its read-ahead
    // brought in once it has read it.
    const fill = first.end - first.start <= READ_CACHE_MAX_READ_BYTES && !run.scan;
    const fetch: FetchObject = run.scan
      ? async (key, range) => {
          const parts = await readCache.get(key, { ...range, fill: false });
          readCache.release(key, { start: range.start, end: range.end, scan: run.id });
          return parts;
        }
      : (key, range) => readCache.get(key, { ...range, fill });
    return {
      stat: first.stat,
      range: first.span,
      body: streamPieces(fetch, first.pieces, planFrom, first.end, this.d.budget),
    };
  }

  /**
   * Read-ahead for a sequential reader: through READ_AHEAD_BLOCKS whole blocks past the one
   * the read ends in, so read-ahead fetches whole blocks (one GET each) rather than a sliver
   * per read. Only what was not asked for before is planned: most reads of a run plan nothing.
   */
  private readAhead(
    fsName: string,
    caller: Caller,
    file: { inode: Inode; geometry: Geometry },
    end: number,
    run: Run,
  ): void {
    const { inode, geometry } = file;
    if (!run.sequential || end >= inode.length) return; // (committed length: cached bytes need no read-ahead)
    const { fss, readCache } = this.d;
    const from = Math.max(end, run.aheadThrough);
    const blocksAhead = blockAt(geometry, end).end + READ_AHEAD_BLOCKS * geometry.blockSize;
    const to = Math.min(inode.length, blocksAhead, end + Math.floor(readCache.maxBytes * READ_AHEAD_CACHE_SHARE));
    if (from >= to) return;
    run.aheadThrough = to;
    void fss
      .readFile(fsName, caller, { ino: inode.ino }, (file) => this.plan(file, from, to))
      .then((pieces) => {
        for (const p of pieces) {
          if (p.kind !== 'object') continue;
          const scan = run.scan ? run.id : undefined;
          const range = { start: p.objectOffset, end: p.objectOffset + p.len, checksums: p.checksums };
          readCache.prefetch(p.key, { ...range, scan });
        }
      })
      .catch(() => undefined); // read-ahead is best effort
  }
}
