// FlushRequests on DynamoDB (types.ts; DESIGN §5 "Instances"). Records (dynamodb-records.ts):
//   ~coord/dirty/{id}     {fs}.{ino}  this instance holds unflushed writes of the file (its
//                                     verifier, the session epoch it was put under); put again
//                                     under every new session, before its record
//   ~coord/flushreq/{id}  {fs}.{ino}  a request that instance {id} flush the file
//
// The channel is polling, not DynamoDB Streams: a stream is per table, so with the metadata in
// the same table every instance would read every metadata change to find a few requests, a
// stream shard serves at most two readers at once and five reads a second, and it needs the
// stream enabled on the table (DynamoDB Local 3.3.1 does serve streams; that is not why). A
// request is addressed to its holder, and an instance reads its own request partition every
// FLUSH_REQUEST_POLL_MS only while it holds unflushed writes (no one has cause to ask it
// otherwise): one strongly consistent Query, 1 read unit.
//
// Guarantees of flushOthers: it returns once every other instance that held a marker of the file
// at its start has cleared it (flushed) or has had its session judged dead (registry `settle`,
// final), or fails with EAGAIN after FLUSH_WAIT_MS. The verifiers of the dead holders are
// answered as lost (their writes died with them). Calls are retried while DynamoDB throttles
// or is away, then EAGAIN (dynamodb-calls.ts).
import { randomUUID } from 'node:crypto';
import { fsErr } from '../errno.ts';
import type { CoordCalls } from './dynamodb-calls.ts';
import {
  decodeInstance,
  decodeMarker,
  fileOf,
  groupOf,
  type Item,
  INSTANCES,
  type InstanceRecord,
  instanceKey,
  markerItem,
  markerKey,
  markerOwner,
  requestGroup,
  requestItem,
  requestKey,
  sortKeyOf,
} from './dynamodb-records.ts';
import type { DynamoRegistry } from './dynamodb-registry.ts';
import type { DynamoSession } from './dynamodb-session.ts';
import type { FlushRequests, InstanceInfo } from './types.ts';

/** How long flushOthers waits for the holders (a flush writes out at most the write-back cache). */
export const FLUSH_WAIT_MS = 30_000;
/** How often an instance holding unflushed writes reads the requests addressed to it. */
export const FLUSH_REQUEST_POLL_MS = 200;
/** How often flushOthers reads the holders' markers and records while it waits. */
const FLUSH_WAIT_POLL_MS = 100;

export interface DynamoFlushRequestsOptions {
  calls: CoordCalls;
  session: DynamoSession;
  self: InstanceInfo;
  /** Who is alive, and the final judgement of a holder that stopped heartbeating. */
  registry: DynamoRegistry;
  log?: (msg: string, err?: unknown) => void;
}

type FlushHandler = (fsId: number, ino: number) => Promise<void>;

const fileId = (fsId: number, ino: number) => `${fsId}.${ino}`;

export class DynamoFlushRequests implements FlushRequests {
  /** Files this instance holds unflushed writes of, by `{fs}.{ino}`. */
  private readonly dirty = new Map<string, { fsId: number; ino: number }>();
  /** Markers of files no longer held whose removal failed: removed again by the next poll. */
  private readonly stale = new Map<string, { fsId: number; ino: number }>();
  private handler?: FlushHandler;
  private timer?: NodeJS.Timeout;
  private polling?: Promise<void>;

  constructor(private readonly o: DynamoFlushRequestsOptions) {
    o.session.hold(async () => {
      for (const d of this.dirty.values()) await this.putMarker(d.fsId, d.ino);
    });
  }

  async start(): Promise<void> {
    this.timer = setInterval(() => {
      this.polling ??= this.poll().finally(() => {
        this.polling = undefined;
      });
    }, FLUSH_REQUEST_POLL_MS);
    this.timer.unref();
  }

  private putMarker(fsId: number, ino: number): Promise<void> {
    const { calls, self, session } = this.o;
    return calls.retried('a dirty marker', () =>
      calls.put(markerItem(self.id, fsId, ino, self.verifier, session.epoch)),
    );
  }

  private removeMarker(fsId: number, ino: number): Promise<void> {
    const { calls, self } = this.o;
    return calls.retried('a dirty marker', () => calls.delete(markerKey(self.id, fsId, ino)));
  }

