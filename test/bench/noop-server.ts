// The baseline: the cheapest route Fastify can serve, in a minimal app with the logger off.
import Fastify, { type FastifyInstance } from 'fastify';

export interface NoopServer {
  url: string;
  app: FastifyInstance;
}

export async function startNoopServer(): Promise<NoopServer> {
  const app = Fastify({ logger: false });
  app.get('/noop', async () => ({}));
  // The same, for a JSON POST body like create's: the cheapest answer to that kind of request.
  app.post('/noop', async () => ({}));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url, app };
}
