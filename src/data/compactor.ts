// Compaction (DIGEST §4; DESIGN §4 "Compaction"): a chunk whose slices pile up, or hide most of
// their bytes, is rebuilt from its visible view into one new slice, and swapped in by one
// transaction that removes exactly the slices it read (fs/compaction-swap.ts replaceSlices).
//
// One chunk, one round:
//   1. read the file and the chunk's slices in one transaction (the snapshot);
//   2. take the oldest slices in commit order, as many as one commit can replace (a chunk with
//      more is compacted in several rounds: the newer slices stay on top of the rebuilt one);
//   3. build their view (data/compaction-pick.ts: newest wins, truncation marks applied, cut at
//      the end of the file), reserve a slice id with an intent naming its objects, and write
//      the view block by block as objects (one block in memory at a time);
//   4. commit the swap. The rebuilt slice takes the newest replaced slice's commit sequence, so
//      every slice committed meanwhile — a writer appending during the compaction — is newer
//      and still wins; if the file moved on in a way that voids the rebuild (a replaced slice
//      is gone, the contents were replaced, the file was purged) nothing is committed and the
//      new objects are deleted;
//   5. the replaced objects are deleted by the sweeper after a grace period, so reads planned
//      with the old slices finish; a later one meets a missing object and re-plans once
//      (data/reader.ts).
//
// Deviation from DIGEST §4.1 step 6 (and DESIGN §4): the rebuilt slice gets a *new* slice id
// (with compaction = the replaced slices' highest + 1), not the largest replaced id. Slices are
// ordered by their commit sequence here, not by id, so the id carries no order; a new id makes
// the objects of two compactions of one chunk (the leader's pass and an on-demand request on
// another instance) never share a name — the loser's clean-up cannot delete the winner's
// objects — and lets the upload intent cover a compaction that dies between its PUTs and its
// commit (the sweeper deletes what an expired intent names).
import { assertLeading, type Leadership } from '../coord/leadership.ts';
import { fsErr } from '../errno.ts';
import { decodeInode, decodeSlice } from '../fs/codec.ts';
import { inodeGroup, inodeKey, readOrdUint, slicePrefix } from '../fs/keys.ts';
import type { FsInfo, Inode, Slice } from '../fs/model.ts';
import type { Caller } from '../fs/namespace.ts';
import { checkAccess, W_OK } from '../fs/permissions.ts';
import { slicesInReplace } from '../fs/compaction-swap.ts';
import { chunkSlices, type NewSlice, type PendingSlices } from '../fs/slice-records.ts';
import type { Slices } from '../fs/slices.ts';
import type { KvStore } from '../kv/types.ts';
import { ObjectNotFound, type ObjectStore } from '../objects/types.ts';
import { type FileShape, judgeChunk, rebuiltExtent, viewOf, viewRange } from './compaction-pick.ts';
import { BlockPuts } from './block-puts.ts';
import { FLUSH_PARALLEL_PUTS, putSliceBlocks } from './flusher.ts';
import type { Piece } from './planner.ts';

/** DIGEST §4.1 step 3: metaserver.conf `s3compactwq.max_chunks_per_compact=10` chunks per visit. */
export const COMPACT_CHUNKS_PER_VISIT = 10;
/** Slices read per page while looking over a file's chunks. */
const SCAN_PAGE = 1000;

export interface CompactOptions {
  /** Compact every chunk with more than one slice or a hidden byte, not only those past the thresholds. */
  all?: boolean;
  /** Stop after compacting this many chunks (default COMPACT_CHUNKS_PER_VISIT). */
  maxChunks?: number;
  /** Start at this chunk (a visit that stopped at its budget carries on from there). */
  fromChunk?: number;
  /** Leader work (the sweeper's pass): asserted before every chunk. */
  permit?: Leadership;
  /** A request's caller, who must be able to write the file (the sweeper's passes have none). */
  caller?: Caller;
}

export interface CompactResult {
  chunksExamined: number;
  chunksCompacted: number;
  /** Slices removed, and slices written in their place. */
  slicesReplaced: number;
  slicesWritten: number;
  bytesWritten: number;
  /** Chunks left alone because the file changed under the compaction (a later pass retries). */
  chunksStale: number;
  /** The first chunk not examined, when the budget ran out before the end of the file. */
  nextChunk?: number;
}

export interface CompactorDeps {
  kv: KvStore;
  objects: ObjectStore;
  slices: Slices;
}

const emptyResult = (): CompactResult => ({
  chunksExamined: 0,
  chunksCompacted: 0,
  slicesReplaced: 0,
  slicesWritten: 0,
  bytesWritten: 0,
  chunksStale: 0,
});

