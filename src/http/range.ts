// Range request headers (RFC 9110 §14.2). One range is served as 206; several ranges, and
// units other than bytes, are answered with the whole file (a server may ignore Range, and
// must ignore a unit it does not understand); a malformed bytes range is EINVAL.
import { fsErr } from '../errno.ts';
import type { ByteRange } from '../data/file-reads.ts';

const SINGLE = /^(\d*)-(\d*)$/;

export function parseRange(header: string | undefined): ByteRange | undefined {
  if (header === undefined) return undefined;
  const unit = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*=/.exec(header);
  if (unit && unit[1].toLowerCase() !== 'bytes') return undefined;
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) throw fsErr('EINVAL', `malformed Range ${JSON.stringify(header)} (expected bytes=start-end)`);
  const specs = m[1].split(',').map((x) => x.trim());
  const parsed = specs.map((spec) => {
    const r = SINGLE.exec(spec);
    if (!r || (r[1] === '' && r[2] === '')) throw fsErr('EINVAL', `malformed Range ${JSON.stringify(header)}`);
    const [a, b] = [r[1] === '' ? undefined : Number(r[1]), r[2] === '' ? undefined : Number(r[2])];
    if ((a !== undefined && !Number.isSafeInteger(a)) || (b !== undefined && !Number.isSafeInteger(b))) {
      throw fsErr('EINVAL', `Range numbers out of bounds in ${JSON.stringify(header)}`);
    }
    if (a === undefined) return { suffix: b! } satisfies ByteRange;
    if (b !== undefined && b < a) throw fsErr('EINVAL', `Range end before start in ${JSON.stringify(header)}`);
    return { start: a, end: b === undefined ? undefined : b + 1 } satisfies ByteRange;
  });
  return parsed.length === 1 ? parsed[0] : undefined;
}
