// The embedded engine (DESIGN §3.2): every key in one ordered in-memory B+tree, as the CurveFS
// metaserver keeps metadata in memory (DIGEST §2.7), made durable by an append-only operation
// log with group commit (oplog.ts) and periodic snapshots in the CurveFS dump format
// (snapshot.ts). Restart = load the snapshot, then replay the log records after it.
//
// Versions are one global commit sequence. A stored value is a byte string: a 6-byte
// big-endian version followed by the value bytes (strings cost far less heap than Buffers,
// which matters at millions of keys).
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import sortedBtree from 'sorted-btree';
import { fsErr, invariant } from '../errno.ts';
import { BufferedTx, applyWrite, type RawReader, flatKey } from './buffered-tx.ts';
import { lockDir, type DirLock } from './dir-lock.ts';
import { OpLog, encodeRecord, readLog, truncateLog, type LogOp } from './oplog.ts';
import { KvConflictError, retryOnConflict, type ConflictStats } from './retry.ts';
import { OrderedView } from './ordered-view.ts';
import { readSnapshot, writeSnapshot } from './snapshot.ts';
import type { Entry, Key, KvLimits, KvStore, KvView, ScanOptions, ScanPage, TransactOptions, Tx } from './types.ts';

// sorted-btree is CommonJS with `exports.default`; under ESM the class sits one level down.
const BTree = sortedBtree.default;
const VERSION_BYTES = 6;
/** Take a snapshot once this much log has been written since the last one. */
export const SNAPSHOT_LOG_BYTES = 64 * 1024 * 1024;
/** ...or this long after the last one, if anything changed. */
export const SNAPSHOT_INTERVAL_MS = 10 * 60 * 1000;
const SNAPSHOT_FILE = 'snapshot.curvefs';
/** Reserved snapshot pair carrying the sequence the snapshot is at (like Curve's AppliedIndex). */
const SNAPSHOT_SEQ_KEY = '\xff\xff.seq';
const WAL_PATTERN = /^wal-(\d{16})\.log$/;

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
  log?: (msg: string) => void;
}

function walName(startSeq: number): string {
  return `wal-${String(startSeq).padStart(16, '0')}.log`;
}

function encodeStored(version: number, value: Buffer): string {
  const b = Buffer.allocUnsafe(VERSION_BYTES + value.length);
  b.writeUIntBE(version, 0, VERSION_BYTES);
  value.copy(b, VERSION_BYTES);
  return b.toString('latin1');
}

/**
 * A flat copy of a byte string. Concatenation makes V8 "cons strings" (a 32-byte node holding
 * both halves); keys kept for the life of the store are worth one copy to a plain string.
 */
