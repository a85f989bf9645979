// The Session on DynamoDB (types.ts): one heartbeat record per instance, `~coord/inst/{id}`
// (dynamodb-records.ts), which is also its registration. Each renewal, every TTL/3 (as etcd's
// keepalive and Curve's, DIGEST §5.3), is a conditional UpdateItem that sets `exp` = wall clock
// + TTL, only while the record still holds this session's epoch and nobody judged it dead.
//
// Guarantee: `fresh()` is true only while now < s + TTL − margin on the monotonic clock
// (freshness.ts), s being when the newest renewal DynamoDB confirmed was sent. Another instance
// judges the record expired only once its wall clock is past `exp` + the clock-skew margin,
// i.e. (while clocks differ by less than that margin) after s + TTL in real time — so this
// instance stops counting on its session at least the margin before anyone can take over.
//
// Loss: DynamoDB refused a renewal's condition (another instance judged the session dead, or it
// was replaced), or no renewal was confirmed for a whole TTL (others may now judge it expired:
// a renewal that still went through is not trusted). `lost` listeners run while `fresh()` still
// answers for the old deadline (so a leader can tell a self-fencing from a plain loss), then the
// deadline is dropped and new sessions are tried every ~SESSION_RETRY_PAUSE_MS until one is
// made (however long DynamoDB is away) or stop(). A new session has the next epoch: the holds
// are made first (dirty markers exist before the record makes them visible to others), then the
// record is put, then `renewed` listeners run. A renewal that failed otherwise (throttled, timed
// out) is tried again after RENEW_RETRY_MS; it counts for nothing until confirmed.
import pRetry from 'p-retry';
import { conditionFailed, transientKind } from '../aws/dynamodb-errors.ts';
import { TABLE_KEY } from '../aws/dynamodb-table.ts';
import type { CoordCalls } from './dynamodb-calls.ts';
import { instanceItem, instanceKey, type WallClock, wallNow } from './dynamodb-records.ts';
import { FreshnessDeadline, type MonotonicClock } from './freshness.ts';
import type { InstanceInfo, Session } from './types.ts';

/** Renewals per TTL (etcd's keepalive and Curve's nextKeepAlive = now + TTL/3). */
const RENEWALS_PER_TTL = 3;
/** After a renewal failed without an answer: try again this soon (jittered ×0.5..1.5). */
const RENEW_RETRY_MS = 250;
/** Between attempts to make a new session after one was lost (jittered ×0.5..1.5). */
const SESSION_RETRY_PAUSE_MS = 1_000;
/**
 * How long start() keeps trying to make the first session while DynamoDB throttles or does not
 * answer: the table check's budget at startup (aws/dynamodb-table.ts DESCRIBE_RETRY_MS), for the
 * same reason — a DynamoDB Local just started on a busy machine answers its first calls slowly.
 */
const START_RETRY_MS = 30_000;

const jittered = (ms: number) => ms * (0.5 + Math.random());

export interface DynamoSessionOptions {
  calls: CoordCalls;
  /** This instance: the record's key and its registration. */
  self: InstanceInfo;
  ttlMs: number;
  marginMs: number;
  log?: (msg: string, err?: unknown) => void;
  now?: MonotonicClock;
  wallNow?: WallClock;
}

export class DynamoSession implements Session {
  readonly ttlMs: number;
  readonly marginMs: number;
  private readonly deadline: FreshnessDeadline;
  private readonly wall: WallClock;
  private readonly renewEveryMs: number;
  private epochNo = 0;
  /** The record of the current epoch was put and not lost since. */
  private made = false;
  private readonly holds: (() => Promise<void>)[] = [];
  private readonly lostListeners: ((err: unknown) => void)[] = [];
  private readonly renewedListeners: (() => void)[] = [];
  private timer?: NodeJS.Timeout;
  private beating?: Promise<void>;
  private renewing?: Promise<void>;
  private failedRenewals = 0;
  private stopped = false;

  constructor(private readonly o: DynamoSessionOptions) {
    this.deadline = new FreshnessDeadline(o);
    this.ttlMs = this.deadline.ttlMs;
    this.marginMs = this.deadline.marginMs;
    this.wall = o.wallNow ?? wallNow;
    this.renewEveryMs = this.ttlMs / RENEWALS_PER_TTL;
  }

  /** The epoch of the current session (or of the one being made): 1, 2, … in this process. */
  get epoch(): number {
    return this.epochNo;
  }

  hold(create: () => Promise<void>): void {
    this.holds.push(create);
  }

  onLost(listener: (err: unknown) => void): void {
    this.lostListeners.push(listener);
  }

  onRenewed(listener: () => void): void {
    this.renewedListeners.push(listener);
  }

  fresh(): boolean {
    return this.made && this.deadline.fresh();
  }

  /** The first session; a failure that is not an answer (throttled, timed out) is retried, then thrown. */
  start(): Promise<void> {
    return pRetry(() => this.make(), {
      retries: Number.MAX_SAFE_INTEGER,
      minTimeout: RENEW_RETRY_MS,
      maxTimeout: SESSION_RETRY_PAUSE_MS,
      randomize: true,
      maxRetryTime: START_RETRY_MS,
      shouldRetry: ({ error }) => !this.stopped && transientKind(error) !== undefined,
      onFailedAttempt: ({ error, attemptNumber }) =>
        this.o.log?.(`could not start the DynamoDB session (attempt ${attemptNumber})`, error),
    });
  }

