// The background sweeper, run by the leader (with CIRRUS_COORD=local the single process
// always leads); every step asserts leadership first (coord/leadership.ts), and a pass that
// finds it lost stops there, logged as the expected step-down it is. Each pass runs, per
// filesystem, the jobs of jobs/job-stats.ts:
//   - a DELETING filesystem: one bounded batch of its purge (jobs/fs-deletion.ts);
//   - otherwise its queues (jobs/queues.ts: trash past retention, replaced generations, upload
//     intents that expired or whose writer is known dead, objects replaced by compaction) and its compaction candidates
//     (jobs/compaction-pass.ts);
// then Idempotency-Key answers older than 24 h and clean-shutdown verifiers older than 30 days.
// Work per pass is bounded (inodes purged, chunks compacted): what is left waits for the next
// pass. A job that fails is recorded against that job and the pass goes on with the others.
import { decodeJson } from '../fs/codec.ts';
import type { Catalogue } from '../fs/catalogue.ts';
import { IDEMPOTENCY_GROUP, intentGroup } from '../fs/keys.ts';
import { IDEMPOTENCY_TTL_MS, type StoredAnswer } from '../fs/idempotency.ts';
import type { FsInfo } from '../fs/model.ts';
import { DIRECT_LATE_PUT_GRACE_MS, decodeIntent } from '../fs/intents.ts';
import { Slices } from '../fs/slices.ts';
import type { KvStore } from '../kv/types.ts';
import { CLEAN_VERIFIER_TTL_MS, VERIFIER_GROUP } from '../coord/verifiers.ts';
import { LeadershipLost, type Leadership } from '../coord/leadership.ts';
import { Compactor } from '../data/compactor.ts';
import type { ObjectStore } from '../objects/types.ts';
import { COMPACT_CHUNKS_PER_PASS, compactCandidates } from './compaction-pass.ts';
import { drain } from './drain.ts';
import { deleteFsBatch } from './fs-deletion.ts';
import { JobBook, type JobName, type JobStats } from './job-stats.ts';
import { BudgetSpent, Purger, type PurgeBudget, type PurgeStats } from './purge.ts';
import {
  purgeGenerations,
  purgeReplacedObjects,
  purgeTrash,
  type QueueContext,
  type QueueOptions,
  sweepIntents,
} from './queues.ts';

export { GEN_PURGE_GRACE_MS, REPLACED_OBJECTS_GRACE_MS } from './queues.ts';

/**
 * Inodes the purges (trash, filesystem deletion) remove per pass: a large removed tree or a
 * deleted filesystem goes in batches, and the pass still reaches every other queue.
 */
/** Intents read per page while looking for live direct-upload URLs. */
const INTENT_SCAN_PAGE = 100;
export const PURGE_INODES_PER_PASS = 10_000;

export interface SweeperStatus {
  running: boolean;
  passes: number;
  lastPassAt?: string;
  lastPassMs?: number;
  /** false when the last pass stopped at its deadline, leaving the rest for the next one. */
  lastPassComplete?: boolean;
  /** The last failure of a job in the last pass (each job's own is in `jobs`). */
  lastError?: string;
  purged: PurgeStats;
}

/** Work one pass may do at most (tests make them small). */
export interface PassBudgets {
  purgeInodes: number;
  compactChunks: number;
}

export interface SweeperDeps {
  kv: KvStore;
  catalogue: Catalogue;
  objects: ObjectStore;
  log?: (msg: string, err?: unknown) => void;
  /** Leader work only: asserted before every step, so a fenced leader stops at once. */
  leadership: Leadership;
  /** The slice owner compaction commits through (one is made if not given). */
  slices?: Slices;
  budgets?: Partial<PassBudgets>;
  /**
   * Whether the instance boot with this write verifier may still be writing (this boot, or a
   * live registered instance); an intent whose writer is not is collected without waiting for
   * its expiry. Without it, intents wait for their expiry.
   */
  writerAlive?: (verifier: string) => Promise<boolean>;
}

export interface PassOptions {
  /** Stop (between steps, leaving the rest queued) once Date.now() reaches this. */
  deadline?: number;
}

