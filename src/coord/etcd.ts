// CIRRUS_COORD=etcd://…: instances coordinate through etcd (DESIGN §5; DIGEST §5).
//
// Each instance holds one etcd lease (its session), kept alive every TTL/3. Under it live its
// registration `inst/{id}` (with its write verifier), its campaign key `elect/{id}` and its
// markers `dirty/{fs}/{ino}/{id}` for files it holds unflushed writes of; all vanish if the
// instance dies. Flush requests are keys `flushreq/{fs}/{ino}` that every instance watches.
//
// Leader election follows the seed (DIGEST §5.2-5.3): the campaign key with the lowest create
// revision leads, and a winner first checks that its own key still exists. It adds the rule
// DIGEST §5.5 recommends: **self-fencing**. The leader stops all leader work as soon as
// `now > lastRenewal + TTL − margin` on a monotonic clock, where lastRenewal is when the last
// successful keepalive was *sent* — before etcd can have expired its key and let another
// instance win. So two leaders never overlap (the seed tolerates up to 5.3 s).
import type { Etcd3, Lease, Watcher } from 'etcd3';
import { fsErr } from '../errno.ts';
import { UNAVAILABLE_RETRY_MS } from '../kv/etcd.ts';
import type { Coordinator, InstanceInfo, LeaderState } from './types.ts';

export const SESSION_TTL_MS = 5_000; // Curve's leader.sessionInterSec
export const FENCE_MARGIN_MS = 1_000;
export const ELECTION_POLL_MS = 100;
export const FLUSH_WAIT_MS = 30_000;
const CALL_RETRY_PAUSE_MS = 250;
/** Between attempts to start a new session after one was lost. */
const SESSION_RETRY_PAUSE_MS = 1_000;
const FLUSH_POLL_MS = 50;

export interface EtcdCoordinatorOptions {
  client: Etcd3;
  /** Root of all keys (shared with the etcd metadata engine's prefix). */
  prefix: string;
  self: InstanceInfo;
  ttlMs?: number;
  marginMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Close the client on stop (it is not shared with the metadata engine). */
  ownsClient?: boolean;
}

export class EtcdCoordinator implements Coordinator {
  readonly kind = 'etcd';
  private readonly ttlMs: number;
  private readonly marginMs: number;
  private readonly root: string;
  private lease?: Lease;
  private lastRenewal = 0;
  private keepaliveSentAt = 0;
  private elected = false;
  private leaderId?: string;
  private since?: string;
  private fenced = 0;
  private readonly dirty = new Map<string, { fsId: number; ino: number }>();
  private handler?: (fsId: number, ino: number) => Promise<void>;
  private watcher?: Watcher;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private renewing?: Promise<void>;

  constructor(private readonly o: EtcdCoordinatorOptions) {
    this.ttlMs = o.ttlMs ?? SESSION_TTL_MS;
    this.marginMs = o.marginMs ?? FENCE_MARGIN_MS;
    this.root = `${o.prefix}~coord/`;
  }

  private key(rest: string): string {
    return this.root + rest;
  }

