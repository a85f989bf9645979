// Cutting a streamed body into block objects (data/block-upload.ts): whatever sizes the body
// arrives in — single bytes, chunks straddling block and chunk boundaries, one huge chunk —
// every object holds exactly its block's bytes, slices start at chunk boundaries, and the
// page checksums recorded match the objects written.
import { rm } from 'node:fs/promises';
import t from 'tap';
import { BlockUpload } from '../../src/data/block-upload.ts';
import { ByteBudget } from '../../src/data/byte-budget.ts';
import { blockChecksums } from '../../src/data/page-checksums.ts';
import { objectKey } from '../../src/fs/layout.ts';
import { LocalObjectStore } from '../../src/objects/local.ts';
import { tempDir } from '../support/server.ts';

const KiB = 1024;
const geometry = { blockSize: 64 * KiB, chunkSize: 256 * KiB };

/** A deterministic pseudo-random sequence (xorshift32), so a failure reproduces. */
function seeded(seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

async function* pieces(body: Buffer, size: () => number): AsyncGenerator<Buffer> {
  for (let at = 0; at < body.length; ) {
    const n = Math.max(1, Math.min(body.length - at, size()));
    yield body.subarray(at, at + n);
    at += n;
  }
}

const SHAPES: Record<string, (r: () => number) => () => number> = {
  'one byte at a time': () => () => 1,
  'odd sizes straddling blocks': (r) => () => Math.floor(r() * 3 * geometry.blockSize),
  'one chunk for the whole body': () => () => Number.MAX_SAFE_INTEGER,
  'exactly a block each': () => () => geometry.blockSize,
};

for (const [shape, make] of Object.entries(SHAPES)) {
  t.test(`a body arriving ${shape} is cut into exact blocks`, async (t) => {
    const dir = await tempDir('block-upload-');
    t.teardown(() => rm(dir, { recursive: true, force: true }));
    const store = await LocalObjectStore.open(dir);
    const r = seeded(shape.length * 7919);
    const length = shape === 'one byte at a time' ? 3 * geometry.blockSize + 5 : 700 * KiB + 3;
    const body = Buffer.from(Array.from({ length }, () => Math.floor(r() * 256)));
    let nextId = 10;
    const upload = new BlockUpload(store, {
      fsId: 1,
      ino: 2,
      geometry,
      newSliceId: async () => nextId++,
      budget: new ByteBudget(4 * geometry.blockSize, 'upload'),
    });
    const written = await upload.write(pieces(body, make(r)));
    t.equal(written.length, length);
    t.same(
      written.slices.map((s) => [s.offset, s.len]),
      Array.from({ length: Math.ceil(length / geometry.chunkSize) }, (_, i) => [
        i * geometry.chunkSize,
        Math.min(geometry.chunkSize, length - i * geometry.chunkSize),
      ]),
      'one slice per chunk reached',
    );
    const back: Buffer[] = [];
    for (const s of written.slices) {
      for (let b = 0; b * geometry.blockSize < s.len; b++) {
        const bytes = await store.get(objectKey(1, 2, s.sliceId, b, 0));
        t.equal(bytes.length, Math.min(geometry.blockSize, s.len - b * geometry.blockSize), `block ${b} is whole`);
        t.same(s.checksums?.objects[b], blockChecksums(bytes).pages, `block ${b}: its page checksums`);
        back.push(bytes);
      }
    }
    t.ok(Buffer.concat(back).equals(body), 'the objects hold the body, byte for byte');
  });
}
