// Operating a filesystem: directory summaries (DIGEST §2.8) by inode, by path and as the
// curve.dir.* xattrs; deleting a filesystem by renaming it (DIGEST §6.6: the name is free at
// once, the purge follows); and the background jobs' figures in getStatus and /metrics.
import t from 'tap';
import { apiFor, problem } from '../support/api.ts';
import { objectKeys } from '../support/files.ts';
import { startServer } from '../support/server.ts';

t.test('operations', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const api = apiFor(s.url);
  const put = async (fs: string, path: string, bytes: number) => {
    const r = await fetch(`${s.url}/v1/fs/${fs}/files/${path}`, { method: 'PUT', body: Buffer.alloc(bytes, 1) });
    t.equal(r.status, 201, `PUT ${path}`);
    return ((await r.json()) as { ino: number }).ino;
  };

  await t.test('summaries: per level and recursive, by inode, by path and as xattrs', async (t) => {
    t.equal((await api('POST', '/v1/fs', { name: 'sum' })).status, 201);
    t.equal((await api('PUT', '/v1/fs/sum/dirs/d/sub/deeper?parents=true')).status, 201);
    await put('sum', 'd/a', 100);
    await put('sum', 'd/b', 200);
    await put('sum', 'd/sub/c', 300);
    await put('sum', 'd/sub/deeper/e', 400);
    t.equal((await api('PUT', '/v1/fs/sum/symlinks/d/link', { target: 'a' })).status, 201);
    await put('sum', 'outside', 5000);
    const d = (await api('GET', '/v1/fs/sum/attrs/d')).json.ino;

    const level = { files: 3, subdirs: 1, entries: 4, bytes: 100 + 200 + 4096 + 1 };
    const recursive = { files: 5, subdirs: 2, entries: 7, bytes: level.bytes + 300 + 4096 + 400 };
    const byIno = await api('GET', `/v1/fs/sum/inodes/${d}/summary`);
    t.equal(byIno.status, 200);
    t.same(byIno.json, { ino: d, level, recursive, complete: true });
    t.same((await api('GET', '/v1/fs/sum/summaries/d')).json, byIno.json, 'the path twin answers the same');
    t.same(
      (await api('GET', `/v1/fs/sum/inodes/${d}/summary?recursive=false`)).json,
      { ino: d, level, complete: true },
      'recursive=false: the level only',
    );
    t.match(
      (await api('GET', '/v1/fs/sum/summaries')).json,
      { recursive: { files: 6, bytes: recursive.bytes + 4096 + 5000 } },
      'the root',
    );

    const xattr = async (name: string) =>
      (await api('GET', `/v1/fs/sum/inodes/${d}/xattrs/${name}?encoding=utf8`)).json?.value;
    t.equal(await xattr('curve.dir.files'), '3');
    t.equal(await xattr('curve.dir.entries'), '4');
    t.equal(await xattr('curve.dir.filebytes'), String(level.bytes));
    t.equal(await xattr('curve.dir.rfiles'), '5');
    t.equal(await xattr('curve.dir.rsubdirs'), '2');
    t.equal(await xattr('curve.dir.rfilebytes'), String(recursive.bytes));
    t.match((await api('GET', `/v1/fs/sum/inodes/${d}/xattrs`)).json, {
      names: ['curve.dir.entries', 'curve.dir.filebytes'],
    });
    problem(
      t,
      await api('PUT', `/v1/fs/sum/inodes/${d}/xattrs/curve.dir.files`, { value: '9', encoding: 'utf8' }),
      403,
      'EPERM',
      'summary xattrs are read-only',
    );
    const file = (await api('GET', '/v1/fs/sum/attrs/d/a')).json.ino;
    problem(t, await api('GET', `/v1/fs/sum/inodes/${file}/summary`), 409, 'ENOTDIR', 'a file has no summary');
  });

  await t.test('a deleted filesystem frees its name at once and is purged in the background', async (t) => {
    t.equal((await api('POST', '/v1/fs', { name: 'gone' })).status, 201);
    await put('gone', 'x', 150_000);
    const ofOld = async () => (await objectKeys(s)).filter((k) => k.startsWith(`${del.json.id}/`));
    const del = await api('DELETE', '/v1/fs/gone?recursive=true');
    t.equal((await ofOld()).length, 1, 'its object stays until the purge');
    t.equal(del.status, 202);
    t.match(del.json, { name: /^gone~deleting~\d+~\d+$/, status: 'DELETING' }, 'renamed in the same step');
    const again = await api('POST', '/v1/fs', { name: 'gone', inlineBytes: 0 }); // its small file is an object
    t.equal(again.status, 201, 'the name is free at once');
    t.not(again.json.id, del.json.id, 'for a new filesystem');
    await put('gone', 'x', 10);
    await s.built.sweeper.runOnce();
    const names = (await api('GET', '/v1/fs')).json.filesystems.map((f: { name: string }) => f.name);
    t.notOk(names.includes(del.json.name), 'the old one is purged and dropped from the catalogue');
    t.same(await ofOld(), [], 'its objects are gone');
    t.equal((await objectKeys(s)).filter((k) => k.startsWith(`${again.json.id}/`)).length, 1, "the new one's stay");
    t.equal(await (await fetch(`${s.url}/v1/fs/gone/files/x`)).arrayBuffer().then((b) => b.byteLength), 10);
    t.match(s.built.sweeper.jobs.fsDeletion, { items: 1, errors: 0 }, 'the job counts the filesystem');
  });

  await t.test('job progress and results in getStatus and /metrics', async (t) => {
    await s.built.sweeper.runOnce();
    const status = await api('GET', '/v1/status');
    t.equal(status.status, 200);
    t.match(status.json.jobs, {
      passes: Number,
      lastPassComplete: true,
      trash: { runs: Number, items: Number, errors: 0, lastRunAt: String },
      compaction: { runs: Number, errors: 0 },
      fsDeletion: { items: 1 },
    });
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    t.match(metrics, /cirrus_job_runs_total\{job="trash"\} [1-9]/);
    t.match(metrics, /cirrus_job_items_total\{job="fsDeletion"\} 1/);
    t.match(metrics, /cirrus_job_errors_total\{job="compaction"\} 0/);
  });
});
