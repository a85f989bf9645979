// POSIX permission checks, written once for every operation of the namespace and the data
// path (DESIGN §6 "Auth"), after Linux's fs/namei.c and fs/attr.c: the caller's uid, gid and
// supplementary groups against an inode's owner, group and mode bits. Operations call these at
// their start, in the order Linux checks (search while walking, then existence, then write on
// the directory, then the sticky bit, then the type of the entry).
//
// Root (uid 0) passes every read and write check and searches every directory, but executes a
// file only when some x bit is set (Linux's generic_permission with CAP_DAC_OVERRIDE).
import { fsErr } from '../errno.ts';
import type { Inode } from './model.ts';

/** Who performs an operation: the principal's POSIX identity (DESIGN §6 "Auth"). */
export interface Caller {
  uid: number;
  gid: number;
  /** Supplementary groups. */
  groups: readonly number[];
}

/** The identity with every privilege: the local operator when authentication is off, and internal jobs. */
export const ROOT_CALLER: Caller = Object.freeze({ uid: 0, gid: 0, groups: Object.freeze([]) as readonly number[] });

export const R_OK = 4;
export const W_OK = 2;
export const X_OK = 1;

export const S_ISUID = 0o4000;
export const S_ISGID = 0o2000;
export const S_ISVTX = 0o1000;
const S_IXGRP = 0o010;
const ANY_EXEC = 0o111;

type Owned = Pick<Inode, 'uid' | 'gid' | 'mode' | 'type'>;

export function isRoot(c: Caller): boolean {
  return c.uid === 0;
}

/** Linux in_group_p: the caller's primary or a supplementary group. */
export function inGroup(c: Caller, gid: number): boolean {
  return c.gid === gid || c.groups.includes(gid);
}

/** Whether `c` may `want` (R_OK | W_OK | X_OK bits) on `inode`: one class of bits decides, owner first. */
export function mayAccess(c: Caller, inode: Owned, want: number): boolean {
  if (isRoot(c)) {
    // CAP_DAC_OVERRIDE: everything but executing a file nobody may execute.
    return (want & X_OK) === 0 || inode.type === 'dir' || (inode.mode & ANY_EXEC) !== 0;
  }
  const bits = c.uid === inode.uid ? inode.mode >> 6 : inGroup(c, inode.gid) ? inode.mode >> 3 : inode.mode;
  return (bits & want & 7) === want;
}

const WANT_NAMES = ['', 'execute', 'write', 'write and execute', 'read', 'read and execute', 'read and write', 'rwx'];

/** EACCES unless `c` may `want` on `inode`. */
export function checkAccess(c: Caller, inode: Owned & { ino: number }, want: number): void {
  if (mayAccess(c, inode, want)) return;
  const what = inode.type === 'dir' && want === X_OK ? 'search' : WANT_NAMES[want];
  throw fsErr('EACCES', `permission denied: no ${what} permission on ${inode.type} inode ${inode.ino}`);
}

/** Search (x) on a directory being walked or looked up in. */
export function checkSearch(c: Caller, dir: Owned & { ino: number }): void {
  checkAccess(c, dir, X_OK);
}

/** may_create: write and search on the directory a new name goes into. */
export function checkCreate(c: Caller, dir: Owned & { ino: number }): void {
  checkAccess(c, dir, W_OK | X_OK);
}

/**
 * may_delete (also the source and a replaced target of rename): write and search on the
 * directory, then the sticky bit: in a sticky directory only the entry's owner, the
 * directory's owner or root may remove or rename an entry (EPERM, as Linux).
 */
export function checkDelete(c: Caller, dir: Owned & { ino: number }, victim: Owned & { ino: number }): void {
  checkCreate(c, dir);
  if ((dir.mode & S_ISVTX) !== 0 && !isRoot(c) && c.uid !== victim.uid && c.uid !== dir.uid) {
    throw fsErr('EPERM', `directory ${dir.ino} is sticky: only the owner of inode ${victim.ino} may remove it`);
  }
}

/** inode_owner_or_capable: chmod, explicit times, xattrs of a sticky directory. */
export function isOwnerOrRoot(c: Caller, inode: Owned): boolean {
  return isRoot(c) || c.uid === inode.uid;
}

export function checkOwner(c: Caller, inode: Owned & { ino: number }, what: string): void {
  if (!isOwnerOrRoot(c, inode)) throw fsErr('EPERM', `only the owner of inode ${inode.ino} or root may ${what}`);
}

/**
 * The owner and group of a new entry (Linux inode_init_owner): the caller's uid; the
 * directory's gid when it is setgid (and a new directory stays setgid), else the caller's gid.
 * Asking for another owner (createEntry's uid/gid) follows chown's rules.
 */
export function newOwnership(
  c: Caller,
  dir: Owned,
  entry: { type: Inode['type']; mode: number; uid?: number; gid?: number },
): { uid: number; gid: number; mode: number } {
  const setgidDir = (dir.mode & S_ISGID) !== 0;
  let gid = setgidDir ? dir.gid : c.gid;
  let mode = entry.mode;
  if (setgidDir && entry.type === 'dir') mode |= S_ISGID;
  const uid = entry.uid ?? c.uid;
  if (entry.gid !== undefined) gid = entry.gid;
  if (!isRoot(c)) {
    if (uid !== c.uid) throw fsErr('EPERM', 'only root may create an entry owned by another user');
    if (entry.gid !== undefined && !inGroup(c, entry.gid) && !(setgidDir && entry.gid === dir.gid)) {
      throw fsErr('EPERM', `only root may create an entry in group ${entry.gid}: the caller is not a member`);
    }
    // mode_strip_sgid: a group-executable setgid file in a group the creator is not in.
    if (entry.type !== 'dir' && (mode & (S_ISGID | S_IXGRP)) === (S_ISGID | S_IXGRP) && !inGroup(c, gid)) {
      mode &= ~S_ISGID;
    }
  }
  return { uid, gid, mode };
}

