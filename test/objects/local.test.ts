import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import t from 'tap';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { runObjectStoreConformance } from './conformance.ts';

t.test('local directory store conformance', async (t) => {
  const dirs: string[] = [];
  t.teardown(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });
  runObjectStoreConformance(t, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cirrus-obj-'));
    dirs.push(dir);
    return LocalObjectStore.open(dir);
  });
});
