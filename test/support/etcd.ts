// Real etcd for tests (Debian etcd-server 3.4): a single node or a 3-member cluster on free
// loopback ports with temporary data directories, stopped by PID. Members can be killed,
// paused and restarted with the same command line (they rejoin with their data).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.ts';

const READY_TIMEOUT_MS = 20_000;

export interface EtcdMember {
  name: string;
  clientUrl: string;
  peerUrl: string;
  dataDir: string;
  proc?: ChildProcess;
  exited?: Promise<void>;
}

export interface EtcdCluster {
  endpoints: string[];
  members: EtcdMember[];
  /** The member that is the raft leader now. */
  leader(): Promise<EtcdMember>;
  kill(m: EtcdMember, signal?: NodeJS.Signals): Promise<void>;
  restart(m: EtcdMember): Promise<void>;
  stop(): Promise<void>;
}

async function healthy(url: string): Promise<boolean> {
  try {
    const r = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return r.ok && /"health":"true"/.test(await r.text());
  } catch {
    return false;
  }
}

async function status(url: string): Promise<{ member: string; leader: string } | undefined> {
  try {
    const r = await fetch(`${url}/v3/maintenance/status`, {
      method: 'POST',
      body: '{}',
      signal: AbortSignal.timeout(1000),
    });
    const j = (await r.json()) as { header?: { member_id?: string }; leader?: string };
    return j.header?.member_id && j.leader ? { member: j.header.member_id, leader: j.leader } : undefined;
  } catch {
    return undefined;
  }
}

async function waitFor(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`etcd: ${what} not ready after ${READY_TIMEOUT_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Start etcd; a start that fails (e.g. a free port taken by a parallel test between our probe
 * and etcd's bind) is retried on new ports.
 */
export async function startEtcd(size: 1 | 3 = 1): Promise<EtcdCluster> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(size);
    } catch (e) {
      if (attempt >= START_ATTEMPTS) throw e;
    }
  }
}

const START_ATTEMPTS = 3;

async function startOnce(size: 1 | 3): Promise<EtcdCluster> {
  const base = await mkdtemp(join(tmpdir(), 'cirrus-etcd-'));
  const members: EtcdMember[] = [];
  for (let i = 1; i <= size; i++) {
    members.push({
      name: `e${i}`,
      clientUrl: `http://127.0.0.1:${await freePort()}`,
      peerUrl: `http://127.0.0.1:${await freePort()}`,
      dataDir: join(base, `e${i}`),
    });
  }
  const initialCluster = members.map((m) => `${m.name}=${m.peerUrl}`).join(',');
  const launch = (m: EtcdMember) => {
    const proc = spawn(
      'etcd',
      [
        '--name',
        m.name,
        '--data-dir',
        m.dataDir,
        '--listen-client-urls',
        m.clientUrl,
        '--advertise-client-urls',
        m.clientUrl,
        '--listen-peer-urls',
        m.peerUrl,
        '--initial-advertise-peer-urls',
        m.peerUrl,
        '--initial-cluster',
        initialCluster,
        '--initial-cluster-state',
        'new',
        '--initial-cluster-token',
        `cirrus-${base}`,
        // Tight but safe timings for tests: elections in about a second.
        '--heartbeat-interval',
        '100',
        '--election-timeout',
        '1000',
        '--log-level',
        'error',
        '--logger',
        'zap',
      ],
      { stdio: ['ignore', 'ignore', 'ignore'] },
    );
    m.proc = proc;
    m.exited = new Promise((resolve) => proc.on('exit', () => resolve()));
  };
  members.forEach(launch);
  const cluster: EtcdCluster = {
    endpoints: members.map((m) => m.clientUrl),
    members,
    async leader() {
      for (let round = 0; round < 200; round++) {
        for (const m of members) {
          const s = m.proc && m.proc.exitCode === null ? await status(m.clientUrl) : undefined;
          if (s && s.member === s.leader) return m;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('etcd: no leader');
    },
    async kill(m, signal = 'SIGKILL') {
      m.proc?.kill(signal);
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await m.exited;
    },
    async restart(m) {
      launch(m);
      await waitFor(`member ${m.name}`, () => healthy(m.clientUrl));
    },
    async stop() {
      for (const m of members) {
        if (m.proc && m.proc.exitCode === null && m.proc.signalCode === null) {
          m.proc.kill('SIGCONT');
          m.proc.kill('SIGTERM');
          await m.exited;
        }
      }
      await rm(base, { recursive: true, force: true });
    },
  };
  try {
    for (const m of members) await waitFor(`member ${m.name}`, () => healthy(m.clientUrl));
    await cluster.leader();
  } catch (e) {
    await cluster.stop();
    throw e;
  }
  return cluster;
}
