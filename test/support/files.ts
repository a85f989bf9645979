// What tests of the data path look at below the API: a file's slices and the objects in a
// test server's object directory.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeSlice } from '../../src/fs/codec.ts';
import { inodeGroup } from '../../src/fs/keys.ts';
import type { Slice } from '../../src/fs/model.ts';
import type { TestServer } from './server.ts';

/** Every slice of a file (all generations), in key order. */
export async function slicesOf(s: TestServer, fsId: number, ino: number): Promise<Slice[]> {
  const page = await s.built.kv.transact((tx) => tx.scan(inodeGroup(fsId, ino), { prefix: 's', limit: 1000 }));
  return page.entries.map((e) => decodeSlice(e.value));
}

/** The object keys a test server's local object store holds (relative, "/"-separated). */
export async function objectKeys(s: TestServer): Promise<string[]> {
  const walk = async (dir: string, prefix: string): Promise<string[]> => {
    const out: string[] = [];
    for (const d of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      if (d.isDirectory()) out.push(...(await walk(join(dir, d.name), `${prefix}${d.name}/`)));
      else out.push(prefix + d.name);
    }
    return out;
  };
  return walk(join(s.dir, 'objects'), '');
}
