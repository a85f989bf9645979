// TypeBox schemas of the operations that run the filesystem rather than use it (DESIGN §6):
// the trash, compaction, directory summaries, and this instance's status with its background
// jobs. Named components as in schemas.ts.
import { Type } from 'typebox';
import { COMPACT_CHUNKS_PER_VISIT } from '../data/compactor.ts';
import { TRASH_LIST_DEFAULT_LIMIT, TRASH_LIST_MAX_LIMIT } from '../fs/trash.ts';
import { Attrs, Count, FileTypeSchema, FsName, Ino, named } from './schemas.ts';

/** Chunks one compactInode request may compact. */
export const COMPACT_CHUNKS_PER_REQUEST_MAX = 64;

const When = (description: string) =>
  Type.String({ description: `${description} (RFC 3339)`, examples: ['2026-11-24T20:54:44.123Z'] });

// ---- trash ---------------------------------------------------------------------------------

export const TrashParams = Type.Object({ fs: FsName, ino: Ino('Inode number of the removed file or directory') });

export const TrashListQuery = Type.Object({
  limit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: TRASH_LIST_MAX_LIMIT,
      default: TRASH_LIST_DEFAULT_LIMIT,
      description: 'Entries per page',
    }),
  ),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: 'nextCursor of the previous page' })),
});

export const TrashEntrySchema = named(
  'TrashEntry',
  Type.Object(
    {
      ino: Ino('Inode number: restore and purge name the entry by it'),
      type: FileTypeSchema,
      parent: Ino('The directory it was removed from'),
      name: Type.String({ description: 'Its name there', examples: ['report.pdf'] }),
      path: Type.Optional(
        Type.String({
          description:
            'Where it was: the path the removal named, or derived from its directory while that directory exists',
          examples: ['/docs/report.pdf'],
        }),
      ),
      tree: Type.Boolean({ description: 'A directory removed with everything in it (recursive delete)' }),
      size: Type.Optional(Count('Files and symlinks: length in bytes')),
      entries: Type.Optional(Count('Directories: entries directly in it')),
      removedAt: When('When it was removed'),
      expiresAt: When(
        "When the purge may take it: removal + the filesystem's trashDays (or when an early purge was asked)",
      ),
      state: Type.Union([Type.Literal('waiting'), Type.Literal('due'), Type.Literal('purging')], {
        description:
          'waiting: within its retention (restorable); due: past it or asked to be purged early, for the next sweeper pass (still restorable); purging: the purge has begun',
      }),
      leasedUntil: Type.Optional(
        When('A writer holds the file’s lease until then: the purge waits for the lease to end'),
      ),
    },
    { additionalProperties: false, description: 'A removed file, symlink or directory tree waiting in the trash' },
  ),
);

export const TrashPageSchema = named(
  'TrashPage',
  Type.Object(
    {
      entries: Type.Array(TrashEntrySchema),
      nextCursor: Type.Optional(
        Type.String({ description: 'Pass as cursor for the next page; absent on the last page' }),
      ),
    },
    {
      additionalProperties: false,
      description: 'One page of the trash, oldest removal first (entries asked to be purged early come first)',
    },
  ),
);

export const RestoreTrashBody = named(
  'RestoreTrashRequest',
  Type.Object(
    {
      to: Type.Optional(
        Type.String({
          description: 'Restore to this path instead of where it was (missing directories on the way are created)',
          examples: ['restored/report.pdf'],
        }),
      ),
      replace: Type.Optional(
        Type.Boolean({
          description:
            'Replace what is at the destination, as rename(2) would (the replaced file goes to the trash); otherwise 409 EEXIST',
        }),
      ),
    },
    { additionalProperties: false, description: 'Where to restore a trash entry' },
  ),
);

export const RestoredSchema = named(
  'RestoredEntry',
  Type.Object(
    {
      path: Type.Optional(Type.String({ description: 'Where it is now, when known', examples: ['/docs/report.pdf'] })),
      attrs: Attrs,
    },
    { additionalProperties: false, description: 'A restored entry: the same inode, with its contents and attributes' },
  ),
);

// ---- compaction ----------------------------------------------------------------------------

export const CompactQuery = Type.Object({
  all: Type.Optional(
    Type.Boolean({
      default: true,
      description:
        'true: every chunk with more than one slice or bytes hidden by newer writes or the end of the file; false: only chunks past the background thresholds (more than 20 slices, half their bytes hidden, wholly past the end)',
    }),
  ),
  fromChunk: Type.Optional(
    Type.Integer({ minimum: 0, description: 'Start at this chunk (nextChunk of a previous answer)' }),
  ),
  maxChunks: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: COMPACT_CHUNKS_PER_REQUEST_MAX,
      default: COMPACT_CHUNKS_PER_VISIT,
      description: 'Compact at most this many chunks, then answer with nextChunk',
    }),
  ),
});

export const CompactResultSchema = named(
  'CompactResult',
  Type.Object(
    {
      chunksExamined: Count('Chunks looked at'),
      chunksCompacted: Count('Chunks rebuilt or cleared'),
      slicesReplaced: Count('Slices removed'),
      slicesWritten: Count('Slices written in their place'),
      bytesWritten: Count('Bytes written as new objects'),
      chunksStale: Count('Chunks left alone because the file changed under the compaction'),
      nextChunk: Type.Optional(
        Count('The first chunk not examined (the request stopped at maxChunks): send it as fromChunk'),
      ),
    },
    { additionalProperties: false, description: 'What a compaction of one file did' },
  ),
);

