// getStatus, health and readiness.
import { Type } from 'typebox';
import { sendProblem } from '../errors.ts';
import type { App, Services } from '../types.ts';

export const StatusSchema = Type.Object(
  {
    instance: Type.String({ description: "This instance's id" }),
    verifier: Type.String({ description: 'Write verifier: changes whenever the instance restarts' }),
    leader: Type.Boolean({ description: 'Whether this instance runs the background jobs' }),
    meta: Type.Record(Type.String(), Type.Unknown(), { description: 'Metadata engine facts' }),
    objects: Type.Record(Type.String(), Type.Unknown(), { description: 'Object store facts' }),
  },
  { additionalProperties: true },
);

export function statusRoutes(app: App, s: Services): void {
  app.get(
    '/v1/status',
    {
      config: { access: { signedIn: true } },
      schema: { operationId: 'getStatus', tags: ['status'], summary: 'this instance', response: { 200: StatusSchema } },
    },
    async () => s.status() as never,
  );
  app.get(
    '/healthz',
    {
      config: { access: { open: true } },
      schema: {
        operationId: 'healthz',
        tags: ['status'],
        response: { 200: Type.Object({ status: Type.Literal('ok') }) },
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
        tags: ['status'],
        response: { 200: Type.Object({ status: Type.Literal('ready') }) },
      },
    },
    async (req, reply) => {
      if (!s.ready()) return sendProblem(reply, req, 503, 'EAGAIN', 'not ready') as never;
      return { status: 'ready' as const };
    },
  );
}
