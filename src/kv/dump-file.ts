// Dump files: key-value pairs in the CURVEFS dump format, version 2 (DIGEST §7.2 [code]), the
// format of the memory engine's snapshots (snapshot.ts), written and read as streams so that a
// dump of any size takes the memory of one buffer:
//
//   "CURVEFS"(7) · version u8 (2) · pairs · EOF = u32 0 · checksum u32
//   pair = u32 keyLength · key · u32 valueLength · value       (integers little-endian)
//
// The checksum is a CRC32C chained over every byte before it, as Curve's. One checksum for a
// whole file says *that* a dump is corrupt, not *where*; so the writer also puts a checkpoint
// pair after every DUMP_CHECKPOINT_BYTES: key CHECKPOINT_KEY, value `u64 offset · u32 crc`, the
// offset where the checkpoint pair starts and the CRC32C of every byte before it. They are
// ordinary pairs to any reader of the format; this reader checks each, so a corrupt byte is
// reported between two offsets at most a checkpoint apart, and a truncated file at the start of
// the pair that was cut (naming the offset where the file ends).
//
// Keys starting with RESERVED_KEY_PREFIX are the file's own (checkpoints) or its writer's
// (a header), never a store's: flat store keys start with a group name, which is ASCII.
import { type FileHandle, open, rename, rm } from 'node:fs/promises';
import { crc32c } from '@node-rs/crc32';
import { FsError } from '../errno.ts';
import { SNAPSHOT_MAGIC, SNAPSHOT_VERSION } from './snapshot.ts';

export const RESERVED_KEY_PREFIX = '\xff\xff';
const CHECKPOINT_KEY = `${RESERVED_KEY_PREFIX}crc`;
/** Bytes between checkpoints: how closely a corrupt byte is located. Also the I/O buffer size. */
export const DUMP_CHECKPOINT_BYTES = 1024 * 1024;
/** Longer keys are a corrupt length, not a key: no engine stores keys over 1 KiB (KvLimits.maxKeyBytes). */
export const MAX_DUMP_KEY_BYTES = 4096;
/** Longer values are a corrupt length: no engine stores values over 400 KB (DynamoDB's item cap). */
export const MAX_DUMP_VALUE_BYTES = 16 * 1024 * 1024;
const HEADER_BYTES = SNAPSHOT_MAGIC.length + 1;
const CHECKPOINT_VALUE_BYTES = 12;
/** Where a dump is written until it is whole: renamed to its name by `finish`. */
export const PARTIAL_SUFFIX = '.partial';

/** A dump that is not whole: where, and why. */
export class DumpCorrupt extends FsError {
  constructor(
    readonly path: string,
    readonly offset: number,
    readonly reason: string,
  ) {
    super('EIO', `dump ${path} is corrupt at offset ${offset}: ${reason}`);
    this.name = 'DumpCorrupt';
  }
}

/** Writes a dump to `path` (via `path.partial`, renamed when whole), pair by pair. */
export class DumpWriter {
  private buf = Buffer.allocUnsafe(DUMP_CHECKPOINT_BYTES);
  private used = 0;
  private crc = 0;
  private flushed = 0;
  private pairs = 0;
  private checkpointDue = false;

  private constructor(
    private readonly fh: FileHandle,
    readonly path: string,
  ) {}

  static async create(path: string): Promise<DumpWriter> {
    const w = new DumpWriter(await open(path + PARTIAL_SUFFIX, 'w'), path);
    w.used += w.buf.write(SNAPSHOT_MAGIC, 0, 'latin1');
    w.buf[w.used++] = SNAPSHOT_VERSION;
    return w;
  }

  /** Bytes written so far (for progress). */
  get bytes(): number {
    return this.flushed + this.used;
  }

