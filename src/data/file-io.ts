// Random-access file contents (DESIGN §4; DIGEST §3.4-3.6): writes at an offset into the
// write-back cache, reads that combine committed slices with cached bytes, fsync with write
// verifiers, and the path-level download on the same read path.
import type { Readable } from 'node:stream';
import { acquireLease, assertWriter, releaseLease, renewLease } from '../coord/leases.ts';
import type { Coordinator } from '../coord/types.ts';
import type { Verifiers } from '../coord/verifiers.ts';
import { fsErr } from '../errno.ts';
import { liveFs } from '../fs/catalogue.ts';
import { decodeInode } from '../fs/codec.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import { readInode, statOf, type Stat } from '../fs/inodes.ts';
import { inodeKey, leaseKeys } from '../fs/keys.ts';
import type { FsInfo, Inode } from '../fs/model.ts';
import type { Caller, OpCtx } from '../fs/namespace.ts';
import { resolvePath } from '../fs/paths.ts';
import type { FileSystems } from '../fs/service.ts';
import { overlayPieces, planRead, type Piece } from './planner.ts';
import { READ_CACHE_MAX_READ_BYTES, type ReadCache } from './read-cache.ts';
import { streamPieces } from './reader.ts';
import { SequentialReads, type Run } from './sequential.ts';
import { readRangeSlices } from './slice-store.ts';
import type { WriteCache } from './write-cache.ts';

/** A byte range request: [start, end) or the last `suffix` bytes. */
export type ByteRange = { start: number; end?: number } | { suffix: number };

export interface Download {
  stat: Stat;
  /** Absent when the whole file is sent. */
  range?: { start: number; end: number };
  stream: Readable;
}

export interface WriteResult {
  written: number;
  verifier: string;
  /** True when the bytes are committed (sync=true, or the write-through mode). */
  stable: boolean;
}

export type CacheMode = 'writeback' | 'writethrough';

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
  if (range.start >= length)
    throw fsErr('ERANGE', `range starts at ${range.start}, past the end (${length} bytes)`, { length });
  return { start: range.start, end: Math.min(range.end ?? length, length) };
}

function writesLost(verifier: string, current: string) {
  return fsErr(
    'EWRITESLOST',
    `writes acknowledged with verifier ${verifier} were not made durable: the instance that took them restarted or died. Resend every write made since your last successful flush.`,
    { verifier, current },
  );
}

function regularFile(inode: Inode, what: string): Inode {
  if (inode.type === 'dir') throw fsErr('EISDIR', `${what} is a directory`);
  if (inode.type !== 'file') throw fsErr('EINVAL', `${what} is not a regular file`);
  return inode;
}

export class FileIo {
  /** Each file's run of sequential reads: read-ahead, and scans past the read cache. */
  private readonly runs = new SequentialReads();

  constructor(
    private readonly fss: FileSystems,
    private readonly cache: WriteCache,
    private readonly readCache: ReadCache,
    private readonly verifiers: Verifiers,
    private readonly mode: CacheMode,
    private readonly coord: Coordinator,
  ) {}

  private async fileInode(fs: FsInfo, ino: number): Promise<Inode> {
    const raw = await this.fss.kv.get(inodeKey(fs.id, ino));
    if (!raw) throw fsErr('ENOENT', `no inode ${ino}`);
    return regularFile(decodeInode(ino, raw), `inode ${ino}`);
  }

  /** A write or flush is refused (423 EBUSY) while another writer holds the file's lease. */
  private async checkWriter(fs: FsInfo, ino: number, token: number | undefined): Promise<void> {
    await this.fss.kv.transact((tx) => assertWriter(tx, leaseKeys(fs.id, ino), token, Date.now()));
  }

  /**
   * writeData: the body's bytes at `offset`, through the write-back cache, under writer-lease
   * `token` (checked now, and again in the transaction that commits the bytes).
   */
  async writeData(
    fsName: string,
    ino: number,
    offset: number,
    body: AsyncIterable<Uint8Array>,
    sync: boolean,
    token?: number,
  ): Promise<WriteResult> {
    const fs = await liveFs(this.fss.kv, fsName);
    await this.fileInode(fs, ino);
    await this.checkWriter(fs, ino, token);
    let written = 0;
    for await (const chunk of body) {
      if (offset + written + chunk.length > MAX_FILE_SIZE_BYTES)
        throw fsErr('EFBIG', `files are at most ${MAX_FILE_SIZE_BYTES} bytes`);
      await this.fss.quota.check(fs, 0, chunk.length);
      await this.cache.write(fs.id, ino, fs, offset + written, chunk, token);
      written += chunk.length;
    }
    const stable = sync || this.mode === 'writethrough';
    if (stable) await this.cache.flushFile(fs.id, ino, 'all');
    return { written, verifier: this.verifiers.current, stable };
  }

  /**
   * flushData (fsync): every verifier the client wrote under must still vouch for its writes;
   * then this instance's cached bytes of the file are committed.
   */
  async flushData(
    fsName: string,
    ino: number,
    verifiers: readonly string[],
    token?: number,
  ): Promise<{ verifier: string; stable: true }> {
    const fs = await liveFs(this.fss.kv, fsName);
    await this.fileInode(fs, ino);
    await this.checkWriter(fs, ino, token);
    for (const v of new Set(verifiers))
      if ((await this.verifiers.state(v)) === 'lost') throw writesLost(v, this.verifiers.current);
    await this.cache.flushFile(fs.id, ino, 'all');
    // Every other instance holding writes of this file flushes them too (close-to-open).
    const { lost } = await this.coord.flushOthers(fs.id, ino);
    for (const v of lost) if (verifiers.includes(v)) throw writesLost(v, this.verifiers.current);
    return { verifier: this.verifiers.current, stable: true };
  }

