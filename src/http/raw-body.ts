// Routes whose body is file contents get it as the raw request stream, whatever its
// Content-Type (JSON files too): a scope whose only body parser hands the stream over.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { fsErr } from '../errno.ts';
import type { App } from './types.ts';

export function rawBodyScope(app: App, routes: (scope: App) => void): void {
  app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    routes(scope);
  });
}

/**
 * The request body as a stream of chunks (also when the client sent no Content-Type). A
 * consumer that stops early (quota, bad input) does not destroy the connection: the answer is
 * sent and Node discards the rest of the body, so the client reads a clean 4xx/5xx.
 */
export function bodyStream(req: FastifyRequest): AsyncIterable<Uint8Array> {
  const stream = (req.body as Readable | undefined) ?? req.raw;
  return { [Symbol.asyncIterator]: () => stream.iterator({ destroyOnReturn: false }) };
}

/**
 * File contents are stored as sent, so a body must come without a content coding: a
 * Content-Encoding other than identity is refused (415 EMEDIATYPE, RFC 9110 §15.5.16) rather
 * than stored still compressed, or silently decoded into bytes the client did not checksum.
 */
export function refuseEncodedBody(req: FastifyRequest): void {
  const raw = req.headers['content-encoding'];
  if (raw === undefined) return;
  const codings = raw
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter(Boolean);
  if (codings.every((c) => c === 'identity')) return;
  throw fsErr('EMEDIATYPE', `Content-Encoding ${JSON.stringify(raw)} is not taken: send the bytes as they are`);
}
