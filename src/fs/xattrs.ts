// Extended attributes: one key per name in the inode's group (DESIGN §3.3). Limits follow
// Linux (XATTR_NAME_MAX 255, XATTR_SIZE_MAX 64 KiB) plus a count cap so that removing an
// inode stays within one transaction's write limit. Names live in Linux's namespaces (user.,
// trusted., security.), with Linux's permissions (permissions.ts checkXattr).
import { fsErr } from '../errno.ts';
import { readInode, writeInode } from './inodes.ts';
import { XATTR_PREFIX, inodeGroup, itemName, xattrKey } from './keys.ts';
import type { OpCtx } from './namespace.ts';
import { checkXattr, xattrVisible } from './permissions.ts';

export const XATTR_NAME_MAX_BYTES = 255;
export const XATTR_VALUE_MAX_BYTES = 64 * 1024;
export const XATTR_MAX_COUNT = 64;

export function checkXattrName(name: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.includes('\0') || !name.isWellFormed()) {
    throw fsErr('EINVAL', 'an xattr name is non-empty valid Unicode without NUL');
  }
  if (Buffer.byteLength(name, 'utf8') > XATTR_NAME_MAX_BYTES) {
    throw fsErr('ENAMETOOLONG', `an xattr name is at most ${XATTR_NAME_MAX_BYTES} bytes`);
  }
  return name;
}

async function allXattrNames(c: OpCtx, ino: number): Promise<string[]> {
  const page = await c.tx.scan(inodeGroup(c.fs.id, ino), { prefix: XATTR_PREFIX, limit: XATTR_MAX_COUNT + 1 });
  return page.entries.map((e) => itemName(e.item.slice(XATTR_PREFIX.length)));
}

/** listxattr: needs no permission on the inode (as Linux), but shows trusted.* and security.* only to root. */
export async function listXattrs(c: OpCtx, ino: number): Promise<string[]> {
  await readInode(c.tx, c.fs.id, ino);
  return (await allXattrNames(c, ino)).filter((name) => xattrVisible(c.caller, name));
}

export async function getXattr(c: OpCtx, ino: number, name: string): Promise<Buffer> {
  checkXattrName(name);
  checkXattr(c.caller, await readInode(c.tx, c.fs.id, ino), name, 'read');
  const v = await c.tx.get(xattrKey(c.fs.id, ino, name));
  if (!v) throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${ino}`);
  return v;
}

export type XattrMode = 'any' | 'create' | 'replace';

/** setxattr with XATTR_CREATE ('create': EEXIST if set) / XATTR_REPLACE ('replace': ENODATA if not). */
export async function setXattr(c: OpCtx, ino: number, name: string, value: Buffer, mode: XattrMode): Promise<void> {
  checkXattrName(name);
  if (value.length > XATTR_VALUE_MAX_BYTES)
    throw fsErr('E2BIG', `an xattr value is at most ${XATTR_VALUE_MAX_BYTES} bytes`);
  const inode = await readInode(c.tx, c.fs.id, ino);
  checkXattr(c.caller, inode, name, 'write');
  const key = xattrKey(c.fs.id, ino, name);
  const exists = (await c.tx.get(key)) !== undefined;
  if (mode === 'create' && exists) throw fsErr('EEXIST', `xattr ${JSON.stringify(name)} exists`);
  if (mode === 'replace' && !exists) throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${ino}`);
  if (!exists) {
    const names = await allXattrNames(c, ino);
    if (names.length >= XATTR_MAX_COUNT) throw fsErr('ENOSPC', `an inode holds at most ${XATTR_MAX_COUNT} xattrs`);
  }
  c.tx.put(key, value);
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
}

export async function removeXattr(c: OpCtx, ino: number, name: string): Promise<void> {
  checkXattrName(name);
  const inode = await readInode(c.tx, c.fs.id, ino);
  checkXattr(c.caller, inode, name, 'write');
  const key = xattrKey(c.fs.id, ino, name);
  if (!(await c.tx.get(key))) throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${ino}`);
  c.tx.delete(key);
  inode.ctime = c.now;
  writeInode(c.tx, c.fs.id, inode);
}
