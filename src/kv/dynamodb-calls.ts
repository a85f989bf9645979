// Every DynamoDB call of the engine goes through DynamoCalls: a deadline per call, our own
// retries (the SDK's are off, maxAttempts 1), and the count of calls and consumed capacity
// that the status page and the benchmark report.
//
// Retried with jittered exponential backoff, for up to DYNAMO_RETRY_BUDGET_MS, then EAGAIN (a
// 503 with Retry-After at the HTTP face):
//   - throttling: ThrottlingException, ProvisionedThroughputExceededException,
//     RequestLimitExceeded, and a cancelled transaction whose reasons are ThrottlingError or
//     ProvisionedThroughputExceeded — nothing was applied;
//   - transaction conflicts: a cancelled transaction whose reasons are TransactionConflict
//     (another transaction holds one of its items), TransactionConflictException (a plain
//     write met one) and TransactionInProgressException (our own earlier send of the same token
//     is still running) — nothing was applied by this call;
//   - lost answers: timeouts, connection errors and 5xx — the call may have been applied.
// A commit (TransactWriteItems) carries a ClientRequestToken, so its outcome is made exact
// rather than judged: after a lost answer it is sent again, identical and with the same token,
// and DynamoDB answers an already applied transaction with success without applying it again.
// It keeps a token for 10 minutes, far past our retry budget. Until an answer is lost each
// attempt gets a fresh token; after one, the token sticks (whatever comes next).
//
// A cancellation with ConditionalCheckFailed is not retried here: it is the commit's answer
// (a conflict), thrown as TxCancelled with the per-action reasons.
import { randomUUID } from 'node:crypto';
import {
  BatchGetItemCommand,
  type BatchGetItemCommandInput,
  type BatchGetItemCommandOutput,
  type CancellationReason,
  type ConsumedCapacity,
  type DynamoDBClient,
  GetItemCommand,
  type GetItemCommandInput,
  type GetItemCommandOutput,
  QueryCommand,
  type QueryCommandInput,
  type QueryCommandOutput,
  ScanCommand,
  type ScanCommandInput,
  type ScanCommandOutput,
  TransactGetItemsCommand,
  type TransactGetItemsCommandInput,
  type TransactGetItemsCommandOutput,
  TransactWriteItemsCommand,
  type TransactWriteItemsCommandInput,
  type TransactWriteItemsCommandOutput,
} from '@aws-sdk/client-dynamodb';
import pRetry from 'p-retry';
import { type SdkError, transientKind } from '../aws/dynamodb-errors.ts';
import { fsErr } from '../errno.ts';

/** How long one call keeps being retried while DynamoDB throttles or is unreachable. */
export const DYNAMO_RETRY_BUDGET_MS = 10_000;
const BACKOFF_MIN_MS = 20;
const BACKOFF_MAX_MS = 1_000;
const BACKOFF_FACTOR = 2;

/** A commit cancelled because a condition failed: `reasons` has one entry per action. */
export class TxCancelled extends Error {
  constructor(readonly reasons: CancellationReason[]) {
    super('transaction cancelled: a condition failed');
  }
}

/** A failure that retrying cannot fix, as the error the engine throws. */
function refused(e: unknown, what: string, table: string): Error {
  const err = (e ?? {}) as SdkError;
  const message = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
  if (err.name === 'ValidationException' && /size|length|exceed|too (large|many)/i.test(err.message ?? '')) {
    return fsErr('E2BIG', `DynamoDB refused ${what}: ${message}`);
  }
  if (err.name === 'ResourceNotFoundException') {
    return fsErr('EREMOTEIO', `DynamoDB table ${table} not found (${what}): ${message}`);
  }
  return fsErr('EREMOTEIO', `DynamoDB refused ${what}: ${message}`);
}

export interface CallCounts {
  /** Calls sent, by operation (retries included). */
  calls: Record<string, number>;
  /** Items the answered calls named or returned, by operation (what AWS bills per item). */
  items: Record<string, number>;
  /** Capacity units DynamoDB reported consumed (ReturnConsumedCapacity TOTAL). */
  readUnits: number;
  writeUnits: number;
  throttledRetries: number;
  conflictRetries: number;
  /** Calls sent again after an answer was lost (commits: with the same token). */
  lostAnswerRetries: number;
}

const READ_OPS = new Set(['GetItem', 'BatchGetItem', 'TransactGetItems', 'Query', 'Scan']);

export class DynamoCalls {
  readonly counts: CallCounts = {
    calls: {},
    items: {},
    readUnits: 0,
    writeUnits: 0,
    throttledRetries: 0,
    conflictRetries: 0,
    lostAnswerRetries: 0,
  };
  lastError?: string;

  constructor(
    readonly client: DynamoDBClient,
    readonly table: string,
    private readonly retryBudgetMs = DYNAMO_RETRY_BUDGET_MS,
  ) {}

  getItem(input: Omit<GetItemCommandInput, 'TableName'>): Promise<GetItemCommandOutput> {
    return this.send(
      'GetItem',
      () => this.client.send(new GetItemCommand({ ...this.base(), ...input })),
      () => 1,
    );
  }

