// What the multi-instance tests (test/cluster/) share: CirrusFS child servers over one shared
// store — etcd, or DynamoDB Local when the file runs under runFilesOnDynamo (startCluster) — or
// over an etcd cluster the test controls (startEtcdCluster); the etcd URL of a cluster, stopping
// a child server for good, reading its status and log messages, and polling until a condition.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Test } from 'tap';
import { startEtcd, type EtcdCluster } from './etcd.ts';
import { spawnServer, TEST_DYNAMODB_ENV, tempDir, type ChildServer } from './server.ts';
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

/** Where a cluster keeps its metadata and coordinates: what `coord.kind` of /v1/status says. */
export type ClusterStore = 'etcd' | 'dynamodb';

export interface Cluster {
  store: ClusterStore;
  /** Temporary: `objects/` shared by every instance, and one data directory per instance. */
  dir: string;
  /** What every instance gets: CIRRUS_META and CIRRUS_COORD on the store, CIRRUS_OBJECTS in `dir`, and the extra `env`. */
  env: Record<string, string>;
  /** A child server with its data directory in `dir/<name>`; stopped at teardown. */
  spawn(name: string): Promise<ChildServer>;
}

export interface EtcdTestCluster extends Cluster {
  etcd: EtcdCluster;
}

interface ClusterOptions {
  name: string;
  env?: Record<string, string>;
}

/** Servers over `urls` (CIRRUS_META = CIRRUS_COORD); `stop` runs at teardown after the servers stop. */
async function serversOver(
  t: Pick<Test, 'teardown'>,
  opts: ClusterOptions,
  store: ClusterStore,
  url: string,
  stop: () => Promise<void>,
): Promise<Cluster> {
  const dir = await tempDir(`cirrus-cluster-${opts.name}-`);
  const servers: ChildServer[] = [];
  t.teardown(async () => {
    await Promise.all(servers.map(stopServer));
    await stop();
    await rm(dir, { recursive: true, force: true });
  });
  const env = { CIRRUS_META: url, CIRRUS_COORD: url, CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`, ...opts.env };
  const spawn = async (name: string) => {
    const s = await spawnServer(join(dir, name), env);
    servers.push(s);
    return s;
  };
  return { store, dir, env, spawn };
}

/**
 * etcd (1 or 3 members) the test may kill and restart, and a temporary directory for CirrusFS
 * child servers that share the metadata store, the coordinator (both etcd, key prefix `name`)
 * and the object directory. The teardown registered on `t` stops every spawned server, then
 * etcd, and removes the directory.
 */
export async function startEtcdCluster(
  t: Pick<Test, 'teardown'>,
  opts: ClusterOptions & { etcdSize?: 1 | 3 },
): Promise<EtcdTestCluster> {
  const etcd = await startEtcd(opts.etcdSize ?? 1);
  const cluster = await serversOver(t, opts, 'etcd', etcdUrl(etcd, opts.name), () => etcd.stop());
  return { ...cluster, etcd };
}

/**
 * CirrusFS child servers sharing the metadata store, the coordinator and the object directory,
 * for the tests that hold on every store: on a single-node etcd of their own; or, when
 * TEST_DYNAMODB_ENV names a DynamoDB Local (runFilesOnDynamo), metadata and coordination in one
 * DynamoDB table of their own there (the coordinator's records in their own partitions).
 */
export async function startCluster(t: Pick<Test, 'teardown'>, opts: ClusterOptions): Promise<Cluster> {
  const dynamo = process.env[TEST_DYNAMODB_ENV];
  if (!dynamo) return startEtcdCluster(t, opts);
  const table = `cluster-${opts.name}-${process.pid}`;
  return serversOver(t, opts, 'dynamodb', `dynamodb://${table}?endpoint=${encodeURIComponent(dynamo)}`, async () => {});
}
