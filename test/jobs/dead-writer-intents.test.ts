// Objects of uploads whose server was killed are collected on the first sweeper pass after a
// restart, not a day later: the intents name their writer (the write verifier of its boot), and
// a boot that is not this one and not a live instance can never commit them. (Found in review:
// after five kill -9s during S3 uploads, 53 unreferenced objects survived 30 sweeper passes.)
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import t from 'tap';
import { call } from '../support/api.ts';
import { startS3, TEST_CREDENTIALS } from '../support/s3.ts';
import { spawnServer, tempDir, type ChildServer } from '../support/server.ts';

const KiB = 1024;
const KILLS = Number(process.env.DEAD_WRITER_KILLS ?? 3);
const BLOCK = 64 * KiB;

t.test('kill -9 mid-upload on S3: only referenced objects remain after the first sweeper pass', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  const bucket = `dead-writer-${Math.floor(Math.random() * 1e9)}`;
  const url = await s3.bucket(bucket);
  const client = new S3Client({
    endpoint: s3.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: TEST_CREDENTIALS,
  });
  t.teardown(() => client.destroy());
  const keys = async () => {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
    return (out.Contents ?? []).map((o) => o.Key!).sort();
  };
  const dir = await tempDir('cirrus-dead-writer-');
  let server: ChildServer | undefined;
  t.teardown(() => server?.child.kill('SIGKILL'));
  // No sweeping while the writers run: what the killed ones leave waits for the restart.
  const start = (sweepMs: number) =>
    spawnServer(dir, { CIRRUS_OBJECTS: url, CIRRUS_SWEEP_INTERVAL_MS: String(sweepMs) });

  server = await start(3_600_000);
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 'd', blockSize: BLOCK })).status, 201);
  for (let i = 0; i < 3; i++) {
    const body = Buffer.alloc(3 * BLOCK + i * 1000, i + 1);
    t.equal((await fetch(`${server.url}/v1/fs/d/files/kept${i}`, { method: 'PUT', body })).status, 201);
  }
  const referenced = await keys();
  t.ok(referenced.length >= 9, `committed files hold ${referenced.length} objects`);

  let orphans = 0;
  for (let kill = 0; kill < KILLS; kill++) {
    if (kill > 0) server = await start(3_600_000);
    const live = server;
    // A body that trickles in a block at a time and never ends: the server is killed mid-upload.
    let sent = 0;
    let killed = false;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await new Promise((r) => setTimeout(r, 20));
        if (killed) controller.close();
        else controller.enqueue(new Uint8Array(BLOCK).fill(sent++ % 251));
      },
    });
    const upload = fetch(`${live.url}/v1/fs/d/files/killed${kill}`, {
      method: 'PUT',
      body,
      duplex: 'half',
    } as RequestInit).catch(() => undefined);
    for (let waited = 0; (await keys()).length < referenced.length + orphans + 3; waited++) {
      if (waited > 600) throw new Error('the upload wrote no objects');
      await new Promise((r) => setTimeout(r, 50));
    }
    live.child.kill('SIGKILL');
    killed = true;
    await live.exited;
    await upload;
    orphans = (await keys()).length - referenced.length;
  }
  t.ok(orphans >= 3 * KILLS, `${KILLS} kills left ${orphans} unreferenced objects`);

  server = await start(200);
  const restartedAt = Date.now();
  let status: { passes: number; intents: { counters: { expired?: number; writerDead?: number } } };
  for (;;) {
    status = (await call(server.url, 'GET', '/v1/status')).json.jobs;
    if (status.passes >= 1) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const after = await keys();
  t.comment(
    `orphans: ${orphans} unreferenced objects after ${KILLS} kill -9s mid-upload; ` +
      `${after.length - referenced.length} after the first sweeper pass (${Date.now() - restartedAt} ms after the restart); ` +
      `intents collected: ${status.intents.counters.writerDead ?? 0} with a dead writer, ${status.intents.counters.expired ?? 0} expired`,
  );
  t.same(after, referenced, 'the bucket holds only referenced objects');
  t.equal(status.intents.counters.writerDead, KILLS, "each killed upload's intent was collected for its dead writer");
  t.equal(status.intents.counters.expired ?? 0, 0, 'none had to wait for its expiry');
  for (let i = 0; i < 3; i++) {
    const back = Buffer.from(await (await fetch(`${server.url}/v1/fs/d/files/kept${i}`)).arrayBuffer());
    t.ok(back.equals(Buffer.alloc(3 * BLOCK + i * 1000, i + 1)), `kept${i} reads back whole`);
  }
  t.equal((await call(server.url, 'GET', '/v1/fs/d/attrs/killed0')).status, 404, 'no killed upload was committed');
  server.child.kill('SIGTERM');
  await server.exited;
  server = undefined;
});
