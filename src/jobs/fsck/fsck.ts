// fsck: a filesystem's metadata checked against itself and against its objects (the census,
// verdicts.ts, object-check.ts), a second pass only to name what the first counted, then, with
// `repair`, the fixes that are safe — each re-checked against the store as it is now
// (fs/repair.ts) — while the rest is reported. JuiceFS's `fsck` and `gc` are the anchors
// (anchors §1.2): `gc` is this with scope 'objects'.
//
// Memory: the InodeTable's INODE_TABLE_BYTES_PER_INO per inode number and the ObjectSet's
// OBJECT_SET_BYTES_PER_OBJECT per block object, plus one page of records; names, slices and
// object keys are streamed, never held. Findings are listed up to MAX_LISTED_FINDINGS per kind.
//
// Consistency: on a snapshot view (memory, etcd) every finding is about one state of the store;
// counter corrections are the errors measured in it. On DynamoDB (per-item view) a filesystem
// in use can show passing differences; repairs that re-check an inode still apply, counter
// corrections are not made (reported, with the reason).
import { invariant } from '../../errno.ts';
import { decodeDentry, decodeSlice } from '../../fs/codec.ts';
import { IdAllocators, INO_BATCH } from '../../fs/ids.ts';
import { fsRecordGroups, intentKey } from '../../fs/keys.ts';
import { sliceObjectKeys } from '../../fs/layout.ts';
import { FIRST_ALLOCATED_INO, type FsInfo } from '../../fs/model.ts';
import { adoptOrphan, ensureLostFound, fixLinks, type RepairCtx, shiftDirCounts, shiftUsage } from '../../fs/repair.ts';
import { newCounterShards } from '../../fs/shards.ts';
import type { KvStore, KvView } from '../../kv/types.ts';
import { ObjectNotFound, type ObjectStore } from '../../objects/types.ts';
import { undoExpiredUpload } from '../expired-upload.ts';
import { NO_PROGRESS, type Progress } from '../progress.ts';
import { Purger } from '../purge.ts';
import { pickFilesystems, viewUsage } from '../view-catalogue.ts';
import { type Census, takeCensus } from './census.ts';
import { EXIT, exitCodeOf, type Finding, FindingLog, type FindingKind, type FsckStatus } from './findings.ts';
import { checkObjects } from './object-check.ts';
import { judge, type Verdicts } from './verdicts.ts';

export interface FsckOptions {
  /** One filesystem by name; every live one when absent. */
  fs?: string;
  repair?: boolean;
  /** 'objects': only objects against slices and intents (`cirrus gc`). */
  scope?: 'all' | 'objects';
  progress?: Progress;
  nowMs?: number;
}

export interface FsckFsReport {
  name: string;
  id: number;
  records: number;
  slices: number;
  objects: { listed: number; named: number };
  findings: Partial<Record<FindingKind, number>>;
  repaired: Partial<Record<FindingKind, number>>;
  status: FsckStatus;
  details: Finding[];
}

export interface FsckReport {
  filesystems: FsckFsReport[];
  consistency: KvView['consistency'];
  status: FsckStatus;
  exitCode: number;
  seconds: number;
  /** Bytes of the largest inode table and object set held (the memory bound at work). */
  memory: { inodeTableBytes: number; objectSetBytes: number };
}

const OBJECT_FINDINGS = new Set<FindingKind>(['missing-object', 'leaked-object', 'foreign-object', 'expired-intent']);

export async function fsck(deps: { kv: KvStore; objects: ObjectStore }, opts: FsckOptions = {}): Promise<FsckReport> {
  const t0 = performance.now();
  const progress = opts.progress ?? NO_PROGRESS;
  const view = await deps.kv.view();
  const memory = { inodeTableBytes: 0, objectSetBytes: 0 };
  try {
    const reports: FsckFsReport[] = [];
    for (const fs of await pickFilesystems(view, opts.fs)) {
      reports.push(await checkFs(deps, view, fs, opts, progress, memory));
    }
    const statuses = reports.map((r) => r.status);
    const exitCode = exitCodeOf(statuses);
    return {
      filesystems: reports,
      consistency: view.consistency,
      status: exitCode === EXIT.clean ? 'clean' : exitCode === EXIT.repaired ? 'repaired' : 'damaged',
      exitCode,
      seconds: (performance.now() - t0) / 1000,
      memory,
    };
  } finally {
    await view.close();
  }
}

