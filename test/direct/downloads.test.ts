// Direct downloads against the test S3 server: the read plan of a range as presigned ranged
// GETs and holes, which a client stitches into the same bytes readData answers; and
// downloadFile?redirect=true answering 307 only when one object answers the request itself.
import t from 'tap';
import { DIRECT_MAX_PLAN_PIECES } from '../../src/data/direct-reads.ts';
import { apiFor, problem } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';
import { startServer } from '../support/server.ts';
import { pattern } from './support.ts';

const BLOCK = 65536;
const CHUNK = 131072;

interface Plan {
  fileLength: number;
  offset: number;
  end: number;
  complete: boolean;
  pieces: ({ fileOffset: number; length: number } & (
    | { zero: true }
    | { url: string; objectRange: { start: number; end: number } }
  ))[];
}

/** What a client does with a plan: ranged GETs straight from S3, zeros for holes. */
async function fetchPlan(plan: Plan): Promise<Buffer> {
  const parts: Buffer[] = [];
  let at = plan.offset;
  for (const p of plan.pieces) {
    if (p.fileOffset !== at) throw new Error(`a gap in the plan at ${at}`);
    at += p.length;
    if ('zero' in p) {
      parts.push(Buffer.alloc(p.length));
      continue;
    }
    const res = await fetch(p.url, { headers: { range: `bytes=${p.objectRange.start}-${p.objectRange.end - 1}` } });
    if (res.status !== 206) throw new Error(`GET ${p.url} answered ${res.status}`);
    parts.push(Buffer.from(await res.arrayBuffer()));
  }
  if (at !== plan.end) throw new Error('the plan stops short');
  return Buffer.concat(parts);
}

