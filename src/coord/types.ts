// Coordination between instances (DESIGN §5): engine-neutral primitives in the shape of etcd's
// `client/v3/concurrency` (Session, Election) plus an instance Registry and FlushRequests, and
// the Coordinator that composes them for the rest of the code. Each store implements the four
// primitives against the same contracts: etcd (etcd-*.ts, lease-bound keys), DynamoDB
// (dynamodb-*.ts, conditional writes with expiry times and fencing tokens) and the embedded
// single process (local.ts). Only src/app.ts picks an implementation.
import type { Leadership } from './leadership.ts';

export interface InstanceInfo {
  id: string;
  verifier: string;
  startedAt: string;
}

/**
 * This instance's liveness at the coordination store (etcd: one lease, `concurrency.Session`).
 * Everything the instance holds there lives under it and vanishes when it expires.
 *
 * Guarantees:
 * - `fresh()` is true only while now < s + TTL − margin on the monotonic clock, where s is when
 *   the newest renewal the store confirmed was sent (freshness.ts);
 * - when the session is lost (the store says so, or no renewal got through), `lost` listeners
 *   run, then new sessions are attempted until one is made or `stop()` is called — an outage
 *   of any length never ends the process; each new session first re-creates every hold, in the
 *   order they were registered, and only then do `renewed` listeners run.
 */
export interface Session {
  readonly ttlMs: number;
  readonly marginMs: number;
  /** Make the first session and its holds; rejects if the store cannot be reached. */
  start(): Promise<void>;
  fresh(): boolean;
  /**
   * Something to create under every session (a registration, a campaign key, markers), before
   * that session counts as made; a rejection fails that attempt (it is retried after a loss).
   */
  hold(create: () => Promise<void>): void;
  onLost(listener: (err: unknown) => void): void;
  onRenewed(listener: () => void): void;
  /** Resign: end the session at the store, so everything held under it goes at once. */
  stop(): Promise<void>;
}

/**
 * Leader election among the instances' sessions (etcd: `concurrency.Election`; DIGEST §5.2):
 * one campaign entry per session, the oldest entry leads, and a winner sees its own entry in
 * the answer that names it (so an entry that expired never wins).
 *
 * Guarantee (self-fencing): `leading()` is never true while the session is not fresh; a call
 * that finds it stale steps down at once and counts it in `fencedCount`. Since the session's
 * entry outlives the deadline by the margin, this instance stops leading before any other can
 * have won.
 */
export interface Election extends Leadership {
  /** Start campaigning (after the session started). */
  start(): Promise<void>;
  /** The instance that leads, as far as this one last heard. */
  leaderId(): string | undefined;
  /** When this instance became leader (ISO time), while it leads. */
  readonly since: string | undefined;
  /** Times this instance stepped down because its session could have expired. */
  readonly fencedCount: number;
  /**
   * The fencing token of this instance's leadership, while it leads: larger than that of every
   * earlier leadership (etcd: the campaign key's create revision; DynamoDB: the leader record's).
   */
  readonly token?: number;
  /** Stop campaigning and step down (the session's end removes the entry). */
  stop(): Promise<void>;
}

/** Instances alive, each with its write verifier, registered under their sessions. */
export interface Registry {
  /** Instances whose sessions are alive now (this one included). */
  instances(): Promise<InstanceInfo[]>;
}

/** Which instances hold unflushed writes of a file, and the channel that asks them to flush. */
export interface FlushRequests {
  /** Start answering other instances' flush requests. */
  start(): Promise<void>;
  /** This instance holds (or no longer holds) unflushed writes of a file (kept under the session). */
  markDirty(fsId: number, ino: number, dirty: boolean): Promise<void>;
  /**
   * Make every other instance holding unflushed writes of the file flush them, and wait (EAGAIN
   * if they do not in time). Answers the verifiers of holders that went away before they
   * flushed: their session ended without their marker being cleared, so their writes are lost.
   */
  flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }>;
  /** What to do when another instance asks this one to flush a file. */
  onFlushRequest(handler: (fsId: number, ino: number) => Promise<void>): void;
  stop(): Promise<void>;
}

export interface LeaderState {
  /** This instance may do leader work right now. */
  leader: boolean;
  /** The instance that leads, as far as this one knows. */
  leaderId?: string;
  since?: string;
  /** Times this instance stepped down because its lease could have expired (self-fencing). */
  fenced: number;
  /** The fencing token of this instance's leadership, while it leads (Election.token). */
  token?: number;
}

/** What app.ts and the services see: the primitives composed (coordinator.ts). */
export interface Coordinator {
  readonly kind: 'local' | 'etcd' | 'dynamodb';
  /** Given to leader work (jobs/): its `leading()` is the election's. */
  readonly leadership: Leadership;
  /** Start the session, then answering flush requests, then campaigning. */
  start(): Promise<void>;
  /** Checked before every step of leader work: never true once the session may have lapsed. */
  isLeader(): boolean;
  leaderState(): LeaderState;
  /** Instances alive now (this one included). */
  instances(): Promise<InstanceInfo[]>;
  markDirty(fsId: number, ino: number, dirty: boolean): Promise<void>;
  flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }>;
  onFlushRequest(handler: (fsId: number, ino: number) => Promise<void>): void;
  stop(): Promise<void>;
}
