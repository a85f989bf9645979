// The rules of every commit of new slices on top of a file's generation (DESIGN §3.3, §1.5):
// one function shared by a flush's append (fs/slices.ts) and a direct upload's commit
// (fs/direct-commits.ts), so the two cannot drift apart.
import { fsErr, invariant } from '../errno.ts';
import type { Tx } from '../kv/types.ts';
import { markShrink } from './attrs.ts';
import { nowTimespec } from './clock.ts';
import { noteCandidate } from './compaction-queue.ts';
import { writeInode } from './inodes.ts';
import { assertWriter } from './leases.ts';
import type { FsInfo, Inode } from './model.ts';
import type { CounterShards } from './shards.ts';
import { assertInOneChunk, type NewSlice, putSlice } from './slice-records.ts';
import { bumpUsage } from './usage.ts';

/**
 * The rules of every commit of new slices on top of a file's generation (append,
 * commitDirect): each slice gets the next seq; the length grows to cover them (or, with
 * `endsFile`, becomes their end: a truncation mark voids what was past it); usage follows
 * the length; mtime/ctime become now; the writer's fencing token is compared in this same
 * transaction (DESIGN §1.5). The caller drops the intent.
 */
export async function commitSlices(
  tx: Tx,
  shards: CounterShards,
  fs: FsInfo,
  inode: Inode,
  slices: readonly NewSlice[],
  opts: { token: number | undefined; endsFile: boolean },
): Promise<void> {
  if (inode.type !== 'file') throw fsErr('EISDIR', `inode ${inode.ino} is not a regular file`);
  // Fencing (DESIGN §1.5): compared in the same transaction as the slices it guards.
  await assertWriter(tx, { fsId: fs.id, ino: inode.ino }, opts.token, Date.now());
  const before = { seq: inode.seq, length: inode.length };
  for (const s of slices) {
    assertInOneChunk(fs, s);
    putSlice(tx, fs, fs.id, inode.ino, inode.gen, { ...s, seq: ++inode.seq }); // newer than all before
  }
  const end = Math.max(...slices.map((s) => s.offset + s.len));
  inode.length = Math.max(inode.length, end);
  if (opts.endsFile && inode.length > end) {
    await markShrink(tx, fs.id, inode, end); // after the new slices: they end at or before `end`
    inode.length = end;
  }
  invariant(inode.seq === before.seq + slices.length, 'each slice took the next commit sequence');
  invariant(inode.length >= end, 'the file covers its new slices');
  // On top of earlier slices: a chunk may now be fragmented or hide bytes (DIGEST §4.1 step 3).
  if (before.seq > 0) noteCandidate(tx, fs.id, inode.ino, inode.seq);
  bumpUsage({ tx, fs, now: nowTimespec(), shards }, { inodes: 0, bytes: inode.length - before.length });
  inode.mtime = inode.ctime = nowTimespec();
  writeInode(tx, fs.id, inode);
}
