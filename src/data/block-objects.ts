// Writing one block object: the one place blocks are cut into objects for every writer (a
// whole-file upload, data/block-upload.ts; a flush, data/flusher.ts; and any later rewrite of
// slices), so every object carries its page checksums (data/page-checksums.ts) and is sent to
// the store with its whole-object CRC32C (S3 refuses a PUT whose bytes do not match it).
import type { SliceChecksums } from '../fs/model.ts';
import type { ObjectStore } from '../objects/types.ts';
import { blockChecksums, CHECKSUM_PAGE_BYTES } from './page-checksums.ts';

/** Store one block object with its checksum; the CRC32C of each of its pages. */
export async function putBlockObject(objects: ObjectStore, key: string, bytes: Buffer): Promise<number[]> {
  const sums = blockChecksums(bytes, CHECKSUM_PAGE_BYTES);
  await objects.put(key, bytes, { crc32c: sums.object });
  return sums.pages;
}

/** A slice's checksums from its objects' page checksums, in object order. */
export function sliceChecksums(objects: number[][]): SliceChecksums {
  return { pageBytes: CHECKSUM_PAGE_BYTES, objects };
}
