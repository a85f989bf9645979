// Every DynamoDB call of the coordinator: strongly consistent reads (a coordination answer must
// not come from a replica that missed the last renewal — DynamoDB Local is always consistent,
// DynamoDB only when asked), a deadline per call, and a count of calls.
//
// Two ways to call:
//  - once (the default): one attempt, its error as thrown — for the heartbeat and the election,
//    which run again on their own timers and judge each failure themselves;
//  - `retried(what, fn)`: for calls made for a request (a dirty marker, the instance list, a
//    flush request): throttling, transaction conflicts and lost answers are retried with
//    backoff for COORD_CALL_RETRY_MS, then EAGAIN (503 with Retry-After at the HTTP face); a
//    failed condition is thrown as is (it is an answer); anything else is EREMOTEIO at once.
import {
  BatchGetItemCommand,
  type ConditionCheck,
  type Delete,
  DeleteItemCommand,
  type DynamoDBClient,
  GetItemCommand,
  type Put,
  PutItemCommand,
  QueryCommand,
  type TransactWriteItem,
  TransactWriteItemsCommand,
  type Update,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import pRetry from 'p-retry';
import { conditionFailed, type SdkError, transientKind } from '../aws/dynamodb-errors.ts';
import { TABLE_KEY } from '../aws/dynamodb-table.ts';
import { fsErr } from '../errno.ts';
import { type Item, type ItemKey, partitionValue } from './dynamodb-records.ts';

/**
 * How long a call made for a request keeps retrying while DynamoDB throttles or is unreachable:
 * the metadata engine's budget (kv DYNAMO_RETRY_BUDGET_MS), so a request waits on either as long.
 */
export const COORD_CALL_RETRY_MS = 10_000;
/** Deadline of one call unless the caller gives another (a renewal gets TTL/3). */
export const COORD_CALL_TIMEOUT_MS = 2_000;
const BACKOFF_MIN_MS = 20;
const BACKOFF_MAX_MS = 500;
/** DynamoDB: BatchGetItem reads at most 100 keys a call. */
const MAX_KEYS_PER_BATCH = 100;

/** A conditional write, in DynamoDB's expression syntax. */
export interface Condition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}

/** One action of a transaction (its table is the coordinator's). */
export type TxAction =
  | { Put: Omit<Put, 'TableName'> }
  | { Update: Omit<Update, 'TableName'> }
  | { Delete: Omit<Delete, 'TableName'> }
  | { ConditionCheck: Omit<ConditionCheck, 'TableName'> };

export interface CallOptions {
  timeoutMs?: number;
}

export class CoordCalls {
  /** Calls sent, by operation (retries included). */
  readonly counts: Record<string, number> = {};

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    private readonly retryMs = COORD_CALL_RETRY_MS,
  ) {}

  private send<O>(op: string, o: CallOptions | undefined, run: (abortSignal: AbortSignal) => Promise<O>): Promise<O> {
    this.counts[op] = (this.counts[op] ?? 0) + 1;
    return run(AbortSignal.timeout(Math.ceil(o?.timeoutMs ?? COORD_CALL_TIMEOUT_MS)));
  }

  async get(key: ItemKey, o?: CallOptions): Promise<Item | undefined> {
    const out = await this.send('GetItem', o, (abortSignal) =>
      this.client.send(new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }), { abortSignal }),
    );
    return out.Item;
  }

  /** Up to any number of keys, in calls of 100; keys DynamoDB left unprocessed are asked again. */
  async batchGet(keys: ItemKey[], o?: CallOptions): Promise<Item[]> {
    const found: Item[] = [];
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_BATCH) {
      let ask: ItemKey[] | undefined = keys.slice(i, i + MAX_KEYS_PER_BATCH);
      while (ask && ask.length > 0) {
        const Keys: ItemKey[] = ask;
        const out = await this.send('BatchGetItem', o, (abortSignal) =>
          this.client.send(
            new BatchGetItemCommand({ RequestItems: { [this.table]: { Keys, ConsistentRead: true } } }),
            { abortSignal },
          ),
        );
        found.push(...(out.Responses?.[this.table] ?? []));
        ask = out.UnprocessedKeys?.[this.table]?.Keys;
      }
    }
    return found;
  }

  /** Every item of a partition, page after page. */
  async query(group: string, o?: CallOptions): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const ExclusiveStartKey = start;
      const out = await this.send('Query', o, (abortSignal) =>
        this.client.send(
          new QueryCommand({
            TableName: this.table,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': TABLE_KEY.partition },
            ExpressionAttributeValues: { ':pk': partitionValue(group) },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
          { abortSignal },
        ),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async put(item: Item, condition?: Condition, o?: CallOptions): Promise<void> {
    await this.send('PutItem', o, (abortSignal) =>
      this.client.send(new PutItemCommand({ TableName: this.table, Item: item, ...condition }), { abortSignal }),
    );
  }

  async update(
    key: ItemKey,
    update: { UpdateExpression: string } & Partial<Omit<Condition, 'ConditionExpression'>>,
    condition?: string,
    o?: CallOptions,
  ): Promise<void> {
    await this.send('UpdateItem', o, (abortSignal) =>
      this.client.send(
        new UpdateItemCommand({ TableName: this.table, Key: key, ...update, ConditionExpression: condition }),
        { abortSignal },
      ),
    );
  }

  async delete(key: ItemKey, condition?: Condition, o?: CallOptions): Promise<void> {
    await this.send('DeleteItem', o, (abortSignal) =>
      this.client.send(new DeleteItemCommand({ TableName: this.table, Key: key, ...condition }), { abortSignal }),
    );
  }

  /** One transaction of actions on the coordinator's table. */
  async transactWrite(actions: TxAction[], o?: CallOptions): Promise<void> {
    const TableName = this.table;
    const withTable = actions.map((a): TransactWriteItem => {
      if ('Put' in a) return { Put: { ...a.Put, TableName } };
      if ('Update' in a) return { Update: { ...a.Update, TableName } };
      if ('Delete' in a) return { Delete: { ...a.Delete, TableName } };
      return { ConditionCheck: { ...a.ConditionCheck, TableName } };
    });
    await this.send('TransactWriteItems', o, (abortSignal) =>
      this.client.send(new TransactWriteItemsCommand({ TransactItems: withTable }), { abortSignal }),
    );
  }

  /** A call made for a request: retried while DynamoDB is away, then EAGAIN (see the header). */
  async retried<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await pRetry(fn, {
        retries: Number.MAX_SAFE_INTEGER,
        minTimeout: BACKOFF_MIN_MS,
        maxTimeout: BACKOFF_MAX_MS,
        randomize: true,
        maxRetryTime: this.retryMs,
        shouldRetry: ({ error }) => transientKind(error) !== undefined,
      });
    } catch (e) {
      const err = e as SdkError;
      // A failed condition is an answer; an error that is not DynamoDB's is ours to see as is.
      if (conditionFailed(e) || (!transientKind(e) && !err.$metadata)) throw e;
      const message = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
      if (transientKind(e)) {
        throw fsErr('EAGAIN', `coordination (DynamoDB table ${this.table}) unavailable for ${what}: ${message}`);
      }
      throw fsErr('EREMOTEIO', `coordination (DynamoDB table ${this.table}) refused ${what}: ${message}`);
    }
  }
}
