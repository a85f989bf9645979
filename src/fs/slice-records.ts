// Slice records (DESIGN §3.3; DIGEST §2.3 S3ChunkInfo): how one is written, with its invariants
// asserted, and how they are read and scanned. Only Slices (fs/slices.ts) and the changes it
// makes through fs/slice-commit.ts, fs/direct-commits.ts, fs/contents-switch.ts and
// fs/compaction-swap.ts write them; readers and the purge scan them here.
//
// A slice is one record per flushed extent, in the inode's group under its content generation
// and chunk (fs/keys.ts "s{gen}{chunk}{sliceId}"), so appending is a blind insert. Slices are
// ordered by a per-inode commit sequence `seq` given in the committing transaction: the slice
// committed last wins, whoever allocated its id first (model.ts Slice).
import { invariant } from '../errno.ts';
import type { KvStore, Tx } from '../kv/types.ts';
import { decodeSlice, encodeSlice } from './codec.ts';
import { inodeGroup, readOrdUint, slicePrefix, sliceKey } from './keys.ts';
import { chunkIndexOf, type Geometry, sliceBlocks } from './layout.ts';
import type { Inode, Slice } from './model.ts';

export const FIRST_SLICE_ID = 1;
/** Slices asked for per scan page (the engine answers at most its own scan limit). */
const SCAN_PAGE = 1000;
/**
 * Truncation marks are pruned against every slice of the generation, read in the committing
 * transaction; a file with more slices than this keeps its marks (always safe) until
 * compaction has brought its slice count down.
 */
export const MARK_PRUNE_SCAN_LIMIT = 1000;

/** A slice not committed yet (seq is given by the committing transaction). */
export type NewSlice = Omit<Slice, 'seq'>;

/** Slices whose ids are reserved and whose objects an intent names, waiting to be committed. */
export interface PendingSlices {
  intentId: string;
  slices: NewSlice[];
  /** The file's inline bytes these slices carry (their oldest layer), as they were when read. */
  spilled?: { gen: number; bytes: Buffer };
}

export function assertInOneChunk(g: Geometry, s: NewSlice): void {
  invariant(s.len > 0 && s.offset >= 0, `slice ${s.sliceId} has bytes at a file offset`);
  invariant(chunkIndexOf(g, s.offset) === chunkIndexOf(g, s.offset + s.len - 1), 'a slice never spans two chunks');
}

/** A slice's checksums, when it has them, cover every page of every one of its objects. */
function assertChecksumsCover(g: Geometry, s: Slice): void {
  if (!s.checksums) return;
  const { pageBytes, objects } = s.checksums;
  const blocks = sliceBlocks(g, s);
  invariant(
    objects.length === blocks.length && blocks.every((b, i) => objects[i].length === Math.ceil(b.len / pageBytes)),
    `slice ${s.sliceId} has a checksum for each page of each of its objects`,
  );
}

export function putSlice(tx: Tx, g: Geometry, fsId: number, ino: number, gen: number, s: Slice): void {
  assertChecksumsCover(g, s);
  tx.put(sliceKey(fsId, ino, gen, chunkIndexOf(g, s.offset), s.sliceId), encodeSlice(s));
}

/**
 * Slices of the chunks [start, end) touches, by chunk. One ordered scan of the generation from
 * the first chunk on: chunks without slices cost nothing (sparse files).
 */
export async function readRangeSlices(
  tx: Tx,
  g: Geometry,
  file: { fsId: number; ino: number; gen: number },
  range: { start: number; end: number },
): Promise<Map<number, Slice[]>> {
  const byChunk = new Map<number, Slice[]>();
  if (range.end <= range.start) return byChunk;
  const prefix = slicePrefix(file.gen);
  const lastChunk = chunkIndexOf(g, range.end - 1);
  let after: string | undefined = slicePrefix(file.gen, chunkIndexOf(g, range.start)); // every item of that chunk sorts after it
  for (;;) {
    const page = await tx.scan(inodeGroup(file.fsId, file.ino), { prefix, after, limit: SCAN_PAGE });
    for (const e of page.entries) {
      const [chunk] = readOrdUint(e.item, prefix.length);
      if (chunk > lastChunk) return byChunk;
      let list = byChunk.get(chunk);
      if (!list) {
        list = [];
        byChunk.set(chunk, list);
      }
      list.push(decodeSlice(e.value));
    }
    if (!page.more) return byChunk;
    after = page.last;
  }
}

/** Every slice of one chunk (a compaction reads and replaces a chunk at a time), or the first `max` of them. */
export async function chunkSlices(
  tx: Tx,
  fsId: number,
  ino: number,
  gen: number,
  chunk: number,
  max = Number.POSITIVE_INFINITY,
): Promise<Slice[]> {
  const prefix = slicePrefix(gen, chunk);
  const out: Slice[] = [];
  let after: string | undefined;
  while (out.length < max) {
    const page = await tx.scan(inodeGroup(fsId, ino), { prefix, after, limit: Math.min(SCAN_PAGE, max - out.length) });
    for (const e of page.entries) out.push(decodeSlice(e.value));
    if (!page.more) return out;
    after = page.last;
  }
  return out;
}

/**
 * Every slice of the file's current generation, for pruning its truncation marks; undefined
 * when there are more than MARK_PRUNE_SCAN_LIMIT or `max` (the marks are then kept as they are).
 */
export async function genSliceExtents(
  tx: Tx,
  fsId: number,
  inode: Inode,
  max = MARK_PRUNE_SCAN_LIMIT,
): Promise<Slice[] | undefined> {
  const page = await tx.scan(inodeGroup(fsId, inode.ino), {
    prefix: slicePrefix(inode.gen),
    limit: Math.min(MARK_PRUNE_SCAN_LIMIT, max),
  });
  return page.more ? undefined : page.entries.map((e) => decodeSlice(e.value));
}

/** Delete the slice keys of one generation (staged by an upload that then failed). */
export async function deleteGenSlices(kv: KvStore, fsId: number, ino: number, gen: number): Promise<void> {
  const group = inodeGroup(fsId, ino);
  for (;;) {
    const page = await kv.transact((tx) =>
      tx.scan(group, { prefix: slicePrefix(gen), limit: kv.limits.maxWritesPerTx }),
    );
    if (page.entries.length === 0) return;
    await kv.transact(async (tx) => {
      for (const e of page.entries) tx.delete({ group, item: e.item });
    });
  }
}
