// Streaming a planned read: object pieces are fetched in parallel with a bounded read-ahead
// window and emitted in file order; zeros come from one shared buffer. Memory stays bounded
// by READ_AHEAD_BYTES whatever the size of the read. A missing object (e.g. compaction
// replaced it) triggers one fresh plan of the rest of the range, then a clear EIO
// (DIGEST §3.6 step 7).
import { Readable } from 'node:stream';
import { fsErr } from '../errno.ts';
import { ObjectNotFound } from '../objects/types.ts';
import type { Piece } from './planner.ts';

export const READ_AHEAD_BYTES = 16 * 1024 * 1024;
const ZERO_BYTES = 1024 * 1024;
const ZEROS = Buffer.alloc(ZERO_BYTES);

/** Plans the rest of a read again, from `offset`, with a fresh slice list. */
export type Replan = (offset: number) => Promise<Piece[]>;

/** Bytes [start, end) of an object (through the read cache). */
export type FetchObject = (key: string, start: number, end: number) => Promise<Buffer>;

function* zeros(len: number): Generator<Buffer> {
  for (let left = len; left > 0; left -= ZERO_BYTES) yield ZEROS.subarray(0, Math.min(left, ZERO_BYTES));
}

async function* readPieces(fetch: FetchObject, first: Piece[], replan?: Replan): AsyncGenerator<Buffer> {
  let list = first;
  let replanned = false;
  let i = 0;
  let next = 0;
  let aheadBytes = 0;
  const pending = new Map<number, Promise<Buffer>>();
  const fill = () => {
    while (next < list.length && (aheadBytes < READ_AHEAD_BYTES || pending.size === 0)) {
      const p = list[next];
      if (p.kind === 'object') {
        const got = fetch(p.key, p.objectOffset, p.objectOffset + p.len);
        got.catch(() => undefined); // awaited below; avoid unhandled rejections if abandoned
        pending.set(next, got);
        aheadBytes += p.len;
      }
      next++;
    }
  };
  while (i < list.length) {
    fill();
    const p = list[i];
    if (p.kind === 'zero') {
      yield* zeros(p.len);
      i++;
      continue;
    }
    if (p.kind === 'bytes') {
      yield p.data;
      i++;
      continue;
    }
    let buf: Buffer;
    try {
      buf = await pending.get(i)!;
    } catch (e) {
      if (!(e instanceof ObjectNotFound)) throw e;
      if (replanned || !replan) throw fsErr('EIO', `file data is missing: ${e.message}`);
      replanned = true;
      list = await replan(p.offset);
      [i, next, aheadBytes] = [0, 0, 0];
      pending.clear();
      continue;
    }
    pending.delete(i);
    aheadBytes -= p.len;
    if (buf.length !== p.len) throw fsErr('EIO', `object ${p.key} is shorter than its slice says`);
    yield buf;
    i++;
  }
}

export function streamPieces(fetch: FetchObject, pieces: Piece[], replan?: Replan): Readable {
  return Readable.from(readPieces(fetch, pieces, replan), { objectMode: false });
}
