// A client that leaves a streamed download part-way: the server stops reading for it and
// gives back the bytes its fetches ahead held (read_bytes_in_flight in /metrics), so readers
// that go away do not shrink what every later read may fetch.
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { call } from '../support/api.ts';
import { startServer } from '../support/server.ts';

const KiB = 1024;
const BLOCK = 256 * KiB;

async function gauge(url: string, what: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const m = new RegExp(`cirrus_state\\{what="${what}"\\} (\\d+)`).exec(text);
  if (!m) throw new Error(`no ${what} in /metrics`);
  return Number(m[1]);
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
    if (await check()) return true;
  }
  throw new Error(`timed out waiting for ${what}`);
}

t.test('a download its client leaves part-way gives back the bytes it fetched ahead', async (t) => {
  // No read cache: the download streams past it, fetching up to its window ahead.
  const s = await startServer({ env: { CIRRUS_READ_CACHE_BYTES: '0' } });
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'a', blockSize: BLOCK })).status, 201);
  const body = randomBytes(256 * BLOCK); // 64 MiB: more than socket buffers absorb
  t.equal((await fetch(`${s.url}/v1/fs/a/files/big`, { method: 'PUT', body })).status, 201);
  t.equal(await gauge(s.url, 'read_bytes_in_flight'), 0, 'nothing in flight before');

  const leave = new AbortController();
  const res = await fetch(`${s.url}/v1/fs/a/files/big`, { signal: leave.signal });
  t.equal(res.status, 200);
  const reader = res.body!.getReader();
  const first = await reader.read();
  t.ok(first.value && first.value.length > 0, 'the first bytes arrived');
  // The client reads no more: the server's sending stalls, and its fetches ahead stay held.
  await until('fetches ahead held', async () => (await gauge(s.url, 'read_bytes_in_flight')) > 0);
  leave.abort();
  await reader.cancel().catch(() => undefined);
  t.ok(
    await until('the fetch budget given back', async () => (await gauge(s.url, 'read_bytes_in_flight')) === 0),
    'every byte fetched ahead is given back once the client has gone',
  );

  const whole = Buffer.from(await (await fetch(`${s.url}/v1/fs/a/files/big`)).arrayBuffer());
  t.ok(whole.equals(body), 'a later download reads the whole file');
  t.equal(await gauge(s.url, 'read_bytes_in_flight'), 0, 'and gives back what it took');
});
