// What fsck reports: findings by kind, whether --repair fixed them, and the exit code that sums
// it up — e2fsck's convention, which scripts already know: 0 clean, 1 everything found was
// repaired, 4 damage left unrepaired, 8 fsck itself could not run (16: bad usage, cli.ts).

export const FINDING_KINDS = {
  'dangling-name': 'a directory entry names an inode that does not exist',
  'orphan-inode': 'an inode no name reaches, not in the trash (repair: a name in /lost+found)',
  'deleted-not-queued': 'a deleted inode (dtime set) that no trash record queues for purge',
  'named-but-deleted': 'an inode with names that is marked deleted',
  'wrong-links': "a file's link count or parents disagree with its names (repair: set from its names)",
  'dir-links': "a directory's link count or parent disagree with its name",
  'dir-several-names': 'a directory with more than one name',
  'type-mismatch': 'a directory entry gives another type than its inode has',
  'dir-counts': "a directory's counters disagree with its entries (repair: corrected by the difference)",
  'entries-of-missing-dir': 'directory entries under an inode that does not exist',
  'stray-records': 'records (slices, xattrs, counters) of an inode that does not exist',
  usage: "the filesystem's usage counters disagree with its files (repair: corrected by the difference)",
  'ids-beyond-counter': 'an inode number or slice id the id counter would hand out again',
  'missing-object': 'a slice names a block object the object store does not have',
  'leaked-object': 'an object no slice and no upload intent names (repair: deleted)',
  'foreign-object': "an object under the filesystem's prefix whose key is not a block object's",
  'expired-intent': 'an upload intent past its expiry that the sweeper has not removed (repair: removed)',
  'bad-record': 'a record that does not decode',
} as const;

export type FindingKind = keyof typeof FINDING_KINDS;

export interface Finding {
  kind: FindingKind;
  /** One line for people. */
  what: string;
  ino?: number;
  key?: string;
  repaired?: boolean;
  /** Why a repair was not made (e.g. the inode changed since it was read). */
  unrepaired?: string;
}

/** Findings of one kind listed in full per filesystem; past it they are only counted. */
export const MAX_LISTED_FINDINGS = 1000;

export const EXIT = { clean: 0, repaired: 1, damaged: 4, failed: 8, usage: 16 } as const;
export type FsckStatus = 'clean' | 'repaired' | 'damaged';

export class FindingLog {
  readonly counts: Partial<Record<FindingKind, number>> = {};
  readonly repairedCounts: Partial<Record<FindingKind, number>> = {};
  readonly listed: Finding[] = [];
  private unrepaired = 0;

  constructor(private readonly onFinding: (f: Finding) => void = () => undefined) {}

  add(f: Finding): Finding {
    const n = (this.counts[f.kind] ?? 0) + 1;
    this.counts[f.kind] = n;
    if (n <= MAX_LISTED_FINDINGS) this.listed.push(f);
    this.unrepaired++;
    this.onFinding(f);
    return f;
  }

  repaired(f: Finding): void {
    f.repaired = true;
    this.repairedCounts[f.kind] = (this.repairedCounts[f.kind] ?? 0) + 1;
    this.unrepaired--;
  }

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + (b ?? 0), 0);
  }

  get status(): FsckStatus {
    if (this.total === 0) return 'clean';
    return this.unrepaired === 0 ? 'repaired' : 'damaged';
  }
}

export function exitCodeOf(statuses: readonly FsckStatus[]): number {
  if (statuses.includes('damaged')) return EXIT.damaged;
  return statuses.includes('repaired') ? EXIT.repaired : EXIT.clean;
}
