// CIRRUS_COORD=local: one process is the whole deployment. It always leads, no other instance
// holds writes, and only its own verifier is alive.
import type { Coordinator, InstanceInfo, LeaderState } from './types.ts';

export class LocalCoordinator implements Coordinator {
  readonly kind = 'local';
  private readonly since = new Date().toISOString();

  constructor(private readonly self: InstanceInfo) {}

  async start(): Promise<void> {}

  isLeader(): boolean {
    return true;
  }

  leaderState(): LeaderState {
    return { leader: true, leaderId: this.self.id, since: this.since, fenced: 0 };
  }

  async instances(): Promise<InstanceInfo[]> {
    return [this.self];
  }

  async markDirty(): Promise<void> {}

  async flushOthers(): Promise<{ lost: string[] }> {
    return { lost: [] };
  }

  onFlushRequest(): void {}

  async stop(): Promise<void> {}
}
