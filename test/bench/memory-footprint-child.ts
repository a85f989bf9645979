// Child process (node --expose-gc --import tsx): heap cost of the memory engine per file.
// Creates `files` files in directories of `filesPerDir` through FileSystems (the same code
// path as the HTTP routes, minus HTTP), `concurrency` creates in flight, then closes the KV
// (final snapshot) and measures the heap that the engine's tree still holds.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Catalogue } from '../../src/fs/catalogue.ts';
import { FileSystems, NO_UNFLUSHED_WRITES, ROOT_CALLER } from '../../src/fs/service.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import type { MemoryResult, MemorySpec } from './memory-spec.ts';

const PROGRESS_EVERY = 100_000;
const meta = { caller: ROOT_CALLER };

function fullGc(): void {
  const gc = globalThis.gc;
  if (!gc) throw new Error('run with node --expose-gc');
  // Several passes: weak references and finalizers may free more on a later one.
  for (let i = 0; i < 4; i++) gc();
}

/** Run job(0..count-1) with at most `concurrency` in flight. */
async function pool(count: number, concurrency: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await job(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

async function main(spec: MemorySpec): Promise<MemoryResult> {
  const kv = await MemoryKv.open({ dir: spec.metaDir });
  const fss = new FileSystems({ kv, catalogue: new Catalogue(kv), unflushed: NO_UNFLUSHED_WRITES });
  const fs = (await fss.createFs({ name: 'mem' }, meta)).value;
  fullGc();
  const heapBefore = process.memoryUsage().heapUsed;

  const t0 = performance.now();
  const dirs = Math.ceil(spec.files / spec.filesPerDir);
  const dirInos: number[] = new Array(dirs);
  await pool(dirs, spec.concurrency, async (d) => {
    const m = await fss.createEntry(fs.name, meta, fs.rootIno, `d${d}`, { type: 'dir' });
    dirInos[d] = m.value.ino;
  });
  let lastReport = t0;
  await pool(spec.files, spec.concurrency, async (i) => {
    await fss.createEntry(fs.name, meta, dirInos[Math.floor(i / spec.filesPerDir)], `f${i % spec.filesPerDir}`, {
      type: 'file',
    });
    const done = i + 1;
    if (done % PROGRESS_EVERY === 0) {
      const now = performance.now();
      const rate = PROGRESS_EVERY / ((now - lastReport) / 1000);
      lastReport = now;
      const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
      process.stderr.write(
        `[memory] ${done}/${spec.files} files, ${((now - t0) / 1000).toFixed(1)} s, ` +
          `${Math.round(rate)} creates/s lately, heap ${heapMiB.toFixed(0)} MiB\n`,
      );
    }
  });
  const createSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  await kv.close();
  const closeSeconds = (performance.now() - t1) / 1000;
  const snapshotBytes = (await stat(join(spec.metaDir, 'snapshot.curvefs'))).size;

  // The closed store still holds its tree: that is what a running server keeps in memory.
  fullGc();
  const mem = process.memoryUsage();
  const stats = kv.stats() as { keys: number; logSyncs: number };
  const cpu = process.cpuUsage();
  return {
    files: spec.files,
    dirs,
    keys: stats.keys,
    heapBefore,
    heapAfter: mem.heapUsed,
    bytesPerFile: (mem.heapUsed - heapBefore) / spec.files,
    rssAfter: mem.rss,
    externalAfter: mem.external,
    createSeconds,
    createsPerSecond: (dirs + spec.files) / createSeconds,
    closeSeconds,
    snapshotBytes,
    logSyncs: stats.logSyncs,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

const spec = JSON.parse(process.argv[2] ?? '') as MemorySpec;
main(spec).then(
  (result) => process.send!(result, () => process.disconnect()),
  (e: unknown) => {
    process.stderr.write(`[memory] failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
