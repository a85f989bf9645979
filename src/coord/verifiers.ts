// Write verifiers across restarts (DESIGN §1.3). The current instance's verifier is always
// good; a verifier whose instance shut down cleanly (everything flushed, recorded at shutdown)
// is good too, and so is one of another live instance (a flush asks it to flush); any other
// verifier belonged to an instance that died with unflushed writes possible, so a flush naming
// it must fail (EWRITESLOST), never succeed over lost data.
import type { KvStore } from '../kv/types.ts';

export const VERIFIER_GROUP = 'vrf';
/** How long a clean-shutdown record is kept (a client holding older verifiers gets EWRITESLOST). */
export const CLEAN_VERIFIER_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export type VerifierState = 'current' | 'live' | 'clean' | 'lost';

export class Verifiers {
  constructor(
    private readonly kv: KvStore,
    readonly current: string,
    /** The verifiers of the instances alive now. */
    private readonly live: () => Promise<string[]> = async () => [],
  ) {}

  async state(verifier: string): Promise<VerifierState> {
    if (verifier === this.current) return 'current';
    if (!/^[0-9a-f]{16}$/.test(verifier)) return 'lost';
    if ((await this.live()).includes(verifier)) return 'live';
    const raw = await this.kv.get({ group: VERIFIER_GROUP, item: verifier });
    return raw ? 'clean' : 'lost';
  }

  /** Record that every write acknowledged under the current verifier is durable. */
  async markClean(): Promise<void> {
    await this.kv.transact(async (tx) =>
      tx.put({ group: VERIFIER_GROUP, item: this.current }, Buffer.from(JSON.stringify({ closedAt: Date.now() }))),
    );
  }
}
