// One process per data directory: a LOCK file naming its owner, created exclusively.
//
// The owner is named by PID *and* the process's start time and the machine's boot id, because
// PIDs are reused: after a reboot the old PID belongs to some other process, and in a
// container the restarted server often has the same PID (1) as the one that died. A lock whose
// owner is not that very process (dead, rebooted, or another process with the PID) is stale
// and taken over, as PostgreSQL does with postmaster.pid. Where /proc is missing, the PID alone
// decides.
import { open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { fsErr } from '../errno.ts';

const LOCK_FILE = 'LOCK';

interface Owner {
  pid: number;
  /** Clock ticks after boot when the process started (/proc/PID/stat field 22). */
  start: string;
  boot: string;
}

async function bootId(): Promise<string> {
  return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => '')).trim();
}

async function startTime(pid: number): Promise<string> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ")".
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function self(): Promise<Owner> {
  return { pid: process.pid, start: await startTime(process.pid), boot: await bootId() };
}

function parse(text: string): Owner | undefined {
  const [pid, start, boot] = text.trim().split(/\s+/);
  const n = Number(pid);
  return Number.isInteger(n) && n > 0 && start && boot ? { pid: n, start, boot } : undefined;
}

/** Is the process that wrote this LOCK still running? */
async function alive(owner: Owner, me: Owner): Promise<boolean> {
  if (!me.boot) return pidAlive(owner.pid); // no /proc: the PID is all there is
  return owner.boot === me.boot && pidAlive(owner.pid) && (await startTime(owner.pid)) === owner.start;
}

export interface DirLock {
  release(): Promise<void>;
}

export async function lockDir(dir: string): Promise<DirLock> {
  const path = join(dir, LOCK_FILE);
  const me = await self();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fh = await open(path, 'wx');
      await fh.writeFile(`${me.pid} ${me.start} ${me.boot}\n`);
      await fh.sync();
      await fh.close();
      return { release: () => unlink(path).catch(() => undefined) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const owner = parse(await readFile(path, 'utf8').catch(() => ''));
    if (owner && (await alive(owner, me))) {
      if (owner.pid === me.pid) throw fsErr('EBUSY', `metadata directory ${dir} is already open in this process`);
      throw fsErr('EBUSY', `metadata directory ${dir} is in use by process ${owner.pid}`);
    }
    await unlink(path).catch(() => undefined); // stale: its owner is gone
  }
  throw fsErr('EBUSY', `could not lock metadata directory ${dir}`);
}
