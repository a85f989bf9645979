// Append-only operation log of the memory engine (DESIGN §3.2).
//
// One record per committed transaction, framed as `u32 payloadLength · u32 crc32c(payload) ·
// payload` (little-endian). The payload is the transaction's sequence number and its
// operations in the SET/DEL form of CurveFS's log record (DIGEST §7.1 [doc]):
//   u64 seq · u32 count · count × (u8 type · u32 keyLength · key · [u32 valueLength · value])
// type 0x01 = SET, 0x02 = DEL. A record is applied whole or not at all: a torn or corrupt
// tail is detected by its length or CRC and dropped on replay.
//
// Durability uses group commit: appends queue up while one group's write is in flight, and the
// next flush writes them all at once. The file is opened with O_DSYNC where the platform has it,
// so a write returns only once its bytes (and the size that makes them readable) are on disk:
// one system call per group instead of write + fdatasync, the same guarantee (POSIX
// synchronized I/O data integrity). Measured on this project's 2-core VM, ext4: creates without
// HTTP, one at a time, 3,058-3,370/s -> 3,777-3,985/s; 16 in flight +30-50 %. Elsewhere the
// flush falls back to write + fdatasync. A group is acknowledged only when every one of its
// bytes was written and synced (guarantee 8: a short write is a failed write). A
// group that fails is cut off the file again (its complete records must not replay after a
// restart: their transactions were answered as failures), and the log refuses every later
// append: the engine fails stop and re-opens a new log once the disk takes writes again.
import { constants } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { fsyncDir, writeFully } from '../disk.ts';
import { invariant } from '../errno.ts';

export const OP_SET = 0x01;
export const OP_DEL = 0x02;
const FRAME_HEADER_BYTES = 8;

export interface LogOp {
  /** Flat key as a byte string. */
  key: string;
  /** null = delete. */
  value: Buffer | null;
}

export interface LogRecord {
  seq: number;
  ops: LogOp[];
}

export function encodeRecord(record: LogRecord): Buffer {
  let size = 12;
  for (const op of record.ops) size += 5 + op.key.length + (op.value ? 4 + op.value.length : 0);
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + size);
  let at = FRAME_HEADER_BYTES;
  frame.writeBigUInt64LE(BigInt(record.seq), at);
  frame.writeUInt32LE(record.ops.length, at + 8);
  at += 12;
  for (const op of record.ops) {
    frame[at++] = op.value ? OP_SET : OP_DEL;
    frame.writeUInt32LE(op.key.length, at);
    at += 4 + frame.write(op.key, at + 4, 'latin1');
    if (op.value) {
      frame.writeUInt32LE(op.value.length, at);
      at += 4 + op.value.copy(frame, at + 4);
    }
  }
  invariant(at === frame.length, 'record size computed exactly');
  frame.writeUInt32LE(size, 0);
  frame.writeUInt32LE(crc32c(frame.subarray(FRAME_HEADER_BYTES)), 4);
  return frame;
}

function decodePayload(p: Buffer): LogRecord {
  const seq = Number(p.readBigUInt64LE(0));
  const count = p.readUInt32LE(8);
  const ops: LogOp[] = [];
  let at = 12;
  for (let i = 0; i < count; i++) {
    const type = p[at++];
    const keyLength = p.readUInt32LE(at);
    const key = p.toString('latin1', at + 4, at + 4 + keyLength);
    at += 4 + keyLength;
    if (type === OP_SET) {
      const valueLength = p.readUInt32LE(at);
      ops.push({ key, value: Buffer.from(p.subarray(at + 4, at + 4 + valueLength)) });
      at += 4 + valueLength;
    } else {
      invariant(type === OP_DEL, `op type ${type} is SET or DEL`);
      ops.push({ key, value: null });
    }
  }
  invariant(at === p.length, 'payload consumed exactly');
  return { seq, ops };
}

export interface ReplayResult {
  records: LogRecord[];
  /** Bytes of each record's frame, in the order of `records`. */
  frameBytes: number[];
  /** Bytes of valid records; anything after is a torn or corrupt tail. */
  validBytes: number;
  droppedBytes: number;
}

/** Read every whole, CRC-valid record; stop at the first torn or corrupt one. */
export async function readLog(path: string): Promise<ReplayResult> {
  const data = await readFile(path);
  const records: LogRecord[] = [];
  const frameBytes: number[] = [];
  let at = 0;
  while (at + FRAME_HEADER_BYTES <= data.length) {
    const size = data.readUInt32LE(at);
    const end = at + FRAME_HEADER_BYTES + size;
    if (size < 12 || end > data.length) break;
    const payload = data.subarray(at + FRAME_HEADER_BYTES, end);
    if (crc32c(payload) !== data.readUInt32LE(at + 4)) break;
    try {
      records.push(decodePayload(payload));
      frameBytes.push(end - at);
    } catch {
      break; // CRC matched garbage framing: treat as corrupt tail
    }
    at = end;
  }
  return { records, frameBytes, validBytes: at, droppedBytes: data.length - at };
}

