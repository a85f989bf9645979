// The events an AWS Lambda instance of CirrusFS receives, told apart, and the one fix-up an
// HTTP event needs before Fastify sees it. Pure functions: src/lambda.ts does the work.
//
// - HTTP: API Gateway HTTP API (payload format 2.0) and Lambda Function URLs send the same
//   shape (`version: "2.0"`, `requestContext.http`). They differ in one way that matters:
//   Function URLs pass `rawPath` percent-encoded as the client sent it, while HTTP APIs pass
//   it decoded (a name with a space arrives as a space, `%2F` as `/`).
// - Scheduled: an EventBridge rule's event (`source: "aws.events"`, `detail-type: "Scheduled
//   Event"`) asks for a bounded pass of the background jobs.
import type { APIGatewayProxyEventV2, ScheduledEvent } from 'aws-lambda';

export function isHttpEvent(event: unknown): event is APIGatewayProxyEventV2 {
  const e = event as Partial<APIGatewayProxyEventV2> | null;
  return e?.version === '2.0' && typeof e.rawPath === 'string' && typeof e.requestContext?.http === 'object';
}

export function isScheduledEvent(event: unknown): event is ScheduledEvent {
  const e = event as Partial<ScheduledEvent> | null;
  return e?.source === 'aws.events' && e['detail-type'] === 'Scheduled Event';
}

/**
 * Characters that may stand literally in an encoded path (RFC 3986 pchar and "/"), plus "%"
 * when it starts an escape; anything else can only come from a decoded path.
 */
const NOT_LITERAL = /%(?![0-9A-Fa-f]{2})|[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/gu;

/**
 * The request path as an encoded path, whichever front sent it: an encoded path (Function
 * URL) comes out unchanged; a decoded one (HTTP API) has its spaces, non-ASCII and other
 * characters that cannot stand literally in a URL path encoded again, so Fastify decodes them
 * back to the same name. One ambiguity remains on HTTP APIs: a name containing "%" followed
 * by two hex digits (sent as "%25XX") arrives as "%XX" and is read as an escape.
 */
export function encodedPath(rawPath: string): string {
  return rawPath.replace(NOT_LITERAL, (c) =>
    [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  );
}
