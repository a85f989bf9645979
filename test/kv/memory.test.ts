import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { MemoryKv } from '../../src/kv/memory.ts';
import { runKvConformance } from './conformance.ts';

const dirs: string[] = [];
t.teardown(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

t.test('memory engine conformance', async (t) => {
  runKvConformance(t, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cirrus-kv-'));
    dirs.push(dir);
    return MemoryKv.open({ dir });
  });
});
