// A KvView (types.ts) over an ordered map of flat keys that nothing changes any more: the
// memory engine's copy-on-write clone of its tree (like Curve's fork()ed dump, DIGEST §7.2).
// Scans walk the map from the selector's first flat key and stop at the first key past it, so
// a page costs its own entries, never a pass over the rest of the store.
import { fsErr, invariant } from '../errno.ts';
import { flatKey, splitFlatKey } from './buffered-tx.ts';
import type { GroupSelector, KvView, ViewEntry, ViewScanOptions } from './types.ts';

/** What the view needs of the frozen map: entries in key order from a lower bound. */
export interface OrderedEntries<V> {
  entries(lowest?: string): IterableIterator<[string, V]>;
}

/** The flat-key prefix every key a selector covers starts with (flat keys are `group \0 item`). */
export function selectorFlatPrefix(selector: GroupSelector): string {
  if ('group' in selector) return flatKey({ group: selector.group, item: '' });
  invariant(!selector.groupPrefix.includes('\x00'), 'a group prefix holds no NUL (the group separator)');
  return selector.groupPrefix;
}

export class OrderedView<V> implements KvView {
  readonly consistency = 'snapshot' as const;
  readonly ordered = true;
  private open = true;

  constructor(
    private readonly map: OrderedEntries<V>,
    private readonly decodeValue: (stored: V) => Buffer,
    private readonly maxPage: number,
  ) {}

  async *scan(selector: GroupSelector, options: ViewScanOptions = {}): AsyncIterable<ViewEntry[]> {
    const pageSize = Math.min(options.pageSize ?? this.maxPage, this.maxPage);
    invariant(pageSize >= 1, 'a view page holds at least one entry');
    const prefix = selectorFlatPrefix(selector);
    let page: ViewEntry[] = [];
    for (const [flat, stored] of this.map.entries(prefix)) {
      if (!this.open) throw fsErr('EINVAL', 'the view was closed during a scan');
      if (!flat.startsWith(prefix)) break;
      const { group, item } = splitFlatKey(flat);
      page.push({ group, item, value: this.decodeValue(stored) });
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  async close(): Promise<void> {
    this.open = false;
  }
}
