// The README's curl walkthrough runs verbatim (against a fresh server on another port) — also
// with the metadata and the coordination in DynamoDB Local (readme-dynamodb.test.ts).
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { promisify } from 'node:util';
import t from 'tap';
import { spawnServer, TEST_DYNAMODB_ENV, tempDir } from './support/server.ts';

const run = promisify(execFile);

/** Under TEST_DYNAMODB_ENV: metadata and coordination in one table of DynamoDB Local, as the README's section says. */
function backends(dir: string): Record<string, string> {
  const endpoint = process.env[TEST_DYNAMODB_ENV];
  if (!endpoint) return {};
  const url = `dynamodb://${basename(dir)}?endpoint=${encodeURIComponent(endpoint)}`;
  return { CIRRUS_META: url, CIRRUS_COORD: url };
}

t.test('README walkthrough', async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const blocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  const walkthrough = blocks.find((b) => b.includes('/v1/fs -H'));
  t.ok(walkthrough, 'the README has a curl walkthrough');
  const dir = await tempDir('cirrus-readme-');
  const server = await spawnServer(dir, backends(dir));
  t.teardown(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dir, { recursive: true, force: true });
  });
  const script = walkthrough!.replaceAll('http://127.0.0.1:8080', server.url);
  const { stdout } = await run('bash', ['-e', '-c', script], { maxBuffer: 1 << 20 });
  t.match(stdout, /hello, cirrus\n/, 'download');
  t.match(stdout, /\ncirrus\n/, 'range 7-12');
  t.match(stdout, /"code":"EPRECONDITION"/, 'stale If-Match refused');
  t.match(stdout, /"code":"EEXIST"/, 'noReplace refused');
  t.match(stdout, /"value":"first file"/, 'xattr');
  t.match(stdout, /\{"written":5,"verifier":"[0-9a-f]{16}","stable":false\}/, 'an unstable write');
  t.match(stdout, /"stable":true\}\nHELLO, cirrus/, 'flushed, then read back');
  t.match(stdout, /"code":"EWRITESLOST"/, 'a lost verifier is refused');
  t.match(stdout, /"code":"ENOENT"/, 'missing path');
  t.match(stdout, /"code":"ENOTEMPTY"/, 'non-recursive delete of a directory');
  const creates = [...stdout.matchAll(/\{"ino":(\d+),"type":"file","mode":420[^\n]*?"nlink":1,"length":0/g)].map(
    (m) => m[1],
  );
  t.ok(creates.length >= 2 && creates.at(-1) === creates.at(-2), 'the retried create answered the same inode');
  t.match(stdout, /"verifier":"[0-9a-f]{16}"/, 'status');
  t.match(stdout, /\n304\n/, 'a current If-None-Match: 304');
  t.equal([...stdout.matchAll(/^204$/gm)].length, 3, 'each 204 prints its status');
  t.notMatch(stdout, /\}\{|\}\d{3}\n/, 'every JSON answer ends its line');
  if (process.env[TEST_DYNAMODB_ENV]) {
    t.match(stdout, /"meta":\{"engine":"dynamodb"/, 'the status names DynamoDB as the metadata engine');
    t.ok(
      server.logs.some((line) => /coordination dynamodb /.test(line)),
      'the start line names DynamoDB as the coordination',
    );
    t.match(stdout, /"leader":true/, 'the instance won the election in DynamoDB');
  }
});
