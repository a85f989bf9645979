// CPU used by given processes (each with its descendants: nginx's workers, a server's helpers)
// from /proc (Linux), in the same unit as /proc/stat, so that a measurement can say which
// process was busy: the server under test, the S3 server, the client, or someone else.
import { readdirSync, readFileSync } from 'node:fs';

interface ProcStat {
  ppid: number;
  /** utime + stime, clock ticks. */
  ticks: number;
}

function readProcStat(pid: string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // pid (comm) state ppid ... utime stime: fields 14 and 15; comm may hold spaces and parens.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return undefined; // gone meanwhile, or no /proc
  }
}

/** Clock ticks used so far by each root pid and its live descendants; empty where /proc is absent. */
export function treeTicks(roots: readonly number[]): Map<number, number> {
  const out = new Map<number, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return out;
  }
  const stats = new Map<number, ProcStat>();
  for (const p of pids) {
    const s = readProcStat(p);
    if (s) stats.set(Number(p), s);
  }
  const rootOf = (pid: number): number | undefined => {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && at > 1 && hops < 64; hops++) {
      if (roots.includes(at)) return at;
      at = stats.get(at)?.ppid;
    }
    return undefined;
  };
  for (const root of roots) if (stats.has(root)) out.set(root, 0);
  for (const [pid, s] of stats) {
    const root = rootOf(pid);
    if (root !== undefined) out.set(root, (out.get(root) ?? 0) + s.ticks);
  }
  return out;
}
