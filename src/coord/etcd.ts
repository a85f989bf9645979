// CIRRUS_COORD=etcd://…: instances coordinate through etcd (DESIGN §5; DIGEST §5). The
// Coordinator composed of the etcd primitives, each with its guarantee in its own header:
//   etcd-session.ts         one lease per instance, kept alive; its freshness deadline
//   etcd-registry.ts        inst/{id}                the instance and its write verifier
//   etcd-election.ts        elect/{id}               campaign keys; lowest create revision leads
//   etcd-flush-requests.ts  dirty/{fs}/{ino}/{id}    holders of unflushed writes
//                           flushreq/{fs}/{ino}      requests that they flush
// All keys live under `{prefix}~coord/`, and all but the flush requests under the session's
// lease, so they vanish when the instance dies. The etcd client is given (app.ts decides
// whether it is shared with the metadata engine).
import type { Etcd3 } from 'etcd3';
import { ComposedCoordinator } from './coordinator.ts';
import { EtcdElection } from './etcd-election.ts';
import { EtcdFlushRequests } from './etcd-flush-requests.ts';
import { EtcdRegistry } from './etcd-registry.ts';
import { EtcdSession } from './etcd-session.ts';
import { FENCE_MARGIN_MS, type MonotonicClock, SESSION_TTL_MS } from './freshness.ts';
import type { InstanceInfo } from './types.ts';

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
  now?: MonotonicClock;
}

export class EtcdCoordinator extends ComposedCoordinator {
  constructor(o: EtcdCoordinatorOptions) {
    const { client, self, log } = o;
    const root = `${o.prefix}~coord/`;
    const session = new EtcdSession({
      client,
      ttlMs: o.ttlMs ?? SESSION_TTL_MS,
      marginMs: o.marginMs ?? FENCE_MARGIN_MS,
      log,
      now: o.now,
    });
    // Holds are put in construction order: registration, dirty markers, campaign key.
    const registry = new EtcdRegistry({ client, session, prefix: `${root}inst/`, self });
    const flushes = new EtcdFlushRequests({ client, session, prefix: root, self, registry, log });
    const election = new EtcdElection({ client, session, prefix: `${root}elect/`, id: self.id, log });
    super({
      kind: 'etcd',
      session,
      registry,
      flushes,
      election,
      close: o.ownsClient ? () => client.close() : undefined,
    });
  }
}
