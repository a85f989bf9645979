// The DynamoDB client of a CirrusFS table, shared by the metadata engine and the coordinator
// when they reach DynamoDB the same way (app.ts decides, as it does for etcd): keep-alive
// connections, a deadline per call, and no SDK retries — each caller retries what it knows is
// safe to send again (aws/dynamodb-errors.ts).
import { Agent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { DynamoLocation } from './dynamodb-location.ts';

/** Deadline of one call (connection and answer); a caller may give a call a shorter one. */
export const DYNAMO_CALL_TIMEOUT_MS = 5_000;
const CONNECT_TIMEOUT_MS = 1_000;
/** Keep-alive connections to DynamoDB (every transaction in flight holds one per call). */
const MAX_SOCKETS = 256;

export function dynamoClientConfig(loc: DynamoLocation, callTimeoutMs = DYNAMO_CALL_TIMEOUT_MS): DynamoDBClientConfig {
  const agent = { keepAlive: true, maxSockets: MAX_SOCKETS };
  const config: DynamoDBClientConfig = {
    region: loc.region,
    // Our own retries (kv/dynamodb-calls.ts, coord/dynamodb-calls.ts): they know which failures
    // are safe to send again.
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: callTimeoutMs,
      // Without it the handler only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
      httpAgent: new Agent(agent),
      httpsAgent: new HttpsAgent(agent),
    }),
  };
  if (loc.endpoint) config.endpoint = loc.endpoint;
  if (loc.credentials) config.credentials = loc.credentials;
  return config;
}
