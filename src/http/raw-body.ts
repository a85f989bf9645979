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

/** The request body as a stream (also when the client sent no Content-Type). */
export function bodyStream(req: FastifyRequest): Readable {
  return (req.body as Readable | undefined) ?? req.raw;
}
