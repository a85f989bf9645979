// What the multi-instance tests (test/cluster/) share: an etcd cluster with CirrusFS child
// servers over it (startCluster), the etcd URL of a cluster, stopping a child server for good,
// reading its status and log messages, and polling until a condition.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Test } from 'tap';
import { startEtcd, type EtcdCluster } from './etcd.ts';
import { spawnServer, tempDir, type ChildServer } from './server.ts';
import { call } from './api.ts';

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
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

export interface Cluster {
  etcd: EtcdCluster;
  /** Temporary: `objects/` shared by every instance, and one data directory per instance. */
  dir: string;
  /** What every instance gets: CIRRUS_META and CIRRUS_COORD on etcd, CIRRUS_OBJECTS in `dir`, and the extra `env`. */
  env: Record<string, string>;
  /** A child server with its data directory in `dir/<name>`; stopped at teardown. */
  spawn(name: string): Promise<ChildServer>;
}

/**
 * etcd (1 or 3 members) and a temporary directory for CirrusFS child servers that share the
 * metadata store, the coordinator (both etcd, key prefix `name`) and the object directory. The
 * teardown registered on `t` stops every spawned server, then etcd, and removes the directory.
 */
export async function startCluster(
  t: Pick<Test, 'teardown'>,
  opts: { name: string; etcdSize?: 1 | 3; env?: Record<string, string> },
): Promise<Cluster> {
  const etcd = await startEtcd(opts.etcdSize ?? 1);
  const dir = await tempDir(`cirrus-cluster-${opts.name}-`);
  const servers: ChildServer[] = [];
  t.teardown(async () => {
    await Promise.all(servers.map(stopServer));
    await etcd.stop();
    await rm(dir, { recursive: true, force: true });
  });
  const env = {
    CIRRUS_META: etcdUrl(etcd, opts.name),
    CIRRUS_COORD: etcdUrl(etcd, opts.name),
    CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
    ...opts.env,
  };
  const spawn = async (name: string) => {
    const s = await spawnServer(join(dir, name), env);
    servers.push(s);
    return s;
  };
  return { etcd, dir, env, spawn };
}
