// The rows and description lines of the peer benchmark (peer-rates.ts), with the issue's
// targets: small-file uploads >= 1.5 x rclone (CirrusFS durable against rclone's cache), stats
// >= 1.0 x rclone, 256 MiB upload and download >= 0.8 x raw S3 PUT / GET with the same
// parallelism; rclone and nginx side by side as information.
import type { ClientRun } from './client-process.ts';
import { describeCpu } from './client-process.ts';
import { describeOps, PEERS, type PeerName, type PeerRates } from './peer-rates.ts';
import { int, ratioRow, valueRow, type Row } from './table.ts';

export const SMALL_UPLOAD_TARGET = 1.5;
export const STAT_TARGET = 1.0;
export const BIG_TRANSFER_TARGET = 0.8;

const MiB = 1024 * 1024;
const perSecond = { format: int, unit: 'per s' };
const mibPerSecond = { format: (n: number) => n.toFixed(1), unit: 'MiB/s' };
const best = (xs: number[]) => Math.max(...xs);
const rate = (r: ClientRun<'ops'>) => r.ok / r.seconds;
const mibs = (r: { bytes: number; seconds: number }) => r.bytes / MiB / r.seconds;

/** Best-round figures per peer. */
function figures(r: PeerRates, name: PeerName) {
  const p = r.peers[name];
  return {
    uploads: best(p.small.map((x) => rate(x.uploads))),
    /** Files per second until the last one was in S3 (rclone; the others answer when stored). */
    uploadsStored: best(p.small.map((x) => x.uploads.ok / (x.uploads.seconds + x.settleSeconds))),
    stats: best(p.small.map((x) => rate(x.stats))),
    inodeStats: best(p.small.map((x) => (x.inodeStats ? rate(x.inodeStats) : 0))),
    bigUp: best(p.big.map((x) => mibs(x.upload))),
    bigUpStored: best(p.big.map((x) => x.upload.bytes / MiB / (x.upload.seconds + x.settleSeconds))),
    bigDown: best(p.big.map((x) => mibs(x.download))),
  };
}

export function peerRows(r: PeerRates): Row[] {
  const s = r.settings;
  const [c, rc, ng] = PEERS.map((n) => figures(r, n));
  const rawPut = best(r.raw.put.map(mibs));
  const rawGet = best(r.raw.get.map(mibs));
  const small = `PUT ${s.fileBytes} B x ${int(s.files)}, ${s.inFlight} in flight (files/s)`;
  const stat = `${int(s.files)} files, ${s.inFlight} in flight (stats/s)`;
  const big = `${s.bigMiB} MiB`;
  const rawShape = `${Math.ceil((s.bigMiB * MiB) / r.objectBytes)} x ${r.objectBytes / MiB} MiB objects, ${s.inFlight} in flight`;
  const failures = PEERS.map((n) => {
    const runs = r.peers[n].small.flatMap((x) => [x.uploads, x.stats, ...(x.inodeStats ? [x.inodeStats] : [])]);
    const attempted = runs.reduce((k, x) => k + Object.values(x.byStatus).reduce((a, b) => a + b, 0) + x.errors, 0);
    return `${n} ${int(attempted - runs.reduce((k, x) => k + x.ok, 0))}`;
  });
  return [
    valueRow(`peers rclone webdav small-file uploads, ${small}`, rc.uploads, perSecond),
    valueRow(`peers nginx webdav (local disk) small-file uploads, ${small}`, ng.uploads, perSecond),
    ratioRow(
      'peers cirrusfs uploadFile small files (durable) vs rclone (answered from its cache)',
      c.uploads,
      rc.uploads,
      {
        ...perSecond,
        target: { atLeast: SMALL_UPLOAD_TARGET },
      },
    ),
    ratioRow(
      'peers cirrusfs uploadFile small files vs rclone until all in S3 (incl. its write-back delay)',
      c.uploads,
      rc.uploadsStored,
      perSecond,
    ),
    ratioRow('peers cirrusfs uploadFile small files vs nginx (the limit)', c.uploads, ng.uploads, perSecond),
    valueRow(`peers rclone webdav PROPFIND Depth 0, ${stat}`, rc.stats, perSecond),
    valueRow(`peers nginx webdav PROPFIND Depth 0, ${stat}`, ng.stats, perSecond),
    ratioRow('peers cirrusfs statPath GET /v1/fs/{fs}/attrs/{path} vs rclone PROPFIND', c.stats, rc.stats, {
      ...perSecond,
      target: { atLeast: STAT_TARGET },
    }),
    ratioRow(
      'peers cirrusfs getInode GET /v1/fs/{fs}/inodes/{ino} vs rclone PROPFIND',
      c.inodeStats,
      rc.stats,
      perSecond,
    ),
    ratioRow('peers cirrusfs statPath vs nginx PROPFIND (the limit)', c.stats, ng.stats, perSecond),
    valueRow(`peers s3 raw PUT ${rawShape} (MiB/s)`, rawPut, mibPerSecond),
    ratioRow(`peers cirrusfs ${big} upload, one PUT, durable when answered, vs raw S3 PUT`, c.bigUp, rawPut, {
      ...mibPerSecond,
      target: { atLeast: BIG_TRANSFER_TARGET },
    }),
    ratioRow(`peers rclone ${big} upload, answered from its cache, vs raw S3 PUT`, rc.bigUp, rawPut, mibPerSecond),
    ratioRow(
      `peers rclone ${big} upload until in S3 (incl. its write-back delay) vs raw S3 PUT`,
      rc.bigUpStored,
      rawPut,
      mibPerSecond,
    ),
    ratioRow(`peers nginx ${big} upload to local disk vs raw S3 PUT`, ng.bigUp, rawPut, mibPerSecond),
    ratioRow(`peers cirrusfs ${big} upload vs rclone`, c.bigUp, rc.bigUp, mibPerSecond),
    valueRow(`peers s3 raw GET ${rawShape} (MiB/s)`, rawGet, mibPerSecond),
    ratioRow(`peers cirrusfs ${big} download, one GET, vs raw S3 GET`, c.bigDown, rawGet, {
      ...mibPerSecond,
      target: { atLeast: BIG_TRANSFER_TARGET },
    }),
    ratioRow(`peers rclone ${big} download vs raw S3 GET`, rc.bigDown, rawGet, mibPerSecond),
    ratioRow(`peers nginx ${big} download from local disk vs raw S3 GET`, ng.bigDown, rawGet, mibPerSecond),
    ratioRow(`peers cirrusfs ${big} download vs rclone`, c.bigDown, rc.bigDown, mibPerSecond),
    { metric: 'peers: small-file answers other than success, and errors (all rounds)', value: failures.join(', ') },
  ];
}

