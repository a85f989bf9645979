// getStatus, health and readiness.
import { Type } from 'typebox';
import { sendProblem } from '../errors.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
import { authProblems, json, problems } from '../responses.ts';
import { StatusSchema } from '../schemas.ts';
import type { App, Services } from '../types.ts';

const tags = ['status'];

export function statusRoutes(app: App, s: Services): void {
  app.get(
    '/v1/status',
    {
      config: { access: { signedIn: true } },
      schema: {
        operationId: 'getStatus',
        tags,
        summary: 'this instance',
        description:
          'Instance id, write verifier, version, whether it leads the background jobs, metadata engine and object store facts, cache use.',
        response: { 200: json(StatusSchema, 'This instance'), ...authProblems() },
        [EXAMPLE_KEY]: {
          response: {
            instance: 'i-4c1d',
            verifier: '9f86d081884c7d65',
            version: '0.1.0',
            leader: true,
            meta: { engine: 'memory' },
            objects: { kind: 'file' },
          },
        },
      },
    },
    async () => s.status() as never,
  );
  app.get(
    '/healthz',
    {
      config: { access: { open: true } },
      schema: {
        operationId: 'healthz',
        tags,
        summary: 'liveness',
        description: 'Answers while the process serves requests.',
        response: { 200: json(Type.Object({ status: Type.Literal('ok') }), 'Alive') },
        [EXAMPLE_KEY]: { response: { status: 'ok' } },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      config: { access: { open: true } },
      schema: {
        operationId: 'readyz',
        tags,
        summary: 'readiness',
        description: 'Ready unless shutting down or the metadata store reports a problem (503 EAGAIN).',
        response: { 200: json(Type.Object({ status: Type.Literal('ready') }), 'Ready'), 503: problems()[503] },
        [EXAMPLE_KEY]: { response: { status: 'ready' } },
      },
    },
    async (req, reply) => {
      if (!s.ready()) return sendProblem(reply, req, 503, 'EAGAIN', 'not ready') as never;
      return { status: 'ready' as const };
    },
  );
}
