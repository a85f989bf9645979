// The Election on DynamoDB (types.ts), in the spirit of the DynamoDB lock client: one leader
// record, `~coord/leader` (dynamodb-records.ts), naming the owner and the epoch of the session
// it leads with, and a fencing token. Every ELECTION_POLL_MS (and at once after a new session)
// each instance reads it (strongly consistent) and decides:
//  - it names this instance's current session: this instance leads (while its session is fresh);
//  - it is vacant, absent, or names a session that is over for good (the owner's record is
//    gone, judged dead, or at a newer epoch — this instance's older session included): claim;
//  - it names another instance's session whose record is past `exp` + the clock-skew margin by
//    this instance's wall clock AND whose `exp` this instance has seen unchanged for a whole
//    TTL on its monotonic clock (the lock client's rule, which holds whatever the wall clocks
//    say): claim, judging that session dead in the same transaction;
//  - otherwise follow.
// A claim is one TransactWriteItems: the leader record put with the next token, on condition
// that the token is the one read (absent: that there is none), and — when taking over from an
// expired session — `dead` set on its record, on condition that it still holds the epoch and
// `exp` judged. So of several claimants exactly one wins, and a renewal that reached DynamoDB
// first keeps its leader, while one that comes later is refused (that leader's session is lost).
// A claim whose answer was lost is settled by the next read.
//
// Guarantee (self-fencing, DIGEST §5.5): `leading()` is never true while the session is not
// fresh (dynamodb-session.ts: from s + TTL − margin on the monotonic clock); a call that finds it
// stale steps down at once (counted in `fencedCount`). Another instance can take over only after
// s + TTL (the expiry rule) and after seeing the last renewal for a TTL, so this instance stops
// leader work first (a step already under way may run into the margin: leadership.ts). A dead
// leader is replaced within TTL + CLOCK_SKEW_MARGIN_MS + ELECTION_POLL_MS of its last renewal;
// one that resigns (stop) leaves the record vacant, and the next poll claims it.
import { conditionFailed } from '../aws/dynamodb-errors.ts';
import { TABLE_KEY } from '../aws/dynamodb-table.ts';
import type { Condition, CoordCalls, TxAction } from './dynamodb-calls.ts';
import {
  decodeInstance,
  decodeLeader,
  type InstanceRecord,
  instanceKey,
  LEADER_KEY,
  type LeaderRecord,
  leaderItem,
  pastExpiry,
  type WallClock,
  wallNow,
} from './dynamodb-records.ts';
import type { DynamoSession } from './dynamodb-session.ts';
import { type MonotonicClock, monotonicNow } from './freshness.ts';
import type { Election } from './types.ts';

/** How often the leader record is read: a takeover is seen within TTL + the skew margin + this. */
export const ELECTION_POLL_MS = 200;

export interface DynamoElectionOptions {
  calls: CoordCalls;
  session: DynamoSession;
  /** This instance's id (the record's owner while it leads). */
  id: string;
  /** The clock-skew margin (dynamodb-records.ts). */
  skewMs: number;
  log?: (msg: string, err?: unknown) => void;
  now?: MonotonicClock;
  wallNow?: WallClock;
}

export class DynamoElection implements Election {
  private elected = false;
  private wonEpoch = 0;
  private wonToken?: number;
  private leader?: string;
  private wonAt?: string;
  private fenced = 0;
  /** The owner's record as last read, and when it was first seen as it is (monotonic). */
  private seen?: { id: string; epoch: number; expiresAt: number; since: number };
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private stopped = false;
  private readonly now: MonotonicClock;
  private readonly wall: WallClock;

