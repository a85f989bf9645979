// The object store interface (DESIGN §2 objects/): immutable blobs by key. Implemented by the
// local directory store (the embedded default) and by S3.

export interface ObjectStore {
  /** "file" or "s3". */
  readonly kind: string;
  /** Where it stores, for status pages. */
  readonly location: string;
  /**
   * Store an object. Keys are immutable: writing an existing key is an error. With `crc32c`
   * (the body's CRC32C) a store that can check it refuses a body that arrives damaged.
   */
  put(key: string, body: Buffer, opts?: PutOptions): Promise<void>;
  /** Bytes [start, end) of an object (the whole object by default); ObjectNotFound if absent. */
  get(key: string, start?: number, end?: number): Promise<Buffer>;
  /**
   * Bytes [start, end) of an object as consecutive buffers of `partBytes` each (the last one
   * shorter; fewer if the object ends first); ObjectNotFound if absent. Each part is its own
   * allocation, so a cache can keep and drop them one by one (the read cache's pages).
   */
  getParts(key: string, start: number, end: number, partBytes: number): Promise<Buffer[]>;
  /**
   * Bytes [start, end) of an object as the store delivers them, without a copy (S3: the
   * socket's reads; fewer bytes if the object ends first); ObjectNotFound if absent. The
   * buffers may share memory with others: for bytes passed on at once (a streamed answer),
   * not for keeping.
   */
  getChunks(key: string, start: number, end: number): Promise<Buffer[]>;
  /** Delete objects; absent keys are ignored. */
  delete(keys: readonly string[]): Promise<void>;
  /** Every key starting with `prefix`, in key order. */
  list(prefix: string): AsyncIterable<string>;
  /** Counters for status pages and metrics (faults absorbed, leftovers removed). */
  stats?(): Record<string, number>;
  close(): Promise<void>;
}

export interface PutOptions {
  /** CRC32C of the whole body, unsigned. */
  crc32c?: number;
}

export class ObjectNotFound extends Error {
  constructor(readonly key: string) {
    super(`object ${key} does not exist`);
    this.name = 'ObjectNotFound';
  }
}

/** Object keys are relative, "/"-separated, without empty, "." or ".." parts. */
export function checkObjectKey(key: string): string {
  const parts = key.split('/');
  if (
    key.length === 0 ||
    key.length > 1024 ||
    parts.some((p) => p === '' || p === '.' || p === '..') ||
    key.includes('\0')
  ) {
    throw new Error(`invalid object key ${JSON.stringify(key)}`);
  }
  return key;
}