  /** An etcd call made for a request: retried through a failover, then EAGAIN (503). */
  private async call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const giveUpAt = Date.now() + UNAVAILABLE_RETRY_MS;
    for (;;) {
      try {
        return await fn();
      } catch (e) {
        if (Date.now() > giveUpAt)
          throw fsErr('EAGAIN', `coordination (etcd) unavailable for ${what}: ${(e as Error).message}`);
        await new Promise((r) => setTimeout(r, CALL_RETRY_PAUSE_MS * (0.5 + Math.random())));
      }
    }
  }

  async start(): Promise<void> {
    await this.newSession();
    this.watcher = await this.o.client.watch().prefix(this.key('flushreq/')).create();
    this.watcher.on('put', (kv) => void this.onFlushKey(kv.key.toString()));
    this.timer = setInterval(() => void this.electionTick(), ELECTION_POLL_MS);
    this.timer.unref();
    await this.electionTick();
  }

  /** A fresh session lease; everything this instance holds is put again under it. */
  private async newSession(): Promise<void> {
    const lease = this.o.client.lease(Math.ceil(this.ttlMs / 1000));
    try {
      const before = performance.now();
      await lease.grant();
      this.lastRenewal = before;
      lease.on('keepaliveFired', () => (this.keepaliveSentAt = performance.now()));
      lease.on('keepaliveSucceeded', () => (this.lastRenewal = this.keepaliveSentAt));
      lease.on('lost', (err) => {
        this.o.log?.('etcd session lost; stepping down and starting a new one', err);
        this.stepDown();
        this.renewing ??= this.renewSession().finally(() => (this.renewing = undefined));
      });
      this.lease = lease;
      await lease.put(this.key(`inst/${this.o.self.id}`)).value(JSON.stringify(this.o.self));
      for (const d of this.dirty.values()) await this.putDirty(d.fsId, d.ino);
      // Campaign: the key exists once per session; its create revision is our place in line.
      await lease.put(this.key(`elect/${this.o.self.id}`)).value(this.o.self.id);
    } catch (e) {
      // A half-made session must not linger (its keepalives would hold keys nobody renews).
      lease.removeAllListeners('lost');
      void lease.revoke().catch(() => lease.release());
      throw e;
    }
  }

  /**
   * After a session was lost: new sessions until one is made (etcd may be down for a while;
   * the etcd3 client gives a lease up after 2 × TTL without a keepalive), or until stopped.
   */
  private async renewSession(): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.newSession();
        this.o.log?.(`new etcd session after ${attempt} attempt(s)`);
        return;
      } catch (e) {
        this.o.log?.(`could not start a new etcd session (attempt ${attempt}); retrying`, e);
        await new Promise((r) => setTimeout(r, SESSION_RETRY_PAUSE_MS * (0.5 + Math.random())));
      }
    }
  }

  /** The lease can not have expired yet (checked on a monotonic clock). */
  private fresh(): boolean {
    return performance.now() < this.lastRenewal + this.ttlMs - this.marginMs;
  }

  isLeader(): boolean {
    if (this.elected && !this.fresh()) this.stepDown('fenced');
    return this.elected;
  }

  private stepDown(why?: 'fenced'): void {
    if (!this.elected) return;
    this.elected = false;
    if (why === 'fenced') this.fenced++;
    this.o.log?.(
      `stepped down as leader at ${new Date().toISOString()}${why ? ' (self-fenced: lease renewal overdue)' : ''}`,
    );
  }

  private async electionTick(): Promise<void> {
    if (this.stopped || !this.lease) return;
    try {
      const keys = await this.o.client.getAll().prefix(this.key('elect/')).sort('Create', 'Ascend').exec();
      const first = keys.kvs[0];
      this.leaderId = first?.value.toString();
      const mine = first?.key.toString() === this.key(`elect/${this.o.self.id}`);
      // Lowest create revision leads; our own key is in the answer, so it still exists.
      if (mine && this.fresh() && !this.elected) {
        this.elected = true;
        this.since = new Date().toISOString();
        this.o.log?.(`became leader at ${this.since}`);
      } else if (!mine) {
        this.stepDown();
      }
    } catch (e) {
      this.o.log?.('election check failed', e);
    }
    this.isLeader(); // applies the fencing rule even when etcd did not answer
  }

  leaderState(): LeaderState {
    return {
      leader: this.isLeader(),
      leaderId: this.leaderId,
      since: this.elected ? this.since : undefined,
      fenced: this.fenced,
    };
  }

  async instances(): Promise<InstanceInfo[]> {
    const all = await this.call('the instance list', () => this.o.client.getAll().prefix(this.key('inst/')).strings());
    return Object.values(all).map((v) => JSON.parse(v) as InstanceInfo);
  }

  private async putDirty(fsId: number, ino: number): Promise<void> {
    await this.call('a dirty marker', () =>
      this.lease!.put(this.key(`dirty/${fsId}/${ino}/${this.o.self.id}`))
        .value(this.o.self.verifier)
        .exec(),
    );
  }

  async markDirty(fsId: number, ino: number, dirty: boolean): Promise<void> {
    const id = `${fsId}/${ino}`;
    if (dirty) {
      if (this.dirty.has(id)) return;
      this.dirty.set(id, { fsId, ino });
      await this.putDirty(fsId, ino);
    } else if (this.dirty.delete(id)) {
      await this.call('a dirty marker', () =>
        this.o.client
          .delete()
          .key(this.key(`dirty/${id}/${this.o.self.id}`))
          .exec(),
      );
    }
  }

  async flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }> {
    const prefix = this.key(`dirty/${fsId}/${ino}/`);
    const holders = async () =>
      Object.entries(await this.call('dirty markers', () => this.o.client.getAll().prefix(prefix).strings()))
        .map(([k, verifier]) => ({ id: k.slice(prefix.length), verifier }))
        .filter((h) => h.id !== this.o.self.id);
    const waitingFor = await holders();
    if (waitingFor.length === 0) return { lost: [] };
    await this.call('a flush request', () =>
      this.o.client
        .put(this.key(`flushreq/${fsId}/${ino}`))
        .value(`${this.o.self.id}:${Date.now()}`)
        .exec(),
    );
    const deadline = Date.now() + FLUSH_WAIT_MS;
    for (;;) {
      const left = new Set((await holders()).map((h) => h.id));
      if (!waitingFor.some((h) => left.has(h.id))) break;
      if (Date.now() > deadline) {
        throw fsErr('EAGAIN', `instances ${[...left].join(', ')} did not flush the file in time`);
      }
      await new Promise((r) => setTimeout(r, FLUSH_POLL_MS));
    }
    // A marker can go because its instance flushed, or because it died (lease expired).
    const alive = new Set((await this.instances()).map((i) => i.id));
    return { lost: waitingFor.filter((h) => !alive.has(h.id)).map((h) => h.verifier) };
  }

  onFlushRequest(handler: (fsId: number, ino: number) => Promise<void>): void {
    this.handler = handler;
  }

  private async onFlushKey(key: string): Promise<void> {
    const m = /flushreq\/(\d+)\/(\d+)$/.exec(key);
    if (!m || !this.handler || !this.dirty.has(`${m[1]}/${m[2]}`)) return;
    try {
      await this.handler(Number(m[1]), Number(m[2]));
    } catch (e) {
      this.o.log?.(`flush requested by another instance failed for inode ${m[2]}`, e);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stepDown();
    await this.watcher?.cancel();
    await this.renewing;
    await this.lease?.revoke().catch(() => undefined); // resign: our keys go at once
    if (this.o.ownsClient) this.o.client.close();
  }
}
