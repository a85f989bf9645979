// The background sweeper, run by the leader (with CIRRUS_COORD=local the single process
// always leads); every step asserts leadership first (coord/leadership.ts), and a pass that
// finds it lost stops there, logged as the expected step-down it is. Each pass walks the
// queues the namespace leaves behind (DESIGN §1.6 "Nothing leaks"):
//   - trash records past the filesystem's retention → purge the inode or detached tree
//     (DIGEST §2.9: trash.expiredAfterSec);
//   - replaced content generations → purge their slices and objects;
//   - upload intents that expired, or whose writer is known dead (fs/intents.ts) → delete the
//     objects they name and any staged slices;
//   - filesystems marked DELETING → purge everything, then drop the catalogue entry;
//   - Idempotency-Key answers older than 24 h, and clean-shutdown verifiers older than 30 days.
import { decodeInode, decodeJson, encodeJson } from '../fs/codec.ts';
import { type Catalogue, dropFsRecords } from '../fs/catalogue.ts';
import type { TrashRecord } from '../fs/remove.ts';
import {
  IDEMPOTENCY_GROUP,
  genPurgeGroup,
  inodeKey,
  intentGroup,
  readOrdUint,
  slicePrefix,
  trashGroup,
} from '../fs/keys.ts';
import { IDEMPOTENCY_TTL_MS, type StoredAnswer } from '../fs/idempotency.ts';
import { ROOT_INO, type FsInfo } from '../fs/model.ts';
import { decodeIntent } from '../fs/intents.ts';
import { DIRECT_LATE_PUT_GRACE_MS } from '../fs/intents.ts';
import { fsObjectPrefix, inodeObjectPrefix } from '../fs/layout.ts';
import type { KvStore } from '../kv/types.ts';
import { CLEAN_VERIFIER_TTL_MS, VERIFIER_GROUP } from '../coord/verifiers.ts';
import { assertLeading, LeadershipLost, type Leadership } from '../coord/leadership.ts';
import type { ObjectStore } from '../objects/types.ts';
import { Purger, type PurgeStats } from './purge.ts';

const SCAN_PAGE = 100;
const DAY_SEC = 86_400;
const OBJECT_DELETE_BATCH = 500;
/** Replaced contents stay readable this long, so a download in progress can finish. */
export const GEN_PURGE_GRACE_MS = 15 * 60 * 1000;

export interface SweeperStatus {
  running: boolean;
  passes: number;
  lastPassAt?: string;
  lastPassMs?: number;
  /** false when the last pass stopped at its deadline, leaving the rest for the next one. */
  lastPassComplete?: boolean;
  lastError?: string;
  purged: PurgeStats;
  /** Intents collected: past their expiry, or at once because their writer was known dead. */
  intents: { expired: number; writerDead: number };
}

export interface SweeperDeps {
  kv: KvStore;
  catalogue: Catalogue;
  objects: ObjectStore;
  log?: (msg: string, err?: unknown) => void;
  /** Leader work only: asserted before every step, so a fenced leader stops at once. */
  leadership: Leadership;
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
  private deadline = Number.POSITIVE_INFINITY;
  private readonly purger: Purger;
  readonly status: SweeperStatus;

  private readonly kv: KvStore;
  private readonly catalogue: Catalogue;
  private readonly objects: ObjectStore;
  private readonly writerAlive: (verifier: string) => Promise<boolean>;
  private readonly log: (msg: string, err?: unknown) => void;
  /** Leader work only: asserted before every step, so a fenced leader stops at once. */
  private readonly leadership: Leadership;
  /**
   * What each step asserts: this instance leads, and the current pass is within its deadline
   * (a pass stopped at its deadline leaves every queue consistent; the next one carries on).
   */
  private readonly permit: Leadership;

