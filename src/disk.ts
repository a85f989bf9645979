// Durable local-disk writes shared by the embedded engines (kv/memory, objects/local).
//
// A write of durable state is whole or failed, never silently short: on a filling disk
// `writev`/`write` resolve with fewer bytes than asked (the rest does not fit) instead of
// rejecting, and only the *next* call fails with ENOSPC. `writeFully` retries the rest until
// every byte is written or the disk refuses with an error.
import { open, type FileHandle } from 'node:fs/promises';

/** fsync a directory so a rename or link inside it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** The disk's "no room" errors: the device is full, or the user's disk quota is. */
export function isNoSpace(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** A write that made no progress without an error; the caller fails the whole write. */
export class ShortWriteError extends Error {
  readonly code = 'EIO';
  constructor(
    readonly written: number,
    readonly wanted: number,
  ) {
    super(`short write: ${written} of ${wanted} bytes reached the file, and the rest made no progress`);
    this.name = 'ShortWriteError';
  }
}

/**
 * Write every byte of `buffers` at the file's current position (append mode: its end), in as
 * few system calls as the kernel allows. Resolves only when all bytes are written; rejects
 * with the disk's error (ENOSPC, EIO, …) or a ShortWriteError otherwise. A rejected write may
 * have written a prefix: the caller truncates it away or discards the file.
 */
export async function writeFully(fh: FileHandle, buffers: readonly Uint8Array[]): Promise<number> {
  let rest = buffers.filter((b) => b.length > 0);
  const wanted = rest.reduce((n, b) => n + b.length, 0);
  let written = 0;
  while (rest.length > 0) {
    const { bytesWritten } = rest.length === 1 ? await fh.write(rest[0]) : await fh.writev(rest);
    if (bytesWritten <= 0) throw new ShortWriteError(written, wanted);
    written += bytesWritten;
    rest = dropPrefix(rest, bytesWritten);
  }
  return written;
}

/** The buffers without their first `n` bytes (views, no copies). */
function dropPrefix(buffers: readonly Uint8Array[], n: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  let skip = n;
  for (const b of buffers) {
    if (skip >= b.length) {
      skip -= b.length;
      continue;
    }
    out.push(skip > 0 ? b.subarray(skip) : b);
    skip = 0;
  }
  return out;
}
