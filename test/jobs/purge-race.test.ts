// A recursive delete detaches the tree; only its top directory is marked removed, and the
// directories below it stay usable by inode number until the purge reaches them. Moving a
// directory out of the removed tree is refused (its contents may already be half purged);
// entries created in it meanwhile are purged with it; the purge always ends, and never
// starves the event loop. (Found in review: a rename out used to leave a live directory whose
// contents were purged, and a counter at -1 that made the purge loop forever.) The guard
// below stops the sweeper's transactions after 2000 calls should that ever come back.
import { AsyncLocalStorage } from 'node:async_hooks';
import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('purge of a detached tree vs. a rename out of it', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal(
    (
      await call(s.url, 'POST', '/v1/fs', {
        name: 'pt',
        blockSize: 65536,
        chunkSize: 65536,
        trashDays: 0,
        inlineBytes: 0, // the files have objects, where the purge pauses
      })
    ).status,
    201,
  );
  t.equal((await call(s.url, 'PUT', '/v1/fs/pt/dirs/t/d/sub?parents=true')).status, 201);
  t.equal((await fetch(`${s.url}/v1/fs/pt/files/t/d/a`, { method: 'PUT', body: 'a' })).status, 201);
  t.equal((await fetch(`${s.url}/v1/fs/pt/files/t/d/sub/keep`, { method: 'PUT', body: 'precious' })).status, 201);
  const d = (await call(s.url, 'GET', '/v1/fs/pt/attrs/t/d')).json.ino;
  t.equal((await call(s.url, 'DELETE', '/v1/fs/pt/files/t?recursive=true')).status, 204);

  // Pause the purge at its first object delete (file "a", before it gets to "sub").
  const objects = s.built.objects;
  const del = objects.delete.bind(objects);
  let resume!: () => void;
  let paused!: () => void;
  const atPause = new Promise<void>((r) => (paused = r));
  let first = true;
  objects.delete = async (keys) => {
    if (first && keys.length > 0) {
      first = false;
      paused();
      await new Promise<void>((r) => (resume = r));
    }
    return del(keys);
  };
  // Loop guard for the sweeper's own transactions (see the header).
  const als = new AsyncLocalStorage<boolean>();
  const kv = s.built.kv;
  const transact = kv.transact.bind(kv);
  let sweeperTx = 0;
  kv.transact = ((fn: any, o: any) => {
    if (als.getStore() && ++sweeperTx > 2000) return Promise.reject(new Error('sweeper is looping'));
    return transact(fn, o);
  }) as typeof kv.transact;

  const sweep = als.run(true, () => s.built.sweeper.runOnce(Date.now() + 1000));
  await atPause;
  // A client holding d's inode number moves "sub" out of the detached tree, into the root.
  // A directory cannot leave a removed tree: the rename is refused, nothing is half-purged.
  const mv = await call(s.url, 'POST', '/v1/fs/pt/rename-entry', {
    parent: d,
    name: 'sub',
    newParent: 1,
    newName: 'rescued',
  });
  t.match(
    { status: mv.status, code: mv.json?.code },
    { status: 404, code: 'ENOENT' },
    'the rename out of the detached tree is refused',
  );
  // A file created in it by inode number meanwhile is purged with it.
  const sub = (await call(s.url, 'GET', `/v1/fs/pt/inodes/${d}/entries/sub`)).json.ino;
  const late = await call(s.url, 'POST', `/v1/fs/pt/inodes/${sub}/entries`, { name: 'late', type: 'file' });
  t.equal(late.status, 201);
  resume();
  await sweep;

  t.notMatch(
    s.built.sweeper.status.lastError ?? '',
    /looping/,
    `the sweep pass ends on its own (${sweeperTx} transactions)`,
  );
  t.equal((await call(s.url, 'GET', '/v1/fs/pt/attrs/rescued')).status, 404, 'nothing was moved out');
  for (const ino of [d, sub, late.json.ino])
    t.equal((await call(s.url, 'GET', `/v1/fs/pt/inodes/${ino}`)).status, 404, `inode ${ino} purged`);
  t.equal((await call(s.url, 'GET', '/v1/fs/pt')).json.usage.inodes, 0, 'usage back to zero');
});
