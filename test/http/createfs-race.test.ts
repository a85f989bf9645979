// Two concurrent createFs calls with the same name: exactly one answers 201, the other 409
// EEXIST — never a 201 with the winner's geometry instead of the one asked for. (Found in
// review: a claim that found a NEW entry used to "finish an interrupted create".)
import t from 'tap';
import { startServer } from '../support/server.ts';
import { call } from '../support/api.ts';

t.test('concurrent createFs of one name: exactly one 201', async (t) => {
  const s = await startServer();
  t.teardown(() => s.close());
  const [a, b] = await Promise.all([
    call(s.url, 'POST', '/v1/fs', { name: 'twin', blockSize: 65536, chunkSize: 65536 }),
    call(s.url, 'POST', '/v1/fs', { name: 'twin', blockSize: 1048576, chunkSize: 1048576 }),
  ]);
  t.comment(`answers: ${a.status} blockSize=${a.json?.blockSize}, ${b.status} blockSize=${b.json?.blockSize}`);
  t.same([a.status, b.status].sort(), [201, 409], 'one created, one EEXIST');
});
