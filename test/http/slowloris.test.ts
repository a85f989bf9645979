// Slowloris with the production settings (issue 10's acceptance run): 500 connections trickle
// request headers, one byte a second, for 30 s against a CirrusFS child process, while another
// client goes on with getattr, small uploads and downloads. Every one of its requests must
// succeed; its latencies, and when the server cut the slow connections off, are reported, not
// asserted. The server's header and request deadlines are whatever the configuration sets
// (Node's defaults when it sets none); test/http/slow-clients-style tests with short limits
// check the cut-offs themselves.
import { rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import t from 'tap';
import { call } from '../support/api.ts';
import { spawnServer, tempDir } from '../support/server.ts';

const SLOW_CONNECTIONS = 500;
const RUN_MS = Number(process.env.SLOWLORIS_SECONDS ?? 30) * 1000;
const TRICKLE_EVERY_MS = 1000;
const OTHER_CLIENT_PAUSE_MS = 50;
/** The other client alone first, for a baseline measured in the same run. */
const BASELINE_MS = 5000;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

t.test(`${SLOW_CONNECTIONS} slow connections for ${RUN_MS / 1000} s; another client is still served`, async (t) => {
  const dir = await tempDir('cirrus-slowloris-');
  const server = await spawnServer(dir, { CIRRUS_LOG_LEVEL: 'warn' });
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });
  const port = Number(new URL(server.url).port);
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 's' })).status, 201);
  t.equal((await call(server.url, 'PUT', '/v1/fs/s/dirs/d')).status, 201);

  let n = 0;
  /** The other client's loop: getattr, a 1 KiB upload, its download; latencies and failures. */
  const otherClient = async (forMs: number) => {
    const latencies: number[] = [];
    let failures = 0;
    const until = Date.now() + forMs;
    while (Date.now() < until) {
      const t0 = performance.now();
      const step = n++ % 3;
      const r =
        step === 0
          ? await call(server.url, 'GET', '/v1/fs/s/attrs/d')
          : step === 1
            ? await fetch(`${server.url}/v1/fs/s/files/d/f${n}`, { method: 'PUT', body: 'x'.repeat(1024) }).then(
                async (res) => ({ status: res.status, text: await res.text() }),
              )
            : await call(server.url, 'GET', `/v1/fs/s/files/d/f${n - 1}`);
      latencies.push(performance.now() - t0);
      if (r.status >= 300) failures++;
      await new Promise((resolve) => setTimeout(resolve, OTHER_CLIENT_PAUSE_MS));
    }
    return { latencies: latencies.sort((a, b) => a - b), failures };
  };
  const baseline = await otherClient(BASELINE_MS);

  const started = Date.now();
  const closedAt: number[] = [];
  let answered2xx = 0;
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < SLOW_CONNECTIONS; i++) {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    s.on('data', (d) => {
      if (/^HTTP\/1\.1 2/.test(d.toString('latin1'))) answered2xx++;
    });
    s.on('close', () => closedAt.push(Date.now() - started));
    s.write(`GET /v1/fs/s/attrs/d HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow-${i}: `);
    timers.push(
      setInterval(() => {
        if (!s.destroyed) s.write('a');
      }, TRICKLE_EVERY_MS),
    );
    sockets.push(s);
  }

  const during = await otherClient(RUN_MS);
  const stillOpen = sockets.filter((s) => !s.destroyed).length;
  for (const timer of timers) clearInterval(timer);
  for (const s of sockets) s.destroy();

  t.equal(baseline.failures, 0, 'the other client alone: all succeeded');
  t.equal(during.failures, 0, `all ${during.latencies.length} requests of the other client succeeded`);
  t.equal(answered2xx, 0, 'no slow request was answered as if complete');
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const line = (what: string, l: number[]) =>
    `${what}: ${l.length} requests, p50 ${ms(percentile(l, 0.5))}, p99 ${ms(percentile(l, 0.99))}, max ${ms(l.at(-1)!)}`;
  t.comment(line('other client alone', baseline.latencies));
  t.comment(line('other client during the slow connections', during.latencies));
  const cut = closedAt.filter((at) => at < RUN_MS).sort((a, b) => a - b);
  t.comment(
    `slow connections: ${SLOW_CONNECTIONS} opened, ${cut.length} cut off by the server during the run` +
      (cut.length ? ` (first after ${ms(cut[0])}, last after ${ms(cut.at(-1)!)})` : '') +
      `, ${stillOpen} still open at the end`,
  );
});
