// CirrusFS next to the tools users pick today, with the same client and the same workloads
// (issue: small files faster than `rclone serve`, big files at S3's speed):
//   cirrusfs  CirrusFS in its own process: memory metadata, objects in the S3 server below;
//   rclone    `rclone serve webdav --vfs-cache-mode writes` over the same S3 server;
//   nginx     nginx's WebDAV on a local directory: no metadata store, no S3 (the limit);
//   raw S3    the SDK straight at the S3 server (the baseline of the 256 MiB rows).
// Every request comes from the client process (client-process.ts), `inFlight` at a time:
//   small     `files` files of `fileBytes` each uploaded into a fresh directory (PUT), then one
//             stat per file: CirrusFS statPath GET /v1/fs/{fs}/attrs/{dir}/{name} (and getInode
//             GET /v1/fs/{fs}/inodes/{ino}, info), WebDAV PROPFIND /{dir}/{name} with Depth: 0
//             and no body (allprop);
//   big       one file of `bigMiB` MiB, uploaded in one streamed PUT, then downloaded in one GET;
//   raw S3    the same bytes as objects of CirrusFS's block size, PUT then GET, `inFlight` at a time.
// rclone answers uploads from its disk cache: before stats and downloads the bench waits until
// its write-back queue is empty (rclone-webdav.ts settle), so one peer's background uploads
// never land in another measurement, and reports how long the bytes took to reach S3.
// Rounds are interleaved (every peer's small files, raw S3, every peer's big file; again), and
// each figure's best round is reported, as the other benchmarks do on a shared host.
// Before the rounds, every peer runs the workloads unmeasured (WARMUP_SMALL_PASSES small-file
// passes, a 32 MiB file), as the HTTP benchmark warms up: a JIT-compiled server is measured warm.
import { DeleteObjectsCommand, S3Client } from '@aws-sdk/client-s3';
import { startS3, TEST_CREDENTIALS, type TestS3 } from '../support/s3.ts';
import { startCirrusProcess, expectCall, type CirrusProcess } from './cirrus-process.ts';
import { ClientProcess, describeCpu, type ClientRun } from './client-process.ts';
import { startNginxWebdav, type NginxWebdav } from './nginx-webdav.ts';
import { startRcloneWebdav, type RcloneWebdav } from './rclone-webdav.ts';

const MiB = 1024 * 1024;
const FS = 'bench';
const UPLOADED = [200, 201, 204];
/** The warm-up's big file: enough to run every stage of the streaming paths many times over. */
const WARMUP_BIG_BYTES = 32 * MiB;
/**
 * Small-file passes of the warm-up. One was not enough: V8 (--trace-opt) compiled 984
 * functions during a fresh CirrusFS server's first 3,000 uploads, 68 during the next 3,000, 16
 * during the third, then 4-12 per pass; its upload rate rose over the first rounds measured
 * after a one-pass warm-up (2,349 -> 2,901 -> 2,884 -> 3,904 -> 3,125/s in one 5-round run).
 */
const WARMUP_SMALL_PASSES = 3;

export interface PeerSettings {
  /** Requests (or S3 objects) in flight. */
  inFlight: number;
  files: number;
  fileBytes: number;
  bigMiB: number;
  rounds: number;
}

export const PEERS = ['cirrusfs', 'rclone', 'nginx'] as const;
export type PeerName = (typeof PEERS)[number];

interface Peer {
  name: PeerName;
  origin: string;
  pid: number;
  mkdir(dir: string): Promise<void>;
  filePath(dir: string, name: string): string;
  stat: {
    method: string;
    headers?: Record<string, string>;
    okStatus: number[];
    path(dir: string, name: string): string;
  };
  /** Seconds until what was uploaded is where the peer keeps it for good (rclone: in S3). */
  settle(): Promise<number>;
}

export interface SmallRound {
  uploads: ClientRun<'ops'>;
  settleSeconds: number;
  stats: ClientRun<'ops'>;
  /** CirrusFS only: getInode of the same files. */
  inodeStats?: ClientRun<'ops'>;
}

export interface BigRound {
  upload: ClientRun<'upload'>;
  settleSeconds: number;
  download: ClientRun<'download'>;
}

export interface PeerResult {
  name: PeerName;
  small: SmallRound[];
  big: BigRound[];
}

export interface PeerRates {
  settings: PeerSettings;
  /** CirrusFS's block size: the raw S3 objects' size. */
  objectBytes: number;
  peers: Record<PeerName, PeerResult>;
  raw: { put: ClientRun<'s3-put'>[]; get: ClientRun<'s3-get'>[] };
}

const ok = async (r: Response, what: string, statuses: number[]) => {
  const text = await r.text();
  if (!statuses.includes(r.status)) throw new Error(`${what}: ${r.status} ${text.slice(0, 300)}`);
};

