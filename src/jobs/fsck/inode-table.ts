// What fsck learns about each inode number while it streams a filesystem's records, kept in
// typed arrays so that memory is a fixed cost per inode number — INODE_TABLE_BYTES_PER_INO, no
// names, slices or objects — rather than objects per record. Inode numbers are allocated in
// batches from one counter (fs/ids.ts), so they are dense; arrays are allocated in pages of
// PAGE_INOS on first touch, so a gap costs nothing.
import { invariant } from '../../errno.ts';

const PAGE_BITS = 16;
const PAGE_INOS = 1 << PAGE_BITS;

/** Facts about one inode number, as flags. */
export const F = {
  /** An inode record exists. */
  EXISTS: 1,
  DTIME: 2,
  /** A trash record names it. */
  IN_TRASH: 4,
  /** Some record in its group (slice, xattr, shard, lease). */
  HAS_RECORDS: 8,
  /** A dentry names it with a type other than its own. */
  TYPE_MISMATCH: 16,
} as const;

export const TYPE_CODES = { dir: 1, file: 2, symlink: 3 } as const;

interface Page {
  flags: Uint8Array;
  type: Uint8Array;
  nlink: Uint32Array;
  version: Uint32Array;
  parents: Uint32Array;
  parentsHash: Uint32Array;
  refs: Uint32Array;
  refsHash: Uint32Array;
  /** The type the first dentry naming it gave. */
  dentryType: Uint8Array;
  /** Directories: names in it, and subdirectories among them, as its dentries say. */
  names: Int32Array;
  subdirNames: Int32Array;
  /** Directories: the same, as its counter shards say. */
  shardEntries: Int32Array;
  shardSubdirs: Int32Array;
}

/** Bytes each inode number costs (the arrays of one Page). */
export const INODE_TABLE_BYTES_PER_INO = 1 + 1 + 4 * 7 + 1 + 4 * 4;

function newPage(): Page {
  return {
    flags: new Uint8Array(PAGE_INOS),
    type: new Uint8Array(PAGE_INOS),
    nlink: new Uint32Array(PAGE_INOS),
    version: new Uint32Array(PAGE_INOS),
    parents: new Uint32Array(PAGE_INOS),
    parentsHash: new Uint32Array(PAGE_INOS),
    refs: new Uint32Array(PAGE_INOS),
    refsHash: new Uint32Array(PAGE_INOS),
    dentryType: new Uint8Array(PAGE_INOS),
    names: new Int32Array(PAGE_INOS),
    subdirNames: new Int32Array(PAGE_INOS),
    shardEntries: new Int32Array(PAGE_INOS),
    shardSubdirs: new Int32Array(PAGE_INOS),
  };
}

/** A parent's contribution to an order-independent hash of a multiset of parents. */
export function parentHash(parent: number): number {
  return Math.imul((parent >>> 0) ^ Math.floor(parent / 2 ** 32), 0x9e3779b1) >>> 0;
}

export class InodeTable {
  private readonly pages = new Map<number, Page>();

  /** The page and index of `ino`, allocating the page on first touch. */
  at(ino: number): [Page, number] {
    invariant(Number.isSafeInteger(ino) && ino >= 0, 'an inode number');
    const key = Math.floor(ino / PAGE_INOS);
    let page = this.pages.get(key);
    if (!page) {
      page = newPage();
      this.pages.set(key, page);
    }
    return [page, ino % PAGE_INOS];
  }

  /** Every inode number the table has seen anything of, in order. */
  *inos(): Iterable<[number, Page, number]> {
    for (const key of [...this.pages.keys()].sort((a, b) => a - b)) {
      const page = this.pages.get(key)!;
      for (let i = 0; i < PAGE_INOS; i++) {
        if (page.flags[i] || page.refs[i] || page.names[i] || page.shardEntries[i] || page.shardSubdirs[i]) {
          yield [key * PAGE_INOS + i, page, i];
        }
      }
    }
  }

  /** Bytes the table holds now. */
  get bytes(): number {
    return this.pages.size * PAGE_INOS * INODE_TABLE_BYTES_PER_INO;
  }
}