  async add(key: string, value: Buffer): Promise<void> {
    if (key.length === 0) throw new Error('dump keys are never empty (a length of 0 is the EOF marker)');
    if (this.checkpointDue) {
      this.checkpointDue = false;
      const mark = Buffer.allocUnsafe(CHECKPOINT_VALUE_BYTES);
      mark.writeBigUInt64LE(BigInt(this.bytes), 0);
      mark.writeUInt32LE(crc32c(this.buf.subarray(0, this.used), this.crc) >>> 0, 8);
      await this.put(CHECKPOINT_KEY, mark);
    }
    await this.put(key, value);
    this.pairs++;
  }

  private async put(key: string, value: Buffer): Promise<void> {
    const need = 8 + key.length + value.length;
    if (this.used + need > this.buf.length) await this.flush();
    if (need > this.buf.length) this.buf = Buffer.allocUnsafe(need);
    this.buf.writeUInt32LE(key.length, this.used);
    this.used += 4 + this.buf.write(key, this.used + 4, 'latin1');
    this.buf.writeUInt32LE(value.length, this.used);
    this.used += 4 + value.copy(this.buf, this.used + 4);
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return;
    const chunk = this.buf.subarray(0, this.used);
    this.crc = crc32c(chunk, this.crc);
    await writeAll(this.fh, chunk);
    this.flushed += this.used;
    this.used = 0;
    this.checkpointDue = true;
  }

  /** The EOF marker and the checksum, then the file takes its name. */
  async finish(): Promise<{ pairs: number; bytes: number }> {
    if (this.used + 4 > this.buf.length) await this.flush();
    this.buf.writeUInt32LE(0, this.used);
    this.used += 4;
    await this.flush();
    const tail = Buffer.allocUnsafe(4);
    tail.writeUInt32LE(this.crc >>> 0, 0);
    await writeAll(this.fh, tail);
    await this.fh.datasync();
    await this.fh.close();
    await rename(this.path + PARTIAL_SUFFIX, this.path);
    return { pairs: this.pairs, bytes: this.flushed + 4 };
  }

  /** Give up: nothing is left under either name. */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => undefined);
    await rm(this.path + PARTIAL_SUFFIX, { force: true });
  }
}

async function writeAll(fh: FileHandle, chunk: Buffer): Promise<void> {
  for (let at = 0; at < chunk.length; ) {
    const { bytesWritten } = await fh.write(chunk, at, chunk.length - at);
    at += bytesWritten;
  }
}

export interface DumpPair {
  key: string;
  value: Buffer;
  /** Where the pair starts in the file. */
  offset: number;
}

/**
 * Every pair of the dump at `path` but its checkpoints, in file order, checking as it reads:
 * the header, each checkpoint, each length, the EOF marker, the checksum and the file's end.
 * A dump that is not whole throws DumpCorrupt — possibly after pairs before the damage were
 * yielded, so a caller that must not act on a broken dump reads it through once first.
 * `onBytes` is told how far the reading has got.
 */
