// Whole-machine CPU use from /proc/stat (Linux), to tell how much of the machine processes
// other than the benchmark's took during a measurement: the benchmark host may be shared, and
// a busy neighbour lowers a rate without anything in CirrusFS changing.
import { readFileSync } from 'node:fs';

export interface CpuTicks {
  busy: number;
  total: number;
  at: number;
}

/** Aggregate CPU ticks now, or undefined where /proc/stat does not exist. */
export function cpuTicks(): CpuTicks | undefined {
  try {
    const line = readFileSync('/proc/stat', 'latin1').split('\n', 1)[0];
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = f[3] + (f[4] ?? 0);
    const total = f.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total, at: performance.now() };
  } catch {
    return undefined;
  }
}

/** Cores busy on average between two readings (all processes and the kernel). */
export function busyCores(from: CpuTicks | undefined, to: CpuTicks | undefined, cores: number): number | undefined {
  if (!from || !to || to.total === from.total) return undefined;
  return ((to.busy - from.busy) / (to.total - from.total)) * cores;
}
