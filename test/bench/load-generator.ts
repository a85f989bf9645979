// The parent's handle on the load generator child (load-generator-child.ts).
//
// Placement (a deliberate choice, on a 2-core machine): the servers under test run in the
// benchmark's own process, autocannon runs in one child process shared by all measurements.
// The client and the server then get a core each instead of taking turns on one event loop,
// and the no-op baseline and the CirrusFS routes are measured in exactly the same setup, so
// their ratio compares like with like. The server's CPU and event-loop utilisation are taken
// in this process during each run: a server near 100% event-loop utilisation is the
// bottleneck; a loader near 100% CPU means the client may be capping the number instead.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { busyCores, cpuTicks } from './machine-load.ts';
import type { FromLoader, LoadResult, LoadSpec, ToLoader } from './load-spec.ts';

const CHILD = fileURLToPath(new URL('./load-generator-child.ts', import.meta.url));

export interface LoadRun extends LoadResult {
  /** CPU this (the server) process used over the run, as a share of one core. */
  serverCpu: number;
  /** Share of the run the server's event loop was busy. */
  serverElu: number;
  /**
   * Cores busy with anything but the server and the load generator (other processes, and
   * kernel work not charged to either); undefined where it cannot be read.
   */
  otherCpu?: number;
}

export class LoadGenerator {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (msg: FromLoader) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(`load generator: ${msg.error}`));
      else p.resolve(msg.result);
    });
    child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`load generator exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  static start(): LoadGenerator {
    const child = fork(CHILD, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return new LoadGenerator(child);
  }

  async run(spec: LoadSpec): Promise<LoadRun> {
    const id = this.nextId++;
    const answer = new Promise<LoadResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const ticks0 = cpuTicks();
    const t0 = performance.now();
    this.child.send({ id, spec } satisfies ToLoader);
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
    this.child.send({ id: 0, exit: true } satisfies ToLoader);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
