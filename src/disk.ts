// Durable local-disk writes shared by the embedded engines (kv/memory, objects/local).
import { open } from 'node:fs/promises';

/** fsync a directory so a rename or link inside it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
