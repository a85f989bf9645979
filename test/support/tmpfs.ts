// A small tmpfs mounted by a test: a real filesystem that fills up (a write at the edge comes
// back short, the next fails with ENOSPC), and grows when remounted larger. Mounting needs
// root (CAP_SYS_ADMIN); where it is impossible, `mountTmpfs` says why, for `t.skip`.
import { execFile } from 'node:child_process';
import { open, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { tempDir } from './server.ts';

const run = promisify(execFile);

export interface Tmpfs {
  dir: string;
  /** Remount with a new size (growing it frees room without touching its files). */
  resize(bytes: number): Promise<void>;
  unmount(): Promise<void>;
}

export async function mountTmpfs(bytes: number): Promise<Tmpfs | { skip: string }> {
  const dir = await tempDir('cirrus-tmpfs-');
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir]);
  } catch (e) {
    await rmdir(dir).catch(() => undefined);
    return { skip: `cannot mount a tmpfs here (needs root): ${(e as Error).message.split('\n')[0]}` };
  }
  return {
    dir,
    resize: async (size) => {
      await run('mount', ['-o', `remount,size=${size}`, dir]);
    },
    unmount: async () => {
      await run('umount', [dir]).catch(() => run('umount', ['-l', dir]));
      await rmdir(dir).catch(() => undefined);
    },
  };
}

/** Fill the filesystem holding `dir` with one file until a write fails; returns its path. */
export async function fillWithBallast(dir: string): Promise<string> {
  const path = join(dir, 'ballast');
  const fh = await open(path, 'w');
  const block = Buffer.alloc(64 * 1024, 0xba);
  try {
    for (;;) {
      const { bytesWritten } = await fh.write(block);
      if (bytesWritten === 0) break;
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    await fh.close();
  }
  return path;
}

export async function removeBallast(path: string): Promise<void> {
  await rm(path, { force: true });
}
