// The raw etcd baseline of the etcd benchmark (etcd-rates.ts), run in this process from C
// workers on one Etcd3 client, before any CirrusFS or HTTP cost:
//   rawTxn      etcd transactions shaped like a create's commit (2 compares on mod_revision,
//               3 on create_revision == 0, 4 puts, a failure branch of reads as the engine
//               sends; all keys unique so nothing conflicts);
//   rawPattern  the whole etcd call sequence of one create (6 ranges in 4 sequential steps,
//               then that txn): what etcd allows a create that makes these round trips.
import { availableParallelism } from 'node:os';
import { createHistogram, performance, type RecordableHistogram } from 'node:perf_hooks';
import type { Etcd3, ICompare, IRequestOp } from 'etcd3';
import { counterDelta, etcdCounters } from './etcd-counters.ts';
import type { EtcdRound } from './etcd-results.ts';
import { busyCores, cpuTicks } from './machine-load.ts';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
// Value sizes close to CirrusFS's records: inode, dentry, directory shard, usage shard.
const VALUES = [Buffer.alloc(48, 1), Buffer.alloc(6, 2), Buffer.alloc(20, 3), Buffer.alloc(10, 4)];

interface RawKeys {
  fs: Buffer;
  fsRev: string;
  dir: Buffer;
  dirRev: string;
}

export async function rawSetup(client: Etcd3): Promise<RawKeys> {
  const fs = latin1('rawbench/fs\x00bench');
  const dir = latin1('rawbench/n1.2\x00a');
  const a = await client.kv.put({ key: fs, value: Buffer.alloc(200, 5) });
  const b = await client.kv.put({ key: dir, value: VALUES[0] });
  return { fs, fsRev: a.header.revision, dir, dirRev: b.header.revision };
}

/** The keys one raw "create" touches: inode, dentry and two counter keys, all new. */
function rawOpKeys(id: string): Buffer[] {
  return [
    latin1(`rawbench/n1.${id}\x00a`),
    latin1(`rawbench/d1.2\x00${id}`),
    latin1(`rawbench/n1.2\x00c${id}`),
    latin1(`rawbench/u1\x00${id}`),
  ];
}

function rawTxnRequest(
  k: RawKeys,
  keys: Buffer[],
): { compare: ICompare[]; success: IRequestOp[]; failure: IRequestOp[] } {
  const compare: ICompare[] = [
    { key: k.fs, target: 'Mod', result: 'Equal', mod_revision: k.fsRev },
    { key: k.dir, target: 'Mod', result: 'Equal', mod_revision: k.dirRev },
    ...keys.slice(1).map((key): ICompare => ({ key, target: 'Create', result: 'Equal', create_revision: 0 })),
  ];
  const success: IRequestOp[] = keys.map((key, i) => ({ request_put: { key, value: VALUES[i] } }));
  // Like the engine's commit: a failure branch reading the merged keys and the keys read (never
  // taken here, nothing conflicts).
  const failure: IRequestOp[] = [keys[2], keys[3], k.fs, k.dir, keys[1]].map((key) => ({ request_range: { key } }));
  return { compare, success, failure };
}

export type RawOp = (id: string) => Promise<boolean>;

export function rawTxnOp(client: Etcd3, k: RawKeys): RawOp {
  return async (id) => (await client.kv.txn(rawTxnRequest(k, rawOpKeys(id)))).succeeded;
}

/**
 * A create's etcd calls in order (EtcdKv via FileSystems.createEntry, as of this writing):
 * liveFs's catalogue read; in the transaction the catalogue read that pins the revision, then
 * the directory inode and the dentry at that revision (in parallel); at commit the two merged
 * counter shards (in parallel); the txn. 6 ranges in 4 sequential steps, then 1 txn. The
 * etcd-side counters of the create runs show what the engine really does.
 */
export function rawPatternOp(client: Etcd3, k: RawKeys): RawOp {
  return async (id) => {
    const keys = rawOpKeys(id);
    await client.kv.range({ key: k.fs });
    const pinned = await client.kv.range({ key: k.fs });
    const revision = pinned.header.revision;
    await Promise.all([client.kv.range({ key: k.dir, revision }), client.kv.range({ key: keys[1], revision })]);
    await Promise.all([client.kv.range({ key: keys[2] }), client.kv.range({ key: keys[3] })]);
    return (await client.kv.txn(rawTxnRequest(k, keys))).succeeded;
  };
}

export async function driveRaw(
  op: RawOp,
  workers: number,
  seconds: number,
  tag: string,
  endpoint: string,
): Promise<EtcdRound> {
  const hist: RecordableHistogram = createHistogram();
  let successes = 0;
  let failures = 0;
  let firstError: unknown;
  const etcd0 = await etcdCounters(endpoint);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const ticks0 = cpuTicks();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      for (let i = 0; performance.now() < end; i++) {
        const s = performance.now();
        try {
          if (await op(`${tag}.${w}.${i}`)) successes++;
          else failures++;
        } catch (e) {
          failures++;
          firstError ??= e;
          if (failures > 100 && successes === 0) throw e;
        }
        hist.record(Math.max(1, Math.round((performance.now() - s) * 1000)));
      }
    }),
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const machine = busyCores(ticks0, cpuTicks(), availableParallelism());
  const etcd = counterDelta(etcd0, await etcdCounters(endpoint));
  if (firstError)
    process.stderr.write(`[etcd] ${tag}: first error: ${String((firstError as Error)?.message ?? firstError)}\n`);
  const benchCpu = (cpu.user + cpu.system) / 1000 / wallMs;
  const etcdCpu = etcd.cpuSeconds / (wallMs / 1000);
  return {
    rate: successes / (wallMs / 1000),
    successes,
    done: successes,
    failures,
    seconds: wallMs / 1000,
    latencyMs: { p50: hist.percentile(50) / 1000, p99: hist.percentile(99) / 1000 },
    benchCpu,
    benchElu: performance.eventLoopUtilization(elu0).utilization,
    etcdCpu,
    otherCpu: machine === undefined ? undefined : Math.max(0, machine - benchCpu - etcdCpu),
    etcd,
  };
}
