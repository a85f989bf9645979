// Slice keys: one key per slice in the inode's group, under the inode's content generation
// and chunk index, ordered by slice id (DESIGN §3.3: "appending is a blind insert").
import { decodeSlice, encodeSlice } from '../fs/codec.ts';
import { inodeGroup, slicePrefix, sliceKey } from '../fs/keys.ts';
import type { Slice } from '../fs/model.ts';
import type { Tx } from '../kv/types.ts';
import { chunkIndexOf, type Geometry } from './layout.ts';

const SCAN_PAGE = 1000;

/** A chunk's slices in ascending slice id order. */
export async function readChunkSlices(tx: Tx, fsId: number, ino: number, gen: number, chunk: number): Promise<Slice[]> {
  const out: Slice[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await tx.scan(inodeGroup(fsId, ino), { prefix: slicePrefix(gen, chunk), after, limit: SCAN_PAGE });
    for (const e of page.entries) out.push(decodeSlice(e.value));
    if (!page.more) return out;
    after = page.last;
  }
}

/** Slices of every chunk that [start, end) touches. */
export async function readRangeSlices(
  tx: Tx,
  g: Geometry,
  fsId: number,
  ino: number,
  gen: number,
  start: number,
  end: number,
): Promise<Map<number, Slice[]>> {
  const byChunk = new Map<number, Slice[]>();
  if (end <= start) return byChunk;
  for (let chunk = chunkIndexOf(g, start); chunk <= chunkIndexOf(g, end - 1); chunk++) {
    byChunk.set(chunk, await readChunkSlices(tx, fsId, ino, gen, chunk));
  }
  return byChunk;
}

export function putSlice(tx: Tx, g: Geometry, fsId: number, ino: number, gen: number, s: Slice): void {
  tx.put(sliceKey(fsId, ino, gen, chunkIndexOf(g, s.offset), s.sliceId), encodeSlice(s));
}

/** Up to `limit` slice keys of one generation (any chunk), for purging. */
export async function scanGenSlices(tx: Tx, fsId: number, ino: number, gen: number, limit: number) {
  const page = await tx.scan(inodeGroup(fsId, ino), { prefix: slicePrefix(gen), limit });
  return page.entries.map((e) => ({ key: { group: inodeGroup(fsId, ino), item: e.item }, slice: decodeSlice(e.value) }));
}
