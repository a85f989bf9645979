// The freshness deadline of a session (DESIGN §5; DIGEST §5.5 "stop when now > lastRenewal +
// TTL − margin"), on this process's monotonic clock. Engine-neutral: every session
// implementation (etcd lease, DynamoDB item with an expiry time) keeps one.
//
// Guarantee: `fresh()` is true only while now < s + TTL − margin, where s is the monotonic time
// at which the newest renewal the store has *confirmed* was *sent*. The store received that
// request after s, so the session it renewed lives until at least s + TTL (measured at the
// store's clock rate); the margin is what is left for work begun at the last true `fresh()`
// and for the rate difference of two clocks over one TTL. A renewal sent but not yet
// confirmed counts for nothing, and an older confirmation arriving late never moves the
// deadline back.
//
// The clock must be monotonic (default `performance.now()`, CLOCK_MONOTONIC: never stepped by
// NTP, and it keeps running while the process is stopped, so a SIGSTOPped leader wakes up stale).
import { invariant } from '../errno.ts';

/**
 * Session TTL of every coordinator: Curve's leader.sessionInterSec (DIGEST §5.5); whole seconds
 * for etcd, which wants a lease TTL of at least 1.5 × its own election timeout (DIGEST §5.3). A
 * dead leader is replaced within about TTL + the election's poll (+ the clock-skew margin on
 * DynamoDB, coord/dynamodb-records.ts).
 */
export const SESSION_TTL_MS = 5_000;
/**
 * The part of the TTL a leader gives up before the store may expire its session: time for a
 * step of leader work begun just before the deadline; clock rates differ by ppm.
 */
export const FENCE_MARGIN_MS = 1_000;

/** A monotonic clock in milliseconds. */
export type MonotonicClock = () => number;

export const monotonicNow: MonotonicClock = () => performance.now();

export interface FreshnessOptions {
  /** How long the store keeps a session after a renewal reached it. */
  ttlMs: number;
  /** Given up before the TTL ends (see the header). */
  marginMs: number;
  now?: MonotonicClock;
}

export class FreshnessDeadline {
  readonly ttlMs: number;
  readonly marginMs: number;
  readonly now: MonotonicClock;
  /** Send time of the newest confirmed renewal; none yet: never fresh. */
  private renewedSentAt = Number.NEGATIVE_INFINITY;

  constructor(o: FreshnessOptions) {
    invariant(o.marginMs >= 0 && o.marginMs < o.ttlMs, `fence margin ${o.marginMs} ms is within the TTL ${o.ttlMs} ms`);
    this.ttlMs = o.ttlMs;
    this.marginMs = o.marginMs;
    this.now = o.now ?? monotonicNow;
  }

  /** The store confirmed a renewal (or the grant) sent at monotonic time `sentAt`. */
  renewed(sentAt: number): void {
    this.renewedSentAt = Math.max(this.renewedSentAt, sentAt);
  }

  /** The session is gone: not fresh until a new one is confirmed. */
  forget(): void {
    this.renewedSentAt = Number.NEGATIVE_INFINITY;
  }

  /** The monotonic time from which the session may have expired at the store. */
  deadline(): number {
    return this.renewedSentAt + this.ttlMs - this.marginMs;
  }

  fresh(): boolean {
    return this.now() < this.deadline();
  }
}
