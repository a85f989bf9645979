// The peer users pick today: `rclone serve webdav` over the same S3 server as CirrusFS (Debian's
// rclone, `--vfs-cache-mode writes`: uploads are answered from rclone's disk cache and sent to
// S3 after its write-back delay, 5 s by default). Configured as the project's environment notes
// describe: an S3 remote with provider Other, path-style, and run under `env -u AWS_CA_BUNDLE`
// because rclone 1.60 refuses every S3 remote when that variable names a CA bundle. Its remote
// control API (loopback, no auth) tells when the cache has no uploads left (`vfs/stats`), so the
// bench can wait for the bytes to be in S3 before the next workload, and say how long that took.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports.ts';
import { TEST_CREDENTIALS } from '../support/s3.ts';
import { ensureDebianTool } from './debian-tools.ts';
import { spawnDaemon, waitReady } from './daemon.ts';

const SETTLE_POLL_MS = 50;
const SETTLE_TIMEOUT_MS = 120_000;
/** Under the local S3 server's 11 MiB body limit. */
const RCLONE_UPLOAD_CUTOFF = '8M';

export interface RcloneWebdav {
  origin: string;
  pid: number;
  /** Wait until rclone's cache has no uploads queued or in progress; the seconds it took. */
  settle(): Promise<number>;
  close(): Promise<void>;
}

interface VfsStats {
  diskCache?: { uploadsInProgress: number; uploadsQueued: number };
}

export async function startRcloneWebdav(opts: { s3Endpoint: string; bucket: string }): Promise<RcloneWebdav> {
  ensureDebianTool({ name: 'rclone (benchmark peer)', commands: ['rclone'], packages: ['rclone'] });
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-bench-rclone-'));
  const config = join(dir, 'rclone.conf');
  await writeFile(
    config,
    [
      '[locals3]',
      'type = s3',
      'provider = Other',
      `endpoint = ${opts.s3Endpoint}`,
      `access_key_id = ${TEST_CREDENTIALS.accessKeyId}`,
      `secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}`,
      'region = us-east-1',
      'force_path_style = true',
      // The local S3 server refuses bodies over 11 MiB (fauxqs' limit; real S3 takes 5 GiB in one
      // PUT): bigger files go in multipart uploads of rclone's default 5 MiB parts. rclone's own
      // cutoff (200 MiB) already sends the default 256 MiB file that way; this only keeps
      // smaller BENCH_PEER_MIB settings working.
      `upload_cutoff = ${RCLONE_UPLOAD_CUTOFF}`,
      '',
    ].join('\n'),
  );
  const [port, rcPort] = [await freePort(), await freePort()];
  const origin = `http://127.0.0.1:${port}`;
  const rc = `http://127.0.0.1:${rcPort}`;
  // rclone [flags]: `env -u AWS_CA_BUNDLE` execs rclone, so the pid is rclone's.
  const daemon = spawnDaemon('rclone', 'env', [
    '-u',
    'AWS_CA_BUNDLE',
    'rclone',
    'serve',
    'webdav',
    `locals3:${opts.bucket}`,
    '--config',
    config,
    '--addr',
    `127.0.0.1:${port}`,
    '--vfs-cache-mode',
    'writes',
    '--cache-dir',
    join(dir, 'cache'),
    '--rc',
    '--rc-addr',
    `127.0.0.1:${rcPort}`,
    '--rc-no-auth',
  ]);
  const close = async () => {
    await daemon.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady('rclone serve webdav', daemon, async () => {
      const [dav, ctl] = await Promise.all([
        fetch(`${origin}/`, { method: 'OPTIONS' }),
        fetch(`${rc}/core/version`, { method: 'POST' }),
      ]);
      return dav.ok && ctl.ok;
    });
  } catch (e) {
    await close();
    throw e;
  }
  const stats = async (): Promise<VfsStats> => {
    const r = await fetch(`${rc}/vfs/stats`, { method: 'POST' });
    if (!r.ok) throw new Error(`rclone rc vfs/stats: ${r.status} ${await r.text()}`);
    return (await r.json()) as VfsStats;
  };
  return {
    origin,
    pid: daemon.pid,
    settle: async () => {
      const t0 = performance.now();
      let logged = '';
      for (;;) {
        const c = (await stats()).diskCache;
        logged += daemon.takeStderr();
        if (!c) throw new Error('rclone rc vfs/stats: no diskCache (is --vfs-cache-mode writes set?)');
        if (c.uploadsInProgress + c.uploadsQueued === 0) return (performance.now() - t0) / 1000;
        // rclone retries a failed upload for ever (with backoff): say why instead of waiting.
        const failed = /ERROR : .*/.exec(logged);
        if (failed || performance.now() - t0 > SETTLE_TIMEOUT_MS) {
          const left = c.uploadsInProgress + c.uploadsQueued;
          const waited = Math.round(performance.now() - t0);
          throw new Error(`rclone still has ${left} uploads after ${waited} ms: ${failed?.[0] ?? 'no error logged'}`);
        }
        await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
      }
    },
    close,
  };
}
