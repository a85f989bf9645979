// Downloads through the direct plane: the read plan of the range, its pieces fetched straight
// from S3 as ranged GETs, `parallel` ahead of the reader and handed over in file order; holes
// are zeros made here. A URL answering 404 means the file was replaced and its old objects
// purged since the plan: the rest is planned again (once per piece).
import { DirectError, type Http } from './http.ts';
import { encodePath } from './upload.ts';
import type { DownloadPlan, FileRef, PlanPiece } from './types.ts';

/** Zeros are handed over in pieces of at most this size (a large hole is not one allocation). */
const ZERO_PIECE_BYTES = 1024 * 1024;

export interface DownloadContext {
  http: Http;
  fs: string;
  parallel: number;
}

export interface DownloadRange {
  offset?: number;
  /** Bytes to read (default: to the end of the file). */
  length?: number;
}

function planPath(c: DownloadContext, file: FileRef, offset: number, length: number | undefined): string {
  const fs = `/v1/fs/${encodeURIComponent(c.fs)}`;
  const at =
    'path' in file ? `${fs}/download-plans/${encodePath(file.path)}` : `${fs}/inodes/${file.ino}/download-plan`;
  return `${at}?offset=${offset}${length === undefined ? '' : `&length=${length}`}`;
}

function* zeros(length: number): Iterable<Uint8Array> {
  for (let left = length; left > 0; left -= ZERO_PIECE_BYTES) yield new Uint8Array(Math.min(left, ZERO_PIECE_BYTES));
}

/** The bytes of `range`, in order. */
export async function* downloadChunks(c: DownloadContext, file: FileRef, range: DownloadRange = {}) {
  let offset = range.offset ?? 0;
  const stop = range.length === undefined ? undefined : offset + range.length;
  let target = file;
  let replannedAt = -1;
  for (;;) {
    const plan = (await c.http.api<DownloadPlan>('GET', planPath(c, target, offset, stop && stop - offset))).json;
    target = { ino: plan.ino }; // the rest of the plans are of the same file
    const fetchPiece = (p: PlanPiece) =>
      'zero' in p ? undefined : c.http.getRange(p.url, p.objectRange.start, p.objectRange.end);
    const ahead: (Promise<Uint8Array> | undefined)[] = [];
    let replan = false;
    for (let i = 0; i < plan.pieces.length; i++) {
      for (let j = ahead.length; j < Math.min(plan.pieces.length, i + c.parallel); j++) {
        const fetched = fetchPiece(plan.pieces[j]);
        fetched?.catch(() => undefined); // awaited in order below
        ahead.push(fetched);
      }
      const p = plan.pieces[i];
      const pending = ahead[i];
      if (!pending) {
        yield* zeros(p.length);
        continue;
      }
      try {
        yield await pending;
      } catch (e) {
        if (!(e instanceof DirectError && e.status === 404) || replannedAt === p.fileOffset) throw e;
        replannedAt = p.fileOffset; // replaced since the plan: plan again from here
        offset = p.fileOffset;
        replan = true;
        break;
      }
    }
    if (replan) continue;
    if (plan.complete) return;
    offset = plan.end;
  }
}

/** The same as a web ReadableStream (cancelling it stops the fetching). */
export function downloadStream(
  c: DownloadContext,
  file: FileRef,
  range: DownloadRange = {},
): ReadableStream<Uint8Array> {
  const chunks = downloadChunks(c, file, range);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