  constructor(deps: SweeperDeps) {
    this.kv = deps.kv;
    this.catalogue = deps.catalogue;
    this.objects = deps.objects;
    this.writerAlive = deps.writerAlive ?? (async () => true);
    this.log = deps.log ?? (() => undefined);
    this.leadership = deps.leadership;
    this.permit = { leading: () => deps.leadership.leading() && !this.pastDeadline() };
    this.purger = new Purger(deps.kv, deps.objects, this.permit);
    this.status = { running: false, passes: 0, purged: this.purger.stats, intents: { expired: 0, writerDead: 0 } };
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
   */
  runOnce(nowMs = Date.now(), opts: PassOptions = {}): Promise<void> {
    if (!this.leadership.leading()) return Promise.resolve();
    this.pass ??= this.sweep(nowMs, opts.deadline ?? Number.POSITIVE_INFINITY).finally(() => {
      this.pass = null;
    });
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
    try {
      for (const fs of await this.catalogue.list()) {
        if (this.pastDeadline()) return;
        if (fs.status === 'DELETING') await this.deleteFs(fs, nowMs);
        else if (fs.status === 'INITED') await this.sweepFs(fs, nowMs, false);
      }
      await this.sweepIdempotency(nowMs);
      this.status.lastPassComplete = true;
      delete this.status.lastError;
    } catch (e) {
      if (this.pastDeadline()) {
        // Stopped at the deadline: not a failure (lastPassComplete stays false).
      } else if (e instanceof LeadershipLost) {
        // Expected after a step-down: the instance that leads now carries on.
        this.log('sweep stopped: this instance no longer leads');
      } else {
        this.status.lastError = String(e);
        this.log('sweep failed', e);
      }
    } finally {
      this.deadline = Number.POSITIVE_INFINITY;
      this.status.running = false;
      this.status.passes++;
      this.status.lastPassAt = new Date().toISOString();
      this.status.lastPassMs = Math.round(performance.now() - t0);
    }
  }

  /** Process the trash, generation and intent queues; `all` ignores retention and expiry. */
  private async sweepFs(fs: FsInfo, nowMs: number, all: boolean): Promise<void> {
    const cutoffSec = Math.floor(nowMs / 1000 - fs.trashDays * DAY_SEC);
    await this.drain(trashGroup(fs.id), async (item, value) => {
      const [dtime] = readOrdUint(item);
      if (!all && dtime > cutoffSec) return 'stop'; // items are in dtime order
      const rec = decodeJson<TrashRecord>(value);
      if (rec.tree) await this.purger.purgeTree(fs, rec.ino);
      else await this.purger.purgeInode(fs, rec.ino);
      return 'done';
    });
    await this.drain(genPurgeGroup(fs.id), async (item, value) => {
      // Readers still streaming the old contents keep their objects for a grace period.
      if (!all && nowMs - decodeJson<{ at: number }>(value).at < GEN_PURGE_GRACE_MS) return 'skip';
      const [ino, at] = readOrdUint(item);
      const [gen] = readOrdUint(item, at);
      await this.purger.purgeSlices(fs, ino, slicePrefix(gen));
      return 'done';
    });
    await this.drain(intentGroup(fs.id), async (item, value) => {
      let intent = decodeIntent(value);
      const expired = all || intent.expiresAt <= nowMs;
      if (!expired && (intent.writer === undefined || (await this.writerAlive(intent.writer)))) return 'skip';
      // Marked first, in a transaction: a writer taken for dead that still commits finds the
      // mark and fails, rather than commit slices whose objects are being deleted.
      const marked = await this.kv.transact(async (tx) => {
        const raw = await tx.get({ group: intentGroup(fs.id), item });
        if (!raw) return undefined; // committed or abandoned meanwhile
        const current = decodeIntent(raw);
        if (!current.collecting)
          tx.put({ group: intentGroup(fs.id), item }, encodeJson({ ...current, collecting: true }));
        return current;
      });
      if (!marked) return 'skip';
      intent = marked;
      if (expired) this.status.intents.expired++;
      else this.status.intents.writerDead++;
      const prefix = inodeObjectPrefix(fs.id, intent.ino);
      const names = new Set(intent.sliceIds.map((id) => `${prefix}${id}_`));
      const doomed: string[] = [];
      for await (const key of this.objects.list(prefix)) {
        if (names.has(key.slice(0, key.indexOf('_') + 1))) doomed.push(key);
      }
      await this.objects.delete(doomed);
      const inode = await this.kv.transact((tx) => tx.get(inodeKey(fs.id, intent.ino)));
      if (intent.stagedGen !== undefined && (!inode || decodeInode(intent.ino, inode).gen !== intent.stagedGen)) {
        await this.purger.purgeSlices(fs, intent.ino, slicePrefix(intent.stagedGen)); // staged, never switched to
      }
      return 'done';
    });
  }

  /**
   * Visit a queue group in order; the visitor answers 'done' (delete the record), 'skip'
   * (keep it, go on) or 'stop' (keep it and everything after).
   */
  private async drain(
    group: string,
    visit: (item: string, value: Buffer) => Promise<'done' | 'skip' | 'stop'>,
  ): Promise<void> {
    let after: string | undefined;
    for (;;) {
      const page = await this.kv.transact((tx) => tx.scan(group, { after, limit: SCAN_PAGE }));
      for (const e of page.entries) {
        assertLeading(this.permit, 'the sweep');
        const verdict = await visit(e.item, e.value);
        if (verdict === 'stop') return;
        if (verdict === 'done') await this.kv.transact(async (tx) => tx.delete({ group, item: e.item }));
      }
      if (!page.more) return;
      after = page.last;
      await new Promise((r) => setImmediate(r)); // long queues never starve the requests
    }
  }

  /**
   * Purge a DELETING filesystem entirely, then remove it from the catalogue — once no direct
   * upload's presigned URL can still write into it (a PUT landing after the purge would be
   * named by nothing); until then the filesystem stays DELETING and a later pass finishes.
   */
  private async deleteFs(fs: FsInfo, nowMs: number): Promise<void> {
    if (await this.directUrlsLive(fs, nowMs)) {
      this.log(`filesystem ${fs.name}: waiting for direct uploads' URLs to expire before deleting it`);
      return;
    }
    await this.purger.purgeTree(fs, ROOT_INO);
    await this.sweepFs(fs, Number.MAX_SAFE_INTEGER, true);
    const batch: string[] = [];
    for await (const key of this.objects.list(fsObjectPrefix(fs.id))) {
      batch.push(key);
      if (batch.length >= OBJECT_DELETE_BATCH) await this.objects.delete(batch.splice(0));
    }
    await this.objects.delete(batch);
    await this.kv.transact((tx) => dropFsRecords(tx, fs));
    this.log(`filesystem ${fs.name} deleted`);
  }

  /** Whether a direct upload's URLs may still write objects into `fs` (fs/slices.ts DIRECT_LATE_PUT_GRACE_MS). */
  private async directUrlsLive(fs: FsInfo, nowMs: number): Promise<boolean> {
    let after: string | undefined;
    for (;;) {
      const page = await this.kv.transact((tx) => tx.scan(intentGroup(fs.id), { after, limit: SCAN_PAGE }));
      for (const e of page.entries) {
        const direct = decodeIntent(e.value).direct;
        if (direct && direct.urlsExpireAt + DIRECT_LATE_PUT_GRACE_MS > nowMs) return true;
      }
      if (!page.more) return false;
      after = page.last;
    }
  }

  private async sweepIdempotency(nowMs: number): Promise<void> {
    await this.drain(IDEMPOTENCY_GROUP, async (_item, value) =>
      nowMs - decodeJson<StoredAnswer>(value).at > IDEMPOTENCY_TTL_MS ? 'done' : 'skip',
    );
    await this.drain(VERIFIER_GROUP, async (_item, value) =>
      nowMs - decodeJson<{ closedAt: number }>(value).closedAt > CLEAN_VERIFIER_TTL_MS ? 'done' : 'skip',
    );
  }
}
