// The embedded engine (DESIGN §3.2): every key in one ordered in-memory B+tree, as the CurveFS
// metaserver keeps metadata in memory (DIGEST §2.7), made durable by an append-only operation
// log with group commit (oplog.ts) and periodic snapshots in the CurveFS dump format
// (snapshot.ts). Restart = load the snapshot, then replay the log records after it
// (memory-files.ts). Versions are one global commit sequence (memory-tree.ts).
//
// Fail-stop and recovery: when a log write fails (a full disk, an I/O error), changes are in
// memory that are not on disk, so the store refuses every request (507 ENOSPC for a full disk,
// 503 EAGAIN otherwise) rather than answer from, or snapshot, state a restart would not have.
// Every RECOVERY_RETRY_MS it probes the disk; once a probe write succeeds it reloads from disk
// (the snapshot and the log up to its last good record: the failed changes never happened) and
// serves again. Transactions begun before the reload conflict and re-run on the reloaded state.
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isNoSpace } from '../disk.ts';
import { type FsError, fsErr } from '../errno.ts';
import { BufferedTx, applyWrite, type RawReader, flatKey } from './buffered-tx.ts';
import { lockDir, type DirLock } from './dir-lock.ts';
import { SNAPSHOT_FILE, dropCoveredLogs, probeDisk, replayLogs, sweepTemporaries, walName } from './memory-files.ts';
import { OpLog, encodeRecord, truncateLog, type LogOp } from './oplog.ts';
import { KvConflictError, retryOnConflict, type ConflictStats } from './retry.ts';
import { OrderedView } from './ordered-view.ts';
import { writeSnapshot } from './snapshot.ts';
import {
  applyOps,
  flatCopy,
  loadSnapshot,
  newTree,
  snapshotPairs,
  storedValue,
  storedVersion,
  type Tree,
} from './memory-tree.ts';
import type { Entry, Key, KvLimits, KvStore, KvView, ScanOptions, ScanPage, TransactOptions, Tx } from './types.ts';

/** Take a snapshot once this much log has been written (or replayed at start-up) since the last one. */
export const SNAPSHOT_LOG_BYTES = 64 * 1024 * 1024;
/** ...or this long after the last one, if anything changed. */
export const SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
/** A stopped store probes the disk this often (the disk may have room again). */
export const RECOVERY_RETRY_MS = 1_000;
/**
 * A probe writes this much: room for a good many commits, so a disk with a few bytes free
 * does not flap between serving and failing again.
 */
export const RECOVERY_PROBE_BYTES = 256 * 1024;
/** A stopped store says it still is once per this many probes (a minute at RECOVERY_RETRY_MS). */
const LOG_EVERY_ATTEMPTS = 60;

export const MEMORY_LIMITS: KvLimits = {
  maxWritesPerTx: 100, // the tightest engine's cap (DynamoDB), so code above runs everywhere
  maxKeyBytes: 1024,
  maxValueBytes: 256 * 1024,
  maxScanLimit: 1000,
};

export interface MemoryKvOptions {
  dir: string;
  snapshotLogBytes?: number;
  snapshotIntervalMs?: number;
  recoveryRetryMs?: number;
  /** Events worth an operator's eye; with `err`, a fault. */
  log?: (msg: string, err?: unknown) => void;
}

export class MemoryKv implements KvStore {
  readonly engine = 'memory';
  readonly limits = MEMORY_LIMITS;
  private tree: Tree = newTree();
  private seq = 0;
  private durableSeq = 0;
  private lastAppend: Promise<void> = Promise.resolve();
  /** Set when the log could not be written: the store then refuses everything (fail-stop). */
  private failure: Error | null = null;
  /** Bumped by every reload: a transaction that read the state before it conflicts. */
  private epoch = 0;
  private recovering: Promise<void> | null = null;
  private wakeRecovery?: () => void;
  private recoveries = 0;
  private snapshotSeq = 0;
  private logBytesSinceSnapshot = 0;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshot: { seq: number; at: string; bytes: number; pairs: number; ms: number } | null = null;
  private replay = { records: 0, bytes: 0, droppedBytes: 0, ms: 0, snapshotted: false };
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly reader: RawReader;
  private readonly conflicts: ConflictStats = { conflicts: 0, exhausted: 0 };
  private commits = 0;
  private log!: OpLog; // opened by load()

