// Combining CRC32Cs (objects/crc32c.ts): the CRC of A‖B derived from the CRCs of A and B and
// B's length equals the CRC computed over A‖B, for every split; a block's whole-object CRC,
// derived from its page CRCs (data/page-checksums.ts), equals the CRC of its bytes, which is
// what S3 checks (x-amz-checksum-crc32c).
import { randomBytes } from 'node:crypto';
import t from 'tap';
import { blockChecksums, CHECKSUM_PAGE_BYTES } from '../../src/data/page-checksums.ts';
import { crc32cCombine, crc32cOf, MAX_COMBINE_BYTES } from '../../src/objects/crc32c.ts';

t.test('the combined CRC of two parts is the CRC of the whole, for every split of a buffer', async (t) => {
  const whole = randomBytes(600);
  const want = crc32cOf(whole);
  let bad = 0;
  for (let cut = 0; cut <= whole.length; cut++) {
    const a = whole.subarray(0, cut);
    const b = whole.subarray(cut);
    if (crc32cCombine(crc32cOf(a), crc32cOf(b), b.length) !== want) bad++;
  }
  t.equal(bad, 0, 'no split differs');
});

t.test('parts of many sizes, up to 4 MiB (a block)', async (t) => {
  for (const len of [1, 7, 4096, 65_537, CHECKSUM_PAGE_BYTES, 4 * 1024 * 1024]) {
    const a = randomBytes(1 + (len % 1000));
    const b = randomBytes(len);
    t.equal(crc32cCombine(crc32cOf(a), crc32cOf(b), len), crc32cOf(Buffer.concat([a, b])), `B of ${len} bytes`);
  }
  t.equal(crc32cCombine(0x12345678, 0, 0), 0x12345678, 'an empty B leaves the CRC as it is');
  t.throws(() => crc32cCombine(1, 2, MAX_COMBINE_BYTES + 1), 'a length beyond the table is refused');
});

t.test("a block's whole-object CRC, derived from its page CRCs, is the CRC of its bytes", async (t) => {
  for (const len of [0, 1, CHECKSUM_PAGE_BYTES - 1, CHECKSUM_PAGE_BYTES, 3 * CHECKSUM_PAGE_BYTES + 17]) {
    const bytes = randomBytes(len);
    const sums = blockChecksums(bytes);
    t.equal(sums.object, crc32cOf(bytes), `${len} bytes`);
    t.equal(sums.pages.length, Math.ceil(len / CHECKSUM_PAGE_BYTES));
  }
});
