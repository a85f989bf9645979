import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('a listening server answers the basic flow', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'GET', '/healthz')).status, 200);
  const fs = await call(s.url, 'POST', '/v1/fs', { name: 'smoke' });
  t.equal(fs.status, 201);
  t.equal(fs.json.status, 'INITED');
  const mk = await call(s.url, 'PUT', '/v1/fs/smoke/dirs/a');
  t.equal(mk.status, 201);
  const up = await fetch(`${s.url}/v1/fs/smoke/files/a/f.txt`, { method: 'PUT', body: 'hello world' });
  t.equal(up.status, 201);
  const down = await fetch(`${s.url}/v1/fs/smoke/files/a/f.txt`, { headers: { range: 'bytes=6-' } });
  t.equal(down.status, 206);
  t.equal(await down.text(), 'world');
  const list = await call(s.url, 'GET', '/v1/fs/smoke/dirs/a');
  t.same(
    list.json.entries.map((e: { name: string }) => e.name),
    ['f.txt'],
  );
  const st = await call(s.url, 'GET', '/v1/status');
  t.match(st.json, { leader: true, meta: { engine: 'memory' }, objects: { kind: 'file' } });
  t.match(st.json.verifier, /^[0-9a-f]{16}$/);
});

t.test('/metrics counts requests by operation', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  await call(s.url, 'GET', '/v1/fs');
  await call(s.url, 'GET', '/v1/fs/none');
  await call(s.url, 'GET', '/no/such/route');
  const res = await fetch(`${s.url}/metrics`);
  t.equal(res.status, 200);
  const text = await res.text();
  t.match(text, /cirrus_http_requests_total\{operation="listFs",status="200"\} 1/);
  t.match(text, /cirrus_http_requests_total\{operation="getFs",status="404"\} 1/);
  t.match(text, /cirrus_http_requests_total\{operation="other",status="404"\} 1/, 'an unmatched route counts as other');
  t.match(text, /cirrus_state\{what="meta_seq"\} \d+/);
});
