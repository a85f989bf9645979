// Page checksums (data/page-checksums.ts): a run of buffers is checked page by page whatever
// its cut points (socket chunks for a streamed download, page-sized parts for the cache).
import fc from 'fast-check';
import t from 'tap';
import type { ObjectChecksums } from '../../src/fs/model.ts';
import { blockChecksums, ChecksumMismatch, verifyRun } from '../../src/data/page-checksums.ts';

const PAGE = 1024; // small pages: the rules do not depend on the size

function object(bytes: number): { body: Buffer; sums: ObjectChecksums } {
  const body = Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 7 + 3) % 256));
  return { body, sums: { pageBytes: PAGE, pages: blockChecksums(body, PAGE).pages } };
}

/** `bytes` cut at the given offsets (sorted, deduplicated, inside). */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.filter((x) => x > 0 && x < bytes.length))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  return out.filter((b) => b.length > 0);
}

t.test('a run cut anywhere passes; a flipped byte names its page', async (t) => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 6 * PAGE }),
      fc.array(fc.nat(6 * PAGE), { maxLength: 12 }),
      fc.nat(),
      (bytes, cuts, flipSeed) => {
        const { body, sums } = object(bytes);
        const pages = Math.ceil(bytes / PAGE);
        verifyRun('k', sums, 0, pages, cut(body, cuts));
        const flipped = Buffer.from(body);
        const at = flipSeed % bytes;
        flipped[at] ^= 0x10;
        try {
          verifyRun('k', sums, 0, pages, cut(flipped, cuts));
          return false;
        } catch (e) {
          return e instanceof ChecksumMismatch && e.page === Math.floor(at / PAGE);
        }
      },
    ),
  );
  t.pass('every run passed whole and failed with one flipped byte at its page');
});

t.test('a run starting at a later page, and pages past the object end', async (t) => {
  const { body, sums } = object(3 * PAGE + 100); // pages 0..3, the last 100 bytes
  verifyRun('k', sums, 2, 2, cut(body.subarray(2 * PAGE), [7, PAGE + 1]));
  verifyRun('k', sums, 3, 3, [body.subarray(3 * PAGE)]); // pages 4 and 5 are past the end: empty, no checksum
  t.throws(
    () => verifyRun('k', sums, 2, 2, [body.subarray(2 * PAGE, 3 * PAGE)]),
    ChecksumMismatch,
    'a page with a checksum arrived empty',
  );
  t.throws(
    () => verifyRun('k', sums, 2, 2, [body.subarray(2 * PAGE, body.length - 1)]),
    ChecksumMismatch,
    'the last page short by a byte',
  );
});
