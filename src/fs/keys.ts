// Where every metadata record lives in the KV (DESIGN §3.1, after DIGEST §2.6).
//
// Groups are short ASCII strings; numbers in groups are base-36. Items that must sort
// numerically use ordUint (a length byte, then big-endian bytes). Names are UTF-8 bytes as a
// byte string, so directory listings come out in byte order, as CurveFS's ListDentry does.
//
//   fs                      item fs name                      → FsInfo (JSON)
//   ctr                     item "fs" | "{fs}.ino" | "{fs}.slice" → next id
//   n{fs}.{ino}             the inode's group:
//                             "a"                              → Inode record
//                             "b"                              → inline contents (files)
//                             "c{shard}"                       → DirShard (directories)
//                             "x{name}"                        → xattr value
//                             "s{gen}{chunk}{sliceId}"         → Slice (files)
//                             "L" / "T"                        → writer lease / its token counter
//   d{fs}.{parent}          item name                         → Dentry
//   u{fs}                   item "{shard}"                    → usage shard (inodes, bytes)
//   t{fs}                   item {dtime}{ino}                 → trash record
//   g{fs}                   item {ino}{gen}                   → content generation to purge
//   i{fs}                   item {uploadId}                   → upload intent
//   k{fs}                   item {ino}                        → compaction candidate (fs/compaction-queue.ts)
//   r{fs}                   item {atMs}{ino}{sliceId}         → objects replaced by a compaction, to purge
//   idem                    item {scope}\0{key}               → stored answer of a mutation
//
// fsRecordGroups lists where one filesystem's records are (dump, load and fsck read a
// filesystem through it): a new kind of record goes into that list as well as into this table.
import type { GroupSelector, Key } from '../kv/types.ts';

const b36 = (n: number) => n.toString(36);

/** Order-preserving encoding of a non-negative safe integer: length byte + big-endian bytes. */
export function ordUint(n: number): string {
  let bytes = '';
  while (n > 0) {
    bytes = String.fromCharCode(n % 256) + bytes;
    n = Math.floor(n / 256);
  }
  return String.fromCharCode(bytes.length) + bytes;
}

/** Decode ordUint at `at`; returns the value and the index after it. */
export function readOrdUint(s: string, at = 0): [number, number] {
  const len = s.charCodeAt(at);
  let n = 0;
  for (let i = 1; i <= len; i++) n = n * 256 + s.charCodeAt(at + i);
  return [n, at + 1 + len];
}

/** ASCII: its UTF-8 bytes are its chars, so the item is the name itself (no Buffer round trip). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** A name as the byte string of its UTF-8 encoding. */
export function nameItem(name: string): string {
  return isAscii(name) ? name : Buffer.from(name, 'utf8').toString('latin1');
}

export function itemName(item: string): string {
  return isAscii(item) ? item : Buffer.from(item, 'latin1').toString('utf8');
}

export const catalogueKey = (name: string): Key => ({ group: 'fs', item: nameItem(name) });
export const CATALOGUE_GROUP = 'fs';
export const counterKey = (item: string): Key => ({ group: 'ctr', item });

export const inodeGroup = (fsId: number, ino: number) => `n${b36(fsId)}.${b36(ino)}`;
export const inodeKey = (fsId: number, ino: number): Key => ({ group: inodeGroup(fsId, ino), item: 'a' });
/** A small file's contents, beside its inode (DESIGN §3.3 "Inline contents"; fs/slices.ts). */
export const inlineKey = (fsId: number, ino: number): Key => ({ group: inodeGroup(fsId, ino), item: 'b' });
export const dirShardKey = (fsId: number, ino: number, shard: number): Key => ({
  group: inodeGroup(fsId, ino),
  item: `c${b36(shard)}`,
});
export const XATTR_PREFIX = 'x';
export const xattrKey = (fsId: number, ino: number, name: string): Key => ({
  group: inodeGroup(fsId, ino),
  item: XATTR_PREFIX + nameItem(name),
});

export const leaseKeys = (fsId: number, ino: number) => ({
  lease: { group: inodeGroup(fsId, ino), item: 'L' },
  counter: { group: inodeGroup(fsId, ino), item: 'T' },
});