async function checkFs(
  deps: { kv: KvStore; objects: ObjectStore },
  view: KvView,
  fs: FsInfo,
  opts: FsckOptions,
  progress: Progress,
  memory: FsckReport['memory'],
): Promise<FsckFsReport> {
  const objectsOnly = opts.scope === 'objects';
  const log = new FindingLog((f) => {
    if (!objectsOnly || OBJECT_FINDINGS.has(f.kind)) progress.note(`${fs.name}: ${f.kind}: ${f.what}`);
  });
  const usage = await viewUsage(view, fs);
  const census = await takeCensus(view, fs, {
    nowMs: opts.nowMs ?? Date.now(),
    log,
    progress,
    estimate: 2 * (usage.inodes + 1),
  });
  const verdicts = objectsOnly ? undefined : judge(fs, census, log);
  for (const { id, intent } of census.expiredIntents) {
    log.add({
      kind: 'expired-intent',
      ino: intent.ino,
      key: id,
      what: `upload intent ${id} (inode ${intent.ino}) expired at ${new Date(intent.expiresAt).toISOString()}`,
    });
  }
  const { listed } = await checkObjects(deps, fs, census, { repair: opts.repair ?? false, log, progress });
  memory.inodeTableBytes = Math.max(memory.inodeTableBytes, census.table.bytes);
  memory.objectSetBytes = Math.max(memory.objectSetBytes, census.expected.bytes);
  await secondPass(deps, view, fs, census, verdicts, log, progress);
  if (opts.repair) await repair(deps, view, fs, census, verdicts, log, progress);
  const kept = objectsOnly ? log.listed.filter((f) => OBJECT_FINDINGS.has(f.kind)) : log.listed;
  return {
    name: fs.name,
    id: fs.id,
    records: census.records,
    slices: census.slices,
    objects: { listed, named: census.expected.size },
    findings: log.counts,
    repaired: log.repairedCounts,
    status: log.status,
    details: kept,
  };
}

/**
 * Name what the first pass only counted: the entries that name missing inodes, the parents of
 * files whose links are wrong, and the slices whose objects were not listed (each confirmed
 * against the store now: the slice still there, the object still absent).
 */
async function secondPass(
  deps: { kv: KvStore; objects: ObjectStore },
  view: KvView,
  fs: FsInfo,
  census: Census,
  verdicts: Verdicts | undefined,
  log: FindingLog,
  progress: Progress,
): Promise<void> {
  const missing = census.expected.unseen;
  const names = verdicts && (verdicts.dangling.size > 0 || verdicts.wrongLinks.size > 0);
  if (missing === 0 && !names) return;
  const parentsOf = new Map<number, number[]>();
  progress.phase(`name the findings of ${fs.name}`, { unit: 'records' });
  let n = 0;
  for (const { selector } of fsRecordGroups(fs)) {
    if (!('groupPrefix' in selector)) continue;
    const prefix = selector.groupPrefix;
    if (prefix[0] === 'd' && !names) continue;
    if (prefix[0] === 'n' && missing === 0) continue;
    for await (const page of view.scan(selector)) {
      for (const e of page) {
        const owner = Number.parseInt(e.group.slice(prefix.length), 36);
        if (prefix[0] === 'd') {
          const d = decodeDentry(e.value);
          if (verdicts?.dangling.has(d.ino)) {
            const name = Buffer.from(e.item, 'latin1').toString('utf8');
            log.add({
              kind: 'dangling-name',
              ino: d.ino,
              what: `${JSON.stringify(name)} in directory ${owner} names missing inode ${d.ino}`,
            });
          }
          if (verdicts?.wrongLinks.has(d.ino)) {
            const list = parentsOf.get(d.ino) ?? [];
            list.push(owner);
            parentsOf.set(d.ino, list);
          }
        } else if (e.item[0] === 's') {
          for (const key of sliceObjectKeys(fs, fs.id, owner, decodeSlice(e.value))) {
            if (census.expected.wasSeen(key) || !(await stillMissing(deps, e, key))) continue;
            log.add({ kind: 'missing-object', ino: owner, key, what: `inode ${owner}: object ${key} is missing` });
          }
        }
      }
      n += page.length;
      progress.update(n);
    }
  }
  progress.done();
  for (const [ino, parents] of parentsOf) {
    const w = verdicts?.wrongLinks.get(ino);
    if (w) w.parents = parents;
  }
}