export class Compactor {
  constructor(private readonly d: CompactorDeps) {}

  /**
   * Compact the chunks of file `ino` that need it, in chunk order, up to `maxChunks` of them.
   * ENOENT when the file does not exist or is in the trash (DIGEST §4.1 step 2: deleted inodes
   * are skipped), EISDIR / EINVAL when it is not a regular file.
   */
  async compactFile(fs: FsInfo, ino: number, opts: CompactOptions = {}): Promise<CompactResult> {
    const result = emptyResult();
    const maxChunks = opts.maxChunks ?? COMPACT_CHUNKS_PER_VISIT;
    const inode = await this.file(fs, ino);
    if (opts.caller) checkAccess(opts.caller, inode, W_OK);
    const shape: FileShape = { fsId: fs.id, ino, length: inode.length, truncMarks: inode.truncMarks };
    const group = inodeGroup(fs.id, ino);
    const prefix = slicePrefix(inode.gen);
    let after = opts.fromChunk ? slicePrefix(inode.gen, opts.fromChunk) : undefined;
    let current: { chunk: number; slices: Slice[] } | undefined;
    const examine = async (chunk: number, slices: Slice[]): Promise<boolean> => {
      if (result.chunksCompacted >= maxChunks) {
        result.nextChunk = chunk;
        return false;
      }
      result.chunksExamined++;
      if (!judgeChunk(fs, shape, chunk, slices, { all: opts.all === true }).reason) return true;
      if (opts.permit) assertLeading(opts.permit, 'compaction');
      await this.compactChunk(fs, ino, chunk, { all: opts.all === true, permit: opts.permit }, result);
      return true;
    };
    for (;;) {
      const page = await this.d.kv.transact((tx) => tx.scan(group, { prefix, after, limit: SCAN_PAGE }));
      for (const e of page.entries) {
        const [chunk] = readOrdUint(e.item, prefix.length);
        if (current && current.chunk !== chunk) {
          if (!(await examine(current.chunk, current.slices))) return result;
          current = undefined;
        }
        current ??= { chunk, slices: [] };
        current.slices.push(decodeSlice(e.value));
      }
      if (!page.more) break;
      after = page.last;
    }
    if (current) await examine(current.chunk, current.slices);
    return result;
  }

  /** The file a compaction may work on. */
  private async file(fs: FsInfo, ino: number): Promise<Inode> {
    const raw = await this.d.kv.get(inodeKey(fs.id, ino));
    const inode = raw && decodeInode(ino, raw);
    if (!inode || inode.dtime) throw fsErr('ENOENT', `no inode ${ino}${inode ? ' (it is in the trash)' : ''}`);
    if (inode.type === 'dir') throw fsErr('EISDIR', `inode ${ino} is a directory`);
    if (inode.type !== 'file') throw fsErr('EINVAL', `inode ${ino} is not a regular file`);
    return inode;
  }

  /** Compact one chunk, in as many rounds as one commit's write limit needs. */
  private async compactChunk(
    fs: FsInfo,
    ino: number,
    chunk: number,
    opts: { all: boolean; permit?: Leadership },
    result: CompactResult,
  ): Promise<void> {
    const perCommit = slicesInReplace(this.d.kv.limits);
    for (let round = 0; ; round++) {
      if (opts.permit) assertLeading(opts.permit, 'compaction');
      const snap = await this.d.kv.transact(async (tx) => {
        const raw = await tx.get(inodeKey(fs.id, ino));
        const inode = raw && decodeInode(ino, raw);
        if (inode?.type !== 'file' || inode.dtime) return undefined;
        return { inode, slices: await chunkSlices(tx, fs.id, ino, inode.gen, chunk) };
      });
      if (!snap) return; // removed meanwhile: nothing to compact
      const shape: FileShape = { fsId: fs.id, ino, length: snap.inode.length, truncMarks: snap.inode.truncMarks };
      // A chunk compacted in several rounds goes on until it is whole; later rounds need no reason.
      const verdict = judgeChunk(fs, shape, chunk, snap.slices, { all: opts.all || round > 0 });
      if (!verdict.reason) return;
      const replaced = [...snap.slices].sort((a, b) => a.seq - b.seq).slice(0, perCommit);
      const outcome = await this.rebuild(fs, { inode: snap.inode, shape, chunk, replaced });
      if (outcome === 'stale') {
        result.chunksStale++;
        return;
      }
      if (round === 0) result.chunksCompacted++;
      result.slicesReplaced += replaced.length;
      if (outcome) {
        result.slicesWritten++;
        result.bytesWritten += outcome.bytes;
      }
      if (replaced.length === snap.slices.length) return;
    }
  }

