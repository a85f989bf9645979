// CIRRUS_COORD=dynamodb://TABLE?…: instances coordinate through conditional writes with expiry
// times and fencing tokens on one DynamoDB table (DESIGN §5; DIGEST §5), with no etcd. The
// Coordinator composed of the DynamoDB primitives, each with its guarantee in its own header:
//   dynamodb-session.ts         ~coord/inst/{id}        heartbeat record = registration; epoch
//   dynamodb-registry.ts        (the same records)      who is alive; judging one dead, for good
//   dynamodb-election.ts        ~coord/leader           owner, epoch, fencing token
//   dynamodb-flush-requests.ts  ~coord/dirty/{id}/…     holders of unflushed writes
//                               ~coord/flushreq/{id}/…  requests that they flush (polled)
// Layout and the clock-skew rule: dynamodb-records.ts. The table may be the metadata table
// (its own partitions, `~coord/…`) or another; the client is given (app.ts decides whether it
// is shared with the metadata engine).
//
// Timing with the defaults (TTL 5 s, fence margin 1 s, skew margin 500 ms): a leader stops
// leader work 4 s after its last confirmed renewal was sent; another instance may take over 5.5 s
// after it by its own clock (and after watching the record unchanged for 5 s), so a dead leader
// is replaced within TTL + 0.5 s + ELECTION_POLL_MS (200 ms). A paused leader wakes up stale,
// steps down at once (self-fenced), finds its session judged dead and starts a new one as a
// follower.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ComposedCoordinator } from './coordinator.ts';
import { CoordCalls } from './dynamodb-calls.ts';
import { DynamoElection } from './dynamodb-election.ts';
import { DynamoFlushRequests } from './dynamodb-flush-requests.ts';
import { CLOCK_SKEW_MARGIN_MS, type WallClock } from './dynamodb-records.ts';
import { DynamoRegistry } from './dynamodb-registry.ts';
import { DynamoSession } from './dynamodb-session.ts';
import { FENCE_MARGIN_MS, type MonotonicClock, SESSION_TTL_MS } from './freshness.ts';
import { LeadershipLost } from './leadership.ts';
import type { InstanceInfo } from './types.ts';

/** How often the leader removes the records of long-dead instances (dynamodb-registry.ts). */
const COLLECT_EVERY_MS = 60_000;

export interface DynamoCoordinatorOptions {
  client: DynamoDBClient;
  table: string;
  self: InstanceInfo;
  ttlMs?: number;
  marginMs?: number;
  skewMs?: number;
  log?: (msg: string, err?: unknown) => void;
  /** Destroy the client on stop (it is not shared with the metadata engine). */
  ownsClient?: boolean;
  now?: MonotonicClock;
  wallNow?: WallClock;
}

export class DynamoCoordinator extends ComposedCoordinator {
  private readonly registry: DynamoRegistry;
  private readonly election: DynamoElection;
  private readonly log?: (msg: string, err?: unknown) => void;
  private collector?: NodeJS.Timeout;
  private collecting?: Promise<void>;

  constructor(o: DynamoCoordinatorOptions) {
    const { self, log, now, wallNow } = o;
    const skewMs = o.skewMs ?? CLOCK_SKEW_MARGIN_MS;
    const calls = new CoordCalls(o.client, o.table);
    const session = new DynamoSession({
      calls,
      self,
      ttlMs: o.ttlMs ?? SESSION_TTL_MS,
      marginMs: o.marginMs ?? FENCE_MARGIN_MS,
      log,
      now,
      wallNow,
    });
    const registry = new DynamoRegistry({ calls, skewMs, wallNow });
    const flushes = new DynamoFlushRequests({ calls, session, self, registry, log });
    const election = new DynamoElection({ calls, session, id: self.id, skewMs, log, now, wallNow });
    super({
      kind: 'dynamodb',
      session,
      registry,
      flushes,
      election,
      close: o.ownsClient ? () => o.client.destroy() : undefined,
    });
    this.registry = registry;
    this.election = election;
    this.log = log;
  }

  override async start(): Promise<void> {
    await super.start();
    this.collector = setInterval(() => {
      if (this.collecting || !this.election.leading()) return;
      this.collecting = this.collect().finally(() => {
        this.collecting = undefined;
      });
    }, COLLECT_EVERY_MS);
    this.collector.unref();
  }

  private async collect(): Promise<void> {
    try {
      const removed = await this.registry.collect(this.election);
      if (removed > 0) this.log?.(`removed the records of ${removed} long-dead instance(s)`);
    } catch (e) {
      if (!(e instanceof LeadershipLost)) this.log?.('could not remove the records of dead instances', e);
    }
  }

  override async stop(): Promise<void> {
    clearInterval(this.collector);
    await this.collecting;
    await super.stop();
  }
}
