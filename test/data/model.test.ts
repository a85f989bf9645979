// Model-based test of the data path over HTTP: thousands of random writes (overlapping,
// sparse, past the end), truncates, flushes, whole-file replaces and ranged reads against an
// in-memory Buffer model, byte for byte, on the local object store and on S3.
import fc from 'fast-check';
import t, { type Test } from 'tap';
import { startServer, type TestServer } from '../support/server.ts';
import { call, readResponse } from '../support/api.ts';
import { startS3 } from '../support/s3.ts';

const BLOCK = 64 * 1024;
const CHUNK = 128 * 1024;
const SPAN = 5 * CHUNK + 1000; // offsets reach into the sixth chunk
const RUNS = Number(process.env.MODEL_RUNS ?? 60);
// About 30 s alone on this 2-core machine; CPU-bound (fast-check, the server, the S3 server),
// so four test files at once can stretch it past the suite's default limit.
t.setTimeout(600_000);

type Op =
  | { op: 'write'; offset: number; len: number; seed: number; sync: boolean }
  | { op: 'truncate'; size: number }
  | { op: 'flush' }
  | { op: 'read'; start: number; len: number }
  | { op: 'replace'; len: number; seed: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('write' as const),
      offset: fc.integer({ min: 0, max: SPAN }),
      len: fc.oneof(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 2 * BLOCK + 17 })),
      seed: fc.integer({ min: 1, max: 250 }),
      sync: fc.boolean(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('truncate' as const), size: fc.integer({ min: 0, max: SPAN }) }),
  },
  { weight: 2, arbitrary: fc.constant({ op: 'flush' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('read' as const),
      start: fc.integer({ min: 0, max: SPAN }),
      len: fc.integer({ min: 1, max: CHUNK + 5000 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('replace' as const),
      len: fc.integer({ min: 0, max: 3 * BLOCK }),
      seed: fc.integer({ min: 1, max: 250 }),
    }),
  },
);

const pattern = (len: number, seed: number) => {
  const b = Buffer.allocUnsafe(len);
  for (let i = 0; i < len; i++) b[i] = (seed * 7 + i * 13) % 256;
  return b;
};

async function runModel(_t: Test, s: TestServer, fsName: string): Promise<number> {
  let file = 0;
  let ops = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 25, maxLength: 60, size: 'max' }), async (list) => {
      const name = `m${file++}`;
      const created = await call(s.url, 'POST', `/v1/fs/${fsName}/inodes/1/entries`, { name, type: 'file' });
      const ino = created.json.ino as number;
      const base = `${s.url}/v1/fs/${fsName}/inodes/${ino}`;
      let model = Buffer.alloc(0);
      const verifiers = new Set<string>();
      for (const o of list) {
        ops++;
        if (o.op === 'write') {
          const data = pattern(o.len, o.seed);
          const r = await readResponse(
            await fetch(`${base}/data?offset=${o.offset}${o.sync ? '&sync=true' : ''}`, { method: 'PUT', body: data }),
          );
          if (r.status !== 200 || r.json.written !== o.len) throw new Error(`write failed: ${r.status} ${r.text}`);
          verifiers.add(r.json.verifier);
          if (o.offset + o.len > model.length)
            model = Buffer.concat([model, Buffer.alloc(o.offset + o.len - model.length)]);
          data.copy(model, o.offset);
        } else if (o.op === 'truncate') {
          const r = await call(s.url, 'PATCH', `/v1/fs/${fsName}/inodes/${ino}`, { size: o.size });
          if (r.status !== 200 || r.json.length !== o.size) throw new Error(`truncate failed: ${r.status} ${r.text}`);
          model =
            o.size <= model.length
              ? Buffer.from(model.subarray(0, o.size))
              : Buffer.concat([model, Buffer.alloc(o.size - model.length)]);
        } else if (o.op === 'flush') {
          const r = await call(s.url, 'POST', `/v1/fs/${fsName}/inodes/${ino}/flush`, { verifiers: [...verifiers] });
          if (r.status !== 200) throw new Error(`flush failed: ${r.status} ${r.text}`);
          verifiers.clear();
        } else if (o.op === 'replace') {
          const data = pattern(o.len, o.seed);
          const r = await fetch(`${s.url}/v1/fs/${fsName}/files/${name}`, { method: 'PUT', body: data });
          if (r.status !== 200) throw new Error(`replace failed: ${r.status} ${await r.text()}`);
          model = data;
        } else {
          const res = await fetch(`${base}/data`, { headers: { range: `bytes=${o.start}-${o.start + o.len - 1}` } });
          const got = Buffer.from(await res.arrayBuffer());
          if (o.start >= model.length) {
            if (res.status !== 416) throw new Error(`read past the end: ${res.status}`);
            continue;
          }
          const want = model.subarray(o.start, Math.min(model.length, o.start + o.len));
          if (res.status !== 206 || !got.equals(want)) {
            throw new Error(
              `read ${o.start}+${o.len} of ${model.length}: status ${res.status}, ${got.length} bytes differ from the model`,
            );
          }
        }
      }
      // Finally: the whole file, and its length, equal the model.
      const whole = Buffer.from(await (await fetch(`${base}/data`)).arrayBuffer());
      if (!whole.equals(model))
        throw new Error(`whole file (${whole.length} bytes) differs from the model (${model.length})`);
      const stat = await call(s.url, 'GET', `/v1/fs/${fsName}/inodes/${ino}`);
      if (stat.json.length !== model.length) throw new Error(`length ${stat.json.length} != ${model.length}`);
      // And after a flush, what is committed is the same.
      await call(s.url, 'POST', `/v1/fs/${fsName}/inodes/${ino}/flush`, { verifiers: [] });
      const committed = Buffer.from(await (await fetch(`${base}/data`)).arrayBuffer());
      if (!committed.equals(model)) throw new Error('committed contents differ from the model');
    }),
    { numRuns: RUNS },
  );
  return ops;
}

async function suite(t: Test, env: Record<string, string>): Promise<void> {
  const s = await startServer({ env });
  t.teardown(() => s.close());
  t.equal((await call(s.url, 'POST', '/v1/fs', { name: 'model', blockSize: BLOCK, chunkSize: CHUNK })).status, 201);
  const ops = await runModel(t, s, 'model');
  t.ok(ops > 1000, `${ops} random operations matched the model byte for byte`);
}

t.test('data path model on the local object store', (t) => suite(t, {}));

t.test('data path model on S3', async (t) => {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  await suite(t, { CIRRUS_OBJECTS: await s3.bucket('model') });
});