  /** Writer leases (DESIGN §5): acquire, renew, release. */
  async lease(
    fsName: string,
    ino: number,
    op: { acquire: number } | { renew: string; ttlMs: number } | { release: string },
  ) {
    const fs = await liveFs(this.fss.kv, fsName);
    await this.fileInode(fs, ino);
    const keys = leaseKeys(fs.id, ino);
    return this.fss.kv.transact(async (tx) => {
      if ('acquire' in op) return acquireLease(tx, keys, op.acquire, Date.now());
      if ('renew' in op) return renewLease(tx, keys, op.renew, op.ttlMs, Date.now());
      await releaseLease(tx, keys, op.release);
      return null;
    });
  }

  /** The file's pieces for [start, end): committed slices, then this instance's cached bytes. */
  private async plan(c: OpCtx, inode: Inode, start: number, end: number): Promise<Piece[]> {
    const stop = Math.max(start, Math.min(end, inode.length));
    const slices = await readRangeSlices(c.tx, c.fs, c.fs.id, inode.ino, inode.gen, start, stop);
    const pieces = planRead(c.fs, c.fs.id, inode.ino, inode.truncMarks, slices, start, stop);
    if (end > stop) pieces.push({ kind: 'zero', offset: stop, len: end - stop }); // cached bytes past the committed end
    return overlayPieces(pieces, this.cache.overlay(c.fs.id, inode.ino, start, end));
  }

  private async open(
    fsName: string,
    caller: Caller,
    locate: (c: OpCtx) => Promise<number>,
    range?: ByteRange,
  ): Promise<Download> {
    const first = await this.fss.read(fsName, caller, async (c) => {
      const ino = await locate(c);
      const inode = regularFile(await readInode(c.tx, c.fs.id, ino), `inode ${ino}`);
      const length = Math.max(inode.length, this.cache.cachedEnd(c.fs.id, ino) ?? 0); // what this instance has seen
      const span = clipRange(range, length);
      const start = span?.start ?? 0;
      const end = span?.end ?? length;
      const pieces = await this.plan(c, inode, start, Math.min(end, start + planWindow(c.fs)));
      return { stat: { ...statOf(inode), length }, span, pieces, start, end, inode, blockSize: c.fs.blockSize };
    });
    const run = this.runs.note(`${fsName}:${first.inode.ino}`, first.start, first.end);
    this.readAhead(fsName, caller, first.inode, first.blockSize, first.end, run);
    // Later windows, and a fresh plan after a missing object, see the same contents: a file
    // replaced meanwhile fails the read rather than switch contents mid-stream (replaced
    // objects outlive reads by GEN_PURGE_GRACE_MS).
    const planFrom = (offset: number) =>
      this.fss.read(fsName, caller, async (c) => {
        const now = await readInode(c.tx, c.fs.id, first.stat.ino);
        if (now.gen !== first.inode.gen)
          throw fsErr('EIO', 'the file was replaced while it was being read; read it again');
        return this.plan(c, now, offset, Math.min(first.end, offset + planWindow(c.fs)));
      });
    // A large read, or a scan, streams past the cache; a scan drops what its read-ahead
    // brought in once it has read it.
    const fill = first.end - first.start <= READ_CACHE_MAX_READ_BYTES && !run.scan;
    const fetch = run.scan
      ? async (key: string, s: number, e: number) => {
          const parts = await this.readCache.get(key, s, e, false);
          this.readCache.release(key, s, e, run.id);
          return parts;
        }
      : (key: string, s: number, e: number) => this.readCache.get(key, s, e, fill);
    return { stat: first.stat, range: first.span, stream: streamPieces(fetch, first.pieces, planFrom, first.end) };
  }

  /**
   * Read-ahead for a sequential reader: through READ_AHEAD_BLOCKS whole blocks past the one
   * the read ends in, so read-ahead fetches whole blocks (one GET each) rather than a sliver
   * per read. Only what was not asked for before is planned: most reads of a run plan nothing.
   */
  private readAhead(fsName: string, caller: Caller, inode: Inode, blockSize: number, end: number, run: Run): void {
    if (!run.sequential || end >= inode.length) return; // (committed length: cached bytes need no read-ahead)
    const from = Math.max(end, run.aheadThrough);
    const blocksAhead = (Math.floor(end / blockSize) + 1 + READ_AHEAD_BLOCKS) * blockSize;
    const to = Math.min(inode.length, blocksAhead, end + Math.floor(this.readCache.maxBytes * READ_AHEAD_CACHE_SHARE));
    if (from >= to) return;
    run.aheadThrough = to;
    void this.fss
      .read(fsName, caller, (c) => this.plan(c, inode, from, to))
      .then((pieces) => {
        for (const p of pieces)
          if (p.kind === 'object')
            this.readCache.prefetch(p.key, p.objectOffset, p.objectOffset + p.len, run.scan && run.id);
      })
      .catch(() => undefined); // read-ahead is best effort
  }

  readData(fsName: string, caller: Caller, ino: number, range?: ByteRange): Promise<Download> {
    return this.open(fsName, caller, async () => ino, range);
  }

  downloadFile(fsName: string, caller: Caller, path: string, range?: ByteRange): Promise<Download> {
    return this.open(fsName, caller, (c) => resolvePath(c, path, true), range);
  }
}