export class Sweeper {
  private timer?: NodeJS.Timeout;
  private pass: Promise<void> | null = null;
  /** The time the running pass measures retention and grace periods at. */
  private passNowMs = 0;
  private deadline = Number.POSITIVE_INFINITY;
  private readonly purger: Purger;
  private readonly compactor: Compactor;
  private readonly book = new JobBook();
  private readonly budgets: PassBudgets;
  readonly status: SweeperStatus;

  private readonly kv: KvStore;
  private readonly catalogue: Catalogue;
  private readonly log: (msg: string, err?: unknown) => void;
  /** Leader work only: asserted before every step, so a fenced leader stops at once. */
  private readonly leadership: Leadership;
  /** What every job is given: the store, the permit, the purger, the stats. */
  private readonly q: QueueContext;

  constructor(deps: SweeperDeps) {
    this.kv = deps.kv;
    this.catalogue = deps.catalogue;
    this.log = deps.log ?? (() => undefined);
    this.leadership = deps.leadership;
    this.budgets = { purgeInodes: PURGE_INODES_PER_PASS, compactChunks: COMPACT_CHUNKS_PER_PASS, ...deps.budgets };
    /**
     * What each step asserts: this instance leads, and the current pass is within its deadline
     * (a pass stopped at its deadline leaves every queue consistent; the next one carries on).
     */
    const permit: Leadership = { leading: () => deps.leadership.leading() && !this.pastDeadline() };
    this.purger = new Purger(deps.kv, deps.objects, permit);
    this.compactor = new Compactor({
      kv: deps.kv,
      objects: deps.objects,
      slices: deps.slices ?? new Slices(deps.kv, deps.catalogue),
    });
    this.status = { running: false, passes: 0, purged: this.purger.stats };
    this.q = {
      kv: deps.kv,
      objects: deps.objects,
      purger: this.purger,
      permit,
      book: this.book,
      writerAlive: deps.writerAlive ?? (async () => true),
    };
  }

