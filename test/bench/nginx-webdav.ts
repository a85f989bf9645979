// The "no metadata, no S3" limit: nginx (Debian) serving a local temp directory over WebDAV
// (its dav module for PUT/DELETE/MKCOL, the dav-ext module for PROPFIND). A minimal config in a
// temp directory, one worker, access log off, started in the foreground (daemon off) on a free
// loopback port and stopped by pid. Files land on local disk without fsync: nothing CirrusFS
// stores or keeps durable is paid here, so it bounds what HTTP on this machine allows.
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/ports.ts';
import { ensureDebianTool } from './debian-tools.ts';
import { spawnDaemon, waitReady } from './daemon.ts';

const DAV_EXT_MODULE = '/usr/lib/nginx/modules/ngx_http_dav_ext_module.so';

export interface NginxWebdav {
  origin: string;
  pid: number;
  close(): Promise<void>;
}

export async function startNginxWebdav(): Promise<NginxWebdav> {
  ensureDebianTool({
    name: 'nginx with WebDAV (benchmark peer)',
    commands: ['nginx'],
    files: [DAV_EXT_MODULE],
    packages: ['nginx-light', 'libnginx-mod-http-dav-ext'],
  });
  const dir = await mkdtemp(join(tmpdir(), 'cirrus-bench-nginx-'));
  const root = join(dir, 'root');
  const bodies = join(dir, 'bodies');
  await mkdir(root);
  await mkdir(bodies);
  // Run as root, nginx's worker drops to an unprivileged user: it must reach the tree.
  await chmod(dir, 0o755);
  await chmod(root, 0o777);
  await chmod(bodies, 0o777);
  const port = await freePort();
  const config = join(dir, 'nginx.conf');
  await writeFile(
    config,
    `load_module ${DAV_EXT_MODULE};
daemon off;
worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log stderr warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_max_body_size 0;
  client_body_temp_path ${bodies};
  proxy_temp_path ${bodies};
  fastcgi_temp_path ${bodies};
  uwsgi_temp_path ${bodies};
  scgi_temp_path ${bodies};
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / {
      dav_methods PUT DELETE MKCOL;
      dav_ext_methods PROPFIND OPTIONS;
      create_full_put_path on;
    }
  }
}
`,
  );
  const daemon = spawnDaemon('nginx', 'nginx', ['-c', config, '-p', dir, '-e', 'stderr']);
  const origin = `http://127.0.0.1:${port}`;
  const close = async () => {
    await daemon.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady('nginx', daemon, async () => (await fetch(`${origin}/`, { method: 'OPTIONS' })).ok);
  } catch (e) {
    await close();
    throw e;
  }
  return { origin, pid: daemon.pid, close };
}
