// What a recursive delete may remove when the caller is not root: exactly what `rm -r` run by
// that caller could, checked inside the transaction that detaches the tree (so nothing can
// change under the check). rm -r lists each directory (read), enters it and removes its entries
// (write and search), and in a sticky directory removes only entries it may (permissions.ts).
import { fsErr } from '../errno.ts';
import { decodeDentry, decodeInode } from './codec.ts';
import { dentryGroup, inodeKey } from './keys.ts';
import type { Inode } from './model.ts';
import type { OpCtx } from './namespace.ts';
import { R_OK, S_ISVTX, W_OK, X_OK, checkAccess, checkDelete } from './permissions.ts';

/**
 * Entries a non-root recursive delete checks at most, in one transaction: past it the caller
 * removes the tree in parts (root's recursive delete detaches any tree without reading it).
 */
export const TREE_CHECK_MAX_ENTRIES = 10_000;
const PAGE = 1000;

export async function checkTreeRemovable(c: OpCtx, top: Inode): Promise<void> {
  const dirs: Inode[] = [top];
  let seen = 0;
  for (let dir = dirs.pop(); dir; dir = dirs.pop()) {
    checkAccess(c.caller, dir, R_OK | W_OK | X_OK);
    const sticky = (dir.mode & S_ISVTX) !== 0;
    for (let after: string | undefined, more = true; more; ) {
      const page = await c.tx.scan(dentryGroup(c.fs.id, dir.ino), { after, limit: PAGE });
      seen += page.entries.length;
      if (seen > TREE_CHECK_MAX_ENTRIES) {
        throw fsErr(
          'E2BIG',
          `a recursive delete by a user other than root checks at most ${TREE_CHECK_MAX_ENTRIES} entries: remove this tree in parts`,
        );
      }
      const entries = page.entries.map((e) => decodeDentry(e.value));
      const needed = entries.filter((d) => sticky || d.type === 'dir');
      const raws = await c.tx.getMany(needed.map((d) => inodeKey(c.fs.id, d.ino)));
      raws.forEach((raw, i) => {
        if (!raw) return; // an entry whose inode is gone: nothing to check
        const inode = decodeInode(needed[i].ino, raw);
        if (sticky) checkDelete(c.caller, dir, inode);
        if (inode.type === 'dir') dirs.push(inode);
      });
      more = page.more;
      after = page.last;
    }
  }
}