  /** A new session: the next epoch, its holds, then its record. */
  private async make(): Promise<void> {
    const epoch = ++this.epochNo;
    for (const create of this.holds) await create();
    const sentAt = this.deadline.now();
    await this.o.calls.put(
      instanceItem({ id: this.o.self.id, epoch, expiresAt: this.wall() + this.ttlMs, info: this.o.self }),
      {
        // Only this process writes its record (others mark it dead): an older epoch, or none.
        ConditionExpression: 'attribute_not_exists(#pk) OR #epoch < :epoch',
        ExpressionAttributeNames: { '#pk': TABLE_KEY.partition, '#epoch': 'epoch' },
        ExpressionAttributeValues: { ':epoch': { N: String(epoch) } },
      },
      // An answer is of use until the deadline it would set (freshness counts from sentAt): a
      // slow first answer (a cold DynamoDB Local, a loaded machine) still makes the session.
      { timeoutMs: this.ttlMs - this.marginMs },
    );
    if (this.stopped) return;
    this.deadline.renewed(sentAt);
    this.made = true;
    this.schedule(sentAt + this.renewEveryMs);
  }

  private schedule(at: number): void {
    clearTimeout(this.timer);
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.beating = this.beat().finally(() => {
          this.beating = undefined;
        });
      },
      Math.max(0, at - this.deadline.now()),
    );
    this.timer.unref();
  }

  /** One renewal (see the header). */
  private async beat(): Promise<void> {
    if (this.stopped || !this.made) return;
    // The deadline is s + TTL − margin: s + TTL is when others may judge the record expired.
    const expiresAt = this.deadline.deadline() + this.marginMs;
    if (this.deadline.now() >= expiresAt) {
      this.lost(new Error(`no renewal confirmed within the session TTL (${this.ttlMs} ms)`));
      return;
    }
    const epoch = this.epochNo;
    const sentAt = this.deadline.now();
    try {
      await this.o.calls.update(
        instanceKey(this.o.self.id),
        {
          UpdateExpression: 'SET #exp = :exp',
          ExpressionAttributeNames: { '#exp': 'exp', '#epoch': 'epoch', '#dead': 'dead' },
          ExpressionAttributeValues: {
            ':exp': { N: String(this.wall() + this.ttlMs) },
            ':epoch': { N: String(epoch) },
          },
        },
        '#epoch = :epoch AND attribute_not_exists(#dead)',
        { timeoutMs: this.renewEveryMs },
      );
    } catch (e) {
      if (this.stopped || epoch !== this.epochNo || !this.made) return;
      if (conditionFailed(e)) {
        this.lost(e);
        return;
      }
      if (this.failedRenewals++ === 0) this.o.log?.('DynamoDB session renewal failed; retrying', e);
      this.schedule(Math.min(this.deadline.now() + jittered(RENEW_RETRY_MS), expiresAt));
      return;
    }
    if (this.stopped || epoch !== this.epochNo || !this.made) return;
    if (this.failedRenewals > 0)
      this.o.log?.(`DynamoDB session renewed after ${this.failedRenewals} failed attempt(s)`);
    this.failedRenewals = 0;
    this.deadline.renewed(sentAt);
    this.schedule(sentAt + this.renewEveryMs);
  }

  private lost(err: unknown): void {
    if (!this.made) return;
    clearTimeout(this.timer);
    this.o.log?.('DynamoDB session lost; stepping down and starting a new one', err);
    // Listeners run before the deadline is dropped: one may still judge whether it had passed.
    try {
      for (const listener of this.lostListeners) listener(err);
    } finally {
      this.made = false;
      this.deadline.forget();
    }
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined;
    });
  }

  /** After a loss: new sessions until one is made (DynamoDB may be away for long), or until stopped. */
  private async renew(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.make();
        if (this.stopped) return;
        this.o.log?.(`new DynamoDB session (epoch ${this.epochNo}) after ${attempt} attempt(s)`);
        for (const listener of this.renewedListeners) listener();
        return;
      } catch (e) {
        this.o.log?.(`could not start a new DynamoDB session (attempt ${attempt}); retrying`, e);
        await new Promise((r) => setTimeout(r, jittered(SESSION_RETRY_PAUSE_MS)));
      }
    }
  }

  /** Resign: the record goes (the registration at once, markers with it), unless another epoch replaced it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.beating;
    await this.renewing;
    const wasMade = this.made;
    this.made = false;
    this.deadline.forget();
    if (!wasMade) return;
    await this.o.calls
      .delete(instanceKey(this.o.self.id), {
        ConditionExpression: '#epoch = :epoch',
        ExpressionAttributeNames: { '#epoch': 'epoch' },
        ExpressionAttributeValues: { ':epoch': { N: String(this.epochNo) } },
      })
      .catch((e) => this.o.log?.('could not remove the DynamoDB session record at stop; it expires on its own', e));
  }
}
