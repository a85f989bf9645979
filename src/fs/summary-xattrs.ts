// The summary as the seed's virtual xattrs (DIGEST §2.8): `curve.dir.{files,subdirs,entries,
// filebytes}` for the directory's own entries and `curve.dir.r{…}` for its tree, read-only,
// listed on directories only. Values are decimal text, as getfattr shows CephFS's ceph.dir.*.
// files, subdirs and entries come from the directory's counters (exact, one transaction);
// filebytes walks the directory's entries, and the r… names its tree (fs/summary.ts), at most
// SUMMARY_XATTR_MAX_ENTRIES entries (a larger tree answers E2BIG: getSummary pages through it).
import { fsErr } from '../errno.ts';
import type { OpCtx } from './namespace.ts';
import { levelCounts, SUMMARY_XATTR_MAX_ENTRIES, summarize, type SummaryCounts } from './summary.ts';

export const SUMMARY_XATTR_PREFIX = 'curve.dir.';
const LEVEL = ['files', 'subdirs', 'entries'] as const;
const FIELDS: Record<string, keyof SummaryCounts> = {
  files: 'files',
  subdirs: 'subdirs',
  entries: 'entries',
  filebytes: 'bytes',
};

/** Every summary xattr name, in byte order. */
export const SUMMARY_XATTRS: readonly string[] = Object.keys(FIELDS)
  .flatMap((f) => [f, `r${f}`])
  .map((f) => SUMMARY_XATTR_PREFIX + f)
  .sort();

/** Names in the summary namespace are the filesystem's: they cannot be set or removed. */
export function isSummaryXattr(name: string): boolean {
  return name.startsWith(SUMMARY_XATTR_PREFIX);
}

export function refuseSummaryXattr(name: string): void {
  if (isSummaryXattr(name)) throw fsErr('EPERM', `${name} is computed by the filesystem and read-only`);
}

/** The value of a summary xattr of directory `ino` (ENODATA for a name that is not one). */
export async function summaryXattr(
  read: <T>(fn: (c: OpCtx) => Promise<T>) => Promise<T>,
  ino: number,
  name: string,
): Promise<Buffer> {
  const field = name.slice(SUMMARY_XATTR_PREFIX.length);
  const recursive = field.startsWith('r');
  const key = FIELDS[recursive ? field.slice(1) : field];
  if (!key || !SUMMARY_XATTRS.includes(name))
    throw fsErr('ENODATA', `no xattr ${JSON.stringify(name)} on inode ${ino}`);
  if (!recursive && (LEVEL as readonly string[]).includes(field)) {
    const counts = await read((c) => levelCounts(c, ino));
    return Buffer.from(String(counts[field as (typeof LEVEL)[number]]));
  }
  const s = await summarize(read, ino, { recursive, maxEntries: SUMMARY_XATTR_MAX_ENTRIES });
  if (!s.complete) {
    throw fsErr(
      'E2BIG',
      `the tree has more than ${SUMMARY_XATTR_MAX_ENTRIES} entries: page through getSummary instead`,
    );
  }
  return Buffer.from(String((recursive ? s.recursive! : s.level)[key]));
}