function cirrusPeer(server: CirrusProcess): Peer {
  const enc = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  return {
    name: 'cirrusfs',
    origin: server.url,
    pid: server.pid,
    mkdir: async (dir) => void (await expectCall(server.url, 'PUT', `/v1/fs/${FS}/dirs/${enc(dir)}`, 201)),
    filePath: (dir, name) => `/v1/fs/${FS}/files/${enc(`${dir}/${name}`)}`,
    stat: { method: 'GET', okStatus: [200], path: (dir, name) => `/v1/fs/${FS}/attrs/${enc(`${dir}/${name}`)}` },
    settle: async () => 0, // answered when durable
  };
}

function webdavPeer(name: PeerName, origin: string, pid: number, settle: () => Promise<number>): Peer {
  return {
    name,
    origin,
    pid,
    mkdir: async (dir) => ok(await fetch(`${origin}/${dir}/`, { method: 'MKCOL' }), `MKCOL /${dir}/`, [201]),
    filePath: (dir, file) => `/${dir}/${file}`,
    stat: { method: 'PROPFIND', headers: { depth: '0' }, okStatus: [207], path: (dir, file) => `/${dir}/${file}` },
    settle,
  };
}

/** The inode numbers of `names` in `dir` (listDir pages), for getInode. */
async function inodePaths(server: CirrusProcess, dir: string, names: string[]): Promise<string[]> {
  const inos = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const q = cursor ? `?cursor=${encodeURIComponent(cursor)}` : '';
    const page = await expectCall(server.url, 'GET', `/v1/fs/${FS}/dirs/${dir}${q}`, 200);
    for (const e of page.entries as { name: string; ino: number }[]) inos.set(e.name, e.ino);
    cursor = page.nextCursor;
  } while (cursor);
  return names.map((n) => {
    const ino = inos.get(n);
    if (ino === undefined) throw new Error(`${dir}/${n} is not listed`);
    return `/v1/fs/${FS}/inodes/${ino}`;
  });
}

const say = (line: string) => process.stderr.write(`[peers] ${line}\n`);
const perSecond = (r: ClientRun<'ops'>) => `${Math.round(r.ok / r.seconds)}/s`;
const mibs = (r: { bytes: number; seconds: number }) => `${(r.bytes / MiB / r.seconds).toFixed(1)} MiB/s`;