  private constructor(
    private readonly options: Required<Omit<MemoryKvOptions, 'log'>> & Pick<MemoryKvOptions, 'log'>,
    private readonly lock: DirLock,
  ) {
    this.reader = {
      read: async (keys) => keys.map((k) => this.readOne(k)),
      readOneSync: (key) => this.readOne(key),
      scan: async (group, o) => this.scanNow(group, o),
    };
  }

  static async open(options: MemoryKvOptions): Promise<MemoryKv> {
    await mkdir(options.dir, { recursive: true });
    const lock = await lockDir(options.dir);
    try {
      const full = {
        snapshotLogBytes: SNAPSHOT_LOG_BYTES,
        snapshotIntervalMs: SNAPSHOT_INTERVAL_MS,
        recoveryRetryMs: RECOVERY_RETRY_MS,
        ...options,
      };
      const kv = new MemoryKv(full, lock);
      const swept = await sweepTemporaries(options.dir);
      if (swept.length > 0) options.log?.(`removed ${swept.join(', ')} left by an interrupted write`);
      await kv.load();
      await kv.compactAfterReplay();
      kv.timer = setInterval(() => {
        if (kv.seq > kv.snapshotSeq && !kv.failure) void kv.snapshot().catch((e) => kv.logSnapshotFailure(e));
      }, kv.options.snapshotIntervalMs);
      kv.timer.unref();
      return kv;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  /** (Re)build the state from disk: the snapshot, then the log after it; a new log file after that. */
  private async load(): Promise<void> {
    const t0 = performance.now();
    const dir = this.options.dir;
    const snapPath = join(dir, SNAPSHOT_FILE);
    const hasSnapshot = await stat(snapPath).then(
      () => true,
      () => false,
    );
    const { tree, seq: snapshotSeq } = hasSnapshot ? await loadSnapshot(snapPath) : { tree: newTree(), seq: 0 };
    const replayed = await replayLogs(dir, snapshotSeq, (rec) => applyOps(tree, rec.seq, rec.ops), this.options.log);
    this.tree = tree;
    this.snapshotSeq = snapshotSeq;
    this.seq = this.durableSeq = replayed.seq;
    this.lastAppend = Promise.resolve();
    this.log = new OpLog(join(dir, walName(this.seq + 1)));
    // Replayed bytes count toward the next snapshot: a crash-looping server compacts its log.
    this.logBytesSinceSnapshot = replayed.bytes;
    this.replay = {
      records: replayed.records,
      bytes: replayed.bytes,
      droppedBytes: replayed.droppedBytes,
      ms: Math.round(performance.now() - t0),
      snapshotted: false,
    };
  }

  /**
   * After a long replay, snapshot before serving: otherwise a server that crashes before its
   * first snapshot replays an ever longer log at every start (restart time grows without bound).
   */
  private async compactAfterReplay(): Promise<void> {
    if (this.logBytesSinceSnapshot < this.options.snapshotLogBytes) return;
    try {
      await this.snapshot();
      this.replay.snapshotted = true;
    } catch (e) {
      this.logSnapshotFailure(e); // serving matters more; the next trigger tries again
    }
  }

  private logSnapshotFailure(e: unknown): void {
    this.options.log?.('snapshot failed (the log still holds every change)', e);
  }

  private readOne(key: Key): { value: Buffer; version: number } | undefined {
    const stored = this.tree.get(flatKey(key));
    return stored === undefined ? undefined : { value: storedValue(stored), version: storedVersion(stored) };
  }

  private scanNow(group: string, o: ScanOptions): ScanPage {
    const base = flatKey({ group, item: o.prefix ?? '' });
    const low = o.after !== undefined && o.after >= (o.prefix ?? '') ? flatKey({ group, item: o.after }) : base;
    const itemStart = group.length + 1;
    const entries: Entry[] = [];
    for (const [flat, stored] of this.tree.entries(low)) {
      if (!flat.startsWith(base)) break;
      const item = flat.slice(itemStart);
      if (o.after !== undefined && item <= o.after) continue;
      if (entries.length === o.limit) return { entries, more: true, last: entries[entries.length - 1].item };
      entries.push({ item, value: storedValue(stored), version: storedVersion(stored) });
    }
    return { entries, more: false, last: entries.at(-1)?.item };
  }

  transact<T>(fn: (tx: Tx) => Promise<T>, options?: TransactOptions): Promise<T> {
    return retryOnConflict(
      async () => {
        this.assertServing();
        const epoch = this.epoch;
        const tx = new BufferedTx(this.reader, this.limits);
        const result = await fn(tx);
        await this.commit(tx, epoch);
        return result;
      },
      options?.maxAttempts,
      this.conflicts,
    );
  }

  get(key: Key): Promise<Buffer | undefined> {
    try {
      this.assertServing();
    } catch (e) {
      return Promise.reject(e);
    }
    const hit = this.readOne(key);
    // The common case answers without an extra await (getattr is two of these).
    if (!this.mustWait(hit === undefined, hit?.version ?? 0)) return Promise.resolve(hit?.value);
    return this.untilDurable(hit === undefined, hit?.version ?? 0).then(() => hit?.value);
  }

  private mustWait(sawAbsent: boolean, newestSeen: number): boolean {
    return newestSeen > this.durableSeq || (sawAbsent && this.seq > this.durableSeq);
  }

  private assertServing(): void {
    if (this.failure) throw this.stopped(this.failure);
    if (this.closed) throw fsErr('EIO', 'metadata store is closed');
  }

  /** The answer while the store is stopped by a failed log write. */
  private stopped(cause: Error, what = 'changes are refused'): FsError {
    if (isNoSpace(cause)) {
      return fsErr(
        'ENOSPC',
        `the metadata disk is full (${this.options.dir}): ${what} until there is room; the store resumes on its own, and every acknowledged change is kept`,
      );
    }
    return fsErr(
      'EAGAIN',
      `the metadata log could not be written (${cause.message}): ${what} until the disk takes writes again; the store resumes on its own`,
    );
  }

  /**
   * Never answer with state that is not durable yet: wait for the log when a read saw a
   * version newer than the durable one, or saw a key absent while a commit (perhaps its
   * delete) is still on its way to disk.
   */
  private async untilDurable(sawAbsent: boolean, newestSeen: number): Promise<void> {
    if (this.mustWait(sawAbsent, newestSeen)) {
      try {
        await this.lastAppend;
      } catch {
        this.assertServing();
      }
    }
  }

  /**
   * The store as it is now, as a copy-on-write clone of the tree (like Curve's fork()ed dump,
   * DIGEST §7.2): O(1) to take, and it costs memory only for the nodes changed while it lives.
   * Answered once every change it holds is durable, so it never shows one a crash would undo.
   */
  async view(): Promise<KvView> {
    this.assertServing();
    const clone = this.tree.clone();
    await this.untilDurable(true, this.seq);
    return new OrderedView(clone, storedValue, this.limits.maxScanLimit);
  }

  /** Why the store cannot serve, if it cannot (readiness). */
  problem(): string | undefined {
    return this.failure ? this.stopped(this.failure).message : undefined;
  }

  private async commit(tx: BufferedTx, epoch: number): Promise<void> {
    this.assertServing();
    if (epoch !== this.epoch) throw new KvConflictError('the store was reloaded after a log failure');
    let newestSeen = 0;
    let sawAbsent = false;
    for (const [flat, read] of tx.reads) {
      const stored = this.tree.get(flat);
      const now = stored === undefined ? 0 : storedVersion(stored);
      if (now !== read.version) throw new KvConflictError();
      newestSeen = Math.max(newestSeen, now);
      sawAbsent ||= now === 0;
    }
    if (tx.writes.size === 0) {
      await this.untilDurable(sawAbsent, newestSeen);
      return;
    }
    const seq = ++this.seq;
    this.commits++;
    const ops: LogOp[] = [];
    for (const [flat, w] of tx.writes) {
      const current = w.merges ? this.tree.get(flat) : undefined;
      const value = applyWrite(w, current === undefined ? undefined : storedValue(current));
      ops.push({ key: value ? flatCopy(flat) : flat, value });
    }
    applyOps(this.tree, seq, ops);
    const frame = encodeRecord({ seq, ops });
    const durable = this.log.append(frame).then(
      () => {
        this.durableSeq = Math.max(this.durableSeq, seq);
      },
      (e: Error) => {
        // The change is in memory but not on disk: stop serving rather than answer from, or
        // snapshot, state that a restart would not have; recover once the disk allows.
        if (!this.failure) {
          this.failure = e;
          this.options.log?.('metadata log write failed: the store stopped until the disk takes writes again', e);
          this.startRecovery();
        }
        throw e;
      },
    );
    this.lastAppend = durable;
    this.logBytesSinceSnapshot += frame.length;
    if (this.logBytesSinceSnapshot >= this.options.snapshotLogBytes && !this.snapshotting) {
      void this.snapshot().catch((e) => this.logSnapshotFailure(e));
    }
    try {
      await durable;
    } catch (e) {
      throw this.stopped(e as Error, 'this change was not saved, and changes are refused');
    }
  }

  private startRecovery(): void {
    this.recovering ??= this.recoverWhenPossible().finally(() => {
      this.recovering = null;
    });
  }

  private async recoverWhenPossible(): Promise<void> {
    for (let attempt = 1; !this.closed; attempt++) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.recoveryRetryMs);
        this.wakeRecovery = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      if (this.closed) return;
      try {
        await this.reload();
        return;
      } catch (e) {
        // Once a minute is enough to say it is still waiting.
        if (attempt % LOG_EVERY_ATTEMPTS === 1)
          this.options.log?.(`metadata store still stopped (${attempt} tries)`, e);
      }
    }
  }