t.test('direct downloads', async (t) => {
  const s3 = await startS3();
  const server = await startServer({ env: { CIRRUS_OBJECTS: await s3.bucket('plans') } });
  t.teardown(async () => {
    await server.close();
    await s3.close();
  });
  const api = apiFor(server.url);
  t.equal((await api('POST', '/v1/fs', { name: 'p', blockSize: BLOCK, chunkSize: CHUNK })).status, 201);
  const upload = async (name: string, body: Buffer) => {
    const r = await fetch(`${server.url}/v1/fs/p/files/${name}`, { method: 'PUT', body });
    return ((await r.json()) as { ino: number }).ino;
  };
  const write = (ino: number, offset: number, body: Buffer, sync = true) =>
    fetch(`${server.url}/v1/fs/p/inodes/${ino}/data?offset=${offset}&sync=${sync}`, { method: 'PUT', body });
  const read = async (ino: number) =>
    Buffer.from(await (await fetch(`${server.url}/v1/fs/p/inodes/${ino}/data`)).arrayBuffer());

  await t.test('a plan of overlapping slices and holes reads the same bytes as readData', async (t) => {
    const ino = await upload('f', pattern(300_000));
    t.equal((await write(ino, 70_000, pattern(1000, 5))).status, 200, 'a newer slice over two blocks');
    t.equal((await write(ino, 500_000, pattern(10, 6))).status, 200, 'past the end: a hole in between');
    const plan = (await api('GET', `/v1/fs/p/inodes/${ino}/download-plan`)).json as Plan;
    t.match(plan, { fileLength: 500_010, offset: 0, end: 500_010, complete: true });
    t.ok(
      plan.pieces.some((p) => 'zero' in p && p.fileOffset === 300_000),
      'the hole is a zero piece',
    );
    const piece = (at: number) => plan.pieces.find((p) => p.fileOffset === at);
    t.match(piece(70_000), { length: 1000, objectRange: { start: 0, end: 1000 } }, 'the new slice: its own object');
    t.match(
      piece(71_000),
      { length: 2 * BLOCK - 71_000, objectRange: { start: 71_000 - BLOCK, end: BLOCK } },
      'the rest of the old block: a range inside its object',
    );
    t.ok((await fetchPlan(plan)).equals(await read(ino)), 'the same bytes');
    const ranged = (await api('GET', `/v1/fs/p/download-plans/f?offset=65000&length=10000`)).json as Plan;
    t.match(ranged, { offset: 65_000, end: 75_000 });
    t.ok((await fetchPlan(ranged)).equals((await read(ino)).subarray(65_000, 75_000)), 'a range by path');
    problem(t, await api('GET', `/v1/fs/p/inodes/${ino}/download-plan?offset=600000`), 416, 'ERANGE', 'past the end');
  });

  await t.test("this instance's unflushed writes are flushed first, so the plan has them", async (t) => {
    const ino = await upload('g', pattern(100_000));
    const w = await write(ino, 99_000, Buffer.alloc(5000, 0xee), false);
    t.equal(((await w.json()) as { stable: boolean }).stable, false, 'an unstable write, in the write-back cache');
    const plan = (await api('GET', `/v1/fs/p/inodes/${ino}/download-plan`)).json as Plan;
    t.equal(plan.fileLength, 104_000);
    const bytes = await fetchPlan(plan);
    t.ok(bytes.subarray(99_000).equals(Buffer.alloc(5000, 0xee)), 'the cached bytes are in the objects planned');
  });

  await t.test('a plan holds at most DIRECT_MAX_PLAN_PIECES pieces; the rest is asked for from `end`', async (t) => {
    const body = pattern((DIRECT_MAX_PLAN_PIECES + 40) * BLOCK);
    const ino = await upload('long', body);
    const first = (await api('GET', `/v1/fs/p/inodes/${ino}/download-plan`)).json as Plan;
    t.match(first, { complete: false, end: DIRECT_MAX_PLAN_PIECES * BLOCK });
    t.equal(first.pieces.length, DIRECT_MAX_PLAN_PIECES);
    const rest = (await api('GET', `/v1/fs/p/inodes/${ino}/download-plan?offset=${first.end}`)).json as Plan;
    t.match(rest, { complete: true, end: body.length });
    t.ok(Buffer.concat([await fetchPlan(first), await fetchPlan(rest)]).equals(body));
  });

  await t.test('redirect=true: 307 to S3 when one object answers the request, else the normal answer', async (t) => {
    const small = pattern(40_000, 2);
    await upload('one', small);
    const get = (name: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}/v1/fs/p/files/${name}?redirect=true`, { redirect: 'manual', headers });
    const whole = await get('one');
    t.equal(whole.status, 307, 'a file that is one object');
    t.equal(whole.headers.get('cache-control'), 'no-store');
    const location = whole.headers.get('location')!;
    t.match(location, /X-Amz-Signature=/);
    t.ok(Buffer.from(await (await fetch(location)).arrayBuffer()).equals(small), 'S3 answers the whole file');
    const followed = await fetch(`${server.url}/v1/fs/p/files/one?redirect=true`, { headers: { range: 'bytes=-100' } });
    t.equal(followed.status, 206, 'a client that follows the redirect, with its Range');
    t.ok(Buffer.from(await followed.arrayBuffer()).equals(small.subarray(-100)), 'the suffix of the file');

    await upload('two', pattern(3 * BLOCK, 4));
    t.equal((await get('two')).status, 200, 'three objects: the normal answer');
    const inFirst = await get('two', { range: 'bytes=10-99' });
    t.equal(inFirst.status, 307, 'a range within the first object, which starts at the file start');
    const ranged = await fetch(inFirst.headers.get('location')!, { headers: { range: 'bytes=10-99' } });
    t.ok(Buffer.from(await ranged.arrayBuffer()).equals(pattern(3 * BLOCK, 4).subarray(10, 100)));
    t.equal((await get('two', { range: `bytes=${BLOCK + 10}-${BLOCK + 99}` })).status, 206, 'in the second object');
    t.equal((await get('two', { range: 'bytes=100-' })).status, 206, 'an open range reaching past one object');

    const cut = await upload('cut', pattern(50_000, 8));
    t.equal((await api('PATCH', '/v1/fs/p/attrs/cut', { size: 20_000 })).status, 200);
    t.equal((await get('cut')).status, 200, 'an object longer than the file: the normal answer');
    t.equal((await get('cut', { range: 'bytes=0-99' })).status, 307, 'a range within the file still redirects');
    t.equal((await write(cut, 0, Buffer.from('x'), false)).status, 200);
    t.equal((await get('cut', { range: 'bytes=0-99' })).status, 206, 'unflushed bytes here: the normal answer');
  });
});
