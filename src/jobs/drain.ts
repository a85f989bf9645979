// Walking one queue group of the metadata store in key order, for the sweeper's jobs: each
// record is visited under the sweeper's permit (leadership and the pass deadline), and the
// visitor decides what happens to it.
import { assertLeading, type Leadership } from '../coord/leadership.ts';
import type { KvStore } from '../kv/types.ts';

const SCAN_PAGE = 100;

/** 'done': delete the record; 'skip': keep it and go on; 'stop': keep it and everything after. */
export type Verdict = 'done' | 'skip' | 'stop';

export async function drain(
  kv: KvStore,
  permit: Leadership,
  group: string,
  visit: (item: string, value: Buffer) => Promise<Verdict>,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await kv.transact((tx) => tx.scan(group, { after, limit: SCAN_PAGE }));
    for (const e of page.entries) {
      assertLeading(permit, 'the sweep');
      const verdict = await visit(e.item, e.value);
      if (verdict === 'stop') return;
      if (verdict === 'done') await kv.transact(async (tx) => tx.delete({ group, item: e.item }));
    }
    if (!page.more) return;
    after = page.last;
    await new Promise((r) => setImmediate(r)); // long queues never starve the requests
  }
}
