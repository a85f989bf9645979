// The memory engine's directory (DESIGN §3.2): `snapshot.curvefs` (the CurveFS dump format,
// snapshot.ts) and the op log files after it, `wal-<first seq, 16 digits>.log` (oplog.ts),
// next to the LOCK file (dir-lock.ts). A load is the snapshot, then every log record after
// its sequence, in order; a torn tail of the last log is cut off, never half-applied.
import { open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFully } from '../disk.ts';
import { fsErr, invariant } from '../errno.ts';
import { type LogRecord, readLog, truncateLog } from './oplog.ts';
import { SNAPSHOT_TMP_SUFFIX } from './snapshot.ts';

export const SNAPSHOT_FILE = 'snapshot.curvefs';
/** Written, synced and removed to learn whether the disk takes writes again (recovery). */
export const PROBE_FILE = 'probe.tmp';
const WAL_PATTERN = /^wal-(\d{16})\.log$/;

export function walName(startSeq: number): string {
  return `wal-${String(startSeq).padStart(16, '0')}.log`;
}

/** The directory's log files, oldest first. */
async function walFiles(dir: string): Promise<{ path: string; start: number }[]> {
  return (await readdir(dir))
    .map((name) => ({ name, m: WAL_PATTERN.exec(name) }))
    .filter((w) => w.m)
    .map((w) => ({ path: join(dir, w.name), start: Number(w.m![1]) }))
    .sort((a, b) => a.start - b.start);
}

export interface ReplayStats {
  /** Records applied (those after the snapshot). */
  records: number;
  /** Bytes of the records applied: what a snapshot would spare the next load. */
  bytes: number;
  /** Bytes of torn or corrupt tail dropped. */
  droppedBytes: number;
}

/**
 * Apply every log record after sequence `fromSeq`, in order, and return the last sequence
 * applied. A torn tail of the last log file (its record was never acknowledged: acks wait for
 * fdatasync) is cut off the file so later appends never follow garbage; a bad record in an
 * earlier file is corruption (EIO).
 */
export async function replayLogs(
  dir: string,
  fromSeq: number,
  apply: (record: LogRecord) => void,
  log?: (msg: string) => void,
): Promise<{ seq: number } & ReplayStats> {
  const stats: ReplayStats = { records: 0, bytes: 0, droppedBytes: 0 };
  let seq = fromSeq;
  const wals = await walFiles(dir);
  for (const [i, wal] of wals.entries()) {
    const { records, frameBytes, validBytes, droppedBytes } = await readLog(wal.path);
    for (const [r, rec] of records.entries()) {
      if (rec.seq <= seq) continue; // already in the snapshot (idempotent replay)
      invariant(rec.seq === seq + 1, `log sequence continues (${rec.seq} after ${seq})`);
      apply(rec);
      seq = rec.seq;
      stats.records++;
      stats.bytes += frameBytes[r];
    }
    if (droppedBytes > 0) {
      if (i !== wals.length - 1) {
        throw fsErr('EIO', `log ${wal.path} is corrupt in the middle (${droppedBytes} bytes unreadable)`);
      }
      log?.(`dropping ${droppedBytes} torn bytes at the end of ${wal.path}`);
      await truncateLog(wal.path, validBytes);
      stats.droppedBytes += droppedBytes;
    }
  }
  return { seq, ...stats };
}

/** Remove the log files a snapshot at `seq` covers. */
export async function dropCoveredLogs(dir: string, seq: number): Promise<void> {
  for (const wal of await walFiles(dir)) if (wal.start <= seq) await rm(wal.path, { force: true });
}

/**
 * Remove what an interrupted write left behind (a crash, or a full disk the process did not
 * survive): a half-written snapshot and the recovery probe. Returns the names removed.
 */
export async function sweepTemporaries(dir: string): Promise<string[]> {
  const names = [`${SNAPSHOT_FILE}${SNAPSHOT_TMP_SUFFIX}`, PROBE_FILE];
  const present = new Set(await readdir(dir));
  const found = names.filter((n) => present.has(n));
  for (const n of found) await rm(join(dir, n), { force: true });
  return found;
}

/** Whether the disk takes `bytes` of writes again: write them, sync, remove. Throws if not. */
export async function probeDisk(dir: string, bytes: number): Promise<void> {
  const path = join(dir, PROBE_FILE);
  try {
    const fh = await open(path, 'w');
    try {
      await writeFully(fh, [Buffer.alloc(bytes)]);
      await fh.datasync();
    } finally {
      await fh.close();
    }
  } finally {
    await rm(path, { force: true });
  }
}
