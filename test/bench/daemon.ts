// A peer server the benchmark starts (rclone, nginx): spawned in the foreground so that its pid
// is the one to stop, its stderr kept (the tail) for errors, ready when a probe says so, and
// stopped by pid: SIGTERM, then SIGKILL after a grace period.
import { spawn } from 'node:child_process';

const STDERR_TAIL_CHARS = 4000;
const READY_POLL_MS = 50;
const STOP_GRACE_MS = 10_000;

export interface Daemon {
  pid: number;
  /** The exit code or signal. */
  exited: Promise<string>;
  stderrTail(): string;
  /** What it wrote to stderr since the last call (at most the tail's size). */
  takeStderr(): string;
  stop(): Promise<void>;
}

export function spawnDaemon(label: string, command: string, args: string[], env?: NodeJS.ProcessEnv): Daemon {
  const child = spawn(command, args, { env: env ?? process.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let tail = '';
  let fresh = '';
  child.stderr!.on('data', (d: Buffer) => {
    tail = (tail + d.toString('utf8')).slice(-STDERR_TAIL_CHARS);
    fresh = (fresh + d.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  let gone: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.on('error', (e) => resolve(`${label} failed to start: ${e.message}`));
    child.on('exit', (code, signal) => resolve(signal ?? String(code)));
  }).then((how) => (gone = how));
  if (child.pid === undefined) throw new Error(`${label}: could not spawn ${command}`);
  return {
    pid: child.pid,
    exited,
    stderrTail: () => tail,
    takeStderr: () => {
      const out = fresh;
      fresh = '';
      return out;
    },
    stop: async () => {
      if (gone !== undefined) return;
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(force);
    },
  };
}

/** Poll `probe` until it answers true; fail if the daemon exits or `timeoutMs` passes. */
export async function waitReady(
  label: string,
  d: Daemon,
  probe: () => Promise<boolean>,
  timeoutMs = 30_000,
): Promise<void> {
  let gone: string | undefined;
  void d.exited.then((how) => (gone = how));
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (gone !== undefined) throw new Error(`${label} exited (${gone}) before it was ready: ${d.stderrTail()}`);
    if (await probe().catch(() => false)) return;
    if (performance.now() > deadline) {
      await d.stop();
      throw new Error(`${label} not ready after ${timeoutMs} ms: ${d.stderrTail()}`);
    }
    await new Promise((r) => setTimeout(r, READY_POLL_MS));
  }
}
