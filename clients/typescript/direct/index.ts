// A client helper for CirrusFS's direct data plane (DESIGN §4): upload and download a Blob or a
// stream straight to and from S3 through presigned URLs, with parallel requests and retries,
// without assembling block URLs by hand. Its own small types and fetch, so it sits beside any
// generated SDK.
//
//   const direct = new DirectClient({ baseUrl: 'http://127.0.0.1:8080', fs: 'demo' });
//   await direct.upload('videos/big.mp4', blob);           // create or replace, one atomic commit
//   const stream = direct.download('videos/big.mp4');      // ReadableStream<Uint8Array>
import { type DownloadContext, type DownloadRange, downloadChunks, downloadStream } from './download.ts';
import { errorOf, Http } from './http.ts';
import type { DirectClientOptions, FileAttrs, FileRef } from './types.ts';
import { encodePath, type UploadContext, type UploadOptions, uploadBlob, uploadStream } from './upload.ts';

export { DirectError } from './http.ts';
export type * from './types.ts';
export type { DownloadRange } from './download.ts';
export type { UploadOptions } from './upload.ts';

export const DEFAULT_PARALLEL = 4;
/** A stream is uploaded in parts of this many bytes (each held in memory while it is sent). */
export const DEFAULT_PART_BYTES = 64 * 1024 * 1024;

export class DirectClient {
  private readonly http: Http;
  private readonly up: UploadContext;
  private readonly down: DownloadContext;

  constructor(private readonly o: DirectClientOptions) {
    this.http = new Http(o);
    const parallel = o.parallel ?? DEFAULT_PARALLEL;
    this.up = { http: this.http, fs: o.fs, parallel, checksums: o.checksums ?? true };
    this.down = { http: this.http, fs: o.fs, parallel };
  }

  /**
   * Create or replace the file at `path` with `data`. A Blob (or a stream, up to its first
   * part) that fits one upload replaces the contents in one commit; a longer one is committed
   * in parts, in order. A file that does not exist is created first (empty, mode 0644).
   */
  async upload(
    path: string,
    data: Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
    opts: UploadOptions & { partBytes?: number } = {},
  ): Promise<FileAttrs> {
    await this.createIfMissing(path);
    return this.write({ path }, data, opts);
  }

  /** Write `data` at `opts.offset` (default 0) of an existing file; `endsFile` cuts the file where it ends. */
  write(
    file: FileRef,
    data: Blob | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
    opts: UploadOptions & { partBytes?: number } = {},
  ): Promise<FileAttrs> {
    if (data instanceof Blob) return uploadBlob(this.up, file, data, opts);
    return uploadStream(this.up, file, data, { ...opts, partBytes: opts.partBytes ?? DEFAULT_PART_BYTES });
  }

  /** The bytes of a file (or of `range`) as a stream, fetched straight from S3. */
  download(file: string | FileRef, range: DownloadRange = {}): ReadableStream<Uint8Array> {
    return downloadStream(this.down, typeof file === 'string' ? { path: file } : file, range);
  }

  /** The same, as an async iterable of chunks. */
  chunks(file: string | FileRef, range: DownloadRange = {}): AsyncIterable<Uint8Array> {
    return downloadChunks(this.down, typeof file === 'string' ? { path: file } : file, range);
  }

  /** The bytes of a file (or of `range`) as a Blob. */
  async downloadBlob(file: string | FileRef, range: DownloadRange = {}): Promise<Blob> {
    const parts: Uint8Array[] = [];
    for await (const chunk of this.chunks(file, range)) parts.push(chunk);
    return new Blob(parts as Uint8Array<ArrayBuffer>[]);
  }

  /** An empty file at `path` (and its missing parents) unless one exists: If-None-Match: * never replaces. */
  private async createIfMissing(path: string): Promise<void> {
    const url = `${this.o.baseUrl.replace(/\/+$/, '')}/v1/fs/${encodeURIComponent(this.o.fs)}/files/${encodePath(path)}?parents=true`;
    const res = await (this.o.fetch ?? fetch)(url, {
      method: 'PUT',
      headers: { ...this.o.headers, 'if-none-match': '*', 'content-type': 'application/octet-stream' },
      body: new Uint8Array(0),
    });
    if (res.status === 201 || res.status === 412) await res.arrayBuffer();
    else throw await errorOf(res, `creating ${path}`);
  }
}