const list = (xs: number[], digits = 0) => xs.map((x) => (digits ? x.toFixed(digits) : int(x))).join(', ');

export function describePeers(r: PeerRates): string[] {
  const s = r.settings;
  const lines = [
    `Peers: ${s.rounds} interleaved rounds, best reported. Processes: CirrusFS server (memory metadata, S3 objects, log ` +
      'level warn), rclone serve webdav (--vfs-cache-mode writes, env -u AWS_CA_BUNDLE), nginx (dav + dav-ext modules, ' +
      'one worker, local temp dir), the S3 server (fauxqs, shared by CirrusFS, rclone and raw S3), and one client process ' +
      `(undici, keep-alive, ${s.inFlight} connections, one request each; raw S3 via the AWS SDK on a keep-alive agent with ` +
      `${s.inFlight} sockets); the bench process only orchestrates. Small files: ${int(s.files)} x ${s.fileBytes} B PUT ` +
      'into a fresh directory, then one stat each (CirrusFS statPath GET /v1/fs/{fs}/attrs/{dir}/{name} and getInode ' +
      'GET /v1/fs/{fs}/inodes/{ino}; WebDAV PROPFIND /{dir}/{name}, Depth: 0, no body). Big file: one streamed PUT, then ' +
      `one GET, of ${s.bigMiB} MiB; raw S3 moves the same bytes as objects of CirrusFS's block size ` +
      `(${r.objectBytes / MiB} MiB). rclone answers uploads from its disk cache: before each next step the bench waits ` +
      'until its upload queue is empty ("until in S3" rows), and its download of the file it just took is served from ' +
      "the copy in that cache (the S3 server's CPU share during it shows whether S3 was read).",
  ];
  for (const n of PEERS) {
    const p = r.peers[n];
    lines.push(
      `  ${n}: uploads ${list(p.small.map((x) => rate(x.uploads)))}/s; stats ${list(p.small.map((x) => rate(x.stats)))}/s` +
        (n === 'cirrusfs' ? `; getInode ${list(p.small.map((x) => (x.inodeStats ? rate(x.inodeStats) : 0)))}/s` : '') +
        `; ${s.bigMiB} MiB up ${list(
          p.big.map((x) => mibs(x.upload)),
          1,
        )} MiB/s, down ${list(
          p.big.map((x) => mibs(x.download)),
          1,
        )} MiB/s` +
        (n === 'rclone'
          ? `; until in S3: small files +${list(
              p.small.map((x) => x.settleSeconds),
              1,
            )} s, big file +${list(
              p.big.map((x) => x.settleSeconds),
              1,
            )} s`
          : ''),
    );
    const last = p.small[p.small.length - 1];
    const lastBig = p.big[p.big.length - 1];
    lines.push(
      `    last round: uploads ${describeOps(last.uploads)}, ${describeCpu(last.uploads.cpu)}; stats ${describeOps(last.stats)}, ` +
        `${describeCpu(last.stats.cpu)}; big upload ${describeCpu(lastBig.upload.cpu)}; big download ${describeCpu(lastBig.download.cpu)}`,
    );
  }
  lines.push(
    `  raw S3: PUT ${list(r.raw.put.map(mibs), 1)} MiB/s, GET ${list(r.raw.get.map(mibs), 1)} MiB/s; last round PUT ` +
      `${describeCpu(r.raw.put[r.raw.put.length - 1].cpu)}; GET ${describeCpu(r.raw.get[r.raw.get.length - 1].cpu)}`,
  );
  return lines;
}
