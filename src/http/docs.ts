// The Swagger UI at /docs, built on its first request. Its plugin, @fastify/static and their
// dependencies are imported, compiled and registered by every start that registers them — a
// measurable part of a Lambda cold start (test/bench/lambda-cold-start.ts) for pages almost no
// invocation serves. So the UI is a small Fastify app of its own, made the first time /docs is
// asked for, serving the document this app serves (@fastify/swagger's static mode), and
// this app's /docs routes hand their requests to it in process (`inject`).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { builtOnFirstUse } from './first-use.ts';
import type { App } from './types.ts';

export const DOCS_PREFIX = '/docs';

/** Headers that describe the in-process exchange, not the answer: this app's reply sets its own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'date', 'content-length']);

async function buildUi(document: Record<string, unknown>): Promise<FastifyInstance> {
  const [{ default: Fastify }, { default: swagger }, { default: swaggerUi }] = await Promise.all([
    import('fastify'),
    import('@fastify/swagger'),
    import('@fastify/swagger-ui'),
  ]);
  const ui = Fastify({ logger: false });
  await ui.register(swagger, { mode: 'static', specification: { document: document as never } });
  await ui.register(swaggerUi, { routePrefix: DOCS_PREFIX });
  await ui.ready();
  return ui;
}

/**
 * GET/HEAD /docs and everything under it, answered by the Swagger UI app (built once, on first
 * use) showing `document`.
 */
export function registerDocs(app: App, document: () => Promise<unknown>): void {
  const ui = builtOnFirstUse(() => document().then((doc) => buildUi(doc as Record<string, unknown>)));
  const forward = async (req: FastifyRequest, reply: FastifyReply) => {
    const answer = await (await ui()).inject({
      method: req.method as 'GET' | 'HEAD',
      url: req.url,
      headers: { accept: req.headers.accept ?? '*/*', 'accept-encoding': 'identity' },
    });
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) reply.header(name, value);
    }
    return reply.code(answer.statusCode).send(answer.rawPayload);
  };
  app.get(DOCS_PREFIX, { schema: { hide: true } }, forward);
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, forward);
}
