// Slice keys: one key per slice in the inode's group, under the inode's content generation
// and chunk index, ordered by slice id (DESIGN §3.3: "appending is a blind insert").
import { decodeSlice, encodeSlice } from '../fs/codec.ts';
import { inodeGroup, readOrdUint, slicePrefix, sliceKey } from '../fs/keys.ts';
import type { Slice } from '../fs/model.ts';
import type { KvStore, Tx } from '../kv/types.ts';
import { chunkIndexOf, type Geometry } from './layout.ts';

const SCAN_PAGE = 1000;
const DELETE_BATCH = 90;

/**
 * Slices of the chunks [start, end) touches, by chunk. One ordered scan of the generation from
 * the first chunk on: chunks without slices cost nothing (sparse files).
 */
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
  const prefix = slicePrefix(gen);
  const lastChunk = chunkIndexOf(g, end - 1);
  let after: string | undefined = slicePrefix(gen, chunkIndexOf(g, start)); // every item of that chunk sorts after it
  for (;;) {
    const page = await tx.scan(inodeGroup(fsId, ino), { prefix, after, limit: SCAN_PAGE });
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

export function putSlice(tx: Tx, g: Geometry, fsId: number, ino: number, gen: number, s: Slice): void {
  tx.put(sliceKey(fsId, ino, gen, chunkIndexOf(g, s.offset), s.sliceId), encodeSlice(s));
}

/** Up to `limit` slice keys of one generation (any chunk), for purging. */
export async function scanGenSlices(tx: Tx, fsId: number, ino: number, gen: number, limit: number) {
  const page = await tx.scan(inodeGroup(fsId, ino), { prefix: slicePrefix(gen), limit });
  return page.entries.map((e) => ({
    key: { group: inodeGroup(fsId, ino), item: e.item },
    slice: decodeSlice(e.value),
  }));
}

/** Delete the slice keys of one generation (staged by an upload that then failed). */
export async function deleteGenSlices(kv: KvStore, fsId: number, ino: number, gen: number): Promise<void> {
  const group = inodeGroup(fsId, ino);
  for (;;) {
    const page = await kv.transact((tx) => tx.scan(group, { prefix: slicePrefix(gen), limit: DELETE_BATCH }));
    if (page.entries.length === 0) return;
    await kv.transact(async (tx) => {
      for (const e of page.entries) tx.delete({ group, item: e.item });
    });
  }
}
