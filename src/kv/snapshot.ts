// Snapshot (dump) files of the memory engine in the CurveFS dump format, version 2
// (DIGEST §7.2 [code]): `"CURVEFS"`(7) · version u8 · pairs · EOF = u32 0 · checksum u32,
// each pair `u32 keyLength · key · u32 valueLength · value`, integers little-endian, the
// checksum a CRC32C chained over every byte before it. A key length of 0 is the EOF marker.
//
// Written to a temporary file (every byte checked written, then fsync'd), then renamed over
// the old snapshot, so a crash leaves either the old or the new snapshot, never a half one.
// A failed write removes its temporary file; one left by a crash is removed at start-up
// (SNAPSHOT_TMP_SUFFIX).
import { open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { crc32c } from '@node-rs/crc32';
import { fsyncDir, writeFully } from '../disk.ts';
import { fsErr } from '../errno.ts';

export const SNAPSHOT_MAGIC = 'CURVEFS';
export const SNAPSHOT_VERSION = 2;
const WRITE_BUFFER_BYTES = 1 << 20;
/** The file a snapshot is written to before it is renamed into place. */
export const SNAPSHOT_TMP_SUFFIX = '.tmp';

export interface WriteSnapshotOptions {
  /**
   * Called once the new snapshot is whole on disk, before it replaces the old one; a throw
   * abandons it (the engine checks here that everything the snapshot holds is durable).
   */
  beforeCommit?: () => Promise<void>;
}

/** Stream pairs (byte-string keys, Buffer or byte-string values) into `path` atomically. */
export async function writeSnapshot(
  path: string,
  pairs: Iterable<readonly [string, string | Buffer]>,
  options: WriteSnapshotOptions = {},
): Promise<{ pairs: number; bytes: number }> {
  const tmp = `${path}${SNAPSHOT_TMP_SUFFIX}`;
  try {
    const written = await writeTemporary(tmp, pairs);
    await options.beforeCommit?.();
    await rename(tmp, path);
    await fsyncDir(dirname(path));
    return written;
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined); // a full disk must not keep a half snapshot too
    throw e;
  }
}

async function writeTemporary(
  tmp: string,
  pairs: Iterable<readonly [string, string | Buffer]>,
): Promise<{ pairs: number; bytes: number }> {
  const fh = await open(tmp, 'w');
  let buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
  let used = 0;
  let crc = 0;
  let bytes = 0;
  let count = 0;
  const flush = async () => {
    if (used === 0) return;
    const chunk = buf.subarray(0, used);
    crc = crc32c(chunk, crc);
    await writeFully(fh, [chunk]);
    bytes += used;
    buf = Buffer.allocUnsafe(WRITE_BUFFER_BYTES);
    used = 0;
  };
  const reserve = async (n: number) => {
    if (used + n <= buf.length) return;
    await flush();
    if (n > buf.length) buf = Buffer.allocUnsafe(n);
  };
  try {
    await reserve(8);
    used += buf.write(SNAPSHOT_MAGIC, used, 'latin1');
    buf[used++] = SNAPSHOT_VERSION;
    for (const [key, value] of pairs) {
      if (key.length === 0) throw new Error('snapshot keys are never empty (0 is the EOF marker)');
      const valueLength = typeof value === 'string' ? value.length : value.length;
      await reserve(8 + key.length + valueLength);
      buf.writeUInt32LE(key.length, used);
      used += 4 + buf.write(key, used + 4, 'latin1');
      buf.writeUInt32LE(valueLength, used);
      used += 4;
      used += typeof value === 'string' ? buf.write(value, used, 'latin1') : value.copy(buf, used);
      count++;
    }
    await reserve(4);
    buf.writeUInt32LE(0, used); // EOF marker
    used += 4;
    await flush();
    const tail = Buffer.allocUnsafe(4);
    tail.writeUInt32LE(crc >>> 0, 0);
    await writeFully(fh, [tail]);
    bytes += 4;
    await fh.datasync();
  } finally {
    await fh.close();
  }
  return { pairs: count, bytes };
}

/** Load every pair; throws EIO if the file is not a whole, CRC-valid snapshot. */
export async function readSnapshot(path: string, onPair: (key: string, value: Buffer) => void): Promise<number> {
  const data = await readFile(path);
  const corrupt = (why: string) => fsErr('EIO', `snapshot ${path} is corrupt: ${why}`);
  if (data.length < 16 || data.toString('latin1', 0, 7) !== SNAPSHOT_MAGIC) throw corrupt('bad magic');
  const version = data[7];
  if (version !== SNAPSHOT_VERSION) throw corrupt(`unsupported version ${version}`);
  const body = data.subarray(0, data.length - 4);
  if (crc32c(body) >>> 0 !== data.readUInt32LE(data.length - 4)) throw corrupt('checksum mismatch');
  let at = 8;
  let count = 0;
  for (;;) {
    if (at + 4 > body.length) throw corrupt('missing EOF marker');
    const keyLength = body.readUInt32LE(at);
    at += 4;
    if (keyLength === 0) break;
    if (at + keyLength + 4 > body.length) throw corrupt('pair runs past the end');
    const key = body.toString('latin1', at, at + keyLength);
    at += keyLength;
    const valueLength = body.readUInt32LE(at);
    at += 4;
    if (at + valueLength > body.length) throw corrupt('value runs past the end');
    onPair(key, body.subarray(at, at + valueLength));
    at += valueLength;
    count++;
  }
  if (at !== body.length) throw corrupt('bytes after the EOF marker');
  return count;
}
