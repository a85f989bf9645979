// Progress and results of the background jobs, for getStatus and /metrics (what `juicefs
// status` shows of its background jobs, per job). A job's failure is recorded against that job
// and the pass goes on with the others, so one broken queue never starves the rest.

/** The sweeper's jobs, in the order a pass runs them. */
export const JOB_NAMES = [
  'fsDeletion',
  'trash',
  'generations',
  'intents',
  'replacedObjects',
  'compaction',
  'idempotency',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** What each job counts as one item done. */
export const JOB_ITEMS: Record<JobName, string> = {
  fsDeletion: 'filesystems whose deletion finished',
  trash: 'trash entries purged',
  generations: 'replaced content generations purged',
  intents: 'expired upload intents swept (their objects deleted)',
  replacedObjects: "compactions' replaced objects deleted after the grace period (one per compacted chunk)",
  compaction: 'chunks compacted',
  idempotency: 'expired Idempotency-Key answers and clean-shutdown verifiers removed',
};

export interface JobStats {
  /** Passes in which the job ran. */
  runs: number;
  /** When it last ran (RFC 3339). */
  lastRunAt?: string;
  /** Items done in its last run. */
  lastRunItems: number;
  /** Items done since this instance started. */
  items: number;
  /** Failed runs since this instance started. */
  errors: number;
  lastError?: string;
  lastErrorAt?: string;
  /** Job-specific totals since this instance started (e.g. compaction's bytesWritten). */
  counters: Record<string, number>;
}

function fresh(): JobStats {
  return { runs: 0, lastRunItems: 0, items: 0, errors: 0, counters: {} };
}

/** Every job's stats, updated as a pass runs. */
export class JobBook {
  readonly jobs: Record<JobName, JobStats> = Object.fromEntries(JOB_NAMES.map((n) => [n, fresh()])) as Record<
    JobName,
    JobStats
  >;
  private readonly inPass = new Map<JobName, number>();

  /** A pass begins: each job's run count starts at zero. */
  beginPass(): void {
    this.inPass.clear();
  }

  /** `job` runs (again) in this pass. */
  ran(job: JobName): void {
    if (!this.inPass.has(job)) this.inPass.set(job, 0);
  }

  done(job: JobName, n = 1): void {
    this.ran(job);
    this.inPass.set(job, (this.inPass.get(job) ?? 0) + n);
    this.jobs[job].items += n;
  }

  count(job: JobName, counter: string, n = 1): void {
    const c = this.jobs[job].counters;
    c[counter] = (c[counter] ?? 0) + n;
  }

  failed(job: JobName, error: unknown): void {
    this.ran(job);
    const s = this.jobs[job];
    s.errors++;
    s.lastError = String(error);
    s.lastErrorAt = new Date().toISOString();
  }

  /** The pass ended (whole or stopped): every job that ran records it. */
  endPass(): void {
    const at = new Date().toISOString();
    for (const [job, items] of this.inPass) {
      const s = this.jobs[job];
      s.runs++;
      s.lastRunAt = at;
      s.lastRunItems = items;
    }
    this.inPass.clear();
  }
}
