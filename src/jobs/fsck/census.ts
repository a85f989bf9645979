// fsck's first pass: every record of one filesystem, streamed from a view of the store
// (kv/types.ts KvView) page by page, folded into an InodeTable (names, links, counters per
// inode number) and an ObjectSet (the block objects its slices name). Nothing per record is
// kept, so memory is the table's and the set's, whatever the number of names or slices.
import { decodeDentry, decodeDirShard, decodeInode, decodeSlice, decodeUsage } from '../../fs/codec.ts';
import { decodeIntent, type UploadIntent } from '../../fs/intents.ts';
import { fsRecordGroups, readOrdUint } from '../../fs/keys.ts';
import { sliceObjectKeys } from '../../fs/layout.ts';
import { type FsInfo, ROOT_INO } from '../../fs/model.ts';
import { decodeReplaced, replacedObjectKeys } from '../../fs/replaced-objects.ts';
import { RecordReader } from '../../fs/record.ts';
import type { Usage } from '../../fs/usage.ts';
import type { KvView, ViewEntry } from '../../kv/types.ts';
import type { Progress } from '../progress.ts';
import type { FindingLog } from './findings.ts';
import { F, InodeTable, parentHash, TYPE_CODES } from './inode-table.ts';
import { ObjectSet } from './object-set.ts';

export interface Census {
  table: InodeTable;
  /** Every block object a slice names. */
  expected: ObjectSet;
  /** `${ino}/${sliceId}` of every slice an upload intent names (its objects may not be committed yet). */
  intentNamed: Set<string>;
  expiredIntents: { id: string; intent: UploadIntent }[];
  /** What the usage counters say, and what the inode records add up to. */
  usageCounted: Usage;
  usageFound: Usage;
  counters: { nextIno?: number; nextSlice?: number };
  maxIno: number;
  maxSliceId: number;
  records: number;
  slices: number;
}

/** The number after `prefix` in a group name (`n{fs}.{ino}`, `d{fs}.{parent}`: base 36). */
const numberAfter = (group: string, prefix: string) => Number.parseInt(group.slice(prefix.length), 36);

export async function takeCensus(
  view: KvView,
  fs: FsInfo,
  opts: { nowMs: number; log: FindingLog; progress: Progress; estimate: number },
): Promise<Census> {
  const c: Census = {
    table: new InodeTable(),
    expected: new ObjectSet(),
    intentNamed: new Set(),
    expiredIntents: [],
    usageCounted: { inodes: 0, bytes: 0 },
    usageFound: { inodes: 0, bytes: 0 },
    counters: {},
    maxIno: 0,
    maxSliceId: 0,
    records: 0,
    slices: 0,
  };
  let namespace = 0;
  opts.progress.phase(`scan ${fs.name}`, { unit: 'names+inodes', total: opts.estimate, estimated: true });
  for (const { selector, owns } of fsRecordGroups(fs)) {
    // The groups per directory (`d{fs}.{dir}`) and per inode (`n{fs}.{ino}`) come by prefix.
    const perInode = 'groupPrefix' in selector ? selector.groupPrefix : undefined;
    for await (const page of view.scan(selector)) {
      for (const e of page) {
        if (owns && !owns(e.item)) continue;
        c.records++;
        try {
          if (perInode?.[0] === 'd') {
            dentry(c, numberAfter(e.group, perInode), e);
            namespace++;
          } else if (perInode?.[0] === 'n') {
            if (inodeRecord(c, fs, numberAfter(e.group, perInode), e)) namespace++;
          } else {
            shared(c, fs, e, opts.nowMs);
          }
        } catch (err) {
          opts.log.add({ kind: 'bad-record', key: `${e.group}/${e.item}`, what: `${e.group}: ${String(err)}` });
        }
      }
      opts.progress.update(namespace, { records: c.records, slices: c.slices });
    }
  }
  opts.progress.done();
  return c;
}

function dentry(c: Census, parent: number, e: ViewEntry): void {
  const d = decodeDentry(e.value);
  const code = TYPE_CODES[d.type];
  const [child, i] = c.table.at(d.ino);
  if (child.refs[i] === 0) child.dentryType[i] = code;
  else if (child.dentryType[i] !== code) child.flags[i] |= F.TYPE_MISMATCH;
  child.refs[i]++;
  child.refsHash[i] = (child.refsHash[i] + parentHash(parent)) >>> 0;
  const [dir, j] = c.table.at(parent);
  dir.names[j]++;
  if (d.type === 'dir') dir.subdirNames[j]++;
}

/** A record of an inode's group; true for the inode record itself. */
function inodeRecord(c: Census, fs: FsInfo, ino: number, e: ViewEntry): boolean {
  c.maxIno = Math.max(c.maxIno, ino);
  const [p, i] = c.table.at(ino);
  if (e.item === 'a') {
    const inode = decodeInode(ino, e.value);
    p.flags[i] |= F.EXISTS | (inode.dtime ? F.DTIME : 0);
    p.type[i] = TYPE_CODES[inode.type];
    p.nlink[i] = inode.nlink;
    p.version[i] = inode.version >>> 0;
    p.parents[i] = inode.parents.length;
    p.parentsHash[i] = inode.parents.reduce((h, parent) => (h + parentHash(parent)) >>> 0, 0);
    if (ino !== ROOT_INO) c.usageFound.inodes++;
    if (inode.type === 'file') c.usageFound.bytes += inode.length;
    return true;
  }
  p.flags[i] |= F.HAS_RECORDS;
  if (e.item[0] === 'c') {
    const shard = decodeDirShard(e.value);
    p.shardEntries[i] += shard.entries;
    p.shardSubdirs[i] += shard.subdirs;
  } else if (e.item[0] === 's') {
    const slice = decodeSlice(e.value);
    c.slices++;
    c.maxSliceId = Math.max(c.maxSliceId, slice.sliceId);
    for (const key of sliceObjectKeys(fs, fs.id, ino, slice)) c.expected.add(key);
  }
  return false;
}

/** Records of the groups that are not per inode: counters, catalogue, queues, usage. */
function shared(c: Census, fs: FsInfo, e: ViewEntry, nowMs: number): void {
  switch (e.group[0]) {
    case 'c': // ctr
      if (e.item === `${fs.id}.ino`) c.counters.nextIno = new RecordReader(e.value).uint();
      if (e.item === `${fs.id}.slice`) c.counters.nextSlice = new RecordReader(e.value).uint();
      return;
    case 'i': {
      const intent = decodeIntent(e.value);
      for (const id of intent.sliceIds) c.intentNamed.add(`${intent.ino}/${id}`);
      if (intent.expiresAt <= nowMs) c.expiredIntents.push({ id: e.item, intent });
      return;
    }
    case 't': {
      const [, at] = readOrdUint(e.item);
      const [ino] = readOrdUint(e.item, at);
      const [p, i] = c.table.at(ino);
      p.flags[i] |= F.IN_TRASH;
      return;
    }
    case 'r': // objects a compaction replaced, kept for readers until the sweeper deletes them
      for (const key of replacedObjectKeys(fs, fs.id, decodeReplaced(e.value))) c.expected.add(key);
      return;
    case 'u': {
      const u = decodeUsage(e.value);
      c.usageCounted.inodes += u.inodes;
      c.usageCounted.bytes += u.bytes;
      return;
    }
    default: // the catalogue entry, replaced-generation and compaction queues: nothing to count
      return;
  }
}