/**
 * chmod by the owner or root (EPERM). A non-root owner setting setgid on an inode of a group it
 * is not in gets the bit cleared (Linux setattr_prepare), not an error.
 */
export function chmodBits(c: Caller, inode: Owned & { ino: number }, mode: number): number {
  checkOwner(c, inode, 'change its mode');
  if (!isRoot(c) && !inGroup(c, inode.gid)) return mode & ~S_ISGID;
  return mode;
}

/**
 * chown: only root gives a file away; the owner may set the group to one of its own groups
 * (Linux chown_ok / chgrp_ok), and "changing" to the current owner or group is allowed to it.
 */
export function checkChown(c: Caller, inode: Owned & { ino: number }, to: { uid?: number; gid?: number }): void {
  if (isRoot(c)) return;
  const owner = c.uid === inode.uid;
  if (to.uid !== undefined && !(owner && to.uid === inode.uid)) {
    throw fsErr('EPERM', `only root may change the owner of inode ${inode.ino}`);
  }
  if (to.gid !== undefined && !(owner && (to.gid === inode.gid || inGroup(c, to.gid)))) {
    throw fsErr('EPERM', `only root or the owner, to one of its groups, may change the group of inode ${inode.ino}`);
  }
}

/**
 * The mode after a chown of a non-directory (Linux chown_common): setuid always goes;
 * setgid goes when group-executable, or when the caller is neither root nor in the group.
 */
export function modeAfterChown(c: Caller, inode: Owned): number {
  if (inode.type === 'dir') return inode.mode;
  let mode = inode.mode & ~S_ISUID;
  if ((mode & S_ISGID) !== 0 && ((mode & S_IXGRP) !== 0 || !(isRoot(c) || inGroup(c, inode.gid)))) mode &= ~S_ISGID;
  return mode;
}

/**
 * The mode after a write or truncate of a regular file (Linux file_remove_privs): a non-root
 * writer clears setuid, and setgid when group-executable or when it is not in the group.
 * Returns the mode unchanged when nothing is to clear.
 */
export function modeAfterWrite(c: Caller, inode: Owned): number {
  if (isRoot(c) || inode.type !== 'file') return inode.mode;
  let mode = inode.mode & ~S_ISUID;
  if ((mode & S_ISGID) !== 0 && ((mode & S_IXGRP) !== 0 || !inGroup(c, inode.gid))) mode &= ~S_ISGID;
  return mode;
}

/**
 * utimens: explicit times need the owner or root (EPERM); setting both to "now" is also
 * allowed to anyone who may write the file (EACCES otherwise), as utimensat(UTIME_NOW).
 */
export function checkTimes(c: Caller, inode: Owned & { ino: number }, opts: { onlyNow: boolean }): void {
  if (isOwnerOrRoot(c, inode)) return;
  if (!opts.onlyNow) throw fsErr('EPERM', `only the owner of inode ${inode.ino} or root may set explicit times`);
  checkAccess(c, inode, W_OK);
}

// ---- extended attributes (Linux fs/xattr.c xattr_permission) ------------------------------

export type XattrNamespace = 'user' | 'trusted' | 'security' | 'system';
const NAMESPACES: readonly XattrNamespace[] = ['user', 'trusted', 'security', 'system'];

export function xattrNamespace(name: string): XattrNamespace {
  const ns = NAMESPACES.find((n) => name.startsWith(`${n}.`) && name.length > n.length + 1);
  if (!ns) throw fsErr('EOPNOTSUPP', `xattr ${JSON.stringify(name)}: names start with user., trusted. or security.`);
  if (ns === 'system') throw fsErr('EOPNOTSUPP', 'system.* xattrs (ACLs) are not supported');
  return ns;
}

/** Whether a name shows in listXattrs for this caller: trusted.* and security.* only to root. */
export function xattrVisible(c: Caller, name: string): boolean {
  return isRoot(c) || name.startsWith('user.');
}

/**
 * getxattr / setxattr / removexattr of `name` on `inode`. trusted.* and security.* are root's
 * (ENODATA to others on reads, EPERM on changes); user.* live only on files and directories,
 * need read or write permission, and on a sticky directory only its owner may change them.
 */
export function checkXattr(c: Caller, inode: Owned & { ino: number }, name: string, op: 'read' | 'write'): void {
  const ns = xattrNamespace(name);
  if (ns !== 'user') {
    if (isRoot(c)) return;
    if (op === 'read') throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${inode.ino}`);
    throw fsErr('EPERM', `only root may change ${ns}.* xattrs`);
  }
  if (inode.type !== 'file' && inode.type !== 'dir') {
    if (op === 'read') throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${inode.ino}`);
    throw fsErr('EPERM', 'user.* xattrs are only on regular files and directories');
  }
  if (op === 'write' && inode.type === 'dir' && (inode.mode & S_ISVTX) !== 0 && !isOwnerOrRoot(c, inode)) {
    throw fsErr('EPERM', `directory ${inode.ino} is sticky: only its owner may change its user.* xattrs`);
  }
  checkAccess(c, inode, op === 'read' ? R_OK : W_OK);
}
