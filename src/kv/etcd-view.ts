// A KvView (types.ts) of an etcd store: every read at the revision current when the view
// opened, as JuiceFS's etcd dump reads one revision (anchors §1.2, `WithMaxModRev`). Scans are
// plain ranges of at most a page of keys each, one after the other, so a dump of millions of
// keys never asks etcd for more than a page at once (a dump of 12 M keys knocked an etcd member
// over in juicedata/juicefs#1864, anchors §1.3).
//
// Each request covers a window, not the rest of the selector's range: etcd 3.4 answers a range
// with a limit by first collecting the revisions of *every* key in [key, range_end) (its mvcc
// index has no limit before 3.5), so paging a group of a million keys with plain ranges costs
// a million index visits per page — quadratic, and under load each page ran past its deadline
// (a dump of 1 M files failed so: test/bench/dump-scale.ts). A window is the keys sharing the
// first `depth` bytes of where the scan is; a page that fills its window before the window
// ends deepens it (fewer keys per window), a window that holds under a quarter page makes it
// shallower, never shallower than the selector's prefix plus one byte. A request then costs
// about the keys of its window, whatever the size of the group.
//
// etcd keeps a revision only until it is compacted: a view whose revision was compacted under
// it fails with EAGAIN (dump again, or keep more history with --auto-compaction-retention).
import { type Etcd3, GRPCInvalidArgumentError } from 'etcd3';
import { fsErr, invariant } from '../errno.ts';
import { prefixEnd } from './etcd-reads.ts';
import { selectorFlatPrefix } from './ordered-view.ts';
import type { GroupSelector, KvView, ViewEntry, ViewScanOptions } from './types.ts';

/** How long one page is retried while etcd is unreachable (a failover takes 1-3 s). */
const PAGE_RETRY_MS = 10_000;
const RETRY_PAUSE_MS = 250;
/** A window never goes deeper than this many bytes past the selector's prefix (keys are at most 1 KiB). */
const MAX_WINDOW_DEPTH = 1024;

/** The window of keys sharing `start`'s first `depth` bytes (`start` padded with zeros), from `start`. */
function windowEnd(start: Buffer, depth: number, end: Buffer): Buffer {
  const head = Buffer.alloc(depth);
  start.copy(head, 0, 0, Math.min(depth, start.length));
  const after = prefixEnd(head);
  const unbounded = after.length === 1 && after[0] === 0;
  const selectorEnd = end.length === 1 && end[0] === 0;
  if (unbounded) return end;
  return selectorEnd || Buffer.compare(after, end) < 0 ? after : end;
}

const latin1 = (s: string) => Buffer.from(s, 'latin1');

function isCompacted(e: unknown): boolean {
  return /compacted/i.test(String((e as Error)?.message ?? e));
}

export class EtcdView implements KvView {
  readonly consistency = 'snapshot' as const;
  readonly ordered = true;

  private constructor(
    private readonly client: Etcd3,
    private readonly prefix: string,
    /** The revision every read of the view is made at. */
    readonly revision: string,
    private readonly maxPage: number,
  ) {}

  static async open(client: Etcd3, prefix: string, maxPage: number): Promise<EtcdView> {
    const first = await retrying('open a view', () => client.kv.range({ key: latin1(prefix), limit: 1 }));
    return new EtcdView(client, prefix, first.header.revision, maxPage);
  }

  async *scan(selector: GroupSelector, options: ViewScanOptions = {}): AsyncIterable<ViewEntry[]> {
    const pageSize = Math.min(options.pageSize ?? this.maxPage, this.maxPage);
    invariant(pageSize >= 1, 'a view page holds at least one entry');
    const base = latin1(this.prefix + selectorFlatPrefix(selector));
    const end = prefixEnd(base);
    const shallowest = base.length + 1;
    let depth = shallowest;
    let start: Buffer = base;
    for (;;) {
      const until = windowEnd(start, depth, end);
      const r = await retrying(`read at revision ${this.revision}`, () =>
        this.client.kv.range({ key: start, range_end: until, limit: pageSize, revision: this.revision }),
      );
      if (r.kvs.length > 0) {
        yield r.kvs.map((kv) => {
          const flat = kv.key.toString('latin1', this.prefix.length);
          const at = flat.indexOf('\x00');
          return { group: flat.slice(0, at), item: flat.slice(at + 1), value: kv.value };
        });
      }
      if (r.more) {
        start = Buffer.concat([r.kvs[r.kvs.length - 1].key, Buffer.from([0])]); // the next key after the last
        depth = Math.min(depth + 1, base.length + MAX_WINDOW_DEPTH);
        continue;
      }
      if (until === end) return; // the last window: the selector's range is done
      start = until;
      if (r.kvs.length < pageSize / 4) depth = Math.max(shallowest, depth - 1);
    }
  }

  async close(): Promise<void> {}
}

/** One call, retried while etcd is unreachable; a compacted revision is EAGAIN at once. */
async function retrying<T>(what: string, call: () => Promise<T>): Promise<T> {
  const giveUpAt = Date.now() + PAGE_RETRY_MS;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      if (isCompacted(e)) {
        throw fsErr('EAGAIN', `etcd compacted the view's revision (${what}): read again, or keep more history`);
      }
      // etcd refused the request itself: asking again cannot help.
      if (e instanceof GRPCInvalidArgumentError) throw fsErr('EIO', `etcd refused to ${what}: ${e.message}`);
      // Anything else is etcd unreachable or electing (as EtcdKv treats it): wait and ask again.
      if (Date.now() > giveUpAt) {
        throw fsErr('EAGAIN', `metadata store (etcd) unavailable (${what}): ${(e as Error)?.message ?? e}`);
      }
      await new Promise((r) => setTimeout(r, RETRY_PAUSE_MS));
    }
  }
}
