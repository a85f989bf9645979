// Coordination between instances (DESIGN §5): who is alive (and with which write verifier),
// who runs the background jobs, and flushes that reach every instance holding a file's
// unflushed writes. One interface, an embedded implementation (one process) and an etcd one.

export interface InstanceInfo {
  id: string;
  verifier: string;
  startedAt: string;
}

export interface LeaderState {
  /** This instance may do leader work right now. */
  leader: boolean;
  /** The instance that leads, as far as this one knows. */
  leaderId?: string;
  since?: string;
  /** Times this instance stepped down because its lease could have expired (self-fencing). */
  fenced: number;
}

export interface Coordinator {
  readonly kind: 'local' | 'etcd';
  /** Register this instance and start campaigning. */
  start(): Promise<void>;
  /** Checked before every step of leader work: never true once the lease may have lapsed. */
  isLeader(): boolean;
  leaderState(): LeaderState;
  /** Instances alive now (this one included). */
  instances(): Promise<InstanceInfo[]>;
  /** This instance holds (or no longer holds) unflushed writes of a file. */
  markDirty(fsId: number, ino: number, dirty: boolean): Promise<void>;
  /**
   * Make every other instance holding unflushed writes of the file flush them, and wait.
   * Answers the verifiers of instances that went away before they did (their writes are lost).
   */
  flushOthers(fsId: number, ino: number): Promise<{ lost: string[] }>;
  /** What to do when another instance asks this one to flush a file. */
  onFlushRequest(handler: (fsId: number, ino: number) => Promise<void>): void;
  stop(): Promise<void>;
}