export const slicePrefix = (gen: number, chunk?: number) =>
  `s${ordUint(gen)}${chunk === undefined ? '' : ordUint(chunk)}`;
export const sliceKey = (fsId: number, ino: number, gen: number, chunk: number, sliceId: number): Key => ({
  group: inodeGroup(fsId, ino),
  item: slicePrefix(gen, chunk) + ordUint(sliceId),
});

export const dentryGroup = (fsId: number, parent: number) => `d${b36(fsId)}.${b36(parent)}`;
export const dentryKey = (fsId: number, parent: number, name: string): Key => ({
  group: dentryGroup(fsId, parent),
  item: nameItem(name),
});

export const usageGroup = (fsId: number) => `u${b36(fsId)}`;
export const usageKey = (fsId: number, shard: number): Key => ({ group: usageGroup(fsId), item: b36(shard) });
export const trashGroup = (fsId: number) => `t${b36(fsId)}`;
export const trashKey = (fsId: number, dtimeSec: number, ino: number): Key => ({
  group: trashGroup(fsId),
  item: ordUint(dtimeSec) + ordUint(ino),
});
export const genPurgeGroup = (fsId: number) => `g${b36(fsId)}`;
export const genPurgeKey = (fsId: number, ino: number, gen: number): Key => ({
  group: genPurgeGroup(fsId),
  item: ordUint(ino) + ordUint(gen),
});
export const intentGroup = (fsId: number) => `i${b36(fsId)}`;
export const intentKey = (fsId: number, uploadId: string): Key => ({ group: intentGroup(fsId), item: uploadId });
export const compactionGroup = (fsId: number) => `k${b36(fsId)}`;
export const compactionKey = (fsId: number, ino: number): Key => ({ group: compactionGroup(fsId), item: ordUint(ino) });
export const replacedGroup = (fsId: number) => `r${b36(fsId)}`;
/** Ordered by when the objects were replaced, so the purge stops at the first one still in its grace. */
export const replacedKey = (fsId: number, atMs: number, ino: number, sliceId: number): Key => ({
  group: replacedGroup(fsId),
  item: ordUint(atMs) + ordUint(ino) + ordUint(sliceId),
});
export const IDEMPOTENCY_GROUP = 'idem';
export const idempotencyKey = (scope: string, key: string): Key => ({
  group: IDEMPOTENCY_GROUP,
  item: `${nameItem(scope)}\x00${nameItem(key)}`,
});

/** Where some of a filesystem's records are: a group (or groups) and, in a shared group, which items. */
export interface FsRecordGroup {
  selector: GroupSelector;
  /** In a group other filesystems share (catalogue, counters): is this item the filesystem's? */
  owns?: (item: string) => boolean;
}

/**
 * Every record of one filesystem, group by group in key order (a view of an ordered engine
 * then reads them in flat-key order). Idempotency answers (`idem`) are left out: they are a
 * day's retry window of one deployment, not the filesystem's state.
 */
export function fsRecordGroups(fs: { id: number; name: string }): FsRecordGroup[] {
  const id = b36(fs.id);
  const counters = new Set([`${fs.id}.ino`, `${fs.id}.slice`]);
  const name = nameItem(fs.name);
  return [
    { selector: { group: 'ctr' }, owns: (item) => counters.has(item) },
    { selector: { groupPrefix: `d${id}.` } },
    { selector: { group: CATALOGUE_GROUP }, owns: (item) => item === name },
    { selector: { group: genPurgeGroup(fs.id) } },
    { selector: { group: intentGroup(fs.id) } },
    { selector: { group: compactionGroup(fs.id) } },
    { selector: { groupPrefix: `n${id}.` } },
    { selector: { group: replacedGroup(fs.id) } },
    { selector: { group: trashGroup(fs.id) } },
    { selector: { group: usageGroup(fs.id) } },
  ];
}

/** Is this key one of the filesystem's records (as fsRecordGroups places them)? */
export function fsOwnsKey(groups: readonly FsRecordGroup[], key: Key): boolean {
  return groups.some(({ selector, owns }) => {
    const inGroup = 'group' in selector ? key.group === selector.group : key.group.startsWith(selector.groupPrefix);
    return inGroup && (!owns || owns(key.item));
  });
}