function flatCopy(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

function storedVersion(stored: string): number {
  let v = 0;
  for (let i = 0; i < VERSION_BYTES; i++) v = v * 256 + stored.charCodeAt(i);
  return v;
}

function storedValue(stored: string): Buffer {
  return Buffer.from(stored, 'latin1').subarray(VERSION_BYTES);
}

export class MemoryKv implements KvStore {
  readonly engine = 'memory';
  readonly limits = MEMORY_LIMITS;
  // Byte strings compare correctly with < (each char is one byte); the library's default
  // comparator handles mixed types and costs more on every lookup.
  private readonly tree = new BTree<string, string>(undefined, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  private seq = 0;
  private durableSeq = 0;
  private lastAppend: Promise<void> = Promise.resolve();
  /** Set when the log could not be written: the store then refuses everything (fail-stop). */
  private failure: Error | null = null;
  private snapshotSeq = 0;
  private logBytesSinceSnapshot = 0;
  private snapshotting: Promise<void> | null = null;
  private lastSnapshot: { seq: number; at: string; bytes: number; pairs: number; ms: number } | null = null;
  private replay = { records: 0, droppedBytes: 0, ms: 0 };
  private timer?: NodeJS.Timeout;
  private closed = false;
  private readonly reader: RawReader;
  private readonly conflicts: ConflictStats = { conflicts: 0, exhausted: 0 };
  private commits = 0;
  private log!: OpLog; // opened by recover()

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
        ...options,
      };
      const kv = new MemoryKv(full, lock);
      await kv.recover();
      return kv;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  private async recover(): Promise<void> {
    const t0 = performance.now();
    const dir = this.options.dir;
    const snapPath = join(dir, SNAPSHOT_FILE);
    if (
      await stat(snapPath).then(
        () => true,
        () => false,
      )
    ) {
      const pairs: [string, string][] = [];
      await readSnapshot(snapPath, (key, value) => {
        if (key === SNAPSHOT_SEQ_KEY) this.snapshotSeq = Number(value.readBigUInt64LE(0));
        else pairs.push([key, value.toString('latin1')]);
      });
      this.tree.setPairs(pairs);
      this.seq = this.snapshotSeq;
    }
    const wals = (await readdir(dir))
      .map((name) => ({ name, m: WAL_PATTERN.exec(name) }))
      .filter((w) => w.m)
      .map((w) => ({ path: join(dir, w.name), start: Number(w.m![1]) }))
      .sort((a, b) => a.start - b.start);
    for (const [i, wal] of wals.entries()) {
      const { records, validBytes, droppedBytes } = await readLog(wal.path);
      for (const rec of records) {
        if (rec.seq <= this.seq) continue; // already in the snapshot (idempotent replay)
        invariant(rec.seq === this.seq + 1, `log sequence continues (${rec.seq} after ${this.seq})`);
        this.applyOps(rec.seq, rec.ops);
        this.seq = rec.seq;
        this.replay.records++;
      }
      if (droppedBytes > 0) {
        if (i !== wals.length - 1) {
          throw fsErr('EIO', `log ${wal.path} is corrupt in the middle (${droppedBytes} bytes unreadable)`);
        }
        // A torn tail: the record was never acknowledged (acks wait for fdatasync). Drop it.
        this.options.log?.(`dropping ${droppedBytes} torn bytes at the end of ${wal.path}`);
        await truncateLog(wal.path, validBytes);
        this.replay.droppedBytes += droppedBytes;
      }
    }
    this.durableSeq = this.seq;
    this.log = new OpLog(join(dir, walName(this.seq + 1)));
    this.replay.ms = Math.round(performance.now() - t0);
    this.timer = setInterval(() => {
      if (this.seq > this.snapshotSeq) void this.snapshot().catch((e) => this.options.log?.(`snapshot failed: ${e}`));
    }, this.options.snapshotIntervalMs);
    this.timer.unref();
  }

  private applyOps(seq: number, ops: LogOp[]): void {
    for (const op of ops) {
      if (op.value) this.tree.set(op.key, encodeStored(seq, op.value));
      else this.tree.delete(op.key);
    }
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
        const tx = new BufferedTx(this.reader, this.limits);
        const result = await fn(tx);
        await this.commit(tx);
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
    if (this.failure) throw fsErr('EIO', `metadata store stopped after a log write failed: ${this.failure.message}`);
    if (this.closed) throw fsErr('EIO', 'metadata store is closed');
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
    return this.failure ? `metadata log write failed: ${this.failure.message}` : undefined;
  }

  private async commit(tx: BufferedTx): Promise<void> {
    this.assertServing();
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
    this.applyOps(seq, ops);
    const frame = encodeRecord({ seq, ops });
    const durable = this.log.append(frame).then(
      () => {
        this.durableSeq = Math.max(this.durableSeq, seq);
      },
      (e: Error) => {
        // The change is in memory but not on disk: stop serving rather than answer from, or
        // snapshot, state that a restart would not have.
        this.failure ??= e;
        throw e;
      },
    );
    this.lastAppend = durable;
    this.logBytesSinceSnapshot += frame.length;
    if (this.logBytesSinceSnapshot >= this.options.snapshotLogBytes) {
      void this.snapshot().catch((e) => this.options.log?.(`snapshot failed: ${e}`));
    }
    try {
      await durable;
    } catch (e) {
      throw fsErr('EIO', `metadata log write failed: ${(e as Error).message}`);
    }
  }

  /** Write a snapshot of the current state and drop the log files it covers. */
  snapshot(): Promise<void> {
    this.snapshotting ??= this.writeSnapshotNow().finally(() => {
      this.snapshotting = null;
    });
    return this.snapshotting;
  }

  private async writeSnapshotNow(): Promise<void> {
    if (this.failure)
      throw fsErr('EIO', 'no snapshot after a log write failure: memory holds changes that are not durable');
    const t0 = performance.now();
    const seq = this.seq;
    const view = this.tree.clone(); // copy-on-write, like Curve's fork()ed dump (DIGEST §7.2)
    this.log.rotate(join(this.options.dir, walName(seq + 1)));
    this.logBytesSinceSnapshot = 0;
    const seqValue = Buffer.alloc(8);
    seqValue.writeBigUInt64LE(BigInt(seq));
    function* pairs(): Generator<readonly [string, string | Buffer]> {
      yield [SNAPSHOT_SEQ_KEY, seqValue];
      yield* view.entries();
    }
    const written = await writeSnapshot(join(this.options.dir, SNAPSHOT_FILE), pairs());
    this.snapshotSeq = seq;
    for (const name of await readdir(this.options.dir)) {
      const m = WAL_PATTERN.exec(name);
      if (m && Number(m[1]) <= seq) await rm(join(this.options.dir, name), { force: true });
    }
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
      logBytesSinceSnapshot: this.logBytesSinceSnapshot,
      logSyncs: this.log.syncs,
      commits: this.commits,
      conflicts: this.conflicts.conflicts,
      gaveUp: this.conflicts.exhausted,
      lastSnapshot: this.lastSnapshot,
      recovery: this.replay,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.snapshotting;
    await this.log.drain();
    if (this.seq > this.snapshotSeq && !this.failure) await this.snapshot();
    await this.log.close();
    await this.lock.release();
  }
}
