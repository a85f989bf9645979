// The embedded object store: one file per object under a directory (CIRRUS_OBJECTS=file:DIR).
// A put writes a temporary file in DIR/.tmp (every byte checked written), fsyncs it, and links
// it into place, so an object is either whole or absent and an existing key is never
// overwritten. A failed put removes its temporary file; those a crash left behind are removed
// when the store opens. Disk faults are typed: a full disk is ENOSPC (507), anything else
// EREMOTEIO (503, as for any object store that cannot be reached).
import { randomBytes } from 'node:crypto';
import { type FileHandle, link, mkdir, open, readdir, rm, rmdir, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDir, isNoSpace, writeFully } from '../disk.ts';
import { type FsError, fsErr } from '../errno.ts';
import { checkObjectKey, ObjectNotFound, type ObjectStore } from './types.ts';

/** Where puts write before linking into place; not a key (keys never start with "."). */
export const TMP_DIR = '.tmp';
/** Temporary files of versions that wrote them beside their object: skipped by list. */
const LEGACY_TMP_SUFFIX = '.tmp-';

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'file';
  /** Temporary files of interrupted puts removed when the store opened. */
  sweptAtOpen = 0;

  constructor(readonly location: string) {}

  static async open(dir: string): Promise<LocalObjectStore> {
    await mkdir(join(dir, TMP_DIR), { recursive: true });
    const store = new LocalObjectStore(dir);
    store.sweptAtOpen = await store.sweepTemporaries(Date.now());
    return store;
  }

  /**
   * Remove temporary files older than `before` (left by a crash). Newer ones may belong to a
   * put in progress in another process sharing the directory; removing one of those anyway
   * would only make that put write again (its link fails with ENOENT).
   */
  private async sweepTemporaries(before: number): Promise<number> {
    const tmp = join(this.location, TMP_DIR);
    let removed = 0;
    for (const name of await readdir(tmp)) {
      const path = join(tmp, name);
      const st = await stat(path).catch(() => undefined);
      if (st && st.mtimeMs < before) {
        await rm(path, { force: true, recursive: true });
        removed++;
      }
    }
    return removed;
  }

  private fault(op: string, key: string, e: unknown): FsError | ObjectNotFound {
    if (e instanceof ObjectNotFound) return e;
    const err = e as NodeJS.ErrnoException;
    if (isNoSpace(e)) return fsErr('ENOSPC', `the object store's disk is full (${this.location}): ${op} ${key} failed`);
    return fsErr(
      'EREMOTEIO',
      `object store ${this.location}: ${op} ${key} failed: ${err.code ?? err.name}: ${err.message}`,
    );
  }

  private path(key: string): string {
    if (key.startsWith(`${TMP_DIR}/`))
      throw new Error(`invalid object key ${JSON.stringify(key)}: ${TMP_DIR} is reserved`);
    return join(this.location, checkObjectKey(key));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.path(key);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.putOnce(path, body);
      } catch (e) {
        // A concurrent delete may remove the directory just emptied; make it again, once.
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' && attempt === 1) continue;
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new Error(`object ${key} already exists: objects are never overwritten`);
        }
        throw this.fault('put', key, e);
      }
    }
  }

  private async putOnce(path: string, body: Buffer): Promise<void> {
    const created = await mkdir(dirname(path), { recursive: true });
    if (created) await fsyncDir(dirname(created)); // a new directory survives a crash once its parent is synced
    const tmp = join(this.location, TMP_DIR, randomBytes(12).toString('hex'));
    try {
      const fh = await open(tmp, 'wx');
      try {
        await writeFully(fh, [body]);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await link(tmp, path); // fails with EEXIST rather than overwrite
    } finally {
      await unlink(tmp).catch(() => undefined); // gone already only if a sweep took it
    }
    await fsyncDir(dirname(path));
  }

  async get(key: string, start = 0, end?: number): Promise<Buffer> {
    const [out] = await this.read(key, start, end, undefined);
    return out ?? Buffer.alloc(0);
  }

  getParts(key: string, start: number, end: number, partBytes: number): Promise<Buffer[]> {
    return this.read(key, start, end, partBytes);
  }

  /** One buffer: a file read has no chunks of its own to pass on. */
  async getChunks(key: string, start: number, end: number): Promise<Buffer[]> {
    if (end <= start) return [];
    return (await this.read(key, start, end, undefined)).filter((b) => b.length > 0);
  }

  /** Bytes [start, end) as parts of `partBytes` (one part when undefined). */
  private async read(
    key: string,
    start: number,
    end: number | undefined,
    partBytes: number | undefined,
  ): Promise<Buffer[]> {
    let fh: FileHandle;
    try {
      fh = await open(this.path(key), 'r');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new ObjectNotFound(key);
      throw this.fault('get', key, e);
    }
    try {
      const size = (await fh.stat()).size;
      const stop = Math.min(end ?? size, size);
      const parts: Buffer[] = [];
      for (let at = start; at < stop || (parts.length === 0 && partBytes === undefined); ) {
        const want = Math.max(0, Math.min(partBytes ?? stop - at, stop - at));
        // getParts' parts are their own allocations (the read cache keeps them as pages and
        // counts their length); allocUnsafe would carve a small one from a shared pool.
        const out = partBytes === undefined ? Buffer.allocUnsafe(want) : Buffer.allocUnsafeSlow(want);
        let got = 0;
        while (got < out.length) {
          const { bytesRead } = await fh.read(out, got, out.length - got, at + got);
          if (bytesRead === 0) break;
          got += bytesRead;
        }
        parts.push(out.subarray(0, got));
        if (got < want || want === 0) break; // the file ended early
        at += got;
      }
      return parts;
    } catch (e) {
      throw this.fault('get', key, e);
    } finally {
      await fh.close();
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const dirs = new Set<string>();
    for (const key of keys) {
      await unlink(this.path(key)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw this.fault('delete', key, e);
      });
      dirs.add(dirname(this.path(key)));
    }
    // Remove directories left empty (an inode's, then its ino % 256 bucket's), deepest first.
    for (const dir of [...dirs].sort((a, b) => b.length - a.length)) {
      for (let d = dir; d.startsWith(this.location) && d !== this.location; d = dirname(d)) {
        if (
          !(await rmdir(d).then(
            () => true,
            () => false,
          ))
        )
          break; // not empty (or gone): stop climbing
      }
    }
  }

  async *list(prefix: string): AsyncIterable<string> {
    // Walk the directories that can hold keys with this prefix, in sorted order.
    const cut = prefix.lastIndexOf('/');
    const dirKey = cut >= 0 ? prefix.slice(0, cut) : '';
    yield* this.walk(dirKey, prefix);
  }

  private async *walk(dirKey: string, prefix: string): AsyncIterable<string> {
    let names: string[];
    try {
      names = (await readdir(join(this.location, dirKey), { withFileTypes: true }))
        .map((d) => (d.isDirectory() ? `${d.name}/` : d.name))
        .sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw this.fault('list', dirKey, e);
    }
    for (const name of names) {
      if (name.includes(LEGACY_TMP_SUFFIX) || (dirKey === '' && name === `${TMP_DIR}/`)) continue;
      const key = dirKey ? `${dirKey}/${name}` : name;
      if (name.endsWith('/')) {
        const sub = key.slice(0, -1);
        if (prefix.startsWith(`${sub}/`) || `${sub}/`.startsWith(prefix)) yield* this.walk(sub, prefix);
      } else if (key.startsWith(prefix)) {
        yield key;
      }
    }
  }

  stats(): Record<string, number> {
    return { tmpSweptAtOpen: this.sweptAtOpen };
  }

  async close(): Promise<void> {}
}
