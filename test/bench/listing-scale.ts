// Listing at scale: the first page of a huge directory should cost about what the first page of
// a small one does (issue target: 1,000,000 entries <= 2 x 1,000 entries). A child process
// builds both directories in a memory-engine metadata directory (listing-build-child.ts: setup,
// not measured), a CirrusFS server opens it in its own process (cirrus-process.ts), and the
// client process (client-process.ts) asks for the first page of each, one request at a time,
// in interleaved rounds after a warm-up: listDir GET /v1/fs/{fs}/dirs/{name} with the default
// page size.
import { fork } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from '../support/api.ts';
import { tempDir } from '../support/server.ts';
import { startCirrusProcess } from './cirrus-process.ts';
import { ClientProcess, type ClientRun } from './client-process.ts';
import type { ListingBuild, ListingBuilt } from './listing-spec.ts';

const CHILD = fileURLToPath(new URL('./listing-build-child.ts', import.meta.url));
const FS = 'bench';

export interface ListingSettings {
  /** Entries of the big directory. */
  entries: number;
  /** Entries of the baseline directory. */
  baseEntries: number;
  /** First-page requests per run. */
  pages: number;
  rounds: number;
}

export interface ListingRates {
  settings: ListingSettings;
  build: ListingBuilt;
  /** From spawning the server on the built metadata to its first healthy answer. */
  serverStartSeconds: number;
  /** Entries on the first page (both directories). */
  pageEntries: number;
  big: ClientRun<'ops'>[];
  base: ClientRun<'ops'>[];
}

async function buildDirs(spec: ListingBuild): Promise<ListingBuilt> {
  const child = fork(CHILD, [JSON.stringify(spec)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let result: ListingBuilt | undefined;
  child.on('message', (m: ListingBuilt) => (result = m));
  const how = await new Promise<string>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ?? String(code)));
  });
  if (how !== '0' || !result) throw new Error(`listing build child exited (${how}) without a result`);
  return result;
}

export async function measureListing(s: ListingSettings): Promise<ListingRates> {
  const dir = await tempDir('cirrus-bench-listing-');
  const client = ClientProcess.start();
  try {
    process.stderr.write(`[listing] building ${s.entries} + ${s.baseEntries} entries\n`);
    const build = await buildDirs({
      metaDir: join(dir, 'meta'),
      fsName: FS,
      dirs: [
        { name: 'base', entries: s.baseEntries },
        { name: 'big', entries: s.entries },
      ],
    });
    const t0 = performance.now();
    const server = await startCirrusProcess({ dir });
    const serverStartSeconds = (performance.now() - t0) / 1000;
    try {
      const first = async (name: string) => {
        const r = await call(server.url, 'GET', `/v1/fs/${FS}/dirs/${name}`);
        if (r.status !== 200) throw new Error(`listDir ${name}: ${r.status} ${r.text}`);
        return (r.json.entries as unknown[]).length;
      };
      const [bigPage, basePage] = [await first('big'), await first('base')];
      if (bigPage !== basePage) throw new Error(`first pages differ: ${bigPage} entries (big) vs ${basePage} (base)`);
      const run = (name: string) =>
        client.run(
          {
            kind: 'ops',
            origin: server.url,
            method: 'GET',
            paths: Array.from({ length: s.pages }, () => `/v1/fs/${FS}/dirs/${name}`),
            inFlight: 1,
            okStatus: [200],
          },
          { cirrusfs: server.pid },
        );
      // Warm-up (not reported): the server's first requests compile its code paths.
      await run('base');
      await run('big');
      const big: ClientRun<'ops'>[] = [];
      const base: ClientRun<'ops'>[] = [];
      for (let round = 1; round <= s.rounds; round++) {
        base.push(await run('base'));
        big.push(await run('big'));
        const ms = (r: ClientRun<'ops'>) => `median ${r.latencyMs.p50.toFixed(2)} ms`;
        process.stderr.write(
          `[listing] round ${round}: first page of ${s.baseEntries} entries ${ms(base[round - 1])}, ` +
            `of ${s.entries} entries ${ms(big[round - 1])}\n`,
        );
      }
      return { settings: s, build, serverStartSeconds, pageEntries: bigPage, big, base };
    } finally {
      await server.close();
    }
  } finally {
    await client.close();
    await rm(dir, { recursive: true, force: true });
  }
}
