// A CirrusFS server in a process of its own (`npm start`'s entry, test/support/server.ts
// spawnServer) for the data, peer and listing benchmarks: the client runs elsewhere
// (client-process.ts), so the server's share of the machine is its own. Memory metadata in a
// temp directory (or a given one, e.g. prepared by listing-build-child.ts); objects where
// `objects` says (CIRRUS_OBJECTS); log level warn, as the in-process bench servers.
import { rm } from 'node:fs/promises';
import { call } from '../support/api.ts';
import { spawnServer, tempDir } from '../support/server.ts';

const STOP_GRACE_MS = 30_000;

export interface CirrusProcess {
  url: string;
  pid: number;
  /** Holds meta/ (and objects/ for file: objects). */
  dir: string;
  close(): Promise<void>;
}

export async function startCirrusProcess(
  opts: { objects?: string; dir?: string; env?: Record<string, string> } = {},
): Promise<CirrusProcess> {
  const dir = opts.dir ?? (await tempDir('cirrus-bench-'));
  const env: Record<string, string> = { CIRRUS_LOG_LEVEL: 'warn', ...opts.env };
  if (opts.objects) env.CIRRUS_OBJECTS = opts.objects;
  const server = await spawnServer(dir, env);
  return {
    url: server.url,
    pid: server.child.pid!,
    dir,
    close: async () => {
      if (server.child.exitCode === null && server.child.signalCode === null) {
        const force = setTimeout(() => server.child.kill('SIGKILL'), STOP_GRACE_MS);
        server.child.kill('SIGTERM');
        await server.exited;
        clearTimeout(force);
      }
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `method path` with a JSON body, expecting `status` (setup calls: failing loudly beats measuring nothing). */
export async function expectCall(
  url: string,
  method: string,
  path: string,
  status: number,
  body?: unknown,
): Promise<any> {
  const r = await call(url, method, path, body);
  if (r.status !== status) throw new Error(`${method} ${path} answered ${r.status}: ${r.text}`);
  return r.json;
}
