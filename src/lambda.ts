// AWS Lambda entry (DESIGN §4 "Lambda mode"): the same app behind API Gateway HTTP API
// (payload format 2.0) and Lambda Function URLs, through @fastify/aws-lambda. An instance is
// frozen between invocations and may be dropped at any time, so:
//   - writes are write-through (loadLambdaConfig): nothing unflushed outlives an answer;
//   - nothing runs between invocations (buildApp's `background: 'invoked'`): no sweeper or
//     flush timers; the background jobs run from a scheduled invocation (an EventBridge rule),
//     as one sweeper pass that stops SWEEP_MARGIN_MS before the invocation's time runs out;
//   - an answer too large for a Lambda response is refused before it is read (413 E2BIG);
//   - route schemas are compiled on a route's first use, not all during the cold start, and the
//     OpenAPI document served is the committed one (not generated from the routes at start).
// The app is built at import, during the init phase; a backend that cannot be reached makes
// the invocation answer 503 and the next one try again.
import { Readable } from 'node:stream';
import awsLambdaFastify, { type LambdaResponse, type PromiseHandler } from '@fastify/aws-lambda';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { buildApp, type Built } from './app.ts';
import { loadLambdaConfig } from './config.ts';
import { fsErr } from './errno.ts';
import { builtOnFirstUse } from './http/first-use.ts';
import type { App } from './http/types.ts';
import { encodedPath, isHttpEvent, isScheduledEvent } from './lambda-events.ts';
import type { SweeperStatus } from './jobs/sweeper.ts';

/**
 * What a scheduled pass leaves of the invocation's time: enough for the step in progress (one
 * KV transaction, or one batch of object deletes) to finish and the pass to report.
 */
export const SWEEP_MARGIN_MS = 10_000;

/** A synchronous invocation's response is at most 6 MB (AWS Lambda quotas), JSON included. */
export const LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;
/** Status, headers and the JSON framing of the response. */
const RESPONSE_FRAMING_BYTES = 64 * 1024;
/** The largest body that fits: binary bodies travel base64-encoded (4 bytes per 3). */
export const MAX_BODY_BYTES = Math.floor(((LAMBDA_RESPONSE_BYTES - RESPONSE_FRAMING_BYTES) * 3) / 4);

/** Answer headers that describe the refused body, not the problem that replaces it. */
const BODY_HEADERS = ['content-range', 'accept-ranges', 'etag', 'last-modified'];

/** Bodies arrive base64-encoded (isBase64Encoded); these content types are answered so too. */
const BINARY_TYPES = ['application/octet-stream'];

export interface ScheduledPass {
  complete: boolean;
  ms: number;
  error?: string;
  purged: SweeperStatus['purged'];
}

type HttpProxy = PromiseHandler<APIGatewayProxyEventV2, LambdaResponse>;

const config = loadLambdaConfig(process.env); // a bad configuration fails the init phase, with its message

/** The app, built once; a failed build is forgotten, so the next invocation tries again. */
const open = builtOnFirstUse(async (): Promise<{ built: Built; proxy: HttpProxy }> => {
  const built = await buildApp(config, { background: 'invoked', schemas: 'on-first-use', openapi: 'committed' });
  refuseLargeAnswers(built.app);
  const proxy: HttpProxy = awsLambdaFastify(built.app, {
    binaryMimeTypes: BINARY_TYPES,
    parseCommaSeparatedQueryParams: false,
  });
  await built.app.ready();
  return { built, proxy };
});
void open().catch(() => undefined); // start during the init phase; failures are answered per invocation

function refuseLargeAnswers(app: App): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const length = Number(reply.getHeader('content-length') ?? 0);
    if (req.method === 'HEAD' || length <= MAX_BODY_BYTES) return payload;
    if (payload instanceof Readable) payload.destroy();
    for (const h of BODY_HEADERS) reply.removeHeader(h);
    throw fsErr(
      'E2BIG',
      `the answer is ${length} bytes; a Lambda response carries at most ${MAX_BODY_BYTES}: read it in ranges`,
    );
  });
}

function unavailable(e: unknown): LambdaResponse {
  console.error('CirrusFS could not start', e);
  const detail = `the service is starting or a backend is unreachable: ${e instanceof Error ? e.message : e}`;
  return {
    statusCode: 503,
    headers: { 'content-type': 'application/problem+json', 'retry-after': '1' },
    body: JSON.stringify({
      type: 'https://cirrusfs.dev/errors/EAGAIN',
      title: 'EAGAIN',
      status: 503,
      code: 'EAGAIN',
      detail,
    }),
  };
}

async function scheduledPass(built: Built, context: Context): Promise<ScheduledPass> {
  const started = Date.now();
  const deadline = started + context.getRemainingTimeInMillis() - SWEEP_MARGIN_MS;
  await built.sweeper.runOnce(started, { deadline });
  const { lastPassComplete, lastError, purged } = built.sweeper.status;
  return { complete: lastPassComplete === true, ms: Date.now() - started, error: lastError, purged: { ...purged } };
}

/** The Lambda handler: HTTP events (HTTP API, Function URL) and scheduled events. */
export async function handler(event: unknown, context: Context): Promise<LambdaResponse | ScheduledPass> {
  if (isScheduledEvent(event)) return scheduledPass((await open()).built, context);
  if (!isHttpEvent(event)) throw new Error('CirrusFS answers HTTP events (payload format 2.0) and scheduled events');
  let proxy: HttpProxy;
  try {
    ({ proxy } = await open());
  } catch (e) {
    return unavailable(e);
  }
  const request: APIGatewayProxyEventV2 = { ...event, rawPath: encodedPath(event.rawPath) };
  return proxy(request, context);
}
