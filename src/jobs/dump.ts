// Dump: one filesystem, or all of them, as a CURVEFS dump file (kv/dump-file.ts, DIGEST §7.2):
// every record the filesystem has (fs/keys.ts fsRecordGroups), exactly as stored, read from one
// view of the store (kv/types.ts KvView) and streamed to the file page by page, so memory stays
// flat however many files there are. Metadata only: the dump names the objects, it does not
// copy them — a load into another engine shares the same object store.
//
// The file holds a header pair (DUMP_HEADER_KEY: which filesystems, by name and id), then each
// filesystem's records in fsRecordGroups order, each pair keyed by the record's flat key
// (`group \0 item`). On memory and etcd the view is one snapshot and ordered, so the same state
// always dumps to the same bytes, whichever engine held it. On DynamoDB (per-item view, table
// order) the dump reads everything a second time and refuses to finish if anything changed in
// between (EAGAIN): with writers stopped it is exact; with writers running it is refused
// rather than passed off as a consistent copy. (A change confined to keys created and removed
// again between their two reads can escape that check; stop the writers for a guaranteed copy.)
import { crc32c } from '@node-rs/crc32';
import { fsErr } from '../errno.ts';
import { fsRecordGroups } from '../fs/keys.ts';
import type { FsInfo } from '../fs/model.ts';
import { flatKey } from '../kv/buffered-tx.ts';
import { DumpWriter, RESERVED_KEY_PREFIX } from '../kv/dump-file.ts';
import type { KvStore, KvView, ViewEntry } from '../kv/types.ts';
import { NO_PROGRESS, type Progress } from './progress.ts';
import { pickFilesystems, viewUsage } from './view-catalogue.ts';

/** The dump's first pair: what it holds. */
export const DUMP_HEADER_KEY = `${RESERVED_KEY_PREFIX}cirrus.dump`;
export const DUMP_FORMAT = 'cirrusfs-dump';
export const DUMP_FORMAT_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: typeof DUMP_FORMAT_VERSION;
  filesystems: { name: string; id: number }[];
}

export interface DumpOptions {
  /** The file to write (written as `path.partial`, renamed when whole). */
  path: string;
  /** One filesystem by name; all live filesystems when absent. */
  fs?: string;
  progress?: Progress;
}

export interface DumpResult {
  path: string;
  filesystems: { name: string; id: number; pairs: number }[];
  pairs: number;
  bytes: number;
  seconds: number;
  /** What the view promised (kv/types.ts KvView), and whether a second read confirmed it. */
  consistency: KvView['consistency'];
  verifiedByRereading: boolean;
}

/** Order-independent digest of a set of pairs: two sums of CRC32Cs, and the count. */
class PairDigest {
  private a = 0;
  private b = 0;
  private n = 0;

  add(key: string, value: Buffer): void {
    const k = Buffer.from(key, 'latin1');
    this.a = (this.a + crc32c(value, crc32c(k))) >>> 0;
    this.b = (this.b + crc32c(k, crc32c(value, 0x9e3779b9))) >>> 0;
    this.n++;
  }

  equals(o: PairDigest): boolean {
    return this.a === o.a && this.b === o.b && this.n === o.n;
  }
}

/** Every record of `fs` in the view, page by page (the shared groups' other items left out). */
async function* fsRecords(view: KvView, fs: FsInfo): AsyncIterable<ViewEntry[]> {
  for (const { selector, owns } of fsRecordGroups(fs)) {
    for await (const page of view.scan(selector)) {
      yield owns ? page.filter((e) => owns(e.item)) : page;
    }
  }
}

export async function dumpFilesystems(kv: KvStore, opts: DumpOptions): Promise<DumpResult> {
  const progress = opts.progress ?? NO_PROGRESS;
  const t0 = performance.now();
  const view = await kv.view();
  let writer: DumpWriter | undefined;
  try {
    const filesystems = await pickFilesystems(view, opts.fs);
    writer = await DumpWriter.create(opts.path);
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      version: DUMP_FORMAT_VERSION,
      filesystems: filesystems.map((f) => ({ name: f.name, id: f.id })),
    };
    await writer.add(DUMP_HEADER_KEY, Buffer.from(JSON.stringify(header)));
    const digest = new PairDigest();
    const counts: DumpResult['filesystems'] = [];
    for (const fs of filesystems) {
      // The namespace (a name and an inode record per file) advances the bar; its total is
      // estimated from the usage counters (root and hard links make it approximate).
      const usage = await viewUsage(view, fs);
      progress.phase(`dump ${fs.name}`, { unit: 'names+inodes', total: 2 * (usage.inodes + 1), estimated: true });
      let pairs = 0;
      let namespace = 0;
      for await (const page of fsRecords(view, fs)) {
        for (const e of page) {
          const key = flatKey(e);
          await writer.add(key, e.value);
          digest.add(key, e.value);
          if (e.group[0] === 'd' || (e.group[0] === 'n' && e.item === 'a')) namespace++;
        }
        pairs += page.length;
        progress.update(namespace, { pairs, bytes: writer.bytes });
      }
      progress.done();
      counts.push({ name: fs.name, id: fs.id, pairs });
    }
    if (view.consistency !== 'snapshot') await confirmUnchanged(kv, filesystems, digest, progress);
    const { pairs, bytes } = await writer.finish();
    return {
      path: opts.path,
      filesystems: counts,
      pairs: pairs - 1, // the header
      bytes,
      seconds: (performance.now() - t0) / 1000,
      consistency: view.consistency,
      verifiedByRereading: view.consistency !== 'snapshot',
    };
  } catch (e) {
    await writer?.abort();
    throw e;
  } finally {
    await view.close();
  }
}

/** A view without snapshots: read everything dumped again; any difference refuses the dump. */
async function confirmUnchanged(
  kv: KvStore,
  filesystems: FsInfo[],
  dumped: PairDigest,
  progress: Progress,
): Promise<void> {
  const again = new PairDigest();
  const view = await kv.view();
  try {
    progress.phase('re-read to confirm nothing changed', { unit: 'pairs' });
    let n = 0;
    for (const fs of filesystems) {
      for await (const page of fsRecords(view, fs)) {
        for (const e of page) again.add(flatKey(e), e.value);
        n += page.length;
        progress.update(n);
      }
    }
    progress.done();
  } finally {
    await view.close();
  }
  if (!again.equals(dumped)) {
    throw fsErr(
      'EAGAIN',
      `the metadata store changed while it was dumped (${kv.engine} has no snapshot): stop the servers that write to it, then dump again`,
    );
  }
}
