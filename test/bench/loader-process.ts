// The parent's side of a load generator child process (load-generator.ts, dirs-load.ts): fork
// the child, send it one spec at a time over IPC, and take this process's share of the machine
// while the child runs it. This process is the server under test, so its CPU and event-loop
// utilisation over the run are the server's (see load-generator.ts for why the load runs in a
// child), and what the machine did besides the server and the loader is the other load.
import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { busyCores, cpuTicks } from './machine-load.ts';
import type { FromLoader, LoadResult, ToLoader } from './load-spec.ts';

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

export class LoaderProcess<Spec> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: LoadResult) => void; reject: (e: Error) => void }>();
  private readonly child: ChildProcess;

  /** `childModule`: the child's .ts file; `label` names it in errors ("load generator"). */
  protected constructor(childModule: string, label: string) {
    this.child = fork(childModule, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (msg: FromLoader) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if ('error' in msg) p.reject(new Error(`${label}: ${msg.error}`));
      else p.resolve(msg.result);
    });
    this.child.on('exit', (code, signal) => {
      for (const p of this.pending.values()) p.reject(new Error(`${label} exited (${signal ?? code})`));
      this.pending.clear();
    });
  }

  async run(spec: Spec): Promise<LoadRun> {
    const id = this.nextId++;
    const answer = new Promise<LoadResult>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const ticks0 = cpuTicks();
    const t0 = performance.now();
    this.child.send({ id, spec } satisfies ToLoader<Spec>);
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
    this.child.send({ id: 0, exit: true } satisfies ToLoader<Spec>);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
