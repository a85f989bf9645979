// What AWS Lambda hands a function, built by hand: API Gateway HTTP API (payload format 2.0)
// and Function URL events, as the two fronts send them (an HTTP API decodes the path, a
// Function URL leaves it percent-encoded), EventBridge scheduled events, and the invocation
// context with a chosen amount of time left.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, ScheduledEvent } from 'aws-lambda';

export type Front = 'http-api' | 'function-url';

export interface HttpRequest {
  method?: string;
  /** The path as the client sends it: percent-encoded. */
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** The event `front` delivers for `req`. */
export function httpEvent(front: Front, req: HttpRequest): APIGatewayProxyEventV2 {
  const method = req.method ?? 'GET';
  const rawQueryString = new URLSearchParams(req.query ?? {}).toString();
  const binary = Buffer.isBuffer(req.body);
  const domainName =
    front === 'http-api' ? 'abc123.execute-api.eu-west-1.amazonaws.com' : 'u7x.lambda-url.eu-west-1.on.aws';
  const rawPath = front === 'http-api' ? decodeURIComponent(req.path) : req.path;
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString,
    cookies: undefined,
    headers: {
      host: domainName,
      'user-agent': 'cirrus-test',
      'x-forwarded-proto': 'https',
      ...(req.body !== undefined && !binary ? { 'content-type': 'application/json' } : {}),
      ...req.headers,
    },
    queryStringParameters: req.query,
    requestContext: {
      accountId: '123456789012',
      apiId: front === 'http-api' ? 'abc123' : 'u7x',
      domainName,
      domainPrefix: domainName.split('.')[0],
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '198.51.100.7', userAgent: 'cirrus-test' },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    body: req.body === undefined ? undefined : binary ? (req.body as Buffer).toString('base64') : (req.body as string),
    isBase64Encoded: binary,
  };
}

export function scheduledEvent(): ScheduledEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: '123456789012',
    time: new Date().toISOString(),
    region: 'eu-west-1',
    resources: ['arn:aws:events:eu-west-1:123456789012:rule/cirrus-jobs'],
    detail: {},
  };
}

/** The invocation context, with `remainingMs` left when the invocation starts. */
export function lambdaContext(remainingMs = 30_000): Context {
  const end = Date.now() + remainingMs;
  const never = () => {
    throw new Error('deprecated context callbacks are not used');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'cirrusfs',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:cirrusfs',
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: '/aws/lambda/cirrusfs',
    logStreamName: '2026/12/01/[$LATEST]0123',
    getRemainingTimeInMillis: () => Math.max(0, end - Date.now()),
    done: never,
    fail: never,
    succeed: never,
  };
}

export interface LambdaAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** The answer's body as bytes, and as JSON when it parses. */
export function answerBody(a: LambdaAnswer): { bytes: Buffer; json: any } {
  const bytes = Buffer.from(a.body ?? '', a.isBase64Encoded ? 'base64' : 'utf8');
  let json: any;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = undefined;
  }
  return { bytes, json };
}