  constructor(private readonly o: DynamoElectionOptions) {
    this.now = o.now ?? monotonicNow;
    this.wall = o.wallNow ?? wallNow;
    o.session.onLost(() => {
      this.leading(); // a loss past the deadline is a self-fencing; counted as one
      this.stepDown();
    });
    o.session.onRenewed(() => void this.tick());
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => void this.tick(), ELECTION_POLL_MS);
    this.timer.unref();
    await this.tick();
  }

  leading(): boolean {
    if (this.elected && !this.o.session.fresh()) this.stepDown('fenced');
    else if (this.elected && this.o.session.epoch !== this.wonEpoch) this.stepDown();
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

  /** The fencing token of this instance's leadership, while it leads. */
  get token(): number | undefined {
    return this.elected ? this.wonToken : undefined;
  }

  private win(token: number, epoch: number): void {
    this.elected = true;
    this.wonEpoch = epoch;
    this.wonToken = token;
    this.leader = this.o.id;
    this.wonAt = new Date(this.wall()).toISOString();
    this.o.log?.(`became leader at ${this.wonAt} (fencing token ${token})`);
  }

  private stepDown(why?: 'fenced'): void {
    if (!this.elected) return;
    this.elected = false;
    if (why === 'fenced') this.fenced++;
    this.o.log?.(
      `stepped down as leader at ${new Date(this.wall()).toISOString()}${why ? ' (self-fenced: session renewal overdue)' : ''}`,
    );
  }

  private tick(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.ticking ??= this.check().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  private async check(): Promise<void> {
    this.leading(); // first: a leader that woke up stale steps down as self-fenced, before any read
    try {
      await this.decide(decodeLeader(await this.o.calls.get(LEADER_KEY)));
    } catch (e) {
      this.o.log?.('election check failed', e);
    }
    this.leading(); // applies the fencing rule even when DynamoDB did not answer
  }

  private async decide(record: LeaderRecord | undefined): Promise<void> {
    const { session, id } = this.o;
    if (record?.owner === id && record.epoch === session.epoch) {
      this.leader = id;
      if (!this.elected && session.fresh()) this.win(record.token, record.epoch);
      return;
    }
    this.stepDown(); // the record names another session
    this.leader = record?.owner;
    if (record?.owner === undefined || record.owner === id) {
      await this.claim(record); // vacant, or this instance's older session: over for good
      return;
    }
    const owner = decodeInstance(await this.o.calls.get(instanceKey(record.owner)));
    if (!owner || owner.dead || owner.epoch !== record.epoch) {
      await this.claim(record); // the owner's session is over for good
      return;
    }
    const seenFor = this.observe(owner);
    if (pastExpiry(owner.expiresAt, this.wall(), this.o.skewMs) && seenFor >= session.ttlMs) {
      await this.claim(record, owner);
    }
  }

  /** How long (monotonic ms) the owner's record has been read exactly as it is now. */
  private observe(owner: InstanceRecord): number {
    const at = this.now(); // after the answer arrived: the record was written before this
    const s = this.seen;
    if (s?.id === owner.id && s.epoch === owner.epoch && s.expiresAt === owner.expiresAt) return at - s.since;
    this.seen = { id: owner.id, epoch: owner.epoch, expiresAt: owner.expiresAt, since: at };
    return 0;
  }

  /** Claim the record read (`previous`), judging `expired`'s session dead with it if given. */
  private async claim(previous: LeaderRecord | undefined, expired?: InstanceRecord): Promise<void> {
    const { session, calls, id } = this.o;
    if (this.stopped || !session.fresh()) return;
    const epoch = session.epoch;
    const token = (previous?.token ?? 0) + 1;
    const condition: Condition = previous
      ? {
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'token' },
          ExpressionAttributeValues: { ':token': { N: String(previous.token) } },
        }
      : { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': TABLE_KEY.partition } };
    const put: TxAction = {
      Put: { Item: leaderItem({ owner: id, epoch, token, since: new Date(this.wall()).toISOString() }), ...condition },
    };
    const judgeDead: TxAction | undefined = expired && {
      Update: {
        Key: instanceKey(expired.id),
        UpdateExpression: 'SET #dead = :dead',
        ConditionExpression: '#epoch = :epoch AND #exp = :exp AND attribute_not_exists(#dead)',
        ExpressionAttributeNames: { '#dead': 'dead', '#epoch': 'epoch', '#exp': 'exp' },
        ExpressionAttributeValues: {
          ':dead': { BOOL: true },
          ':epoch': { N: String(expired.epoch) },
          ':exp': { N: String(expired.expiresAt) },
        },
      },
    };
    try {
      await calls.transactWrite(judgeDead ? [put, judgeDead] : [put]);
    } catch (e) {
      if (conditionFailed(e)) return; // another claimant won, or the leader renewed: the next read says
      throw e;
    }
    // Leading needs the session the record names, still fresh (it may have been lost meanwhile).
    if (session.epoch === epoch && session.fresh()) this.win(token, epoch);
  }

  /** Step down, then resign: the record is left vacant (its token kept), so the next poll elsewhere claims it. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.ticking;
    if (!this.elected) return;
    const epoch = this.wonEpoch;
    this.stepDown();
    await this.o.calls
      .update(
        LEADER_KEY,
        {
          UpdateExpression: 'REMOVE #owner, #epoch, #since',
          ExpressionAttributeNames: { '#owner': 'owner', '#epoch': 'epoch', '#since': 'since' },
          ExpressionAttributeValues: { ':owner': { S: this.o.id }, ':epoch': { N: String(epoch) } },
        },
        '#owner = :owner AND #epoch = :epoch',
      )
      .catch((e) => this.o.log?.('could not resign the leader record; another instance takes over once it expires', e));
  }
}
