// A truncate orders with concurrent writes by commit, not by id allocation: a mark covers
// exactly the slices committed before it. Here the truncate's transaction is held between its
// reads and its commit (standing in for a networked KV round trip) while an upload commits;
// the truncate then conflicts and is re-run, and its mark covers the upload's slices, so
// growing the file again reads zeros, not the upload's old bytes. (Found in review: marks
// carried a slice id allocated before the transaction, and a concurrent upload escaped them.)
import t from 'tap';
import { inodeKey } from '../../src/fs/keys.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const CHUNK = 65536;

t.test('truncate that commits after a concurrent upload leaves its data visible past the cut', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'tr', blockSize: CHUNK, chunkSize: CHUNK })).status, 201);
  const put = (body: Buffer) => fetch(`${s.url}/v1/fs/tr/files/f`, { method: 'PUT', body });
  t.equal((await put(Buffer.alloc(2 * CHUNK, 0x41))).status, 201);

  // Hold the truncate's transaction between its reads and its commit (a slow KV round trip
  // or a conflict backoff): the first transaction after this point that writes f's inode.
  const fsId = (await call(s.url, 'GET', '/v1/fs/tr')).json.id;
  const ino = (await call(s.url, 'GET', '/v1/fs/tr/attrs/f')).json.ino;
  const inodeFlat = `${inodeKey(fsId, ino).group}\0${inodeKey(fsId, ino).item}`;
  const kv = s.built.kv;
  const transact = kv.transact.bind(kv);
  let held: (() => void) | undefined;
  let reached!: () => void;
  const isHeld = new Promise<void>((r) => (reached = r));
  let armed = true;
  kv.transact = ((fn: any, o: any) =>
    transact(async (tx: any) => {
      const result = await fn(tx);
      if (armed && tx.writes?.has(inodeFlat)) {
        armed = false;
        await new Promise<void>((r) => {
          held = r;
          reached();
        });
      }
      return result;
    }, o)) as typeof kv.transact;

  const truncate = call(s.url, 'PATCH', '/v1/fs/tr/attrs/f', { size: 10 });
  await isHeld; // the truncate has its mark id and has read f; it has not committed yet
  t.equal((await put(Buffer.alloc(2 * CHUNK, 0x42))).status, 200, 'a concurrent upload commits first');
  held!();
  const cut = await truncate;
  t.equal(cut.status, 200);
  t.equal(cut.json.length, 10, 'the truncate committed last: the file is 10 bytes');

  t.equal((await call(s.url, 'PATCH', '/v1/fs/tr/attrs/f', { size: 2 * CHUNK })).status, 200, 'extend again');
  const bytes = Buffer.from(await (await fetch(`${s.url}/v1/fs/tr/files/f`)).arrayBuffer());
  t.equal(bytes.length, 2 * CHUNK);
  t.same(bytes.subarray(0, 10), Buffer.alloc(10, 0x42), "first 10 bytes are the upload's");
  const stale = bytes.subarray(10).findIndex((b) => b !== 0);
  t.equal(stale, -1, `bytes past the truncation read as zeros (first non-zero at ${stale === -1 ? '-' : 10 + stale})`);
});
