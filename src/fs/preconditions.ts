// If-Match on the mutations of an existing inode (RFC 9110 §13.1.1): evaluated inside the
// transaction that makes the change, against the ETag a client can have seen of the inode
// through this instance, so a stale tag answers 412 EPRECONDITION and nothing is changed.
// It comes after the operation's own checks (auth, scope, POSIX permissions, the inode's
// type): a request that would fail anyway answers that failure (RFC 9110 §13.2.1).
import { fsErr } from '../errno.ts';
import { maxTime } from './clock.ts';
import { readDirTotals } from './dir-stats.ts';
import { etagOf, type Stat } from './inodes.ts';
import type { Inode, Timespec } from './model.ts';
import type { OpCtx } from './namespace.ts';

/** The strong entity tags an If-Match lists (without quotes), or "*" (any current version). */
export type IfMatch = readonly string[] | '*';

/** This instance's writes of a file not committed yet, as a version of the file (see WriteCache). */
export interface PendingVersion {
  /** Changes with every cached write: part of the ETag while the writes are unflushed. */
  tag: string;
  /** When the latest cached write was taken: the file's mtime and ctime as readers see it. */
  at: Timespec;
}

/** The pending version of a file on this instance, if it holds unflushed writes of it. */
export type PendingOf = (fsId: number, ino: number) => PendingVersion | undefined;

/** An If-Match to check, with the instance's view of unflushed writes. */
export interface Precondition {
  ifMatch: IfMatch;
  pending: PendingOf;
}

/**
 * The ETag of a file with unflushed writes on this instance: the committed one with the
 * pending tag, so a tag handed out before a cached write never validates the bytes after it
 * (no stale 304, no If-Range mixing versions); once the writes commit, the record's version
 * has moved and the tag is a new one again.
 */
export function withPending(stat: Stat, pending: PendingVersion | undefined): Stat {
  if (!pending || stat.type !== 'file') return stat;
  return {
    ...stat,
    etag: `${stat.etag}.${pending.tag}`,
    mtime: maxTime(stat.mtime, pending.at),
    ctime: maxTime(stat.ctime, pending.at),
  };
}

/** The ETag of an inode as a client can have seen it through this instance. */
export async function seenEtag(c: OpCtx, inode: Inode, pending: PendingOf): Promise<string> {
  if (inode.type === 'dir') return etagOf(inode, await readDirTotals(c.tx, c.fs.id, inode.ino));
  const p = inode.type === 'file' ? pending(c.fs.id, inode.ino) : undefined;
  return p ? `${etagOf(inode)}.${p.tag}` : etagOf(inode);
}

/** 412 EPRECONDITION unless `current` is one of the listed tags ("*" matches any). */
export function assertMatches(ifMatch: IfMatch, current: string): void {
  if (ifMatch === '*' || ifMatch.includes(current)) return;
  throw fsErr(
    'EPRECONDITION',
    `If-Match ${ifMatch.join(', ') || '(weak tags only)'} does not name the current version ${current}`,
    { etag: current },
  );
}

/** Check an If-Match against the inode about to change (no-op without one). */
export async function checkIfMatch(c: OpCtx, inode: Inode, pre: Precondition | undefined): Promise<void> {
  if (pre) assertMatches(pre.ifMatch, await seenEtag(c, inode, pre.pending));
}

/** If-Match on a name that names nothing: only a list of tags can be given, and none matches. */
export function checkIfMatchAbsent(pre: Precondition | undefined, what: string): void {
  if (pre) throw fsErr('EPRECONDITION', `If-Match: ${what} does not exist`);
}
