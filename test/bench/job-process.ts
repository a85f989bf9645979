// A child process that runs jobs for the benchmark process, one at a time over IPC: the load
// generators (loader-process.ts) and the data/peer client (client-process.ts). The child's
// side is serveLoads (loader-child.ts). Keeping the client out of the process that measures (or
// serves) means, on a 2-core machine, that the client gets a core of its own.
import { fork, type ChildProcess } from 'node:child_process';
import type { FromLoader, ToLoader } from './load-spec.ts';

export class JobProcess<Spec, Result> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: Result) => void; reject: (e: Error) => void }>();
  protected readonly child: ChildProcess;

  /** `childModule`: the child's .ts file; `label` names it in errors ("load generator"). */
  protected constructor(
    childModule: string,
    private readonly label: string,
  ) {
    this.child = fork(childModule, [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (msg: FromLoader<Result>) => {
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

  /** The child's process id (for CPU accounting). */
  get pid(): number {
    return this.child.pid!;
  }

  /** Send one spec and wait for its answer. */
  protected ask(spec: Spec): Promise<Result> {
    const id = this.nextId++;
    const answer = new Promise<Result>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    this.child.send({ id, spec } satisfies ToLoader<Spec>);
    return answer;
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.send({ id: 0, exit: true } satisfies ToLoader<Spec>);
    const timer = setTimeout(() => this.child.kill(), 5000);
    await exited;
    clearTimeout(timer);
  }

  toString(): string {
    return `${this.label} (pid ${this.child.pid})`;
  }
}
