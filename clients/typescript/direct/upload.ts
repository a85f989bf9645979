// Uploads through the direct plane: a Blob (its size known) goes up as few uploads as the
// server allows — blocks PUT straight to S3 in parallel, then one commit each; a stream is cut
// into parts of `partBytes` first. A failed upload is aborted, so its blocks are deleted.
import { DirectError, type Http } from './http.ts';
import type { FileAttrs, FileRef, UploadTicket } from './types.ts';

/** The server's cap on blocks per upload (createUpload's `length` description). */
const MAX_BLOCKS_PER_UPLOAD = 1000;

export interface UploadContext {
  http: Http;
  fs: string;
  parallel: number;
  checksums: boolean;
}

export interface UploadOptions {
  /** File offset of the first byte (default 0). */
  offset?: number;
  /** The file then ends where the data ends (default: true at offset 0, false elsewhere). */
  endsFile?: boolean;
  /** X-Lease-Token of a writer lease held on the file. */
  leaseToken?: number;
}

/** A `/`-separated path with each name percent-encoded. */
export const encodePath = (path: string) => path.split('/').filter(Boolean).map(encodeURIComponent).join('/');

const fsPath = (c: UploadContext) => `/v1/fs/${encodeURIComponent(c.fs)}`;

/** Run `fn` over `items`, at most `parallel` at a time; the first failure stops the rest. */
export async function eachLimited<T>(items: readonly T[], parallel: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      const item = items[next++];
      await fn(item).catch((e) => {
        failed = true;
        throw e;
      });
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}

function base64(bytes: ArrayBuffer): string {
  let s = '';
  for (const b of new Uint8Array(bytes)) s += String.fromCharCode(b);
  return btoa(s);
}

/** SHA-256 of the blocks of [offset, end) of `blob` (which starts at file offset `base`), cut at block boundaries. */
async function blockChecksums(blob: Blob, base: number, offset: number, end: number, blockSize: number) {
  const cuts: [number, number][] = [];
  for (let at = offset; at < end; ) {
    const next = Math.min(end, (Math.floor(at / blockSize) + 1) * blockSize);
    cuts.push([at, next]);
    at = next;
  }
  const values = new Array<string>(cuts.length);
  await eachLimited(
    cuts.map((c, i) => ({ c, i })),
    4,
    async ({ c, i }) => {
      const bytes = await blob.slice(c[0] - base, c[1] - base).arrayBuffer();
      values[i] = base64(await crypto.subtle.digest('SHA-256', bytes));
    },
  );
  return values;
}

/** The API paths of an upload of `file`. */
function createPath(c: UploadContext, file: FileRef): string {
  return 'path' in file ? `${fsPath(c)}/uploads/${encodePath(file.path)}` : `${fsPath(c)}/inodes/${file.ino}/uploads`;
}

/**
 * Write `blob` at `opts.offset` of an existing file. Several uploads when the server caps one
 * (413 E2BIG with `maxLength`), committed in order; the last one with `endsFile`.
 */
export async function uploadBlob(c: UploadContext, file: FileRef, blob: Blob, opts: UploadOptions = {}) {
  const base = opts.offset ?? 0;
  const endsFile = opts.endsFile ?? base === 0;
  const end = base + blob.size;
  const lease: Record<string, string> =
    opts.leaseToken === undefined ? {} : { 'x-lease-token': String(opts.leaseToken) };
  if (blob.size === 0) return setLength(c, file, base, endsFile);
  const blockSize = c.checksums
    ? (await c.http.api<{ blockSize: number }>('GET', fsPath(c))).json.blockSize
    : Number.NaN;
  let target = file;
  let attrs: FileAttrs | undefined;
  for (let offset = base; offset < end; ) {
    let length = c.checksums ? Math.min(end - offset, MAX_BLOCKS_PER_UPLOAD * blockSize) : end - offset;
    const sums = c.checksums ? await blockChecksums(blob, base, offset, offset + length, blockSize) : undefined;
    let ticket: UploadTicket | undefined;
    while (!ticket) {
      const body = {
        offset,
        length,
        checksums: sums && { algorithm: 'SHA256', values: sums.slice(0, blocksIn(offset, length, blockSize)) },
      };
      try {
        ticket = (await c.http.api<UploadTicket>('POST', createPath(c, target), { body, headers: lease })).json;
      } catch (e) {
        const maxLength = e instanceof DirectError && e.code === 'E2BIG' ? Number(e.problem?.maxLength) : Number.NaN;
        if (!(maxLength > 0 && maxLength < length)) throw e;
        length = maxLength; // checksums are per block from the file's start: the shorter range's are a prefix
      }
    }
    target = { ino: ticket.ino }; // later parts go to the same file whatever happens to its name
    attrs = await sendAndCommit(c, ticket, blob, base, { endsFile: endsFile && offset + length === end, lease });
    offset += length;
  }
  return attrs!;
}