async function stillMissing(
  deps: { kv: KvStore; objects: ObjectStore },
  slice: { group: string; item: string },
  key: string,
): Promise<boolean> {
  if (!(await deps.kv.get(slice))) return false; // the slice was purged since: nothing is missing
  try {
    await deps.objects.get(key, 0, 1);
    return false;
  } catch (e) {
    if (e instanceof ObjectNotFound) return true;
    throw e;
  }
}

/** The safe repairs, each re-checked against the store now (fs/repair.ts); the rest are left reported. */
async function repair(
  deps: { kv: KvStore; objects: ObjectStore },
  view: KvView,
  fs: FsInfo,
  census: Census,
  verdicts: Verdicts | undefined,
  log: FindingLog,
  progress: Progress,
): Promise<void> {
  const ctx: RepairCtx = { kv: deps.kv, fs, shards: newCounterShards() };
  const outcome = (f: Finding, done: 'repaired' | 'changed') => {
    if (done === 'repaired') {
      log.repaired(f);
      progress.note(`${fs.name}: repaired: ${f.what}`);
    } else {
      f.unrepaired = 'changed since it was read: run fsck again';
    }
  };
  const purger = new Purger(deps.kv, deps.objects, { leading: () => true });
  for (const f of log.listed.filter((x) => x.kind === 'expired-intent')) {
    const found = census.expiredIntents.find((e) => e.id === f.key);
    invariant(found !== undefined, 'an expired-intent finding names an intent of the census');
    await undoExpiredUpload({ kv: deps.kv, objects: deps.objects, purger }, fs, found.intent);
    await deps.kv.transact(async (tx) => tx.delete(intentKey(fs.id, found.id)));
    outcome(f, 'repaired');
  }
  if (!verdicts) return;
  if (verdicts.orphans.length > 0) {
    const lostFound = await ensureLostFound(
      ctx,
      new IdAllocators(deps.kv).get(`${fs.id}.ino`, INO_BATCH, FIRST_ALLOCATED_INO),
    );
    for (const o of verdicts.orphans) outcome(o.finding, await adoptOrphan(ctx, lostFound, o.ino, o.version));
  }
  for (const [ino, w] of verdicts.wrongLinks) {
    const parents = w.parents ?? [];
    outcome(w.finding, await fixLinks(ctx, ino, w.version, { nlink: parents.length, parents }));
  }
  const snapshot = view.consistency === 'snapshot';
  const noSnapshot =
    'counters are corrected only from a snapshot (this engine has none): stop the writers and run again';
  for (const d of verdicts.dirCounts) {
    if (snapshot) outcome(d.finding, await shiftDirCounts(ctx, d.dir, d.error));
    else d.finding.unrepaired = noSnapshot;
  }
  if (verdicts.usage) {
    if (snapshot) outcome(verdicts.usage.finding, await shiftUsage(ctx, verdicts.usage.error));
    else verdicts.usage.finding.unrepaired = noSnapshot;
  }
}
