// fsck's object pass: the filesystem's bucket prefix, listed page by page (ObjectStore.list
// pages through S3's ListObjectsV2), each key checked against the objects the census found
// named. A key nothing names is only a candidate: before it is reported as leaked (and deleted
// by --repair) it is checked against the store as it is *now* — the inode's slices and the
// upload intents, read in one transaction — since an upload may have begun after the view was
// taken. An object exists only after its intent was written (fs/slices.ts), so an object that
// no live intent and no live slice names is one nothing will ever name.
import { decodeSlice } from '../../fs/codec.ts';
import { decodeIntent } from '../../fs/intents.ts';
import { inodeGroup, intentGroup } from '../../fs/keys.ts';
import { fsObjectPrefix, sliceObjectKeys } from '../../fs/layout.ts';
import type { FsInfo } from '../../fs/model.ts';
import type { KvStore, Tx } from '../../kv/types.ts';
import type { ObjectStore } from '../../objects/types.ts';
import type { Progress } from '../progress.ts';
import type { Census } from './census.ts';
import type { Finding, FindingLog } from './findings.ts';

/** Candidates checked (and deleted) together: one inode's, at most this many at a time. */
const CANDIDATE_BATCH = 1000;
const SCAN_PAGE = 1000;
const BLOCK_OBJECT = /^(\d+)\/(\d+)\/(\d+)\/(\d+)_(\d+)_(\d+)$/;

/** Every page of a scan inside one transaction. */
async function scanAll(
  tx: Tx,
  group: string,
  prefix: string | undefined,
  visit: (value: Buffer) => void,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await tx.scan(group, { prefix, after, limit: SCAN_PAGE });
    for (const e of page.entries) visit(e.value);
    if (!page.more) return;
    after = page.last;
  }
}

export async function checkObjects(
  deps: { kv: KvStore; objects: ObjectStore },
  fs: FsInfo,
  census: Census,
  opts: { repair: boolean; log: FindingLog; progress: Progress },
): Promise<{ listed: number }> {
  let listed = 0;
  let batch: { ino: number; keys: string[] } | undefined;
  const resolve = async () => {
    if (!batch) return;
    const { ino, keys } = batch;
    batch = undefined;
    const leaked = await stillUnnamed(deps.kv, fs, ino, keys);
    const found: Finding[] = leaked.map((key) =>
      opts.log.add({ kind: 'leaked-object', ino, key, what: `object ${key} (inode ${ino}) is named by nothing` }),
    );
    if (opts.repair && leaked.length > 0) {
      await deps.objects.delete(leaked);
      for (const f of found) opts.log.repaired(f);
    }
  };
  opts.progress.phase(`objects ${fs.name}`, { unit: 'objects', total: census.expected.size, estimated: true });
  for await (const key of deps.objects.list(fsObjectPrefix(fs.id))) {
    listed++;
    if (listed % SCAN_PAGE === 0) opts.progress.update(listed);
    if (census.expected.see(key)) continue;
    const m = BLOCK_OBJECT.exec(key);
    const ino = m ? Number(m[3]) : Number.NaN;
    if (!m || Number(m[1]) !== fs.id || Number(m[2]) !== ino % 256) {
      opts.log.add({ kind: 'foreign-object', key, what: `object ${key} is not a block object of ${fs.name}` });
      continue;
    }
    if (census.intentNamed.has(`${ino}/${m[4]}`)) continue; // an upload in progress (or its intent expired)
    if (batch && (batch.ino !== ino || batch.keys.length >= CANDIDATE_BATCH)) await resolve();
    batch ??= { ino, keys: [] };
    batch.keys.push(key);
  }
  await resolve();
  opts.progress.update(listed);
  opts.progress.done();
  return { listed };
}

/** The candidates that the inode's slices and the upload intents, as they are now, do not name. */
async function stillUnnamed(kv: KvStore, fs: FsInfo, ino: number, keys: string[]): Promise<string[]> {
  return kv.transact(async (tx) => {
    const named = new Set<string>();
    await scanAll(tx, inodeGroup(fs.id, ino), 's', (v) => {
      for (const key of sliceObjectKeys(fs, fs.id, ino, decodeSlice(v))) named.add(key);
    });
    const intentSlices = new Set<number>();
    await scanAll(tx, intentGroup(fs.id), undefined, (v) => {
      const intent = decodeIntent(v);
      if (intent.ino === ino) for (const id of intent.sliceIds) intentSlices.add(id);
    });
    return keys.filter((key) => {
      const sliceId = Number(BLOCK_OBJECT.exec(key)![4]);
      return !named.has(key) && !intentSlices.has(sliceId);
    });
  });
}
