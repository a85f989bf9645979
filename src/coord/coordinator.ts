// The Coordinator the rest of the code sees (types.ts), composed of one store's primitives:
// a Session, the Registry and FlushRequests held under it, and an Election campaigning with it.
// Start order: the session (which creates the holds), then the flush-request channel, then the
// campaign; stop runs the other way round, so leader work stops before the session ends.
import type { Leadership } from './leadership.ts';
import type { Coordinator, Election, FlushRequests, InstanceInfo, LeaderState, Registry, Session } from './types.ts';

export interface CoordinatorParts {
  kind: Coordinator['kind'];
  session: Session;
  registry: Registry;
  flushes: FlushRequests;
  election: Election;
  /** Runs last at stop (e.g. closing a client the coordinator owns). */
  close?: () => void;
}

export class ComposedCoordinator implements Coordinator {
  readonly kind: Coordinator['kind'];
  readonly leadership: Leadership;

  constructor(private readonly parts: CoordinatorParts) {
    this.kind = parts.kind;
    this.leadership = parts.election;
  }

  async start(): Promise<void> {
    await this.parts.session.start();
    await this.parts.flushes.start();
    await this.parts.election.start();
  }

  isLeader(): boolean {
    return this.parts.election.leading();
  }

  leaderState(): LeaderState {
    const e = this.parts.election;
    const leader = e.leading(); // first: it may step down (and so clear `since`)
    return { leader, leaderId: e.leaderId(), since: e.since, fenced: e.fencedCount, token: e.token };
  }

  instances(): Promise<InstanceInfo[]> {
    return this.parts.registry.instances();
  }

  markDirty(fsId: number, ino: number, dirty: boolean): Promise<void> {
    return this.parts.flushes.markDirty(fsId, ino, dirty);
  }

  flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }> {
    return this.parts.flushes.flushOthers(fsId, ino);
  }

  onFlushRequest(handler: (fsId: number, ino: number) => Promise<void>): void {
    this.parts.flushes.onFlushRequest(handler);
  }

  async stop(): Promise<void> {
    await this.parts.election.stop();
    await this.parts.flushes.stop();
    await this.parts.session.stop();
    this.parts.close?.();
  }
}
