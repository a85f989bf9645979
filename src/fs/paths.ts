// Path resolution for the path-level routes, inside the operation's transaction (so a
// concurrent rename of an ancestor conflicts rather than racing). Intermediate symlinks are
// always followed; the final one only when asked (stat vs lstat), as POSIX does (DESIGN §6).
//
// Request paths are canonical: "" or "/" is the root, empty segments are ignored, and "." or
// ".." segments are refused (EINVAL). Symlink targets may use "." and "..", and "/" starts
// from the filesystem root.
//
// Every directory looked up in needs search permission (permissions.ts); root's walk reads
// only the entries, anyone else's reads each directory with its entry in one round trip.
import { fsErr } from '../errno.ts';
import { readDirInode, readInode } from './inodes.ts';
import { NAME_MAX_BYTES, ROOT_INO, SYMLINK_MAX_FOLLOWS, type Dentry, type FileType } from './model.ts';
import { checkName } from './names.ts';
import { lookupEntry, readDentry, type OpCtx } from './namespace.ts';
import { checkSearch, isRoot } from './permissions.ts';

export const PATH_MAX_BYTES = 4096;
/**
 * Components one resolution walks at most, symlink targets included: a path alone has at most
 * PATH_MAX_BYTES / 2 of them, but 40 symlinks of 4095-byte targets full of ".." could make a
 * request walk some 80,000 (one read each, in one transaction). Past this: ELOOP.
 */
export const WALK_MAX_COMPONENTS = 2 * PATH_MAX_BYTES;

/** The entry `name` of directory `dir`, which the caller must be able to search. */
export async function lookupIn(c: OpCtx, dir: number, name: string): Promise<Dentry | undefined> {
  if (isRoot(c.caller)) return readDentry(c, dir, name);
  return (await lookupEntry(c, dir, name)).entry;
}

/**
 * A request path's names. A name too long is refused when the walk reaches it (as Linux does:
 * "missing/<256 bytes>" is ENOENT, "<256 bytes>/x" ENAMETOOLONG); every other rule at once.
 */
export function splitPath(path: string): string[] {
  if (Buffer.byteLength(path, 'utf8') > PATH_MAX_BYTES)
    throw fsErr('ENAMETOOLONG', `a path is at most ${PATH_MAX_BYTES} bytes`);
  return path
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => (Buffer.byteLength(s, 'utf8') > NAME_MAX_BYTES ? s : checkName(s)));
}

interface Walker {
  ino: number;
  type: FileType;
  follows: number;
}

/** Walk `segments` from the walker's directory; `followLast` decides for the final symlink. */
async function walk(c: OpCtx, w: Walker, segments: string[], followLast: boolean): Promise<Walker> {
  const queue = [...segments];
  let walked = 0;
  while (queue.length > 0) {
    const seg = queue.shift()!;
    if (w.type !== 'dir') throw fsErr('ENOTDIR', `a path component before ${JSON.stringify(seg)} is not a directory`);
    if (seg === '' || seg === '.') continue; // only from symlink targets
    if (++walked > WALK_MAX_COMPONENTS) {
      throw fsErr('ELOOP', `a path resolution walks at most ${WALK_MAX_COMPONENTS} components (symlinks included)`);
    }
    if (seg === '..') {
      const dir = await readDirInode(c.tx, c.fs.id, w.ino);
      checkSearch(c.caller, dir);
      if (w.ino !== ROOT_INO) w.ino = dir.parents[0];
      continue;
    }
    const d: Dentry | undefined = await lookupIn(c, w.ino, checkName(seg));
    if (!d) throw fsErr('ENOENT', `no such file or directory: ${JSON.stringify(seg)}`);
    const last = queue.length === 0;
    if (d.type === 'symlink' && (!last || followLast)) {
      if (++w.follows > SYMLINK_MAX_FOLLOWS) throw fsErr('ELOOP', 'too many levels of symbolic links');
      const target = (await readInode(c.tx, c.fs.id, d.ino)).target ?? '';
      if (target.startsWith('/')) {
        w.ino = ROOT_INO;
        w.type = 'dir';
      }
      queue.unshift(...target.split('/'));
      continue;
    }
    w.ino = d.ino;
    w.type = d.type;
  }
  return w;
}

/** The inode a path names. */
export async function resolvePath(c: OpCtx, path: string, followLast: boolean): Promise<number> {
  const w = await walk(c, { ino: ROOT_INO, type: 'dir', follows: 0 }, splitPath(path), followLast);
  return w.ino;
}

export interface ParentAndName {
  parent: number;
  name: string;
}

/** The directory that holds a path's last component, and that name; null for the root. */
export async function resolveParent(c: OpCtx, path: string): Promise<ParentAndName | null> {
  const segments = splitPath(path);
  const name = segments.pop();
  if (name === undefined) return null;
  const w = await walk(c, { ino: ROOT_INO, type: 'dir', follows: 0 }, segments, true);
  if (w.type !== 'dir') throw fsErr('ENOTDIR', 'a path component is not a directory');
  return { parent: w.ino, name };
}

/**
 * Where open(O_CREAT) of a path lands: like resolveParent, but a final symlink is followed
 * (even a dangling one: the file is then created at its target).
 */
export async function resolveForCreate(c: OpCtx, path: string): Promise<ParentAndName> {
  let at = await resolveParent(c, path);
  if (!at) throw fsErr('EISDIR', 'the root is a directory');
  for (let follows = 0; ; follows++) {
    const d = await lookupIn(c, at.parent, at.name);
    if (d?.type !== 'symlink') return at;
    if (follows >= SYMLINK_MAX_FOLLOWS) throw fsErr('ELOOP', 'too many levels of symbolic links');
    const target = (await readInode(c.tx, c.fs.id, d.ino)).target ?? '';
    const segs = target.split('/').filter((s) => s.length > 0 && s !== '.');
    const last = segs.pop();
    if (last === undefined || last === '..')
      throw fsErr('EISDIR', `symlink ${JSON.stringify(at.name)} points at a directory`);
    const start: Walker = target.startsWith('/')
      ? { ino: ROOT_INO, type: 'dir', follows }
      : { ino: at.parent, type: 'dir', follows };
    const w = await walk(c, start, segs, true);
    if (w.type !== 'dir') throw fsErr('ENOTDIR', 'a path component is not a directory');
    at = { parent: w.ino, name: checkName(last) };
  }
}
