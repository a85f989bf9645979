// fsck's verdicts on the namespace, from the census alone (no I/O): for every inode number,
// do its record, its names, its links and its counters agree? What needs names or parents to
// report or repair is marked for the second pass (fsck.ts).
import { type FsInfo, ROOT_INO } from '../../fs/model.ts';
import type { Census } from './census.ts';
import type { Finding, FindingLog } from './findings.ts';
import { F, TYPE_CODES } from './inode-table.ts';

export interface Verdicts {
  orphans: { ino: number; version: number; finding: Finding }[];
  /** Files whose links to fix need the parents of their names (second pass). */
  wrongLinks: Map<number, { version: number; names: number; finding: Finding; parents?: number[] }>;
  /** Inodes that names point to but that do not exist: the names are found in the second pass. */
  dangling: Set<number>;
  dirCounts: { dir: number; error: { entries: number; subdirs: number }; finding: Finding }[];
  usage?: { error: { inodes: number; bytes: number }; finding: Finding };
}

const TYPE_NAMES = Object.fromEntries(Object.entries(TYPE_CODES).map(([name, code]) => [code, name]));

export function judge(fs: FsInfo, c: Census, log: FindingLog): Verdicts {
  const v: Verdicts = { orphans: [], wrongLinks: new Map(), dangling: new Set(), dirCounts: [] };
  for (const [ino, p, i] of c.table.inos()) {
    const flags = p.flags[i];
    const refs = p.refs[i];
    if (!(flags & F.EXISTS)) {
      if (refs > 0) v.dangling.add(ino);
      if (p.names[i] > 0) {
        log.add({ kind: 'entries-of-missing-dir', ino, what: `${p.names[i]} entries under missing directory ${ino}` });
      }
      if (flags & F.HAS_RECORDS) log.add({ kind: 'stray-records', ino, what: `records of missing inode ${ino}` });
      continue; // a trash record of a purged inode is dropped by the purge itself
    }
    const type = TYPE_NAMES[p.type[i]];
    if (refs > 0 && (flags & F.TYPE_MISMATCH || p.dentryType[i] !== p.type[i])) {
      log.add({
        kind: 'type-mismatch',
        ino,
        what: `inode ${ino} is a ${type}; a name says ${TYPE_NAMES[p.dentryType[i]]}`,
      });
    }
    if (type === 'dir') {
      const error = { entries: p.names[i] - p.shardEntries[i], subdirs: p.subdirNames[i] - p.shardSubdirs[i] };
      if (error.entries !== 0 || error.subdirs !== 0) {
        const finding = log.add({
          kind: 'dir-counts',
          ino,
          what: `directory ${ino} has ${p.names[i]} entries (${p.subdirNames[i]} directories); its counters say ${p.shardEntries[i]} (${p.shardSubdirs[i]})`,
        });
        v.dirCounts.push({ dir: ino, error, finding });
      }
    }
    if (ino === ROOT_INO) continue; // the root has no name
    if (refs === 0) {
      if (flags & F.IN_TRASH) continue; // deleted, waiting for its purge
      if (flags & F.DTIME) {
        log.add({ kind: 'deleted-not-queued', ino, what: `inode ${ino} is deleted but no trash record queues it` });
        continue;
      }
      const finding = log.add({
        kind: 'orphan-inode',
        ino,
        what: `${type} ${ino} has no name and is not in the trash`,
      });
      v.orphans.push({ ino, version: p.version[i], finding });
      continue;
    }
    if (flags & F.DTIME) log.add({ kind: 'named-but-deleted', ino, what: `inode ${ino} has names but a dtime` });
    const parentsAgree = p.parents[i] === refs && p.parentsHash[i] === p.refsHash[i];
    if (type === 'dir') {
      if (refs > 1) log.add({ kind: 'dir-several-names', ino, what: `directory ${ino} has ${refs} names` });
      if (p.nlink[i] !== 2 || !parentsAgree) {
        log.add({ kind: 'dir-links', ino, what: `directory ${ino}: nlink ${p.nlink[i]}, ${p.parents[i]} parents` });
      }
    } else if (p.nlink[i] !== refs || !parentsAgree) {
      const finding = log.add({
        kind: 'wrong-links',
        ino,
        what: `${type} ${ino} has ${refs} names; nlink says ${p.nlink[i]}, parents ${p.parents[i]}`,
      });
      v.wrongLinks.set(ino, { version: p.version[i], names: refs, finding });
    }
  }
  const u = { inodes: c.usageFound.inodes - c.usageCounted.inodes, bytes: c.usageFound.bytes - c.usageCounted.bytes };
  if (u.inodes !== 0 || u.bytes !== 0) {
    const finding = log.add({
      kind: 'usage',
      what: `${fs.name} holds ${c.usageFound.inodes} inodes and ${c.usageFound.bytes} bytes; its usage counters say ${c.usageCounted.inodes} and ${c.usageCounted.bytes}`,
    });
    v.usage = { error: u, finding };
  }
  if (c.counters.nextIno !== undefined && c.maxIno >= c.counters.nextIno) {
    log.add({
      kind: 'ids-beyond-counter',
      ino: c.maxIno,
      what: `inode ${c.maxIno} ≥ the next inode number ${c.counters.nextIno}`,
    });
  }
  if (c.counters.nextSlice !== undefined && c.maxSliceId >= c.counters.nextSlice) {
    log.add({ kind: 'ids-beyond-counter', what: `slice ${c.maxSliceId} ≥ the next slice id ${c.counters.nextSlice}` });
  }
  return v;
}
