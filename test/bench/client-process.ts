// The benchmark's client process (client-child.ts) seen from the benchmark process: run a job
// and say where the machine's CPU went meanwhile, per watched process (the server under test,
// the S3 server, ...: each with its descendants), the client, and everything else. The figures
// tell a server-bound run from a client-bound one, and show when a neighbour took the machine.
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import type { ClientAnswer, ClientJob } from './client-jobs.ts';
import { JobProcess } from './job-process.ts';
import { busyCores, cpuTicks } from './machine-load.ts';
import { treeTicks } from './process-cpu.ts';

const CHILD = fileURLToPath(new URL('./client-child.ts', import.meta.url));

/** Cores used over a job (1 = one core busy all the time). */
export interface CpuShares {
  client: number;
  /** Per watched process name, with its descendants; absent where /proc cannot be read. */
  watched: Record<string, number>;
  /** Cores busy with anything else (other processes, this one, the kernel's own work). */
  others?: number;
}

export type ClientRun<K extends ClientJob['kind']> = ClientAnswer<K> & { cpu: CpuShares };

export class ClientProcess extends JobProcess<ClientJob, ClientAnswer> {
  private constructor() {
    super(CHILD, 'client');
  }

  static start(): ClientProcess {
    return new ClientProcess();
  }

  /** Run `job`; `watch` names the processes whose CPU to report (name → pid). */
  async run<K extends ClientJob['kind']>(
    job: ClientJob & { kind: K },
    watch: Record<string, number> = {},
  ): Promise<ClientRun<K>> {
    const pids = Object.values(watch);
    const ticks0 = cpuTicks();
    const procs0 = treeTicks(pids);
    const answer = (await this.ask(job)) as unknown as ClientAnswer<K>;
    const ticks1 = cpuTicks();
    const procs1 = treeTicks(pids);
    const cores = availableParallelism();
    const watched: Record<string, number> = {};
    let known = answer.clientCpu;
    if (ticks0 && ticks1 && ticks1.total > ticks0.total) {
      const ticksPerCore = (ticks1.total - ticks0.total) / cores;
      for (const [name, pid] of Object.entries(watch)) {
        const a = procs0.get(pid);
        const b = procs1.get(pid);
        if (a === undefined || b === undefined) continue;
        watched[name] = Math.max(0, b - a) / ticksPerCore;
        known += watched[name];
      }
    }
    const machine = busyCores(ticks0, ticks1, cores);
    const cpu: CpuShares = {
      client: answer.clientCpu,
      watched,
      others: machine === undefined ? undefined : Math.max(0, machine - known),
    };
    return Object.assign(answer, { cpu });
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** "CPU: cirrusfs 95%, s3 40%, client 60%, others 0.30 cores" */
export function describeCpu(c: CpuShares): string {
  const parts = [...Object.entries(c.watched).map(([n, x]) => `${n} ${pct(x)}`), `client ${pct(c.client)}`];
  if (c.others !== undefined) parts.push(`others ${c.others.toFixed(2)} cores`);
  return `CPU: ${parts.join(', ')}`;
}
