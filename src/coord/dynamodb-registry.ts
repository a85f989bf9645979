// The Registry on DynamoDB (types.ts): the instances' session records, `~coord/inst/{id}`
// (dynamodb-records.ts, dynamodb-session.ts), read with one strongly consistent Query.
//
// Guarantee: `instances()` lists an instance while its record was not judged dead and is not
// past `exp` + the clock-skew margin by this instance's wall clock — so an instance that
// stopped heartbeating leaves the list at most TTL + the margin after its last renewal was
// sent (this one is listed once started).
//
// Judging dead (`settle`) makes an expiry final: a conditional write sets `dead` on the record
// only if it still holds the epoch and `exp` that were judged, so a renewal that reached
// DynamoDB first wins (the instance is alive), and one that comes later is refused (its
// session is lost; it starts a new one). The leader also collects records dead for longer than
// DEAD_RECORDS_KEPT_MS, with the markers and flush requests under them.
import { conditionFailed } from '../aws/dynamodb-errors.ts';
import type { CoordCalls } from './dynamodb-calls.ts';
import {
  aliveAt,
  decodeInstance,
  decodeMarker,
  INSTANCES,
  type InstanceRecord,
  instanceKey,
  keyOf,
  markerGroup,
  pastExpiry,
  requestGroup,
  type WallClock,
  wallNow,
} from './dynamodb-records.ts';
import { assertLeading, type Leadership } from './leadership.ts';
import type { InstanceInfo, Registry } from './types.ts';

/**
 * How long the record of a dead instance (and its markers) is kept before the leader removes
 * it: long past any flush that could still be waiting on it (FLUSH_WAIT_MS is 30 s).
 */
export const DEAD_RECORDS_KEPT_MS = 10 * 60_000;

export interface DynamoRegistryOptions {
  calls: CoordCalls;
  /** The clock-skew margin (dynamodb-records.ts). */
  skewMs: number;
  wallNow?: WallClock;
}

export class DynamoRegistry implements Registry {
  private readonly wall: WallClock;

  constructor(private readonly o: DynamoRegistryOptions) {
    this.wall = o.wallNow ?? wallNow;
  }

  /** Every session record, alive or not. */
  async records(): Promise<InstanceRecord[]> {
    const items = await this.o.calls.retried('the instance list', () => this.o.calls.query(INSTANCES));
    return items.map((i) => decodeInstance(i)!);
  }

  async instances(): Promise<InstanceInfo[]> {
    const records = await this.records();
    const wall = this.wall();
    return records.filter((r) => aliveAt(r, wall, this.o.skewMs)).map((r) => r.info);
  }

  /**
   * Whether the instance of a record read just now is alive, making a judgement of death final
   * (see the header). 'alive' also when it has renewed, or started a new session, since.
   */
  async settle(r: InstanceRecord): Promise<'alive' | 'dead'> {
    for (let seen: InstanceRecord | undefined = r; ; ) {
      if (!seen || seen.dead) return 'dead';
      if (!pastExpiry(seen.expiresAt, this.wall(), this.o.skewMs)) return 'alive';
      try {
        const judged: InstanceRecord = seen;
        await this.o.calls.retried('judging an instance dead', () => this.markDead(judged));
        return 'dead';
      } catch (e) {
        if (!conditionFailed(e)) throw e;
      }
      // It changed since it was read: judge what it is now.
      seen = decodeInstance(
        await this.o.calls.retried('an instance record', () => this.o.calls.get(instanceKey(r.id))),
      );
    }
  }

  private markDead(r: InstanceRecord): Promise<void> {
    return this.o.calls.update(
      instanceKey(r.id),
      {
        UpdateExpression: 'SET #dead = :dead',
        ExpressionAttributeNames: { '#dead': 'dead', '#epoch': 'epoch', '#exp': 'exp' },
        ExpressionAttributeValues: {
          ':dead': { BOOL: true },
          ':epoch': { N: String(r.epoch) },
          ':exp': { N: String(r.expiresAt) },
        },
      },
      '#epoch = :epoch AND #exp = :exp AND attribute_not_exists(#dead)',
    );
  }

  /**
   * Leader upkeep: remove the records of instances dead for longer than DEAD_RECORDS_KEPT_MS,
   * their dirty markers (those not put again by a later session) and the flush requests to
   * them. Stops with LeadershipLost when this instance no longer leads. Answers how many
   * records went.
   */
  async collect(leadership: Leadership): Promise<number> {
    let removed = 0;
    for (const r of await this.records()) {
      if (aliveAt(r, this.wall(), this.o.skewMs)) continue;
      if (!pastExpiry(r.expiresAt + DEAD_RECORDS_KEPT_MS, this.wall(), this.o.skewMs)) continue;
      assertLeading(leadership, 'collecting dead instance records');
      if ((await this.settle(r)) === 'alive') continue;
      const epoch = { ':epoch': { N: String(r.epoch) } };
      for (const item of await this.o.calls.query(markerGroup(r.id))) {
        assertLeading(leadership, 'collecting dead instance records');
        if (decodeMarker(item).epoch > r.epoch) continue;
        await this.o.calls.delete(keyOf(item), {
          ConditionExpression: '#epoch <= :epoch',
          ExpressionAttributeNames: { '#epoch': 'epoch' },
          ExpressionAttributeValues: epoch,
        });
      }
      for (const item of await this.o.calls.query(requestGroup(r.id))) {
        assertLeading(leadership, 'collecting dead instance records');
        await this.o.calls.delete(keyOf(item));
      }
      try {
        await this.o.calls.delete(instanceKey(r.id), {
          ConditionExpression: '#epoch = :epoch AND #dead = :dead',
          ExpressionAttributeNames: { '#epoch': 'epoch', '#dead': 'dead' },
          ExpressionAttributeValues: { ...epoch, ':dead': { BOOL: true } },
        });
        removed++;
      } catch (e) {
        // The instance came back with a new session meanwhile: it stays.
        if (!conditionFailed(e)) throw e;
      }
    }
    return removed;
  }
}