// ---- summaries -----------------------------------------------------------------------------

export const SummaryQuery = Type.Object({
  recursive: Type.Optional(
    Type.Boolean({ default: true, description: 'Walk the whole tree (false: only the directory’s own entries)' }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 16384, description: 'nextCursor of the previous answer: carries on the walk' }),
  ),
});

export const SummaryCountsSchema = named(
  'SummaryCounts',
  Type.Object(
    {
      files: Count('Files and symlinks'),
      subdirs: Count('Directories'),
      entries: Count('All entries'),
      bytes: Count('Their lengths summed (a directory counts as 4096 bytes)'),
    },
    { additionalProperties: false, description: 'What a directory holds' },
  ),
);

export const SummarySchema = named(
  'Summary',
  Type.Object(
    {
      ino: Ino('The directory'),
      level: SummaryCountsSchema,
      recursive: Type.Optional(SummaryCountsSchema),
      complete: Type.Boolean({
        description: 'false: the walk stopped at its budget; call again with nextCursor (the totals carry on)',
      }),
      nextCursor: Type.Optional(Type.String({ description: 'Pass as cursor to carry on the walk' })),
    },
    {
      additionalProperties: false,
      description:
        'A directory’s own entries (level) and its whole tree below it (recursive), as curve.dir.* / curve.dir.r* report them. Each page of the walk is one transaction; a tree that changes during a walk of several calls is counted as du would count it',
    },
  ),
);

// ---- this instance -------------------------------------------------------------------------

const JobStatsSchema = named(
  'JobStats',
  Type.Object(
    {
      runs: Count('Sweeper passes in which the job ran'),
      lastRunAt: Type.Optional(When('When it last ran')),
      lastRunItems: Count('Items done in its last run'),
      items: Count('Items done since this instance started'),
      errors: Count('Failed runs since this instance started'),
      lastError: Type.Optional(Type.String()),
      lastErrorAt: Type.Optional(When('When it last failed')),
      counters: Type.Record(Type.String(), Type.Integer({ minimum: 0 }), {
        description: 'Job-specific totals since this instance started (e.g. compaction bytesWritten)',
      }),
    },
    { additionalProperties: false, description: 'Progress and results of one background job on this instance' },
  ),
);

/** The background sweeper's own figures (getStatus jobs.passes etc., as before per-job figures existed). */
const SWEEPER_STATUS = {
  running: Type.Boolean(),
  passes: Count('Passes since this instance started (it runs them only while it leads)'),
  lastPassAt: Type.Optional(When('When the last pass ended')),
  lastPassMs: Type.Optional(Count('How long it took')),
  lastPassComplete: Type.Optional(
    Type.Boolean({ description: 'false when it stopped at its deadline or a step-down' }),
  ),
  lastError: Type.Optional(Type.String({ description: 'The last failure of a job in the last pass' })),
  purged: Type.Object(
    { inodes: Count('Inodes purged'), slices: Count('Slices purged'), objects: Count('Objects deleted') },
    { additionalProperties: false },
  ),
};

/**
 * The sweeper's jobs (jobs/job-stats.ts JOB_NAMES; http does not import jobs/, and every
 * getStatus answer of the test suite is checked against this schema, so the lists cannot drift).
 */
const JOBS: Record<string, string> = {
  fsDeletion: 'filesystems whose deletion finished (counters: inodes, objects)',
  trash: 'trash entries purged (counters: delayedByLease)',
  generations: 'replaced content generations purged',
  intents:
    'upload intents swept (counters: objects; expired, or writerDead: collected at once because the instance that wrote them is gone)',
  replacedObjects: 'compacted chunks whose replaced objects were deleted after the grace period (counters: objects)',
  compaction: 'chunks compacted (counters: filesVisited, slicesReplaced, slicesWritten, bytesWritten, chunksStale)',
  idempotency: 'expired Idempotency-Key answers and clean-shutdown verifiers removed',
};

export const JobsStatusSchema = named(
  'JobsStatus',
  Type.Object(
    { ...SWEEPER_STATUS, ...Object.fromEntries(Object.keys(JOBS).map((n) => [n, JobStatsSchema])) },
    {
      additionalProperties: false,
      description: `The background jobs: the sweeper's passes (running, passes, lastPass…, purged), and per job what it did. Items: ${Object.entries(
        JOBS,
      )
        .map(([n, what]) => `${n}: ${what}`)
        .join('; ')}`,
    },
  ),
);

export const StatusSchema = named(
  'InstanceStatus',
  Type.Object(
    {
      instance: Type.String({ description: "This instance's id" }),
      verifier: Type.String({ description: 'Write verifier: changes whenever the instance restarts' }),
      version: Type.String({ description: 'CirrusFS version (package.json)' }),
      leader: Type.Boolean({ description: 'Whether this instance runs the background jobs' }),
      meta: Type.Record(Type.String(), Type.Unknown(), { description: 'Metadata engine facts' }),
      objects: Type.Record(Type.String(), Type.Unknown(), { description: 'Object store facts' }),
      jobs: JobsStatusSchema,
    },
    { additionalProperties: true, description: 'This instance' },
  ),
);
