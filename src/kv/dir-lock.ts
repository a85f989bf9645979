// One process per data directory: a LOCK file holding the owner's PID, created exclusively.
// A lock left by a dead process (kill -9) is taken over, as PostgreSQL does with
// postmaster.pid; a live owner makes the second open fail clearly.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErr } from '../errno.ts';

const LOCK_FILE = 'LOCK';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DirLock {
  release(): Promise<void>;
}

export async function lockDir(dir: string): Promise<DirLock> {
  const path = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(`${process.pid}\n`);
      await fh.sync();
      await fh.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && processAlive(owner)) {
      throw fsErr('EBUSY', `metadata directory ${dir} is in use by process ${owner}`);
    }
    if (owner === process.pid) throw fsErr('EBUSY', `metadata directory ${dir} is already open in this process`);
    await unlink(path).catch(() => undefined); // stale: its owner is gone
  }
  throw fsErr('EBUSY', `could not lock metadata directory ${dir}`);
}
