// A KvView (types.ts) of a DynamoDB table. DynamoDB has no snapshot of a table, so the view is
// what its reads give: strongly consistent (ConsistentRead) pages, each item a committed value
// current when read — `per-item` consistency, no more. A tool that needs a whole state checks it
// itself (the dump reads everything twice and compares, jobs/dump.ts).
//
// One group is a Query of its partition, in sort-key (item) order. A group prefix is a Scan of
// the whole table filtered on the partition key: DynamoDB cannot range over partition keys, so
// it reads (and bills) every item, and answers in the table's own order — the view is not
// `ordered`. Each call's page is at most DynamoDB's 1 MB; what the filter drops still counts.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { invariant } from '../errno.ts';
import type { DynamoCalls } from './dynamodb-calls.ts';
import { ATTR, decodeGroup, decodeItem, decodeItemKey, latin1 } from './dynamodb-items.ts';
import type { GroupSelector, KvView, ViewEntry, ViewScanOptions } from './types.ts';

type Item = Record<string, AttributeValue>;

export class DynamoView implements KvView {
  readonly consistency = 'per-item' as const;
  readonly ordered = false;

  constructor(
    private readonly calls: DynamoCalls,
    private readonly maxPage: number,
  ) {}

  async *scan(selector: GroupSelector, options: ViewScanOptions = {}): AsyncIterable<ViewEntry[]> {
    const pageSize = Math.min(options.pageSize ?? this.maxPage, this.maxPage);
    invariant(pageSize >= 1, 'a view page holds at least one entry');
    let page: ViewEntry[] = [];
    for await (const items of this.itemPages(selector, pageSize)) {
      for (const item of items) {
        page.push({ group: decodeGroup(item), item: decodeItemKey(item), value: decodeItem(item)!.value });
        if (page.length === pageSize) {
          yield page;
          page = [];
        }
      }
    }
    if (page.length > 0) yield page;
  }

  /** The items of the selector, call by call. */
  private async *itemPages(selector: GroupSelector, limit: number): AsyncIterable<Item[]> {
    let start: Item | undefined;
    do {
      const out =
        'group' in selector
          ? await this.calls.query({
              KeyConditionExpression: '#pk = :g',
              ExpressionAttributeNames: { '#pk': ATTR.group },
              ExpressionAttributeValues: { ':g': { B: latin1(selector.group) } },
              ExclusiveStartKey: start,
              ConsistentRead: true,
              Limit: limit,
            })
          : await this.calls.scan({
              ...(selector.groupPrefix === ''
                ? {}
                : {
                    FilterExpression: 'begins_with(#pk, :p)',
                    ExpressionAttributeNames: { '#pk': ATTR.group },
                    ExpressionAttributeValues: { ':p': { B: latin1(selector.groupPrefix) } },
                  }),
              ExclusiveStartKey: start,
              ConsistentRead: true,
              Limit: limit,
            });
      if (out.Items && out.Items.length > 0) yield out.Items;
      start = out.LastEvaluatedKey;
    } while (start);
  }

  async close(): Promise<void> {}
}
