// Load: the filesystems of a dump (jobs/dump.ts) into a metadata store, on any engine, keeping
// their names and ids — the ids are in their object keys (fs/layout.ts objectKey), so the
// loaded filesystems find their contents in the same object store, shared, not copied.
//
//   1. The whole file is read and checked first (checkpoints, checksum, every key one of the
//      header's filesystems', every pair within the target engine's limits): a corrupt,
//      truncated or foreign dump is refused, with its offset, before anything is written.
//   2. The target must not know the names or the ids; the filesystem-id counter is raised past
//      them (so createFs never hands one out again) in a transaction that also checks no
//      filesystem was created since the catalogue was read.
//   3. Every record but the catalogue entries is written, in transactions of blind puts within
//      the engine's limits, several in flight (memory stays flat: a few transactions' worth).
//   4. The catalogue entries last, each in a transaction that checks the name is still free:
//      until then the loaded records are invisible, and a load cut short leaves nothing any
//      operation can see. Loading the same dump again with `resume` completes it.
import { stat } from 'node:fs/promises';
import { fsErr, invariant } from '../errno.ts';
import { catalogueKey, CATALOGUE_GROUP, counterKey, fsOwnsKey, fsRecordGroups, inodeKey } from '../fs/keys.ts';
import { decodeJson } from '../fs/codec.ts';
import type { FsInfo } from '../fs/model.ts';
import { RecordReader, RecordWriter } from '../fs/record.ts';
import { splitFlatKey } from '../kv/buffered-tx.ts';
import { DumpCorrupt, readDump } from '../kv/dump-file.ts';
import type { Key, KvStore } from '../kv/types.ts';
import { DUMP_FORMAT, DUMP_FORMAT_VERSION, DUMP_HEADER_KEY, type DumpHeader } from './dump.ts';
import { NO_PROGRESS, type Progress } from './progress.ts';

/** Bytes of keys and values one load transaction writes: under every engine's cap (etcd: 1 MiB a request). */
export const LOAD_TX_BYTES = 512 * 1024;
/** Load transactions in flight at once: enough to hide a round trip, few enough to stay gentle. */
export const LOAD_TXS_IN_FLIGHT = 8;
const FS_COUNTER = counterKey('fs');

export interface LoadOptions {
  path: string;
  /** Finish a load of this dump that was cut short (its records are there, its catalogue entries not). */
  resume?: boolean;
  progress?: Progress;
}

export interface LoadResult {
  path: string;
  filesystems: { name: string; id: number; pairs: number }[];
  pairs: number;
  bytes: number;
  seconds: number;
}

interface Checked {
  header: DumpHeader;
  catalogue: Map<string, { key: Key; value: Buffer; fs: FsInfo }>;
  pairs: Map<string, number>;
}

/** Step 1: read the whole dump, checking everything that can be checked before writing. */
async function check(kv: KvStore, path: string, size: number, progress: Progress): Promise<Checked> {
  progress.phase('verify', { unit: 'bytes', total: size });
  let header: DumpHeader | undefined;
  let owners: { name: string; groups: ReturnType<typeof fsRecordGroups> }[] = [];
  const catalogue: Checked['catalogue'] = new Map();
  const pairs = new Map<string, number>();
  const refuse = (offset: number, why: string) => new DumpCorrupt(path, offset, why);
  for await (const p of readDump(path, (at) => progress.update(at))) {
    if (!header) {
      if (p.key !== DUMP_HEADER_KEY) throw refuse(p.offset, 'the first pair is not a CirrusFS dump header');
      header = JSON.parse(p.value.toString('utf8')) as DumpHeader;
      if (header.format !== DUMP_FORMAT || header.version !== DUMP_FORMAT_VERSION) {
        throw refuse(
          p.offset,
          `a ${header.format} v${header.version} header; this is ${DUMP_FORMAT} v${DUMP_FORMAT_VERSION}`,
        );
      }
      owners = header.filesystems.map((f) => ({ name: f.name, groups: fsRecordGroups(f) }));
      for (const f of header.filesystems) pairs.set(f.name, 0);
      continue;
    }
    const key = p.key.includes('\x00') ? splitFlatKey(p.key) : undefined;
    const owner = key && owners.find((o) => fsOwnsKey(o.groups, key));
    if (!key || !owner) throw refuse(p.offset, 'a key of none of the filesystems the header names');
    if (key.group.length + key.item.length > kv.limits.maxKeyBytes || p.value.length > kv.limits.maxValueBytes) {
      throw refuse(p.offset, `a pair larger than the ${kv.engine} engine stores`);
    }
    pairs.set(owner.name, pairs.get(owner.name)! + 1);
    if (key.group === CATALOGUE_GROUP) {
      const fs = decodeJson<FsInfo>(p.value);
      const named = header.filesystems.find((f) => f.name === owner.name)!;
      if (fs.id !== named.id || fs.name !== named.name || fs.status !== 'INITED') {
        throw refuse(p.offset, `the catalogue entry of ${owner.name} does not match the header`);
      }
      catalogue.set(fs.name, { key, value: p.value, fs });
    }
  }
  progress.done();
  if (!header) throw refuse(0, 'no header');
  for (const f of header.filesystems) {
    if (!catalogue.has(f.name)) throw refuse(0, `no catalogue entry for ${f.name}`);
  }
  return { header, catalogue, pairs };
}

