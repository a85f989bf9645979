// The Session on etcd (types.ts; etcd's `concurrency.Session`): one etcd lease, kept alive by
// the etcd3 client on one gRPC stream every TTL/3. Keys put with `lease.put` vanish with it.
//
// Guarantee: `fresh()` is true only while now < s + TTL − margin on the monotonic clock
// (freshness.ts), s being when the newest keepalive (or the grant) etcd answered was sent.
// etcd answers a keepalive stream in order, so each answer is matched to the oldest request
// still unanswered; a stream that fails forgets its unanswered requests. etcd never expires a
// lease early (its lessor revokes expired leases some time after the TTL, and a new etcd leader
// gives every lease a whole TTL again), so the lease outlives the deadline by at least the margin.
//
// Loss: etcd said the lease is gone, or the client went 2 × TTL without an answer (the etcd3
// client's rule). `lost` listeners run and the deadline is dropped at once; then new leases are
// tried every ~SESSION_RETRY_PAUSE_MS until one is made (however long etcd is away) or stop();
// each new lease gets every hold put again before `renewed` listeners run.
import type { Etcd3, Lease } from 'etcd3';
import { invariant } from '../errno.ts';
import { FreshnessDeadline, type MonotonicClock } from './freshness.ts';
import type { Session } from './types.ts';

/** Between attempts to make a new session after one was lost (jittered ×0.5..1.5). */
const SESSION_RETRY_PAUSE_MS = 1_000;

export interface EtcdSessionOptions {
  client: Etcd3;
  /** Rounded up to whole seconds for etcd; the deadline uses the exact value. */
  ttlMs: number;
  marginMs: number;
  log?: (msg: string, err?: unknown) => void;
  now?: MonotonicClock;
}

export class EtcdSession implements Session {
  readonly ttlMs: number;
  readonly marginMs: number;
  private readonly deadline: FreshnessDeadline;
  private current?: Lease;
  private readonly holds: (() => Promise<void>)[] = [];
  private readonly lostListeners: ((err: unknown) => void)[] = [];
  private readonly renewedListeners: (() => void)[] = [];
  private renewing?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: EtcdSessionOptions) {
    this.deadline = new FreshnessDeadline(o);
    this.ttlMs = this.deadline.ttlMs;
    this.marginMs = this.deadline.marginMs;
  }

  /** The lease of the current session (the last one made: it may have been lost since). */
  get lease(): Lease {
    invariant(this.current, 'the etcd session was started before its lease is used');
    return this.current;
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
    return this.deadline.fresh();
  }

  start(): Promise<void> {
    return this.newLease();
  }

  /** A new lease, with every hold put under it; a half-made one is revoked. */
  private async newLease(): Promise<void> {
    const lease = this.o.client.lease(Math.ceil(this.ttlMs / 1000));
    // Listening before the grant: the client starts keeping the lease alive as soon as it is
    // granted, and a first keepalive missed here would pair every later answer with the request
    // after the one it answers.
    const unanswered: number[] = []; // send times of keepalives in flight, oldest first
    lease.on('keepaliveEstablished', () => unanswered.splice(0));
    lease.on('keepaliveFailed', () => unanswered.splice(0));
    lease.on('keepaliveFired', () => unanswered.push(this.deadline.now()));
    lease.on('keepaliveSucceeded', () => {
      const sentAt = unanswered.shift();
      if (sentAt !== undefined) this.deadline.renewed(sentAt);
    });
    try {
      const grantSentAt = this.deadline.now();
      await lease.grant();
      this.deadline.renewed(grantSentAt);
      lease.on('lost', (err) => this.lost(err)); // after the grant: a failed grant is thrown instead
      this.current = lease;
      for (const create of this.holds) await create();
    } catch (e) {
      // A half-made session must not linger (its keepalives would hold keys nobody renews),
      // nor count as fresh.
      lease.removeAllListeners();
      this.deadline.forget();
      void lease.revoke().catch(() => lease.release());
      throw e;
    }
  }

  private lost(err: unknown): void {
    this.deadline.forget();
    this.o.log?.('etcd session lost; stepping down and starting a new one', err);
    for (const listener of this.lostListeners) listener(err);
    this.renewing ??= this.renew().finally(() => {
      this.renewing = undefined;
    });
  }

  /** After a loss: new leases until one is made (etcd may be away for long), or until stopped. */
  private async renew(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.newLease();
        this.o.log?.(`new etcd session after ${attempt} attempt(s)`);
        for (const listener of this.renewedListeners) listener();
        return;
      } catch (e) {
        this.o.log?.(`could not start a new etcd session (attempt ${attempt}); retrying`, e);
        await new Promise((r) => setTimeout(r, SESSION_RETRY_PAUSE_MS * (0.5 + Math.random())));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.renewing;
    await this.current?.revoke().catch(() => undefined); // resign: our keys go at once
  }
}
