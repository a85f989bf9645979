// An upload of more chunks than its commit holds (slicesInSwitch) "stages" its extra slice keys in separate
// transactions before the commit. When the commit then fails (here: the path was created by
// someone else meanwhile, so If-None-Match: * → 412), the error path deletes the objects,
// the upload intent — and the staged slice keys, which nothing else could find once the
// intent is gone. (Found in review: they used to stay in the metadata store forever.)
import t from 'tap';
import type { KvLimits } from '../../src/kv/types.ts';
import { slicesInSwitch } from '../../src/fs/contents-switch.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const BLOCK = 65536;
/** More chunks than the commit holds: 6 slices are staged. */
const chunksFor = (limits: KvLimits) => slicesInSwitch(limits) + 6;

function orphanSliceKeys(kv: unknown): string[] {
  const tree = (kv as { tree: { entries(): Iterable<[string, string]> } }).tree;
  const groups = new Map<string, { inode: boolean; slices: string[] }>();
  for (const [flat] of tree.entries()) {
    const at = flat.indexOf('\0');
    const group = flat.slice(0, at);
    const item = flat.slice(at + 1);
    if (!group.startsWith('n')) continue;
    const g = groups.get(group) ?? { inode: false, slices: [] };
    if (item === 'a') g.inode = true;
    if (item.startsWith('s')) g.slices.push(flat);
    groups.set(group, g);
  }
  return [...groups.values()].filter((g) => !g.inode).flatMap((g) => g.slices);
}

t.test('failed large upload leaves staged slice keys behind forever', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const CHUNKS = chunksFor(s.built.kv.limits);
  t.equal(
    (await call(s.url, 'POST', '/v1/fs', { name: 'leak', blockSize: BLOCK, chunkSize: BLOCK, trashDays: 0 })).status,
    201,
  );

  let sent = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const body = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      if (sent === CHUNKS - 1) await gate; // hold the last chunk back
      if (sent === CHUNKS) return ctl.close();
      ctl.enqueue(new Uint8Array(BLOCK).fill(sent & 0xff));
      sent++;
    },
  });
  const upload = fetch(`${s.url}/v1/fs/leak/files/f`, {
    method: 'PUT',
    body,
    headers: { 'if-none-match': '*' },
    duplex: 'half',
  } as RequestInit);
  while (sent < CHUNKS - 1) await new Promise((r) => setTimeout(r, 20));
  // Someone else creates the file while the upload streams.
  t.equal((await fetch(`${s.url}/v1/fs/leak/files/f`, { method: 'PUT', body: 'other' })).status, 201);
  release();
  const res = await upload;
  t.equal(res.status, 412, 'the upload fails cleanly (If-None-Match: *)');
  await res.text();

  await s.built.sweeper.runOnce(Date.now() + 48 * 3600_000); // even past every expiry
  const orphans = orphanSliceKeys(s.built.kv);
  t.same(orphans, [], `no slice keys without an inode (found ${orphans.length})`);
});
