// What admin jobs (dump, fsck) read first from a view of the store (kv/types.ts KvView): the
// filesystems of the catalogue, and a filesystem's usage counters (to size progress bars).
import { decodeJson, decodeUsage } from '../fs/codec.ts';
import { CATALOGUE_GROUP, usageGroup } from '../fs/keys.ts';
import type { FsInfo } from '../fs/model.ts';
import type { Usage } from '../fs/usage.ts';
import { fsErr } from '../errno.ts';
import type { KvView } from '../kv/types.ts';

/** Every filesystem the catalogue holds in the view, in any state, by id. */
export async function viewFilesystems(view: KvView): Promise<FsInfo[]> {
  const all: FsInfo[] = [];
  for await (const page of view.scan({ group: CATALOGUE_GROUP })) {
    for (const e of page) all.push(decodeJson<FsInfo>(e.value));
  }
  return all.sort((a, b) => a.id - b.id);
}

/**
 * The live (INITED) filesystems a job works on: the one named, or all of them. A named one
 * that is being created or deleted is EBUSY, one that does not exist ENOENT.
 */
export async function pickFilesystems(view: KvView, name: string | undefined): Promise<FsInfo[]> {
  const all = await viewFilesystems(view);
  if (name === undefined) return all.filter((fs) => fs.status === 'INITED');
  const fs = all.find((f) => f.name === name);
  if (!fs) throw fsErr('ENOENT', `no filesystem named ${JSON.stringify(name)}`);
  if (fs.status !== 'INITED') throw fsErr('EBUSY', `filesystem ${JSON.stringify(name)} is ${fs.status}`);
  return [fs];
}

/** The filesystem's usage counters summed, as the view holds them. */
export async function viewUsage(view: KvView, fs: FsInfo): Promise<Usage> {
  const total: Usage = { inodes: 0, bytes: 0 };
  for await (const page of view.scan({ group: usageGroup(fs.id) })) {
    for (const e of page) {
      const u = decodeUsage(e.value);
      total.inodes += u.inodes;
      total.bytes += u.bytes;
    }
  }
  return total;
}
