// Contents set outright inside a namespace operation's transaction (an OpCtx), made here for
// Slices (fs/slices.ts), the one owner of contents: a whole-file upload's commit
// (switchContents: the inode moves to the new generation with its slices, or with inline bytes,
// and its length; the old generation is queued for purge if it has slices), with its own size
// limit (slicesInSwitch: the rest are staged by Slices.stage), and the shrink of an inline file
// (truncateInline, from setattr: it cuts the record, with no truncation mark).
import { invariant } from '../errno.ts';
import type { KvLimits } from '../kv/types.ts';
import { encodeJson } from './codec.ts';
import { dropInline, readInline, storeInline } from './inline.ts';
import { writeInode } from './inodes.ts';
import { assertIntentLive, dropIntent, type UploadIntent } from './intents.ts';
import { genPurgeKey } from './keys.ts';
import type { Inode, Slice } from './model.ts';
import type { OpCtx } from './namespace.ts';
import { putSlice } from './slice-records.ts';
import { bumpUsage } from './usage.ts';

/**
 * Writes a whole-file upload's commit makes besides its slices: the inode, its dentry, a
 * directory shard, two usage shards (a new inode, its bytes), the purge record of the old
 * generation, the intent, the inline record it drops, and a stored Idempotency-Key answer.
 */
const SWITCH_WRITES_BESIDES_SLICES = 9;

/** Slices an upload's commit holds itself, within the engine's write limit; the rest are staged. */
export function slicesInSwitch(limits: KvLimits): number {
  return limits.maxWritesPerTx - SWITCH_WRITES_BESIDES_SLICES;
}

/** A whole-file upload in progress: its new generation and the intent naming its objects. */
export interface PendingGeneration {
  ino: number;
  gen: number;
  intentId: string;
  intent: UploadIntent;
  /** Ids the intent names that no chunk uses yet, in order. */
  freeIds: number[];
}

/** What a whole-file replace commits: slices written under its new generation, or inline bytes. */
export type NewContents =
  | { kind: 'slices'; upload: PendingGeneration; slices: readonly Slice[]; length: number; inSwitch: number }
  | { kind: 'inline'; gen: number; bytes: Buffer };

/**
 * A whole-file replace's commit, inside the mutation that also creates the file's name if it
 * is new: switch `inode` to a new generation holding `contents`. An upload's slices run back to
 * back from offset 0 with seq 1, 2, … (the first `inSwitch` are written here, the rest were
 * staged); inline bytes (at most the filesystem's inlineBytes) go into the inline record. The
 * old generation, if it has slices, is queued for purge (readers of it finish within the
 * grace); its inline bytes, if any, are replaced here.
 */
export async function switchContents(c: OpCtx, inode: Inode, contents: NewContents): Promise<void> {
  const gen = contents.kind === 'slices' ? contents.upload.gen : contents.gen;
  invariant(gen !== inode.gen, 'a replace switches its inode to a new generation');
  let length: number;
  if (contents.kind === 'slices') {
    invariant(contents.upload.ino === inode.ino, 'an upload switches its own inode');
    length = 0;
    contents.slices.forEach((s, i) => {
      invariant(s.seq === i + 1 && s.offset === length, 'upload slices run back to back from 0 in commit order');
      length += s.len;
    });
    invariant(length === contents.length, 'upload slices cover the whole new length');
  } else {
    length = contents.bytes.length;
    invariant(length === 0 || length <= c.fs.inlineBytes, "inline contents fit the filesystem's inlineBytes");
  }
  // The objects the upload's intent names are all there (not being collected).
  if (contents.kind === 'slices') await assertIntentLive(c.tx, c.fs.id, contents.upload.intentId);
  // seq counts the slices committed to a generation: with none there is nothing to purge.
  if (inode.seq > 0) c.tx.put(genPurgeKey(c.fs.id, inode.ino, inode.gen), encodeJson({ at: Date.now() }));
  bumpUsage(c, { inodes: 0, bytes: length - inode.length });
  inode.gen = gen;
  inode.truncMarks = [];
  inode.length = length;
  inode.mtime = c.now;
  inode.ctime = c.now;
  if (contents.kind === 'slices') {
    dropInline(c.tx, c.fs.id, inode);
    inode.seq = contents.slices.length;
    for (const s of contents.slices.slice(0, contents.inSwitch)) putSlice(c.tx, c.fs, c.fs.id, inode.ino, gen, s);
    dropIntent(c.tx, c.fs.id, contents.upload.intentId);
  } else {
    inode.seq = 0;
    storeInline(c.tx, c.fs.id, inode, contents.bytes);
  }
  writeInode(c.tx, c.fs.id, inode);
}

/**
 * A truncate of a file whose contents are inline, to `size` below its length (in setattr's
 * transaction): the record keeps only the bytes before `size`, and goes when none are left.
 * (Slices get a truncation mark instead: fs/attrs.ts.)
 */
export async function truncateInline(c: OpCtx, inode: Inode, size: number): Promise<void> {
  invariant(inode.inline === true && size < inode.length, 'an inline file shrinks');
  const bytes = await readInline(c.tx, c.fs.id, inode);
  if (size < bytes.length) storeInline(c.tx, c.fs.id, inode, bytes.subarray(0, size));
}