  /** Re-open at the last good record: the failed changes are dropped with the memory they were in. */
  private async reload(): Promise<void> {
    await this.snapshotting?.catch(() => undefined); // it fails: it waits for durability
    await this.log.drain();
    await this.log.close().catch(() => undefined);
    const failed = this.log.failure;
    // A failed group not yet cut off its file (the truncate failed too) must be, before a load
    // could take its whole records for acknowledged ones.
    if (failed && !failed.cut) await truncateLog(failed.path, failed.goodBytes);
    await probeDisk(this.options.dir, RECOVERY_PROBE_BYTES);
    const cause = this.failure?.message;
    this.epoch++;
    await this.load();
    this.failure = null;
    this.recoveries++;
    this.options.log?.(`metadata store serving again at seq ${this.seq} after: ${cause}`);
  }

  /** Write a snapshot of the current state and drop the log files it covers. */
  snapshot(): Promise<void> {
    this.snapshotting ??= this.writeSnapshotNow().finally(() => {
      this.snapshotting = null;
    });
    return this.snapshotting;
  }

  private async writeSnapshotNow(): Promise<void> {
    if (this.failure) throw this.stopped(this.failure, 'no snapshot is written');
    const t0 = performance.now();
    const seq = this.seq;
    const through = this.lastAppend; // the log write that makes everything up to `seq` durable
    const view = this.tree.clone(); // copy-on-write, like Curve's fork()ed dump (DIGEST §7.2)
    this.log.rotate(join(this.options.dir, walName(seq + 1)));
    this.logBytesSinceSnapshot = 0;
    const written = await writeSnapshot(join(this.options.dir, SNAPSHOT_FILE), snapshotPairs(view, seq), {
      // The view may hold changes whose log write was still in flight: never make them
      // durable through the snapshot if that write failed.
      beforeCommit: async () => {
        await through;
        if (this.failure) throw this.stopped(this.failure, 'no snapshot is written');
      },
    });
    this.snapshotSeq = seq;
    await dropCoveredLogs(this.options.dir, seq);
    this.lastSnapshot = {
      seq,
      at: new Date().toISOString(),
      bytes: written.bytes,
      pairs: written.pairs - 1,
      ms: Math.round(performance.now() - t0),
    };
  }

  stats(): Record<string, unknown> {
    return {
      engine: this.engine,
      dir: this.options.dir,
      keys: this.tree.size,
      seq: this.seq,
      durableSeq: this.durableSeq,
      failure: this.failure?.message ?? null,
      recoveries: this.recoveries,
      logBytesSinceSnapshot: this.logBytesSinceSnapshot,
      logSyncs: this.log.syncs,
      commits: this.commits,
      conflicts: this.conflicts.conflicts,
      gaveUp: this.conflicts.exhausted,
      lastSnapshot: this.lastSnapshot,
      recovery: this.replay,
    };
  }

  /**
   * Stop: a final snapshot when it can be written (on a full disk it cannot, and the log
   * already holds every acknowledged change), then release the directory.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    this.wakeRecovery?.();
    await this.recovering;
    await this.snapshotting?.catch(() => undefined);
    await this.log.drain();
    if (this.seq > this.snapshotSeq && !this.failure) await this.snapshot().catch((e) => this.logSnapshotFailure(e));
    await this.log.close().catch((e) => this.options.log?.('closing the log failed', e));
    await this.lock.release();
  }
}