export async function measurePeers(s: PeerSettings): Promise<PeerRates> {
  const closers: (() => Promise<void>)[] = [];
  try {
    const s3: TestS3 = await startS3();
    closers.push(() => s3.close());
    const client = ClientProcess.start();
    closers.push(() => client.close());
    const cirrus = await startCirrusProcess({ objects: await s3.bucket('cirrus') });
    closers.push(() => cirrus.close());
    await s3.bucket('rclone');
    await s3.bucket('raw');
    const rclone: RcloneWebdav = await startRcloneWebdav({ s3Endpoint: s3.endpoint, bucket: 'rclone' });
    closers.push(() => rclone.close());
    const nginx: NginxWebdav = await startNginxWebdav();
    closers.push(() => nginx.close());
    const fsInfo = await expectCall(cirrus.url, 'POST', '/v1/fs', 201, { name: FS });
    const objectBytes: number = fsInfo.blockSize;
    say(
      `processes: cirrusfs ${cirrus.pid}, rclone ${rclone.pid}, nginx ${nginx.pid}, s3 ${s3.pid}, client ${client.pid}, ` +
        `bench ${process.pid}`,
    );

    const peers: Peer[] = [
      cirrusPeer(cirrus),
      webdavPeer('rclone', rclone.origin, rclone.pid, rclone.settle),
      webdavPeer('nginx', nginx.origin, nginx.pid, async () => 0),
    ];
    for (const p of peers) await p.mkdir('big');
    const results = Object.fromEntries(PEERS.map((n) => [n, { name: n, small: [], big: [] }])) as unknown as Record<
      PeerName,
      PeerResult
    >;
    const raw: PeerRates['raw'] = { put: [], get: [] };
    const names = Array.from({ length: s.files }, (_, i) => `f${i}`);
    const bigBytes = s.bigMiB * MiB;
    const rawObjects = Math.ceil(bigBytes / objectBytes);
    const rawLister = new S3Client({
      endpoint: s3.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    closers.push(async () => rawLister.destroy());

    /** The small-file workload on one peer, into a fresh directory. */
    const smallFiles = async (p: Peer, dir: string): Promise<SmallRound> => {
      const watch = { [p.name]: p.pid, s3: s3.pid };
      await p.mkdir(dir);
      const uploads = await client.run(
        {
          kind: 'ops',
          origin: p.origin,
          method: 'PUT',
          paths: names.map((n) => p.filePath(dir, n)),
          headers: { 'content-type': 'application/octet-stream' },
          bodyBytes: s.fileBytes,
          inFlight: s.inFlight,
          okStatus: UPLOADED,
        },
        watch,
      );
      const settleSeconds = await p.settle();
      const stats = await client.run(
        {
          kind: 'ops',
          origin: p.origin,
          method: p.stat.method,
          paths: names.map((n) => p.stat.path(dir, n)),
          headers: p.stat.headers,
          inFlight: s.inFlight,
          okStatus: p.stat.okStatus,
        },
        watch,
      );
      const inodeStats =
        p.name === 'cirrusfs'
          ? await client.run(
              {
                kind: 'ops',
                origin: p.origin,
                method: 'GET',
                paths: await inodePaths(cirrus, dir, names),
                inFlight: s.inFlight,
                okStatus: [200],
              },
              watch,
            )
          : undefined;
      return { uploads, settleSeconds, stats, inodeStats };
    };

    /** One big file up and down on one peer, then deleted (frees the S3 server's memory, nginx's disk). */
    const bigFile = async (p: Peer, name: string, bytes: number): Promise<BigRound> => {
      const watch = { [p.name]: p.pid, s3: s3.pid };
      const path = p.filePath('big', name);
      const upload = await client.run({ kind: 'upload', origin: p.origin, path, bytes, okStatus: UPLOADED }, watch);
      const settleSeconds = await p.settle();
      const download = await client.run({ kind: 'download', origin: p.origin, path, bytes }, watch);
      await ok(await fetch(p.origin + path, { method: 'DELETE' }), `DELETE ${path}`, [200, 204]);
      await p.settle();
      return { upload, settleSeconds, download };
    };

    // Warm-up, not measured, for every peer alike: CirrusFS is JavaScript, whose first requests
    // run before the JIT has compiled the paths they take (a fresh server's first 3,000 uploads
    // ran at a third of the rate of the next 3,000); rclone and nginx are compiled ahead.
    for (const p of peers) {
      for (let pass = 1; pass <= WARMUP_SMALL_PASSES; pass++) await smallFiles(p, `warmup${pass}`);
      await bigFile(p, 'warmup', Math.min(bigBytes, WARMUP_BIG_BYTES));
    }
    say(`warm-up done (${WARMUP_SMALL_PASSES} small-file passes and one smaller big file per peer, not measured)`);

    for (let round = 1; round <= s.rounds; round++) {
      for (const p of peers) {
        const r = await smallFiles(p, `small${round}`);
        results[p.name].small.push(r);
        const { uploads, settleSeconds, stats, inodeStats } = r;
        say(
          `round ${round} ${p.name} small: uploads ${perSecond(uploads)} (${describeOps(uploads)}; ${describeCpu(uploads.cpu)})` +
            (settleSeconds > 0 ? `, all in S3 ${settleSeconds.toFixed(1)} s later` : '') +
            `; stats ${perSecond(stats)} (${describeOps(stats)}; ${describeCpu(stats.cpu)})` +
            (inodeStats ? `; getInode ${perSecond(inodeStats)} (${describeOps(inodeStats)})` : ''),
        );
      }

      const rawJob = { endpoint: s3.endpoint, bucket: 'raw', prefix: `r${round}/`, objects: rawObjects, objectBytes };
      const put = await client.run({ kind: 's3-put', ...rawJob, inFlight: s.inFlight }, { s3: s3.pid });
      const get = await client.run({ kind: 's3-get', ...rawJob, inFlight: s.inFlight }, { s3: s3.pid });
      raw.put.push(put);
      raw.get.push(get);
      say(
        `round ${round} raw S3 ${rawObjects} x ${objectBytes / MiB} MiB: PUT ${mibs(put)} (${describeCpu(put.cpu)}); ` +
          `GET ${mibs(get)} (${describeCpu(get.cpu)})`,
      );
      await rawLister.send(
        new DeleteObjectsCommand({
          Bucket: 'raw',
          Delete: { Objects: Array.from({ length: rawObjects }, (_, i) => ({ Key: `${rawJob.prefix}${i}` })) },
        }),
      );

      for (const p of peers) {
        const r = await bigFile(p, `r${round}`, bigBytes);
        results[p.name].big.push(r);
        say(
          `round ${round} ${p.name} ${s.bigMiB} MiB: upload ${mibs(r.upload)} (${describeCpu(r.upload.cpu)})` +
            (r.settleSeconds > 0 ? `, in S3 ${r.settleSeconds.toFixed(1)} s later` : '') +
            `; download ${mibs(r.download)} (${describeCpu(r.download.cpu)})`,
        );
      }
    }
    return { settings: s, objectBytes, peers: results, raw };
  } finally {
    for (const close of closers.reverse()) await close().catch((e) => say(`cleanup: ${(e as Error).message}`));
  }
}

export function describeOps(r: ClientRun<'ops'>): string {
  const statuses = Object.entries(r.byStatus)
    .map(([code, n]) => `${code}x${n}`)
    .join(' ');
  const errors = r.errors > 0 ? `, ${r.errors} errors (${r.firstError})` : '';
  return `${statuses || 'no answers'}${errors} in ${r.seconds.toFixed(2)} s, p50 ${r.latencyMs.p50.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms`;
}