  /**
   * Rebuild `replaced` (the oldest slices of the chunk) as one slice and swap it in: the bytes
   * written, null when their view had none (the slices are just removed), or 'stale'.
   */
  private async rebuild(
    fs: FsInfo,
    at: { inode: Inode; shape: FileShape; chunk: number; replaced: Slice[] },
  ): Promise<{ bytes: number } | null | 'stale'> {
    const { inode, shape, chunk, replaced } = at;
    const view = viewOf(fs, shape, chunk, replaced, viewRange(fs, shape, chunk));
    const extent = rebuiltExtent(view);
    const base = { gen: inode.gen, chunk, replaced };
    if (!extent) {
      return (await this.d.slices.replaceSlices(fs, inode.ino, base)) === 'stale' ? 'stale' : null;
    }
    const compaction = Math.max(...replaced.map((s) => s.compaction)) + 1; // DIGEST §4.1 step 6
    const pending = await this.d.slices.reserve(fs, inode.ino, [{ ...extent, compaction }]);
    const puts = new BlockPuts(this.d.objects, { parallel: 1 }); // one block at a time: compaction is background work
    const written = puts.keys;
    try {
      const rebuilt = { ...pending, slices: await this.writeView(fs, { ...at, pending }, puts) }; // with checksums
      if ((await this.d.slices.replaceSlices(fs, inode.ino, { ...base, rebuilt })) === 'replaced') {
        return { bytes: extent.len };
      }
    } catch (e) {
      await this.discard(fs, pending, written);
      if (!(e instanceof ObjectNotFound)) throw e;
      // A replaced generation or a purged file loses its objects: that is the file moving on.
      if (await this.movedOn(fs, inode)) return 'stale';
      throw fsErr('EIO', `file data is missing: ${e.message}`);
    }
    await this.discard(fs, pending, written);
    return 'stale';
  }

  /** Whether the file is gone, in the trash or has other contents than when the compaction read it. */
  private async movedOn(fs: FsInfo, was: Inode): Promise<boolean> {
    const raw = await this.d.kv.get(inodeKey(fs.id, was.ino));
    const now = raw && decodeInode(was.ino, raw);
    return !now || now.gen !== was.gen || now.dtime !== undefined;
  }

  /** Objects nothing will name: deleted, and their intent dropped (or, failing that, left to the sweeper). */
  private async discard(fs: FsInfo, pending: PendingSlices, keys: readonly string[]): Promise<void> {
    await this.d.objects
      .delete(keys)
      .then(() => this.d.slices.abandon(fs, pending.intentId))
      .catch(() => undefined); // the intent stays and the sweeper deletes what it names
  }

  /**
   * Write the rebuilt slice's blocks through the flusher's block writer (data/flusher.ts
   * putSliceBlocks): each one's bytes planned from the replaced slices and fetched just before
   * its PUT. `puts.keys` lists every key a PUT was started for.
   */
  private async writeView(
    fs: FsInfo,
    at: { inode: Inode; shape: FileShape; chunk: number; replaced: Slice[]; pending: PendingSlices },
    puts: BlockPuts,
  ): Promise<NewSlice[]> {
    return putSliceBlocks(puts, { fs, ino: at.inode.ino, slices: at.pending.slices }, async (_slice, b) => {
      const range = { start: b.fileOffset, end: b.fileOffset + b.len };
      const bytes = Buffer.concat(await this.fetchAll(viewOf(fs, at.shape, at.chunk, at.replaced, range)));
      if (bytes.length !== b.len)
        throw fsErr('EIO', `rebuilt block ${b.blockIndex} has ${bytes.length} of ${b.len} bytes`);
      return bytes;
    });
  }

  /** The bytes of planned pieces, in order (GETs a few at a time). */
  private async fetchAll(pieces: readonly Piece[]): Promise<Buffer[]> {
    const out: Buffer[] = new Array(pieces.length);
    let next = 0;
    const worker = async () => {
      while (next < pieces.length) {
        const i = next++;
        const p = pieces[i];
        if (p.kind === 'object') out[i] = await this.d.objects.get(p.key, p.objectOffset, p.objectOffset + p.len);
        else if (p.kind === 'zero') out[i] = Buffer.alloc(p.len);
        else out[i] = p.data;
      }
    };
    await Promise.all(Array.from({ length: Math.min(FLUSH_PARALLEL_PUTS, pieces.length) }, worker));
    return out;
  }
}
