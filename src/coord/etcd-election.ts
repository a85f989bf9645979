// The Election on etcd (types.ts; DIGEST §5.2-5.3, etcd's `concurrency.Election`). The campaign
// key `{prefix}{id}` is put under the session's lease (again under every new lease), so its
// create revision is this instance's place in line and it vanishes with the session.
//
// Every ELECTION_POLL_MS (and at once after a new session) one sorted read of the prefix
// decides: the key with the lowest create revision leads. A winner only takes the lead when
// that key is its own — its key is in the answer, so it still existed at that revision (the
// check DIGEST §5.2 adds after Campaign) — and its session is fresh.
//
// Guarantee (self-fencing, DIGEST §5.5): `leading()` is never true while the session is not
// fresh, i.e. from s + TTL − margin on the monotonic clock (etcd-session.ts), before etcd can
// have expired the key and let another instance win. A call that finds the session stale steps
// down at once (counted in `fencedCount`); so does a read that names another leader, and a lost
// session. So no leader work begins once another instance can have won (a step already under
// way may run into the margin: leadership.ts), where the seed allows two leaders for up to
// 5.3 s (DIGEST §5.4 case 9). Another instance takes over within TTL + ELECTION_POLL_MS.
// Not used: etcd3's ElectionObserver, which can name the wrong leader (measured; a direct sorted
// read is correct).
import type { Etcd3 } from 'etcd3';
import type { EtcdSession } from './etcd-session.ts';
import type { Election } from './types.ts';

/** How often the campaign prefix is read: a takeover is seen within TTL + this. */
export const ELECTION_POLL_MS = 100;

export interface EtcdElectionOptions {
  client: Etcd3;
  session: EtcdSession;
  /** Key prefix of the campaign keys (one election per prefix). */
  prefix: string;
  /** This instance's id: its key's name and value. */
  id: string;
  log?: (msg: string, err?: unknown) => void;
}

export class EtcdElection implements Election {
  private readonly key: string;
  private elected = false;
  private leader?: string;
  private wonAt?: string;
  private wonToken?: number;
  private fenced = 0;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(private readonly o: EtcdElectionOptions) {
    this.key = o.prefix + o.id;
    o.session.hold(async () => {
      await o.session.lease.put(this.key).value(o.id);
    });
    o.session.onLost(() => this.stepDown());
    o.session.onRenewed(() => void this.tick());
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.tick(), ELECTION_POLL_MS);
    this.timer.unref();
    await this.tick();
  }

  leading(): boolean {
    if (this.elected && !this.o.session.fresh()) this.stepDown('fenced');
    return this.elected;
  }

  leaderId(): string | undefined {
    return this.leader;
  }

  get since(): string | undefined {
    return this.elected ? this.wonAt : undefined;
  }

  get fencedCount(): number {
    return this.fenced;
  }

  /** The campaign key's create revision: every later campaign key's is larger. */
  get token(): number | undefined {
    return this.elected ? this.wonToken : undefined;
  }

  private stepDown(why?: 'fenced'): void {
    if (!this.elected) return;
    this.elected = false;
    if (why === 'fenced') this.fenced++;
    this.o.log?.(
      `stepped down as leader at ${new Date().toISOString()}${why ? ' (self-fenced: lease renewal overdue)' : ''}`,
    );
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const keys = await this.o.client.getAll().prefix(this.o.prefix).sort('Create', 'Ascend').exec();
      const first = keys.kvs[0];
      this.leader = first?.value.toString();
      const mine = first?.key.toString() === this.key;
      if (mine && this.o.session.fresh() && !this.elected) {
        this.elected = true;
        this.wonToken = Number(first.create_revision);
        this.wonAt = new Date().toISOString();
        this.o.log?.(`became leader at ${this.wonAt}`);
      } else if (!mine) {
        this.stepDown();
      }
    } catch (e) {
      this.o.log?.('election check failed', e);
    }
    this.leading(); // applies the fencing rule even when etcd did not answer
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.stepDown();
  }
}
