// Against `npm start`'s entry as a child process: at debug level every answered request is one
// log line; at the default level (info) no request is logged at all (the hook is not installed).
import { rm } from 'node:fs/promises';
import t, { type Test } from 'tap';
import { call } from '../support/api.ts';
import { spawnServer, tempDir } from '../support/server.ts';

interface RequestLine {
  msg: string;
  method?: string;
  url?: string;
  status?: number;
}

async function requestLinesAt(t: Test, level: string): Promise<RequestLine[]> {
  const dir = await tempDir('cirrus-reqlog-');
  const server = await spawnServer(dir, { CIRRUS_LOG_LEVEL: level });
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });
  const before = server.logs.length;
  t.equal((await call(server.url, 'POST', '/v1/fs', { name: 'logged' })).status, 201);
  t.equal((await call(server.url, 'GET', '/v1/fs/logged/attrs/nope')).status, 404);
  // A request after these two: its answer is sent after their log lines were written.
  t.equal((await call(server.url, 'GET', '/healthz')).status, 200);
  await new Promise((r) => setTimeout(r, 200)); // the child's stdout reaches us in its own time
  return server.logs
    .slice(before)
    .map((l) => JSON.parse(l) as RequestLine)
    .filter((l) => l.msg === 'request');
}

t.test('at debug, one line per answered request with method, url and status', async (t) => {
  const lines = await requestLinesAt(t, 'debug');
  const mine = lines.filter((l) => l.url !== '/healthz');
  t.same(
    mine.map((l) => [l.method, l.url, l.status]),
    [
      ['POST', '/v1/fs', 201],
      ['GET', '/v1/fs/logged/attrs/nope', 404],
    ],
  );
});

t.test('at the default level (info), requests are not logged', async (t) => {
  t.same(await requestLinesAt(t, 'info'), []);
});
