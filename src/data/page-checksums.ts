// End-to-end checksums of file contents: a CRC32C per page of every block object, computed
// where blocks are cut (data/block-objects.ts), recorded in the slice (fs/model.ts
// SliceChecksums) and checked by the read cache on every page it fetches, before the bytes
// are answered or kept. Pages are the read cache's pages (READ_PAGE_BYTES, counted from the
// object's first byte), so a ranged page GET is verified on its own; S3's whole-object
// checksum never applies to ranged reads.
import { fsErr, invariant } from '../errno.ts';
import type { ObjectChecksums } from '../fs/model.ts';
import { crc32cCombine, crc32cOf } from '../objects/crc32c.ts';

/** Checksums cover pages of this size: the read cache's page (data/read-cache.ts READ_PAGE_BYTES). */
export const CHECKSUM_PAGE_BYTES = 256 * 1024;

/** An object's page checksums and its whole-object CRC32C (S3's additional checksum). */
export interface BlockChecksums {
  pages: number[];
  object: number;
}

/** Checksums of one block object's bytes, page by page from its first byte. */
export function blockChecksums(bytes: Buffer, pageBytes = CHECKSUM_PAGE_BYTES): BlockChecksums {
  const pages: number[] = [];
  let object = 0;
  for (let at = 0; at < bytes.length; at += pageBytes) {
    const page = bytes.subarray(at, Math.min(bytes.length, at + pageBytes));
    const crc = crc32cOf(page);
    pages.push(crc);
    object = at === 0 ? crc : crc32cCombine(object, crc, page.length); // one pass over the bytes
  }
  return { pages, object };
}

/** Thrown when fetched bytes do not match their recorded checksum (never answered, never cached). */
export class ChecksumMismatch extends Error {
  constructor(
    readonly key: string,
    readonly page: number,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `object ${key} page ${page} failed its checksum (CRC32C ${actual.toString(16)}, recorded ${expected.toString(16)})`,
    );
    this.name = 'ChecksumMismatch';
  }
}

/**
 * Check pages `first` … `first + count - 1` of an object against its recorded checksums, given
 * their bytes as one run of consecutive buffers of any sizes (socket chunks, or page-sized
 * parts): page by page from the run's first byte, the last page possibly shorter, pages past
 * the run's end empty. Throws ChecksumMismatch at the first bad page; an empty page has no
 * checksum (it is past the object's end) and one that has a checksum is bad.
 */
export function verifyRun(
  key: string,
  sums: ObjectChecksums,
  first: number,
  count: number,
  run: readonly Buffer[],
): void {
  let c = 0; // the buffer of the run being read
  let at = 0; // and the offset in it
  for (let page = first; page < first + count; page++) {
    let crc = 0;
    let bytes = 0;
    while (bytes < sums.pageBytes && c < run.length) {
      const b = run[c];
      const n = Math.min(b.length - at, sums.pageBytes - bytes);
      crc = crc32cOf(n === b.length ? b : b.subarray(at, at + n), crc);
      bytes += n;
      at += n;
      if (at === b.length) [c, at] = [c + 1, 0];
    }
    const expected = sums.pages[page];
    if (expected === undefined) {
      if (bytes > 0) throw new ChecksumMismatch(key, page, 0, crc);
    } else if (crc !== expected) {
      throw new ChecksumMismatch(key, page, expected, crc);
    }
  }
  invariant(c === run.length, 'every byte of the run belongs to a page checked');
}

/** The error a read answers after a mismatch that a fresh fetch did not cure (503 with Retry-After). */
export function corruptObject(e: ChecksumMismatch) {
  return fsErr('EREMOTEIO', `the object store returned corrupt bytes twice: ${e.message}`, { object: e.key });
}
