// Streaming a planned read: object pieces are fetched in parallel, up to FETCH_AHEAD_BYTES
// ahead of the piece being sent (the fetch window of one read; not to be confused with the
// read-ahead of sequential readers, data/file-reads.ts) while the process-wide fetch budget
// has room (readBudget; always one piece, so every read moves), and emitted in file order; zeros come
// from one shared buffer. Long reads are planned a window at a time as the stream advances,
// so memory and time to first byte stay bounded whatever the size of the read. A missing
// object (e.g. compaction replaced it) triggers one fresh plan of the rest, then a clear EIO
// (DIGEST §3.6 step 7).
import { Readable } from 'node:stream';
import { fsErr } from '../errno.ts';
import { ObjectNotFound } from '../objects/types.ts';
import type { ObjectChecksums } from '../fs/model.ts';
import { ByteBudget } from './byte-budget.ts';
import type { Piece } from './planner.ts';
import type { ObjectRange } from './read-cache.ts';

/**
 * Bytes of one read's object GETs in flight ahead of the piece being sent, at most (4 block
 * objects of 4 MiB). A 64 MiB window (16 objects, the raw S3 baseline's parallelism) did not
 * make a 256 MiB download faster here: the server, the client and the S3 server share 2 cores,
 * and the server's CPU per byte is what limits it.
 */
export const FETCH_AHEAD_BYTES = 16 * 1024 * 1024;
/** The share of the read cache's size (CIRRUS_READ_CACHE_BYTES) that every read's fetches ahead may hold together... */
export const FETCH_BUFFER_SHARE = 1 / 4;
/** ...but never less than one read's window (a process without a read cache still streams at full speed). */
export const MIN_FETCH_BUDGET_BYTES = FETCH_AHEAD_BYTES;
const ZERO_BYTES = 1024 * 1024;
const ZEROS = Buffer.alloc(ZERO_BYTES);

/**
 * Plans the read from `offset` on, with a fresh slice list: the next window of a long read,
 * or the rest of the current one again after a missing object.
 */
export type PlanFrom = (offset: number) => Promise<Piece[]>;

/**
 * Bytes [start, end) of an object (through the read cache), as consecutive parts, checked
 * against the object's page checksums when its slice has them.
 */
export type FetchObject = (key: string, range: ObjectRange & { checksums?: ObjectChecksums }) => Promise<Buffer[]>;

/** The bytes that every streamed read of the process may fetch ahead together, next to a read cache of `readCacheBytes`. */
export function readBudget(readCacheBytes: number): ByteBudget {
  return new ByteBudget(Math.max(MIN_FETCH_BUDGET_BYTES, Math.floor(readCacheBytes * FETCH_BUFFER_SHARE)), 'read');
}

function* zeros(len: number): Generator<Buffer> {
  for (let left = len; left > 0; left -= ZERO_BYTES) yield ZEROS.subarray(0, Math.min(left, ZERO_BYTES));
}

async function* readPieces(
  fetch: FetchObject,
  first: Piece[],
  planFrom: PlanFrom,
  end: number,
  budget: ByteBudget,
): AsyncGenerator<Buffer> {
  let list = first;
  let replanned = false;
  let i = 0;
  let next = 0;
  let aheadBytes = 0;
  let pending = new Map<number, Promise<Buffer[]>>();
  const restart = (pieces: Piece[]) => {
    budget.give(aheadBytes); // the fetches of the old plan are abandoned
    list = pieces;
    [i, next, aheadBytes] = [0, 0, 0];
    pending = new Map();
  };
  const fill = () => {
    while (next < list.length && (aheadBytes < FETCH_AHEAD_BYTES || pending.size === 0)) {
      const p = list[next];
      if (p.kind === 'object') {
        if (!budget.take(p.len, { force: pending.size === 0 })) return;
        const got = fetch(p.key, { start: p.objectOffset, end: p.objectOffset + p.len, checksums: p.checksums });
        got.catch(() => undefined); // awaited below; avoid unhandled rejections if abandoned
        pending.set(next, got);
        aheadBytes += p.len;
      }
      next++;
    }
  };
  try {
    for (;;) {
      if (i === list.length) {
        const offset = list.length > 0 ? list[list.length - 1].offset + list[list.length - 1].len : end;
        if (offset >= end) return;
        restart(await planFrom(offset)); // the next window
        replanned = false;
        if (list.length === 0) throw fsErr('EIO', `no plan for the read from offset ${offset}`);
        continue;
      }
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
      let parts: Buffer[];
      try {
        parts = await pending.get(i)!;
      } catch (e) {
        if (!(e instanceof ObjectNotFound)) throw e;
        if (replanned) throw fsErr('EIO', `file data is missing: ${e.message}`);
        replanned = true;
        restart(await planFrom(p.offset));
        continue;
      }
      pending.delete(i);
      aheadBytes -= p.len;
      budget.give(p.len);
      if (parts.reduce((n, b) => n + b.length, 0) !== p.len)
        throw fsErr('EIO', `object ${p.key} is shorter than its slice says`);
      yield* parts;
      i++;
    }
  } finally {
    budget.give(aheadBytes); // done, failed, or the client went away
    aheadBytes = 0;
  }
}

/** Stream [first piece's offset, end): `first` is the first window, `planFrom` plans the rest. */
export function streamPieces(
  fetch: FetchObject,
  first: Piece[],
  planFrom: PlanFrom,
  end: number,
  budget: ByteBudget,
): Readable {
  return Readable.from(readPieces(fetch, first, planFrom, end, budget), { objectMode: false });
}
