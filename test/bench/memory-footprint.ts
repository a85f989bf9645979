// Parent side of the memory benchmark: a fresh temp directory, the child process with
// --expose-gc (memory-footprint-child.ts), its answer, and the directory removed afterwards
// whatever happened.
import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { busyCores, cpuTicks } from './machine-load.ts';
import type { MemoryResult, MemoryRun, MemorySpec } from './memory-spec.ts';

const CHILD = fileURLToPath(new URL('./memory-footprint-child.ts', import.meta.url));

export async function measureMemoryFootprint(opts: Omit<MemorySpec, 'metaDir'>): Promise<MemoryRun> {
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-bench-mem-'));
  try {
    const spec: MemorySpec = { ...opts, metaDir: join(dir, 'meta') };
    const ticks0 = cpuTicks();
    const child = fork(CHILD, [JSON.stringify(spec)], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: MemoryResult | undefined;
    child.on('message', (m: MemoryResult) => (result = m));
    // Interrupted: stop the child, then fall through to the cleanup below.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.once('SIGINT', forward).once('SIGTERM', forward);
    const how = await new Promise<string>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(signal ?? String(code)));
    }).finally(() => process.off('SIGINT', forward).off('SIGTERM', forward));
    const ticks1 = cpuTicks();
    if (how !== '0' || !result) throw new Error(`memory benchmark child exited (${how}) without a result`);
    const machine = busyCores(ticks0, ticks1, availableParallelism());
    const childCores = ticks0 && ticks1 ? result.cpuSeconds / ((ticks1.at - ticks0.at) / 1000) : undefined;
    return {
      ...result,
      otherCpu: machine === undefined || childCores === undefined ? undefined : Math.max(0, machine - childCores),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
