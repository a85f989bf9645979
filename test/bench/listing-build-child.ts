// Child process of the listing benchmark (listing-scale.ts): builds the directories to list in a
// memory-engine metadata directory, then closes the engine (final snapshot) so that a CirrusFS
// server can open it. This is setup, not what is measured, so it goes as fast as the engine
// allows while still writing exactly what a create writes: the namespace's own createEntry,
// many creates per transaction (as many as the engine's per-transaction write limit admits),
// several transactions in flight, inode numbers from the filesystem's own allocator.
import { createEntry } from '../../src/fs/namespace.ts';
import { Catalogue } from '../../src/fs/catalogue.ts';
import { FileSystems, NO_UNFLUSHED_WRITES, ROOT_CALLER } from '../../src/fs/service.ts';
import { MemoryKv } from '../../src/kv/memory.ts';
import type { ListingBuild, ListingBuilt } from './listing-spec.ts';

/** Keys one create writes: the inode, the dentry, a directory counter shard, a usage shard (fs/namespace.ts). */
const KEYS_PER_CREATE = 4;
const TRANSACTIONS_IN_FLIGHT = 16;
const PROGRESS_EVERY = 200_000;
const meta = { caller: ROOT_CALLER };

async function build(spec: ListingBuild): Promise<ListingBuilt> {
  const t0 = performance.now();
  // No intermediate snapshots (each would write the whole growing tree): close writes the one
  // the server opens.
  const kv = await MemoryKv.open({ dir: spec.metaDir, snapshotLogBytes: Number.MAX_SAFE_INTEGER });
  const fss = new FileSystems({ kv, catalogue: new Catalogue(kv), unflushed: NO_UNFLUSHED_WRITES });
  const fs = (await fss.createFs({ name: spec.fsName }, meta)).value;
  const perTx = Math.floor(kv.limits.maxWritesPerTx / KEYS_PER_CREATE);
  const inos = fss.inoAllocator(fs);
  for (const d of spec.dirs) {
    const dir = (await fss.createEntry(fs.name, meta, fs.rootIno, d.name, { type: 'dir' })).value.ino;
    let next = 0;
    let reported = 0;
    const worker = async () => {
      while (next < d.entries) {
        const first = next;
        const count = Math.min(perTx, d.entries - first);
        next += count;
        const batch: number[] = [];
        for (let i = 0; i < count; i++) batch.push(await inos.allocate());
        await fss.mutate(fs.name, meta, async (c) => {
          for (let i = 0; i < count; i++) await createEntry(c, dir, `f${first + i}`, { type: 'file' }, batch[i]);
        });
        if (next - reported >= PROGRESS_EVERY) {
          reported = next;
          process.stderr.write(`[listing] ${d.name}: ${next}/${d.entries} entries\n`);
        }
      }
    };
    await Promise.all(Array.from({ length: TRANSACTIONS_IN_FLIGHT }, worker));
  }
  const keys = (kv.stats() as { keys: number }).keys;
  await kv.close();
  return { seconds: (performance.now() - t0) / 1000, keys };
}

const spec = JSON.parse(process.argv[2] ?? '') as ListingBuild;
build(spec).then(
  (result) => process.send!(result, () => process.disconnect()),
  (e: unknown) => {
    process.stderr.write(`[listing] build failed: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  },
);
