// Directory summaries (DIGEST §2.8 summary xattrs, for fast `du` and `getfattr`): files,
// subdirectories, entries and bytes in a directory, and in its whole tree.
//
// Design: computed, not maintained. Curve persists the per-level figures in the parent's xattrs
// and updates them asynchronously (failures are never repaired), and walks for the recursive
// ones; keeping byte totals up to date here would add a write to every flush and truncate, on
// the one key of each ancestor. Instead a summary walks the tree depth-first, one page of one
// directory's entries per transaction (READDIR_MAX_LIMIT entries, and one batched read of
// their inodes for the lengths), at most SUMMARY_ENTRIES_PER_CALL entries per call; a larger
// tree answers `complete: false` and a cursor that carries the walk (its stack of directories
// and positions, and the totals so far) to the next call.
//
// Consistency: each page is one transaction, so it is exact at one instant; a tree that
// changes during a walk of several pages is counted like `du` counts it — an entry moved from
// a directory not yet walked into one already walked is missed, one moved the other way is
// counted twice. Counts are of committed metadata: bytes still in a write-back cache are not
// in a length until they are flushed. As in Curve, a file with several names is counted under
// each; what waits in the trash or in a removed tree is not in the tree any more.
//
// Bytes are the lengths stat reports, summed: a file's and a symlink's length, 4096 per
// directory (DIGEST §2.8: "a directory counts as 4096 bytes").
import { fsErr } from '../errno.ts';
import { decodeDentry, decodeInode } from './codec.ts';
import { readDirTotals } from './dir-stats.ts';
import { readDirInode } from './inodes.ts';
import { dentryGroup, inodeKey } from './keys.ts';
import { DIR_SIZE_BYTES } from './model.ts';
import { READDIR_MAX_LIMIT, type OpCtx } from './namespace.ts';
import { checkAccess, isRoot, R_OK, X_OK } from './permissions.ts';

/** Entries one call walks before it answers with a cursor: as many as ten full listDir pages. */
export const SUMMARY_ENTRIES_PER_CALL = 10 * READDIR_MAX_LIMIT;
/** A recursive summary xattr walks at most this many entries (a larger tree: E2BIG — use getSummary, which pages). */
export const SUMMARY_XATTR_MAX_ENTRIES = 100_000;

export interface SummaryCounts {
  /** Non-directories: files and symlinks. */
  files: number;
  subdirs: number;
  entries: number;
  bytes: number;
}

export interface Summary {
  ino: number;
  /** The directory's own entries. */
  level: SummaryCounts;
  /** Its whole tree, below it (absent when only the level was asked for). */
  recursive?: SummaryCounts;
  /** False when the walk stopped at its budget: call again with `nextCursor`. */
  complete: boolean;
  nextCursor?: string;
}

/** The walk so far: the directories being listed (deepest last, with where each listing is), and the totals. */
interface WalkState {
  top: number;
  /** Whether the walk descends into subdirectories (a cursor carries on only a walk of its kind). */
  recursive: boolean;
  stack: { ino: number; after?: string }[];
  level: SummaryCounts;
  tree: SummaryCounts;
}

const zero = (): SummaryCounts => ({ files: 0, subdirs: 0, entries: 0, bytes: 0 });

function encodeState(s: WalkState): string {
  return Buffer.from(JSON.stringify(s)).toString('base64url');
}

function decodeState(cursor: string, top: number, recursive: boolean): WalkState {
  let s: WalkState;
  try {
    s = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as WalkState;
  } catch {
    throw fsErr('EINVAL', 'not a summary cursor');
  }
  const counts = (c: SummaryCounts) =>
    c && [c.files, c.subdirs, c.entries, c.bytes].every((n) => Number.isSafeInteger(n) && n >= 0);
  const frames = Array.isArray(s?.stack) && s.stack.every((f) => Number.isSafeInteger(f?.ino) && f.ino > 0);
  if (
    s?.top !== top ||
    s.recursive !== recursive ||
    !frames ||
    s.stack.length === 0 ||
    !counts(s.level) ||
    !counts(s.tree)
  ) {
    throw fsErr('EINVAL', 'not a summary cursor of this directory');
  }
  return s;
}