  transactGet(input: TransactGetItemsCommandInput): Promise<TransactGetItemsCommandOutput> {
    return this.send(
      'TransactGetItems',
      () => this.client.send(new TransactGetItemsCommand({ ReturnConsumedCapacity: 'TOTAL', ...input })),
      () => input.TransactItems?.length ?? 0,
    );
  }

  batchGet(input: BatchGetItemCommandInput): Promise<BatchGetItemCommandOutput> {
    return this.send(
      'BatchGetItem',
      () => this.client.send(new BatchGetItemCommand({ ReturnConsumedCapacity: 'TOTAL', ...input })),
      (out) => Object.values(out.Responses ?? {}).reduce((n, items) => n + items.length, 0),
    );
  }

  query(input: Omit<QueryCommandInput, 'TableName'>): Promise<QueryCommandOutput> {
    return this.send(
      'Query',
      () => this.client.send(new QueryCommand({ ...this.base(), ...input })),
      (out) => out.Items?.length ?? 0,
    );
  }

  /** A page of the whole table (tools that read everything: dump, fsck; see dynamodb-view.ts). */
  scan(input: Omit<ScanCommandInput, 'TableName'>): Promise<ScanCommandOutput> {
    return this.send(
      'Scan',
      () => this.client.send(new ScanCommand({ ...this.base(), ...input })),
      (out) => out.Items?.length ?? 0,
    );
  }

  /** A commit: TxCancelled if a condition failed; exact after lost answers (see the header). */
  transactWrite(
    input: Omit<TransactWriteItemsCommandInput, 'ClientRequestToken'>,
  ): Promise<TransactWriteItemsCommandOutput> {
    let token = randomUUID();
    let lost = false;
    return this.send(
      'TransactWriteItems',
      async () => {
        try {
          return await this.client.send(
            new TransactWriteItemsCommand({ ReturnConsumedCapacity: 'TOTAL', ...input, ClientRequestToken: token }),
          );
        } catch (e) {
          const kind = transientKind(e);
          if (kind === 'lost') lost = true;
          else if (!lost) token = randomUUID();
          const reasons = (e as SdkError).CancellationReasons;
          if (kind === undefined && reasons?.some((r) => r.Code === 'ConditionalCheckFailed')) {
            throw new TxCancelled(reasons);
          }
          throw e;
        }
      },
      () => input.TransactItems?.length ?? 0,
    );
  }

  private base() {
    return { TableName: this.table, ReturnConsumedCapacity: 'TOTAL' as const };
  }

  private account(op: string, out: { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }, items: number): void {
    this.counts.items[op] = (this.counts.items[op] ?? 0) + items;
    const used = out.ConsumedCapacity;
    const units = (Array.isArray(used) ? used : used ? [used] : []).reduce((n, c) => n + (c.CapacityUnits ?? 0), 0);
    if (READ_OPS.has(op)) this.counts.readUnits += units;
    else this.counts.writeUnits += units;
  }

  private async send<O extends { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }>(
    op: string,
    call: () => Promise<O>,
    items: (out: O) => number,
  ): Promise<O> {
    const once = async () => {
      this.counts.calls[op] = (this.counts.calls[op] ?? 0) + 1;
      const out = await call();
      this.account(op, out, items(out));
      return out;
    };
    // The first attempt runs bare: the retry machinery is for the rare failure.
    try {
      return await once();
    } catch (e) {
      if (e instanceof TxCancelled) throw e;
      if (!transientKind(e)) throw refused(e, op, this.table);
      this.noteRetry(e);
    }
    // p-retry sends its first attempt at once: back off before it as before the others.
    await new Promise((r) => setTimeout(r, BACKOFF_MIN_MS * (1 + Math.random())));
    try {
      return await pRetry(once, {
        retries: Number.MAX_SAFE_INTEGER,
        minTimeout: BACKOFF_MIN_MS,
        maxTimeout: BACKOFF_MAX_MS,
        factor: BACKOFF_FACTOR,
        randomize: true,
        maxRetryTime: this.retryBudgetMs,
        shouldRetry: ({ error }) => transientKind(error) !== undefined,
        onFailedAttempt: ({ error }) => {
          if (transientKind(error)) this.noteRetry(error);
        },
      });
    } catch (e) {
      if (e instanceof TxCancelled) throw e;
      const kind = transientKind(e);
      if (!kind) throw refused(e, op, this.table);
      const why = kind === 'throttled' ? 'throttled' : kind === 'conflict' ? 'contended' : 'unreachable';
      throw fsErr(
        'EAGAIN',
        `metadata store (DynamoDB table ${this.table}) ${why} for ${this.retryBudgetMs} ms (${op}): ${this.lastError}`,
      );
    }
  }

  private noteRetry(e: unknown): void {
    const kind = transientKind(e);
    if (kind === 'throttled') this.counts.throttledRetries++;
    else if (kind === 'conflict') this.counts.conflictRetries++;
    else this.counts.lostAnswerRetries++;
    const err = (e ?? {}) as SdkError;
    this.lastError = `${err.name ?? 'Error'}: ${err.message ?? String(e)}`;
  }
}
