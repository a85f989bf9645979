// The embedded object store: one file per object under a directory (CIRRUS_OBJECTS=file:DIR).
// A put writes a temporary file, fsyncs it, and links it into place, so an object is either
// whole or absent and an existing key is never overwritten.
import { randomBytes } from 'node:crypto';
import { type FileHandle, link, mkdir, open, readdir, rmdir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fsyncDir } from '../disk.ts';
import { checkObjectKey, ObjectNotFound, type ObjectStore } from './types.ts';

const TMP_SUFFIX = '.tmp-';

export class LocalObjectStore implements ObjectStore {
  readonly kind = 'file';

  constructor(readonly location: string) {}

  static async open(dir: string): Promise<LocalObjectStore> {
    await mkdir(dir, { recursive: true });
    return new LocalObjectStore(dir);
  }

  private path(key: string): string {
    return join(this.location, checkObjectKey(key));
  }

  async put(key: string, body: Buffer): Promise<void> {
    const path = this.path(key);
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.putOnce(path, body);
      } catch (e) {
        // A concurrent delete may remove the directory just emptied; make it again, once.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || attempt > 1) throw e;
      }
    }
  }

  private async putOnce(path: string, body: Buffer): Promise<void> {
    const created = await mkdir(dirname(path), { recursive: true });
    if (created) await fsyncDir(dirname(created)); // a new directory survives a crash once its parent is synced
    const tmp = `${path}${TMP_SUFFIX}${randomBytes(6).toString('hex')}`;
    const fh = await open(tmp, 'wx');
    try {
      await fh.writeFile(body);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, path); // fails with EEXIST rather than overwrite
    } finally {
      await unlink(tmp);
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
      throw e;
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
    } finally {
      await fh.close();
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    const dirs = new Set<string>();
    for (const key of keys) {
      await unlink(this.path(key)).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
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
      throw e;
    }
    for (const name of names) {
      if (name.includes(TMP_SUFFIX)) continue;
      const key = dirKey ? `${dirKey}/${name}` : name;
      if (name.endsWith('/')) {
        const sub = key.slice(0, -1);
        if (prefix.startsWith(`${sub}/`) || `${sub}/`.startsWith(prefix)) yield* this.walk(sub, prefix);
      } else if (key.startsWith(prefix)) {
        yield key;
      }
    }
  }

  async close(): Promise<void> {}
}