function add(c: SummaryCounts, type: string, bytes: number): void {
  c.entries++;
  if (type === 'dir') c.subdirs++;
  else c.files++;
  c.bytes += bytes;
}

/**
 * One page of the deepest directory on the stack: count its entries, descend into the first
 * subdirectory met. As `du` needs of every directory it lists, the caller must be able to read
 * and search it (EACCES otherwise; checked when its listing starts).
 */
async function walkPage(c: OpCtx, s: WalkState, limit: number): Promise<number> {
  const { tx } = c;
  const fsId = c.fs.id;
  const frame = s.stack[s.stack.length - 1];
  if (frame.after === undefined && !isRoot(c.caller)) {
    checkAccess(c.caller, await readDirInode(tx, fsId, frame.ino), R_OK | X_OK);
  }
  const page = await tx.scan(dentryGroup(fsId, frame.ino), { after: frame.after, limit });
  const dentries = page.entries.map((e) => ({ item: e.item, d: decodeDentry(e.value) }));
  const nondirs = dentries.filter((e) => e.d.type !== 'dir');
  const raws = nondirs.length > 0 ? await tx.getMany(nondirs.map((e) => inodeKey(fsId, e.d.ino))) : [];
  const lengths = new Map(nondirs.map((e, i) => [e.d.ino, raws[i] ? decodeInode(e.d.ino, raws[i]!).length : 0]));
  const atTop = s.stack.length === 1;
  let walked = 0;
  for (const { item, d } of dentries) {
    walked++;
    const bytes = d.type === 'dir' ? DIR_SIZE_BYTES : (lengths.get(d.ino) ?? 0);
    add(s.tree, d.type, bytes);
    if (atTop) add(s.level, d.type, bytes);
    frame.after = item;
    if (d.type === 'dir' && s.recursive) {
      s.stack.push({ ino: d.ino });
      return walked;
    }
  }
  if (!page.more) s.stack.pop();
  return walked;
}

/**
 * Walk (a part of) the summary of directory `ino`: `read` runs one read-only transaction. With
 * `recursive` false only the directory's own entries are counted.
 */
export async function summarize(
  read: <T>(fn: (c: OpCtx) => Promise<T>) => Promise<T>,
  ino: number,
  opts: { recursive: boolean; cursor?: string; maxEntries?: number },
): Promise<Summary> {
  const budget = opts.maxEntries ?? SUMMARY_ENTRIES_PER_CALL;
  const s: WalkState =
    opts.cursor === undefined
      ? { top: ino, recursive: opts.recursive, stack: [{ ino }], level: zero(), tree: zero() }
      : decodeState(opts.cursor, ino, opts.recursive);
  let walked = 0;
  while (s.stack.length > 0 && walked < budget) {
    walked += await read(async (c) => {
      if (walked === 0) await readDirInode(c.tx, c.fs.id, ino); // ENOENT / ENOTDIR for the directory asked about
      return walkPage(c, s, Math.min(READDIR_MAX_LIMIT, budget - walked));
    });
  }
  const complete = s.stack.length === 0;
  return {
    ino,
    level: s.level,
    ...(opts.recursive ? { recursive: s.tree } : {}),
    complete,
    ...(complete ? {} : { nextCursor: encodeState(s) }),
  };
}

/** The per-level counts a directory's counters hold exactly (no walk): entries, subdirectories, files. */
export async function levelCounts(c: OpCtx, ino: number): Promise<Omit<SummaryCounts, 'bytes'>> {
  checkAccess(c.caller, await readDirInode(c.tx, c.fs.id, ino), R_OK); // as reading a user.* xattr
  const t = await readDirTotals(c.tx, c.fs.id, ino);
  return { entries: t.entries, subdirs: t.subdirs, files: t.entries - t.subdirs };
}
