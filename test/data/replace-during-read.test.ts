// A download in flight while the file is replaced (whole-file upload) and the sweeper runs:
// the old contents stay readable for a grace period, so the download finishes with the old
// file; past the grace period the read fails rather than switch to the new contents
// mid-stream. (Found in review: the body used to be part old file, part new file.)
import t from 'tap';
import { GEN_PURGE_GRACE_MS } from '../../src/jobs/sweeper.ts';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const MiB = 1024 * 1024;
const BLOCKS = 8; // 4 MiB blocks: more than the 16 MiB read-ahead window

async function startSlowRead(url: string) {
  const res = await fetch(`${url}/v1/fs/torn/files/f`);
  const reader = res.body!.getReader();
  const first = await reader.read(); // start reading, then stall like a slow client
  return { res, reader, got: Buffer.from(first.value!) };
}

async function finish(r: Awaited<ReturnType<typeof startSlowRead>>): Promise<{ body: Buffer; error?: unknown }> {
  let body = r.got;
  try {
    for (;;) {
      const { done, value } = await r.reader.read();
      if (done) return { body };
      body = Buffer.concat([body, Buffer.from(value)]);
    }
  } catch (error) {
    return { body, error };
  }
}

t.test('reads racing a replace get one version of the file, never a mix', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'torn' })).status, 201);
  const oldBody = Buffer.alloc(BLOCKS * 4 * MiB, 0x41);
  const newBody = Buffer.alloc(BLOCKS * 4 * MiB, 0x42);
  const put = (body: Buffer) => fetch(`${s.url}/v1/fs/torn/files/f`, { method: 'PUT', body });
  t.equal((await put(oldBody)).status, 201);

  const within = await startSlowRead(s.url);
  t.equal((await put(newBody)).status, 200);
  await s.built.sweeper.runOnce();
  const a = await finish(within);
  t.notOk(a.error, 'within the grace period the read completes');
  t.ok(a.body.equals(oldBody), 'with the old contents, whole');

  const beyond = await startSlowRead(s.url);
  t.equal((await put(oldBody)).status, 200);
  await s.built.sweeper.runOnce(Date.now() + GEN_PURGE_GRACE_MS + 1000);
  const b = await finish(beyond);
  t.ok(b.error, 'past the grace period, with the objects gone, the read fails');
  t.ok(
    b.body.length < newBody.length && b.body.equals(newBody.subarray(0, b.body.length)),
    'what arrived is a prefix of the version it started with',
  );
});
