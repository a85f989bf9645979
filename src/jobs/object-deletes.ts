// Deleting many objects: in batches of what one call to the object store takes (S3's
// DeleteObjects takes at most 1000 keys; half that keeps each call short).
import type { ObjectStore } from '../objects/types.ts';

/** Objects deleted per call to the object store. */
export const OBJECT_DELETE_BATCH = 500;

export async function deleteObjects(objects: ObjectStore, keys: readonly string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += OBJECT_DELETE_BATCH)
    await objects.delete(keys.slice(i, i + OBJECT_DELETE_BATCH));
}
