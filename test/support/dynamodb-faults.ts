// Failures DynamoDB Local does not produce (it never throttles, serialises transactions, and
// always answers), injected into a DynamoDB client by a middleware at the SDK's initialize step
// (before the request is signed and sent): throttling, transaction conflicts, and answers lost
// before or after DynamoDB applied a call.
import {
  type DynamoDBClient,
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';

/** What runs instead of a call: `send` sends it for real. */
export type Fault = (send: () => Promise<unknown>, input: Record<string, unknown>) => Promise<unknown>;

/**
 * Run `fault` instead of the next `times` calls of `command` (e.g. TransactWriteItemsCommand)
 * that `when` accepts (default: all). `inputs` lists every call of it seen, faulted or not.
 */
export function inject(
  client: DynamoDBClient,
  command: string,
  times: number,
  fault: Fault,
  when: (input: Record<string, unknown>) => boolean = () => true,
): { inputs: Record<string, unknown>[]; faulted: number } {
  const seen = { inputs: [] as Record<string, unknown>[], faulted: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== command) return next(args);
      const input = args.input as Record<string, unknown>;
      seen.inputs.push(input);
      if (seen.faulted >= times || !when(input)) return next(args);
      seen.faulted++;
      return (await fault(() => next(args), input)) as Awaited<ReturnType<typeof next>>;
    },
    { step: 'initialize', name: `inject-${command}-${Math.random()}` },
  );
  return seen;
}

const meta = { $metadata: { httpStatusCode: 400 } };
export const throttled = () => new ThrottlingException({ message: 'injected: rate exceeded', ...meta });
export const overCapacity = () =>
  new ProvisionedThroughputExceededException({ message: 'injected: over capacity', ...meta });
/** A transaction cancelled because another transaction held one of its items. */
export const txConflict = () =>
  new TransactionCanceledException({
    message: 'injected: transaction conflict',
    ...meta,
    CancellationReasons: [{ Code: 'None' }, { Code: 'TransactionConflict' }],
  });
/** No answer: the call may or may not have been applied. */
export const answerLost = () => Object.assign(new Error('injected: the answer was lost'), { name: 'TimeoutError' });
