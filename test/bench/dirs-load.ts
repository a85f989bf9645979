// The parent's handle on dirs-load-child.ts: create load where each connection keeps to its
// own directory. Placement and CPU accounting are those of load-generator.ts (the server under
// test in this process, autocannon in a child), so its runs compare with LoadGenerator's.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { LoadRun } from './load-generator.ts';
import type { LoadResult } from './load-spec.ts';
import { busyCores, cpuTicks } from './machine-load.ts';

const CHILD = fileURLToPath(new URL('./dirs-load-child.ts', import.meta.url));

export interface DirsLoadSpec {
  /** Origin, e.g. http://127.0.0.1:34567 */
  url: string;
  /** POST …/entries paths; connection i uses paths[i % paths.length] throughout. */
  paths: string[];
  connections: number;
  seconds: number;
  /** Create names are prefix + a counter shared by all connections. */
  prefix: string;
}

export type ToDirsLoader = { id: number; spec: DirsLoadSpec } | { id: number; exit: true };
export type FromDirsLoader = { id: number; result: LoadResult } | { id: number; error: string };

export class DirsLoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (msg: FromDirsLoader) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(`dirs load generator: ${msg.error}`));
      else p.resolve(msg.result);
    });
    this.child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`dirs load generator exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  async run(spec: DirsLoadSpec): Promise<LoadRun> {
    const id = this.nextId++;
    const answer = new Promise<LoadResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const ticks0 = cpuTicks();
    const t0 = performance.now();
    this.child.send({ id, spec } satisfies ToDirsLoader);
    const result = await answer;
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const machine = busyCores(ticks0, cpuTicks(), availableParallelism());
    const serverCpu = (cpu.user + cpu.system) / 1000 / wallMs;
    return {
      ...result,
      serverCpu,
      serverElu: performance.eventLoopUtilization(elu0).utilization,
      otherCpu: machine === undefined ? undefined : Math.max(0, machine - serverCpu - result.loaderCpu),
    };
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ id: 0, exit: true } satisfies ToDirsLoader);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