/** Cut a log file back to its valid prefix so later appends never follow garbage. */
export async function truncateLog(path: string, validBytes: number): Promise<void> {
  const fh = await open(path, 'r+');
  try {
    await fh.truncate(validBytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
}

interface Segment {
  file: LogFile;
  frames: Buffer[];
  bytes: number;
  waiters: { resolve: () => void; reject: (e: unknown) => void }[];
}

/**
 * How the log file is opened: for appending, and with O_DSYNC where the platform defines it
 * (Linux, macOS, the BSDs), so that every write is durable when it returns; else without.
 */
const APPEND_FLAGS = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT;
export const LOG_OPEN_FLAGS = constants.O_DSYNC === undefined ? APPEND_FLAGS : APPEND_FLAGS | constants.O_DSYNC;
/** Whether a group's write must be followed by an fdatasync of its own. */
const SYNC_AFTER_WRITE = constants.O_DSYNC === undefined;

class LogFile {
  private handle?: Promise<FileHandle>;
  /** Bytes of whole, synced records in the file: where the next group starts. */
  goodBytes = 0;
  constructor(readonly path: string) {}
  open(): Promise<FileHandle> {
    // A new log file must itself survive a crash: sync its directory once it exists.
    this.handle ??= open(this.path, LOG_OPEN_FLAGS).then(async (fh) => {
      try {
        this.goodBytes = (await fh.stat()).size;
        await fsyncDir(dirname(this.path));
      } catch (e) {
        await fh.close();
        throw e;
      }
      return fh;
    });
    // A failed open is tried again by the next flush, not remembered.
    this.handle.catch(() => (this.handle = undefined));
    return this.handle;
  }
  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    if (handle) await (await handle).close();
  }
}

/** Truncate a file back to `bytes`, durably; false if the disk refuses that too. */
async function cutBack(fh: FileHandle, bytes: number): Promise<boolean> {
  try {
    await fh.truncate(bytes);
    await fh.datasync();
    return true;
  } catch {
    return false;
  }
}

/** Where a failed log stopped being good: the file and its bytes before the failed group. */
export interface LogFailure {
  error: unknown;
  path: string;
  goodBytes: number;
  /** Whether the failed group's bytes were cut off the file again. */
  cut: boolean;
}

/** The writer: appends go to the current file; `rotate` switches files at an exact record. */
export class OpLog {
  private current: LogFile;
  private segments: Segment[] = [];
  private flushing: Promise<void> | null = null;
  /** The file the flush loop is writing right now, if any. */
  private writing: LogFile | null = null;
  private failed: LogFailure | null = null;
  bytesWritten = 0;
  /** Groups made durable: one O_DSYNC write each (write + fdatasync without O_DSYNC). */
  syncs = 0;

  constructor(path: string) {
    this.current = new LogFile(path);
  }

  /** Queue a record; resolves once it is on disk (written with O_DSYNC, or fdatasync'd). */
  append(frame: Buffer): Promise<void> {
    if (this.failed) return Promise.reject(this.failed.error);
    let seg = this.segments[this.segments.length - 1];
    if (!seg || seg.file !== this.current) {
      seg = { file: this.current, frames: [], bytes: 0, waiters: [] };
      this.segments.push(seg);
    }
    seg.frames.push(frame);
    seg.bytes += frame.length;
    const done = new Promise<void>((resolve, reject) => seg.waiters.push({ resolve, reject }));
    this.flushing ??= this.flushLoop();
    return done;
  }

  /** Records appended from now on go to `path`; earlier ones finish in the old file. */
  rotate(path: string): void {
    const previous = this.current;
    this.current = new LogFile(path);
    // The flush loop closes a file it finishes with; one it is not using is closed here.
    if (previous !== this.writing && !this.segments.some((s) => s.file === previous)) void previous.close();
  }

  /** Wait until everything appended so far is durable. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async close(): Promise<void> {
    await this.drain();
    await this.current.close();
  }

  /** Why the log stopped taking appends, if it did. */
  get failure(): LogFailure | null {
    return this.failed;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.segments.length > 0) {
        const seg = this.segments.shift()!;
        this.writing = seg.file;
        let fh: FileHandle | undefined;
        try {
          fh = await seg.file.open();
          const written = await writeFully(fh, seg.frames);
          invariant(written === seg.bytes, 'a group is written whole');
          if (SYNC_AFTER_WRITE) await fh.datasync();
          seg.file.goodBytes += seg.bytes;
          this.bytesWritten += seg.bytes;
          this.syncs++;
        } catch (error) {
          // A log that cannot be written cannot promise durability again: fail this group and
          // everything after it, and cut the group's bytes off the file so that none of its
          // records (answered as failures) replays after a restart.
          const cut = fh ? await cutBack(fh, seg.file.goodBytes) : true;
          this.failed = { error, path: seg.file.path, goodBytes: seg.file.goodBytes, cut };
          for (const s of [seg, ...this.segments.splice(0)]) for (const w of s.waiters) w.reject(error);
          return;
        }
        for (const w of seg.waiters) w.resolve();
        if (seg.file !== this.current && !this.segments.some((s) => s.file === seg.file)) {
          await seg.file.close();
        }
        this.writing = null;
      }
    } finally {
      this.writing = null;
      this.flushing = null;
    }
  }
}
