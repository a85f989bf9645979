// The byte quota holds for uploads without Content-Length (chunked transfer: the body may use
// only what is left of the capacity, plus what a replaced file frees) and for truncate-extend.
// Usage is cached for up to a second, hence the pauses. A refused upload is answered 507 with
// the connection closed, so the client's next request is not mistaken for the rest of the
// refused body. (Found in review: both used to pass the capacity.)
import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

const KiB = 1024;

function chunked(bytes: number): ReadableStream<Uint8Array> {
  let left = bytes;
  return new ReadableStream({
    pull(ctl) {
      if (left === 0) return ctl.close();
      const n = Math.min(left, 64 * KiB);
      ctl.enqueue(new Uint8Array(n).fill(1));
      left -= n;
    },
  });
}

t.test('capacityBytes holds for chunked uploads', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal(
    (await call(s.url, 'POST', '/v1/fs', { name: 'q', capacityBytes: 1024 * KiB, blockSize: 65536, chunkSize: 65536 }))
      .status,
    201,
  );
  const statuses: number[] = [];
  for (const name of ['a', 'b', 'c']) {
    await new Promise((r) => setTimeout(r, 1100)); // past the 1 s usage cache
    const r = await fetch(`${s.url}/v1/fs/q/files/${name}`, {
      method: 'PUT',
      body: chunked(900 * KiB),
      duplex: 'half',
    } as RequestInit);
    statuses.push(r.status);
    await r.text();
  }
  const usage = (await call(s.url, 'GET', '/v1/fs/q')).json.usage;
  t.same(statuses, [201, 507, 507], 'the first fits; the others are refused');
  t.ok(usage.bytes <= 1024 * KiB, `usage stays within capacity (${usage.bytes} bytes of 1048576)`);
});

t.test('capacityBytes holds for truncate-extend', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'q2', capacityBytes: 1024 * KiB })).status, 201);
  t.equal((await fetch(`${s.url}/v1/fs/q2/files/f`, { method: 'PUT', body: 'x' })).status, 201);
  const grow = await call(s.url, 'PATCH', '/v1/fs/q2/attrs/f', { size: 2 ** 40 });
  t.equal(grow.status, 507, `extending to 1 TiB on a 1 MiB filesystem answers ${grow.status}`);
});
