// The memory engine's heap per file at 1,000,000 files (memory-footprint.ts), target <= 300 B.
import type { BenchGroup } from './bench-group.ts';
import { measureMemoryFootprint } from './memory-footprint.ts';
import { fixed, int, mib, verdict } from './table.ts';

const BYTES_PER_FILE_TARGET = 300;

export const memoryGroup: BenchGroup = {
  name: 'memory',
  async run(s) {
    const mem = await measureMemoryFootprint({
      files: s.files,
      filesPerDir: s.filesPerDir,
      concurrency: s.concurrency,
    });
    return {
      notes: [
        `Memory: ${int(mem.files)} files in ${int(mem.dirs)} directories via FileSystems.createEntry, ${s.concurrency} in flight, ` +
          "heap after gc with the MemoryKv closed (tree still held); the directories' own records are in the per-file cost" +
          (mem.otherCpu === undefined ? '.' : `; others used ${mem.otherCpu.toFixed(2)} cores meanwhile.`),
      ],
      rows: [
        {
          metric: `memory engine heap per file @ ${int(mem.files)} files (B)`,
          value: fixed(mem.bytesPerFile, 1),
          target: `<= ${BYTES_PER_FILE_TARGET}`,
          verdict: verdict(mem.bytesPerFile <= BYTES_PER_FILE_TARGET),
          figures: { value: mem.bytesPerFile, unit: 'B/file' },
        },
        { metric: 'memory engine heap: before -> after', value: `${mib(mem.heapBefore)} -> ${mib(mem.heapAfter)}` },
        { metric: 'memory engine KV keys (per file)', value: `${int(mem.keys)} (${fixed(mem.keys / mem.files)})` },
        { metric: `memory engine create time, ${int(mem.dirs)} dirs + files (s)`, value: fixed(mem.createSeconds, 1) },
        {
          metric: 'memory engine creates/s (in-process, no HTTP)',
          value: int(mem.createsPerSecond),
          figures: { value: mem.createsPerSecond, unit: 'creates/s' },
        },
        { metric: 'memory engine log group writes (each durable) during creates', value: int(mem.logSyncs) },
        { metric: 'memory engine kv.close() incl. final snapshot (s)', value: fixed(mem.closeSeconds, 1) },
        {
          metric: 'memory engine snapshot.curvefs on close (bytes, B/file)',
          value: `${int(mem.snapshotBytes)} (${fixed(mem.snapshotBytes / mem.files, 1)})`,
        },
        { metric: 'memory engine process rss after', value: mib(mem.rssAfter) },
      ],
    };
  },
};
