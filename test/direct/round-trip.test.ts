// Acceptance of the direct data plane (issue 12): a 200 MiB file uploaded and downloaded
// through presigned URLs against the test S3 server, by the client helper, checksums equal —
// and the API process (a child, `npm start`'s entry) does not carry the bytes: its peak
// resident memory during the transfers grows by far less than the file.
import { createHash, randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import t from 'tap';
import { DirectClient } from '../../clients/typescript/direct/index.ts';
import { apiFor } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';
import { spawnServer, tempDir } from '../support/server.ts';

const FILE_BYTES = 200 * 1024 * 1024;
/** The API may grow by this much while 200 MiB pass by it (metadata, URLs, GC slack) — not by the file. */
const MAX_API_GROWTH_BYTES = 64 * 1024 * 1024;

/** Resident and peak resident memory of a process (Linux /proc). */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)![1]) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

const MiB = (n: number) => (n / 1024 / 1024).toFixed(1);

// 400 MiB through the S3 server, the API and this process take 20 s here alone; the whole
// suite on a loaded machine can make that several times longer than the runner's per-file
// limit (package.json "tap".timeout).
t.setTimeout(10 * 60_000);

t.test('a 200 MiB file through the direct plane', async (t) => {
  const s3 = await startS3();
  const dir = await tempDir();
  const server = await spawnServer(dir, { CIRRUS_OBJECTS: await s3.bucket('big'), CIRRUS_LOG_LEVEL: 'warn' });
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });
  const api = apiFor(server.url);
  t.equal((await api('POST', '/v1/fs', { name: 'big' })).status, 201, 'default geometry: 4 MiB blocks, 64 MiB chunks');
  const bytes = randomBytes(FILE_BYTES);
  const sent = createHash('sha256').update(bytes).digest('hex');
  const blob = new Blob([bytes]);
  // The test server keeps no checksums, so a commit would verify signed ones by reading the
  // blocks back through the API (objects/direct.ts): off here, where the API must not touch them.
  const client = new DirectClient({ baseUrl: server.url, fs: 'big', parallel: 4, checksums: false });
  const pid = server.child.pid!;
  const before = await memoryOf(pid);
  await writeFile(`/proc/${pid}/clear_refs`, '5'); // reset the peak (VmHWM) to the current RSS

  const t0 = performance.now();
  const attrs = await client.upload('videos/big.bin', blob);
  const upMs = performance.now() - t0;
  t.equal(attrs.length, FILE_BYTES, 'committed');
  const t1 = performance.now();
  const hash = createHash('sha256');
  let received = 0;
  for await (const chunk of client.chunks('videos/big.bin')) {
    hash.update(chunk);
    received += chunk.length;
  }
  const downMs = performance.now() - t1;
  const after = await memoryOf(pid);
  t.equal(received, FILE_BYTES);
  t.equal(hash.digest('hex'), sent, 'SHA-256 of what came back equals what was sent');

  const growth = after.peak - before.rss;
  t.comment(
    `200 MiB up ${(FILE_BYTES / 1024 / 1024 / (upMs / 1000)).toFixed(0)} MiB/s (${upMs.toFixed(0)} ms), ` +
      `down ${(FILE_BYTES / 1024 / 1024 / (downMs / 1000)).toFixed(0)} MiB/s (${downMs.toFixed(0)} ms); ` +
      `API RSS ${MiB(before.rss)} MiB before, peak ${MiB(after.peak)} MiB during: growth ${MiB(growth)} MiB`,
  );
  t.ok(
    growth < MAX_API_GROWTH_BYTES,
    `the API's peak RSS grew ${MiB(growth)} MiB, under ${MiB(MAX_API_GROWTH_BYTES)} MiB`,
  );
  const stat = await api('GET', '/v1/fs/big/attrs/videos/big.bin');
  t.equal(stat.json.length, FILE_BYTES);
});