function blocksIn(offset: number, length: number, blockSize: number): number {
  return Number.isNaN(blockSize) ? 0 : Math.ceil((offset + length) / blockSize) - Math.floor(offset / blockSize);
}

async function setLength(c: UploadContext, file: FileRef, size: number, endsFile: boolean): Promise<FileAttrs> {
  const at = 'path' in file ? `${fsPath(c)}/attrs/${encodePath(file.path)}` : `${fsPath(c)}/inodes/${file.ino}`;
  if (!endsFile) return (await c.http.api<FileAttrs>('GET', at)).json;
  return (await c.http.api<FileAttrs>('PATCH', at, { body: { size } })).json;
}

/** PUT a ticket's blocks in parallel, then commit; on failure, abort (its blocks are deleted). */
async function sendAndCommit(
  c: UploadContext,
  ticket: UploadTicket,
  blob: Blob,
  base: number,
  opts: { endsFile: boolean; lease: Record<string, string> },
): Promise<FileAttrs> {
  const upload = `${fsPath(c)}/inodes/${ticket.ino}/uploads/${ticket.uploadId}`;
  try {
    await eachLimited(ticket.blocks, c.parallel, (b) =>
      c.http.putBlock(b.url, b.headers, blob.slice(b.fileOffset - base, b.fileOffset - base + b.length)),
    );
    const headers = { ...opts.lease, 'idempotency-key': `commit-${ticket.uploadId}` }; // a retried commit answers as the first
    return (await c.http.api<FileAttrs>('POST', `${upload}/commit?endsFile=${opts.endsFile}`, { headers })).json;
  } catch (e) {
    await c.http.api('DELETE', upload, { ok: [404] }).catch(() => undefined); // else the sweeper collects it
    throw e;
  }
}

/**
 * Write a stream of unknown length from `opts.offset`: cut into parts of `partBytes`, each
 * uploaded and committed in order (readers may see the file grow part by part); the last
 * part ends the file when `endsFile`. Memory: one part.
 */
export async function uploadStream(
  c: UploadContext,
  file: FileRef,
  stream: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  opts: UploadOptions & { partBytes: number },
): Promise<FileAttrs> {
  const base = opts.offset ?? 0;
  const endsFile = opts.endsFile ?? base === 0;
  let offset = base;
  let target = file;
  let held: Uint8Array[] = [];
  let heldBytes = 0;
  let attrs: FileAttrs | undefined;
  const flush = async (last: boolean) => {
    const part = new Blob(held as Uint8Array<ArrayBuffer>[]);
    held = [];
    heldBytes = 0;
    attrs = await uploadBlob(c, target, part, { ...opts, offset, endsFile: last && endsFile });
    target = { ino: attrs.ino };
    offset += part.size;
  };
  const chunks = Symbol.asyncIterator in stream ? stream : readerChunks(stream);
  for await (const chunk of chunks) {
    // A full part is sent once more bytes arrive: only then is it known not to be the last.
    if (heldBytes >= opts.partBytes) await flush(false);
    held.push(chunk);
    heldBytes += chunk.length;
  }
  await flush(true);
  return attrs!;
}

async function* readerChunks(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
