// Routes whose body is file contents get it as the raw request stream, whatever its
// Content-Type (JSON files too): a scope whose only body parser hands the stream over.
import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
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
