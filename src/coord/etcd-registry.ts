// The Registry on etcd (types.ts): each instance's key `{prefix}{id}` holds its InstanceInfo
// (with its write verifier) under its session's lease, put again under every new lease.
//
// Guarantee: `instances()` answers the keys present at one etcd revision, so an instance is
// listed exactly while its lease was alive at etcd then (this one included once started); an
// instance that died leaves the list when etcd expires its lease, at most TTL after its last
// renewal. Reads are retried through an etcd election, then EAGAIN (etcd-call.ts).
import type { Etcd3 } from 'etcd3';
import { etcdCall } from './etcd-call.ts';
import type { EtcdSession } from './etcd-session.ts';
import type { InstanceInfo, Registry } from './types.ts';

export interface EtcdRegistryOptions {
  client: Etcd3;
  session: EtcdSession;
  /** Key prefix of the registrations. */
  prefix: string;
  self: InstanceInfo;
}

export class EtcdRegistry implements Registry {
  constructor(private readonly o: EtcdRegistryOptions) {
    o.session.hold(async () => {
      await o.session.lease
        .put(o.prefix + o.self.id)
        .value(JSON.stringify(o.self))
        .exec();
    });
  }

  async instances(): Promise<InstanceInfo[]> {
    const all = await etcdCall('the instance list', () => this.o.client.getAll().prefix(this.o.prefix).strings());
    return Object.values(all).map((v) => JSON.parse(v) as InstanceInfo);
  }
}