  async markDirty(fsId: number, ino: number, dirty: boolean): Promise<void> {
    const id = fileId(fsId, ino);
    if (dirty) {
      if (this.dirty.has(id)) return;
      this.dirty.set(id, { fsId, ino });
      this.stale.delete(id);
      try {
        await this.putMarker(fsId, ino);
      } catch (e) {
        // The write that wanted it fails, so nothing of the file is cached; the put may still
        // have landed (its answer lost): the next poll removes it.
        this.dirty.delete(id);
        this.stale.set(id, { fsId, ino });
        throw e;
      }
    } else if (this.dirty.delete(id)) {
      try {
        await this.removeMarker(fsId, ino);
      } catch (e) {
        this.stale.set(id, { fsId, ino });
        throw e;
      }
    }
  }

  async flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }> {
    const { calls, self, registry } = this.o;
    const others = (await registry.records()).filter((r) => r.id !== self.id);
    if (others.length === 0) return { lost: [] };
    const markers = await calls.retried('dirty markers', () =>
      calls.batchGet(others.map((r) => markerKey(r.id, fsId, ino))),
    );
    const holders = new Map(markers.map((m) => [markerOwner(m), decodeMarker(m).verifier]));
    if (holders.size === 0) return { lost: [] };
    const nonce = randomUUID();
    const ask = [...holders.keys()];
    await Promise.all(
      ask.map((h) => calls.retried('a flush request', () => calls.put(requestItem(h, fsId, ino, self.id, nonce)))),
    );
    const lost: string[] = [];
    const deadline = performance.now() + FLUSH_WAIT_MS;
    try {
      for (const pending = new Set(ask); ; ) {
        const items = await calls.retried('dirty markers', () =>
          calls.batchGet([...pending].flatMap((h) => [instanceKey(h), markerKey(h, fsId, ino)])),
        );
        const records = new Map<string, InstanceRecord>();
        const marked = new Set<string>();
        for (const i of items) {
          if (groupOf(i) === INSTANCES) records.set(sortKeyOf(i), decodeInstance(i)!);
          else marked.add(markerOwner(i));
        }
        for (const h of [...pending]) {
          if (!marked.has(h)) {
            pending.delete(h); // it flushed and cleared its marker
            continue;
          }
          const record = records.get(h);
          if (!record || (await registry.settle(record)) === 'dead') {
            pending.delete(h);
            lost.push(holders.get(h)!);
          }
        }
        if (pending.size === 0) break;
        if (performance.now() > deadline) {
          throw fsErr('EAGAIN', `instances ${[...pending].join(', ')} did not flush the file in time`);
        }
        await new Promise((r) => setTimeout(r, FLUSH_WAIT_POLL_MS));
      }
    } finally {
      // Ours only: a request another instance made since carries its own nonce.
      await Promise.allSettled(
        ask.map((h) =>
          calls.delete(requestKey(h, fsId, ino), {
            ConditionExpression: '#nonce = :nonce',
            ExpressionAttributeNames: { '#nonce': 'nonce' },
            ExpressionAttributeValues: { ':nonce': { S: nonce } },
          }),
        ),
      );
    }
    return { lost };
  }

  onFlushRequest(handler: FlushHandler): void {
    this.handler = handler;
  }

  /** The requests addressed to this instance, while it holds unflushed writes; stale markers go. */
  private async poll(): Promise<void> {
    const { calls, self } = this.o;
    for (const [id, f] of this.stale) {
      try {
        await calls.delete(markerKey(self.id, f.fsId, f.ino));
        this.stale.delete(id);
      } catch {
        break; // DynamoDB is away: the next poll tries again
      }
    }
    if (this.dirty.size === 0) return;
    let requests: Item[];
    try {
      requests = await calls.query(requestGroup(self.id));
    } catch (e) {
      this.o.log?.('could not read flush requests', e);
      return;
    }
    for (const r of requests) {
      const { fsId, ino } = fileOf(r);
      if (this.handler && this.dirty.has(fileId(fsId, ino))) {
        try {
          await this.handler(fsId, ino);
        } catch (e) {
          this.o.log?.(`flush requested by another instance failed for inode ${ino}`, e);
          continue; // the request stays: asked again at the next poll, until the requester gives up
        }
      }
      await calls
        .delete(requestKey(self.id, fsId, ino), {
          ConditionExpression: '#nonce = :nonce',
          ExpressionAttributeNames: { '#nonce': 'nonce' },
          ExpressionAttributeValues: { ':nonce': r.nonce },
        })
        .catch(() => undefined); // asked again meanwhile, or DynamoDB away: the next poll sees it
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
  }
}