export async function* readDump(path: string, onBytes?: (offset: number) => void): AsyncGenerator<DumpPair> {
  const r = new ChunkReader(await open(path, 'r'), path);
  try {
    const head = await r.take(HEADER_BYTES, 0, 'the header');
    if (head.toString('latin1', 0, SNAPSHOT_MAGIC.length) !== SNAPSHOT_MAGIC) {
      throw new DumpCorrupt(path, 0, `not a ${SNAPSHOT_MAGIC} dump (the file does not start with its magic)`);
    }
    if (head[SNAPSHOT_MAGIC.length] !== SNAPSHOT_VERSION) {
      throw new DumpCorrupt(path, SNAPSHOT_MAGIC.length, `version ${head[7]} is not ${SNAPSHOT_VERSION}`);
    }
    let checkpoint = 0; // the last checked offset: damage is after it
    for (;;) {
      const start = r.offset;
      const keyLength = (await r.take(4, start, 'a pair')).readUInt32LE(0);
      if (keyLength === 0) break; // EOF marker
      if (keyLength > MAX_DUMP_KEY_BYTES) {
        throw new DumpCorrupt(
          path,
          start,
          `a key length of ${keyLength} bytes is no key's (damaged after ${checkpoint})`,
        );
      }
      const key = (await r.take(keyLength, start, 'a pair')).toString('latin1');
      const valueLength = (await r.take(4, start, 'a pair')).readUInt32LE(0);
      if (valueLength > MAX_DUMP_VALUE_BYTES) {
        throw new DumpCorrupt(
          path,
          start,
          `a value length of ${valueLength} bytes is no value's (damaged after ${checkpoint})`,
        );
      }
      const value = Buffer.from(await r.take(valueLength, start, 'a pair'));
      if (key === CHECKPOINT_KEY) {
        const crc = r.crcBefore(start);
        if (value.length !== CHECKPOINT_VALUE_BYTES || Number(value.readBigUInt64LE(0)) !== start) {
          throw new DumpCorrupt(path, start, `the checkpoint here names another offset (damaged after ${checkpoint})`);
        }
        if (value.readUInt32LE(8) !== crc) {
          throw new DumpCorrupt(path, checkpoint, `checksum mismatch: bytes ${checkpoint} to ${start} are damaged`);
        }
        checkpoint = start;
      } else {
        yield { key, value, offset: start };
      }
      onBytes?.(r.offset);
    }
    const end = r.offset;
    const crc = r.crcBefore(end);
    const stored = (await r.take(4, end, 'the checksum after the EOF marker')).readUInt32LE(0);
    if (stored !== crc)
      throw new DumpCorrupt(path, checkpoint, `checksum mismatch: bytes ${checkpoint} to ${end} are damaged`);
    if (!(await r.atEnd())) throw new DumpCorrupt(path, r.offset, 'bytes follow the checksum');
    onBytes?.(r.offset);
  } finally {
    await r.close();
  }
}

/** Sequential reads of a file through one buffer, with the CRC32C of everything consumed. */
class ChunkReader {
  private buf = Buffer.alloc(0);
  /** File offset of buf[0]. */
  private base = 0;
  /** Consumed bytes of buf. */
  private pos = 0;
  private crc = 0;
  /** File offset up to which `crc` is computed (≤ base + pos). */
  private crcTo = 0;
  private eof = false;

  constructor(
    private readonly fh: FileHandle,
    private readonly path: string,
  ) {}

  get offset(): number {
    return this.base + this.pos;
  }

  /** The CRC32C of the file's bytes [0, at), `at` being within what is consumed. */
  crcBefore(at: number): number {
    this.crc = crc32c(this.buf.subarray(this.crcTo - this.base, at - this.base), this.crc) >>> 0;
    this.crcTo = at;
    return this.crc;
  }

  /** The next `n` bytes (a view valid until the next call); `pairStart` and `what` name a cut. */
  async take(n: number, pairStart: number, what: string): Promise<Buffer> {
    while (this.buf.length - this.pos < n) {
      if (this.eof || !(await this.fill(pairStart))) {
        // Cut there, or a damaged length names bytes past the end: either way the pair's start
        // is the first byte that cannot be trusted.
        throw new DumpCorrupt(
          this.path,
          pairStart,
          `truncated (or a damaged length): the file ends at ${this.base + this.buf.length} inside ${what} that starts at offset ${pairStart}`,
        );
      }
    }
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  async atEnd(): Promise<boolean> {
    return this.buf.length === this.pos && !(await this.fill(this.offset));
  }

  /**
   * Read the next chunk, dropping the bytes before `keepFrom` (the start of the pair being read:
   * a checkpoint needs the CRC of the bytes before its own start) into the CRC; false at the
   * end of the file.
   */
  private async fill(keepFrom: number): Promise<boolean> {
    this.crcBefore(keepFrom);
    const keep = keepFrom - this.base;
    const rest = this.buf.subarray(keep);
    const chunk = Buffer.allocUnsafe(DUMP_CHECKPOINT_BYTES);
    const { bytesRead } = await this.fh.read(chunk, 0, chunk.length, null);
    this.base = keepFrom;
    this.pos -= keep;
    this.buf = Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
    if (bytesRead === 0) this.eof = true;
    return bytesRead > 0;
  }

  close(): Promise<void> {
    return this.fh.close();
  }
}