/** Step 2: the names and ids must be free; raise the id counter past them. */
async function claim(kv: KvStore, header: DumpHeader, resume: boolean): Promise<void> {
  const ids = header.filesystems.map((f) => f.id);
  const { known, counter } = await kv.transact(async (tx) => {
    const known: FsInfo[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await tx.scan(CATALOGUE_GROUP, { after, limit: kv.limits.maxScanLimit });
      for (const e of page.entries) known.push(decodeJson<FsInfo>(e.value));
      if (!page.more) break;
      after = page.last;
    }
    return { known, counter: await tx.get(FS_COUNTER) };
  });
  for (const f of header.filesystems) {
    const clash = known.find((k) => k.name === f.name || k.id === f.id);
    if (clash) {
      throw fsErr(
        'EEXIST',
        `the target already has filesystem ${JSON.stringify(clash.name)} (id ${clash.id}): ${f.name} (id ${f.id}) cannot be loaded beside it`,
      );
    }
  }
  if (!resume) {
    const leftovers = await kv.transact((tx) =>
      tx.getMany(header.filesystems.flatMap((f) => [inodeKey(f.id, 1), counterKey(`${f.id}.ino`)])),
    );
    const at = leftovers.findIndex((v) => v !== undefined);
    if (at >= 0) {
      const f = header.filesystems[Math.floor(at / 2)];
      throw fsErr(
        'EEXIST',
        `the target holds records of filesystem id ${f.id} without a catalogue entry (a load cut short?): load again with resume to complete it`,
      );
    }
  }
  await kv.transact(async (tx) => {
    const now = await tx.get(FS_COUNTER);
    if ((now && !counter) || (now && counter && !now.equals(counter))) {
      throw fsErr('EAGAIN', 'a filesystem was created in the target while the load began: load again');
    }
    const next = now ? new RecordReader(now).uint() : 1;
    const wanted = Math.max(next, ...ids.map((id) => id + 1));
    if (wanted > next) tx.put(FS_COUNTER, new RecordWriter().uint(wanted).done());
  });
}

/** Transactions of blind puts, LOAD_TXS_IN_FLIGHT at a time; the first failure stops the rest. */
class PutBatches {
  private batch: [Key, Buffer][] = [];
  private bytes = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown;

  constructor(private readonly kv: KvStore) {}

  async put(key: Key, value: Buffer): Promise<void> {
    const size = key.group.length + key.item.length + value.length;
    if (this.batch.length >= this.kv.limits.maxWritesPerTx || this.bytes + size > LOAD_TX_BYTES) await this.send();
    this.batch.push([key, value]);
    this.bytes += size;
  }

  private async send(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    this.bytes = 0;
    // Not cached: this process never reads them back, and a cache of versions noting a whole
    // dump's keys churns its heap in proportion to the dump (cacheWrites).
    const p: Promise<void> = this.kv
      .transact(
        async (tx) => {
          for (const [k, v] of batch) tx.put(k, v);
        },
        { cacheWrites: false },
      )
      .catch((e: unknown) => {
        this.failure ??= e;
      })
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    if (this.inFlight.size >= LOAD_TXS_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  async drain(): Promise<void> {
    await this.send();
    await Promise.all(this.inFlight);
    if (this.failure) throw this.failure;
  }
}

export async function loadDump(kv: KvStore, opts: LoadOptions): Promise<LoadResult> {
  const progress = opts.progress ?? NO_PROGRESS;
  const t0 = performance.now();
  const size = (await stat(opts.path)).size;
  const { header, catalogue, pairs } = await check(kv, opts.path, size, progress);
  await claim(kv, header, opts.resume ?? false);
  progress.phase('load', { unit: 'bytes', total: size });
  const puts = new PutBatches(kv);
  let written = 0;
  let first = true;
  for await (const p of readDump(opts.path, (at) => progress.update(at, { pairs: written }))) {
    if (first) {
      first = false; // the header, checked in step 1
      continue;
    }
    const key = splitFlatKey(p.key);
    if (key.group === CATALOGUE_GROUP) continue; // step 4
    await puts.put(key, p.value);
    written++;
  }
  await puts.drain();
  progress.done();
  for (const { key, value, fs } of catalogue.values()) {
    await kv.transact(async (tx) => {
      if (await tx.get(catalogueKey(fs.name))) {
        throw fsErr(
          'EEXIST',
          `a filesystem named ${JSON.stringify(fs.name)} was created in the target during the load`,
        );
      }
      tx.put(key, value);
    });
    written++;
  }
  invariant(written === [...pairs.values()].reduce((a, b) => a + b, 0), 'every pair checked was written');
  return {
    path: opts.path,
    filesystems: header.filesystems.map((f) => ({ ...f, pairs: pairs.get(f.name)! })),
    pairs: written,
    bytes: size,
    seconds: (performance.now() - t0) / 1000,
  };
}
