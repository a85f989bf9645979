// What the multi-instance tests (test/cluster/) share: the etcd URL of a cluster, stopping a
// child server for good, reading its status and log messages, and polling until a condition.
import type { EtcdCluster } from './etcd.ts';
import { call, type ChildServer } from './server.ts';

/** CIRRUS_META / CIRRUS_COORD for a cluster, with a key prefix of its own. */
export const etcdUrl = (e: EtcdCluster, prefix: string) =>
  `etcd://${e.endpoints.map((u) => u.replace(/^http:\/\//, '')).join(',')}/${prefix}`;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stop a child server even if it is paused (SIGCONT first), killing it after 15 s. */
export async function stopServer(s: ChildServer): Promise<void> {
  if (s.child.exitCode !== null || s.child.signalCode !== null) return;
  s.child.kill('SIGCONT');
  s.child.kill('SIGTERM');
  const force = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  await s.exited;
  clearTimeout(force);
}

export const status = async (s: ChildServer) => (await call(s.url, 'GET', '/v1/status')).json;

/** The `msg` of every JSON log line the server printed so far. */
export const messages = (s: ChildServer) =>
  s.logs.flatMap((l) => {
    try {
      return [String(JSON.parse(l).msg)];
    } catch {
      return [];
    }
  });

/** Poll `probe` until it gives a value (errors count as not yet). */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}
