// The parent's side of a load generator child process (load-generator.ts, dirs-load.ts): send
// the child one spec at a time (job-process.ts), and take this process's share of the machine
// while the child runs it. This process is the server under test, so its CPU and event-loop
// utilisation over the run are the server's (see load-generator.ts for why the load runs in a
// child), and what the machine did besides the server and the loader is the other load.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { JobProcess } from './job-process.ts';
import type { LoadResult } from './load-spec.ts';
import { busyCores, cpuTicks } from './machine-load.ts';

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

export class LoaderProcess<Spec> extends JobProcess<Spec, LoadResult> {
  async run(spec: Spec): Promise<LoadRun> {
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const ticks0 = cpuTicks();
    const t0 = performance.now();
    const result = await this.ask(spec);
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
}