  /** Every job's progress and results since this instance started. */
  get jobs(): Readonly<Record<JobName, JobStats>> {
    return this.book.jobs;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.runOnce(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  /**
   * One pass over every queue; concurrent calls share the running pass. With a deadline the
   * pass stops between steps once it is reached (every step leaves the queues consistent).
   * `nowMs` is the time retention and grace periods are measured at.
   */
  runOnce(nowMs?: number, opts: PassOptions = {}): Promise<void> {
    if (!this.leadership.leading()) return Promise.resolve();
    // The running pass measures retention at its own time: a caller that names a later one
    // (a test's clock, a scheduled invocation's) waits for it and then runs a pass of its own.
    const running = this.pass;
    if (running && nowMs !== undefined && nowMs > this.passNowMs) {
      return running.catch(() => {}).then(() => this.runOnce(nowMs, opts));
    }
    if (!this.pass) {
      this.passNowMs = nowMs ?? Date.now();
      this.pass = this.sweep(this.passNowMs, opts.deadline ?? Number.POSITIVE_INFINITY).finally(() => {
        this.pass = null;
      });
    }
    return this.pass;
  }

  private pastDeadline(): boolean {
    return Date.now() >= this.deadline;
  }

  private async sweep(nowMs: number, deadline: number): Promise<void> {
    const t0 = performance.now();
    this.deadline = deadline;
    this.status.running = true;
    this.status.lastPassComplete = false;
    this.book.beginPass();
    let failed: string | undefined;
    const budget: PurgeBudget = { inodesLeft: this.budgets.purgeInodes };
    const chunks = { chunksLeft: this.budgets.compactChunks };
    try {
      for (const fs of await this.catalogue.list()) {
        if (this.pastDeadline()) return;
        if (fs.status === 'DELETING') {
          // Not while a direct upload's presigned URL can still write into it: a PUT landing
          // after the purge would be named by nothing. A later pass finishes.
          if (await this.directUrlsLive(fs, nowMs)) {
            this.log(`filesystem ${fs.name}: waiting for direct uploads' URLs to expire before deleting it`);
          } else {
            failed = (await this.job('fsDeletion', () => deleteFsBatch(this.q, fs, budget, this.log))) ?? failed;
          }
        } else if (fs.status === 'INITED') {
          failed = (await this.sweepFs(fs, { nowMs, all: false, budget }, chunks)) ?? failed;
        }
      }
      failed = (await this.job('idempotency', () => this.sweepIdempotency(nowMs))) ?? failed;
      this.status.lastPassComplete = true;
    } catch (e) {
      if (this.pastDeadline()) {
        // Stopped at the deadline: not a failure (lastPassComplete stays false).
      } else if (e instanceof LeadershipLost) {
        // Expected after a step-down: the instance that leads now carries on.
        this.log('sweep stopped: this instance no longer leads');
      } else {
        failed = String(e);
        this.log('sweep failed', e);
      }
    } finally {
      if (failed === undefined) delete this.status.lastError;
      else this.status.lastError = failed;
      this.book.endPass();
      this.deadline = Number.POSITIVE_INFINITY;
      this.status.running = false;
      this.status.passes++;
      this.status.lastPassAt = new Date().toISOString();
      this.status.lastPassMs = Math.round(performance.now() - t0);
    }
  }

  /**
   * Run one job: its failure is recorded against it and logged, and the pass goes on (the
   * failure's text is returned). Leadership lost (or the deadline) stops the whole pass; a
   * spent budget stops only this job.
   */
  private async job(name: JobName, run: () => Promise<unknown>): Promise<string | undefined> {
    try {
      await run();
      return undefined;
    } catch (e) {
      if (e instanceof LeadershipLost) throw e;
      if (e instanceof BudgetSpent) return undefined;
      this.book.failed(name, e);
      this.log(`sweep failed (${name})`, e);
      return String(e);
    }
  }

  /** The queues and compaction of one filesystem in service; the last failure, if any. */
  private async sweepFs(fs: FsInfo, o: QueueOptions, chunks: { chunksLeft: number }): Promise<string | undefined> {
    let failed: string | undefined;
    failed = (await this.job('trash', () => purgeTrash(this.q, fs, o))) ?? failed;
    failed = (await this.job('generations', () => purgeGenerations(this.q, fs, o))) ?? failed;
    failed = (await this.job('intents', () => sweepIntents(this.q, fs, o))) ?? failed;
    failed = (await this.job('replacedObjects', () => purgeReplacedObjects(this.q, fs, o))) ?? failed;
    failed =
      (await this.job('compaction', () => compactCandidates(this.q, this.compactor, fs, chunks, this.log))) ?? failed;
    return failed;
  }

  /** Whether a direct upload's URLs may still write objects into `fs` (fs/intents.ts DIRECT_LATE_PUT_GRACE_MS). */
  private async directUrlsLive(fs: FsInfo, nowMs: number): Promise<boolean> {
    let after: string | undefined;
    for (;;) {
      const page = await this.kv.transact((tx) => tx.scan(intentGroup(fs.id), { after, limit: INTENT_SCAN_PAGE }));
      for (const e of page.entries) {
        const direct = decodeIntent(e.value).direct;
        if (direct && direct.urlsExpireAt + DIRECT_LATE_PUT_GRACE_MS > nowMs) return true;
      }
      if (!page.more) return false;
      after = page.last;
    }
  }

  private async sweepIdempotency(nowMs: number): Promise<void> {
    this.book.ran('idempotency');
    await drain(this.kv, this.q.permit, IDEMPOTENCY_GROUP, async (_item, value) => {
      if (nowMs - decodeJson<StoredAnswer>(value).at <= IDEMPOTENCY_TTL_MS) return 'skip';
      this.book.done('idempotency');
      return 'done';
    });
    await drain(this.kv, this.q.permit, VERIFIER_GROUP, async (_item, value) => {
      if (nowMs - decodeJson<{ closedAt: number }>(value).closedAt <= CLEAN_VERIFIER_TTL_MS) return 'skip';
      this.book.done('idempotency');
      return 'done';
    });
  }
}
