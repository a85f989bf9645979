// Bodies are streamed, never buffered whole: a 1 GiB upload and its download keep the
// server's RSS growth under 256 MiB.
import { readFile, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import t from 'tap';
import { spawnServer, tempDir } from '../support/server.ts';
import { call } from '../support/api.ts';

const MiB = 1024 * 1024;
const SIZE = 1024 * MiB;
const RSS_BUDGET = 256 * MiB;

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** 1 GiB of a byte pattern, produced 1 MiB at a time. */
function body(): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= SIZE) return c.close();
      const chunk = Buffer.alloc(MiB, (sent / MiB) % 251);
      sent += MiB;
      c.enqueue(chunk);
    },
  });
}

t.test('1 GiB through uploadFile and downloadFile with bounded server memory', async (t) => {
  const dir = await tempDir('cirrus-large-');
  const server = await spawnServer(dir);
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });
  await call(server.url, 'POST', '/v1/fs', { name: 'big' });
  const pid = server.child.pid!;
  const before = await rssOf(pid);
  let peak = before;
  const sampler = setInterval(
    () =>
      void rssOf(pid)
        .then((r) => (peak = Math.max(peak, r)))
        .catch(() => undefined),
    50,
  );
  try {
    const up = await fetch(`${server.url}/v1/fs/big/files/one-gib`, {
      method: 'PUT',
      body: body(),
      duplex: 'half',
    } as RequestInit);
    t.equal(up.status, 201, 'uploaded');
    t.equal(((await up.json()) as { length: number }).length, SIZE);
    const uploadGrowth = peak - before;
    t.ok(uploadGrowth < RSS_BUDGET, `upload: server RSS grew ${(uploadGrowth / MiB).toFixed(0)} MiB, under 256 MiB`);
    const down = await fetch(`${server.url}/v1/fs/big/files/one-gib`);
    let got = 0;
    let ok = true;
    for await (const chunk of Readable.fromWeb(down.body as never)) {
      const b = chunk as Buffer;
      for (let i = 0; i < b.length && ok; i += 4096) ok = b[i] === Math.floor((got + i) / MiB) % 251;
      got += b.length;
    }
    t.equal(got, SIZE, 'downloaded whole');
    t.ok(ok, 'the bytes are right');
  } finally {
    clearInterval(sampler);
  }
  const growth = peak - before;
  t.ok(
    growth < RSS_BUDGET,
    `upload and download: server RSS grew ${(growth / MiB).toFixed(0)} MiB (from ${(before / MiB).toFixed(0)} MiB), under 256 MiB`,
  );
});
