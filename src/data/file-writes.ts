// Random-access writes by inode (DESIGN §4 "Write"; DIGEST §3.4-3.5): writeData puts the
// body's bytes at an offset into this instance's write-back cache and answers with the write
// verifier (unstable) or after committing them (stable); flushData (fsync) checks that every
// verifier the client wrote under still vouches for its writes (DESIGN §1.3), then commits
// the file's cached bytes here and on every other instance holding some (close-to-open).
import type { Coordinator } from '../coord/types.ts';
import type { Verifiers } from '../coord/verifiers.ts';
import { fsErr } from '../errno.ts';
import { MAX_FILE_SIZE_BYTES } from '../fs/attrs.ts';
import type { FsInfo } from '../fs/model.ts';
import type { Caller } from '../fs/permissions.ts';
import type { IfMatch } from '../fs/preconditions.ts';
import type { FileSystems } from '../fs/service.ts';
import { type BodyChecksums, CheckedBody } from './body-checksums.ts';
import type { WriteCache } from './write-cache.ts';

export interface WriteResult {
  written: number;
  verifier: string;
  /** True when the bytes are committed (sync=true, or the write-through mode). */
  stable: boolean;
}

export type CacheMode = 'writeback' | 'writethrough';

/**
 * A write with a body checksum is held in memory until its body is checked (the write-back
 * cache shows bytes to readers at once): at most this much, a chunk of the default geometry.
 */
export const CHECKED_WRITE_MAX_BYTES = 64 * 1024 * 1024;

export interface FileWritesDeps {
  fss: FileSystems;
  cache: WriteCache;
  verifiers: Verifiers;
  coord: Coordinator;
  mode: CacheMode;
}

function writesLost(verifier: string, current: string) {
  return fsErr(
    'EWRITESLOST',
    `writes acknowledged with verifier ${verifier} were not made durable: the instance that took them restarted or died. Resend every write made since your last successful flush.`,
    { verifier, current },
  );
}

/** The whole body, once it matches the checksums the client sent (EBADCHECKSUM otherwise). */
async function checkedWhole(body: AsyncIterable<Uint8Array>, checksums: BodyChecksums): Promise<Uint8Array[]> {
  const checked = new CheckedBody(body, checksums);
  const parts: Uint8Array[] = [];
  let bytes = 0;
  for await (const chunk of checked) {
    bytes += chunk.length;
    if (bytes > CHECKED_WRITE_MAX_BYTES) {
      throw fsErr('E2BIG', `a write with a body checksum is at most ${CHECKED_WRITE_MAX_BYTES} bytes`);
    }
    parts.push(chunk);
  }
  checked.verify();
  return parts;
}

export class FileWrites {
  constructor(private readonly d: FileWritesDeps) {}

  /**
   * The live filesystem and a regular file in it that the caller, and writer-lease `token`, may
   * write; with an If-Match, only while the file is that version (as this instance sees it).
   */
  private async writable(
    fsName: string,
    caller: Caller,
    ino: number,
    opts: { token?: number; ifMatch?: IfMatch },
  ): Promise<FsInfo> {
    const fs = await this.d.fss.catalogue.live(fsName);
    await this.d.fss.writableFile(fs, caller, ino, { ifMatch: opts.ifMatch });
    await this.d.fss.leases.check(fs, ino, opts.token);
    return fs;
  }

  /**
   * writeData: the body's bytes at `offset`, through the write-back cache, under writer-lease
   * `token` (checked now, and again in the transaction that commits the bytes).
   */
  async writeData(
    fsName: string,
    caller: Caller,
    ino: number,
    body: AsyncIterable<Uint8Array>,
    opts: { offset: number; sync: boolean; token?: number; ifMatch?: IfMatch; checksums?: BodyChecksums },
  ): Promise<WriteResult> {
    const fs = await this.writable(fsName, caller, ino, opts);
    const source = opts.checksums ? await checkedWhole(body, opts.checksums) : body;
    let written = 0;
    for await (const chunk of source) {
      const at = opts.offset + written;
      if (at + chunk.length > MAX_FILE_SIZE_BYTES)
        throw fsErr('EFBIG', `files are at most ${MAX_FILE_SIZE_BYTES} bytes`);
      await this.d.fss.quota.check(fs, 0, chunk.length);
      await this.d.cache.write(fs, ino, at, chunk, opts.token);
      written += chunk.length;
    }
    const stable = opts.sync || this.d.mode === 'writethrough';
    if (stable) await this.d.cache.flushFile(fs.id, ino, 'all');
    return { written, verifier: this.d.verifiers.current, stable };
  }

  /**
   * flushData (fsync): every verifier the client wrote under must still vouch for its writes;
   * then this instance's cached bytes of the file are committed.
   */
  async flushData(
    fsName: string,
    caller: Caller,
    ino: number,
    opts: { verifiers: readonly string[]; token?: number; ifMatch?: IfMatch },
  ): Promise<{ verifier: string; stable: true }> {
    const { verifiers, coord, cache } = this.d;
    const fs = await this.writable(fsName, caller, ino, opts);
    for (const v of new Set(opts.verifiers)) {
      if ((await verifiers.state(v)) === 'lost') throw writesLost(v, verifiers.current);
    }
    await cache.flushFile(fs.id, ino, 'all');
    // Every other instance holding writes of this file flushes them too (close-to-open).
    const { lost } = await coord.flushOthers(fs.id, ino);
    for (const v of lost) if (opts.verifiers.includes(v)) throw writesLost(v, verifiers.current);
    return { verifier: verifiers.current, stable: true };
  }
}
