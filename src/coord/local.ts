// CIRRUS_COORD=local: one process is the whole deployment. The primitives are trivially true
// for it: its session never lapses (there is no store to expire it), it always leads, it is the
// only instance alive, and no other instance holds unflushed writes, so no flush needs asking.
import { ComposedCoordinator } from './coordinator.ts';
import type { Election, FlushRequests, InstanceInfo, Registry, Session } from './types.ts';

class LocalSession implements Session {
  readonly ttlMs = Number.POSITIVE_INFINITY;
  readonly marginMs = 0;
  private readonly holds: (() => Promise<void>)[] = [];
  async start(): Promise<void> {
    for (const create of this.holds) await create();
  }
  fresh(): boolean {
    return true;
  }
  hold(create: () => Promise<void>): void {
    this.holds.push(create);
  }
  onLost(): void {}
  onRenewed(): void {}
  async stop(): Promise<void> {}
}

class LocalElection implements Election {
  readonly since = new Date().toISOString();
  readonly fencedCount = 0;
  constructor(private readonly id: string) {}
  async start(): Promise<void> {}
  leading(): boolean {
    return true;
  }
  leaderId(): string {
    return this.id;
  }
  async stop(): Promise<void> {}
}

class LocalRegistry implements Registry {
  constructor(private readonly self: InstanceInfo) {}
  async instances(): Promise<InstanceInfo[]> {
    return [this.self];
  }
}

class LocalFlushRequests implements FlushRequests {
  async start(): Promise<void> {}
  async markDirty(): Promise<void> {}
  async flushOthers(): Promise<{ lost: string[] }> {
    return { lost: [] };
  }
  onFlushRequest(): void {}
  async stop(): Promise<void> {}
}

export class LocalCoordinator extends ComposedCoordinator {
  constructor(self: InstanceInfo) {
    super({
      kind: 'local',
      session: new LocalSession(),
      registry: new LocalRegistry(self),
      flushes: new LocalFlushRequests(),
      election: new LocalElection(self.id),
    });
  }
}
