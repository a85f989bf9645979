// Who may use the direct data plane: the same scope and POSIX checks as the data routes it
// stands in for. Creating, committing and aborting an upload write the file (write scope, and
// write permission on the file — no read permission, as open(O_WRONLY)); plans and redirects
// read it (read scope, read permission).
import { rm } from 'node:fs/promises';
import t from 'tap';
import { bearer, writeAuthFile, type KeySpec } from '../support/auth.ts';
import { call, problem } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';
import { startServer, tempDir } from '../support/server.ts';
import { pattern, putBlocks, ticketOf } from './support.ts';

const OWNER = { uid: 1000, gid: 1000 };
const KEYS: KeySpec[] = [
  { subject: 'admin', uid: 0, gid: 0, scopes: { '*': ['admin'] } },
  { subject: 'owner', ...OWNER, scopes: { d: ['write'] } },
  { subject: 'reader', ...OWNER, scopes: { d: ['read'] } },
  { subject: 'other', uid: 2000, gid: 2000, scopes: { d: ['write'] } },
];
type Who = 'admin' | 'owner' | 'reader' | 'other';

t.test('direct plane permissions', async (t) => {
  const dir = await tempDir('cirrus-direct-perm-');
  const s3 = await startS3();
  const { path, tokens } = await writeAuthFile(dir, KEYS);
  const server = await startServer({
    env: { CIRRUS_OBJECTS: await s3.bucket('perm'), CIRRUS_AUTH_FILE: path, CIRRUS_RATE_LIMIT: '0' },
  });
  t.teardown(async () => {
    await server.close();
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });
  const as = (who: Who, method: string, url: string, body?: unknown) =>
    call(server.url, method, `/v1/fs/d${url}`, body, bearer(tokens[who]));
  // inlineBytes 0: small files are objects, so their downloads redirect.
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 'd', inlineBytes: 0 }, bearer(tokens.admin))).status, 201);
  t.equal((await as('admin', 'PATCH', '/attrs/', OWNER)).status, 200, 'the root is the owner’s');
  const file = async (name: string, mode: number) => {
    const r = await fetch(`${server.url}/v1/fs/d/files/${name}`, {
      method: 'PUT',
      headers: bearer(tokens.owner),
      body: pattern(1000),
    });
    t.equal(r.status, 201, `create ${name}`);
    t.equal((await as('owner', 'PATCH', `/attrs/${name}`, { mode })).status, 200, `chmod ${name}`);
    return ((await r.json()) as { ino: number }).ino;
  };
  const upload = (who: Who, name: string, length = 1000) => as(who, 'POST', `/uploads/${name}`, { offset: 0, length });

  await t.test('a write-only file takes a direct upload from its owner, who cannot plan a download', async (t) => {
    const ino = await file('wo', 0o200);
    const bytes = pattern(2000, 3);
    const ticket = ticketOf(await upload('owner', 'wo', bytes.length));
    t.same(await putBlocks(ticket, bytes), [200]);
    const done = await as('owner', 'POST', `/inodes/${ino}/uploads/${ticket.uploadId}/commit`);
    t.equal(done.status, 200, done.text);
    t.equal(done.json.length, 2000);
    problem(t, await as('owner', 'GET', `/inodes/${ino}/download-plan`), 403, 'EACCES', 'plan of a write-only file');
    problem(t, await as('owner', 'GET', '/download-plans/wo'), 403, 'EACCES', 'path plan of a write-only file');
    const redirect = await fetch(`${server.url}/v1/fs/d/files/wo?redirect=true`, {
      redirect: 'manual',
      headers: bearer(tokens.owner),
    });
    t.equal(redirect.status, 403, 'no redirect to a file the caller may not read');
  });

  await t.test('a read-only file refuses direct uploads and still plans and redirects', async (t) => {
    const ino = await file('ro', 0o444);
    problem(t, await upload('owner', 'ro'), 403, 'EACCES', 'createPathUpload on a read-only file');
    problem(
      t,
      await as('owner', 'POST', `/inodes/${ino}/uploads`, { offset: 0, length: 10 }),
      403,
      'EACCES',
      'createUpload on a read-only file',
    );
    const plan = await as('reader', 'GET', `/inodes/${ino}/download-plan`);
    t.equal(plan.status, 200, 'a read scope plans a download');
    t.equal(plan.json.pieces.length, 1);
    const redirect = await fetch(`${server.url}/v1/fs/d/files/ro?redirect=true`, {
      redirect: 'manual',
      headers: bearer(tokens.reader),
    });
    t.equal(redirect.status, 307, 'and is redirected');
  });

  await t.test('a read scope cannot start, commit or abort an upload', async (t) => {
    const ino = await file('rw', 0o666);
    const ticket = ticketOf(await upload('owner', 'rw'));
    problem(t, await upload('reader', 'rw'), 403, 'EACCES', 'createPathUpload with read scope');
    const commit = `/inodes/${ino}/uploads/${ticket.uploadId}/commit`;
    problem(t, await as('reader', 'POST', commit), 403, 'EACCES', 'commitUpload with read scope');
    const abort = `/inodes/${ino}/uploads/${ticket.uploadId}`;
    problem(t, await as('reader', 'DELETE', abort), 403, 'EACCES', 'abortUpload with read scope');
    t.equal((await as('owner', 'DELETE', abort)).status, 204, 'the upload was still open');
  });

  await t.test('a writer without write permission on the file cannot start, commit or abort', async (t) => {
    const ino = await file('mine', 0o644);
    problem(t, await upload('other', 'mine'), 403, 'EACCES', 'createPathUpload by another user');
    const bytes = pattern(1000, 5);
    const ticket = ticketOf(await upload('owner', 'mine'));
    t.same(await putBlocks(ticket, bytes), [200]);
    const commit = `/inodes/${ino}/uploads/${ticket.uploadId}/commit`;
    problem(t, await as('other', 'POST', commit), 403, 'EACCES', 'another user commits the owner’s upload');
    problem(t, await as('other', 'DELETE', `/inodes/${ino}/uploads/${ticket.uploadId}`), 403, 'EACCES', 'or aborts it');
    t.equal((await as('other', 'GET', '/download-plans/mine')).status, 200, 'others may read a 0644 file');
    const done = await as('owner', 'POST', commit);
    t.equal(done.status, 200, 'the owner commits after all');
  });

  await t.test('a direct upload by a non-root writer clears setuid and setgid, as write(2) does', async (t) => {
    await file('suid', 0o6755);
    t.equal((await upload('owner', 'suid')).status, 201);
    const after = await as('owner', 'GET', '/attrs/suid');
    t.equal(after.json.mode & 0o7777, 0o755);
  });
});
