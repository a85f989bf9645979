// getStatus, health and readiness.
import { Type } from 'typebox';
import { sendProblem } from '../errors.ts';
import { EXAMPLE_KEY } from '../openapi.ts';
import { authProblems, json, problems, SMALL_ANSWER } from '../responses.ts';
import { StatusSchema } from '../ops-schemas.ts';
import type { App, Services } from '../types.ts';

const tags = ['status'];
const JOB_EXAMPLE = {
  runs: 12,
  lastRunAt: '2026-11-24T20:54:44.123Z',
  lastRunItems: 1,
  items: 9,
  errors: 0,
  counters: {},
};
const JOBS_EXAMPLE = {
  running: false,
  passes: 12,
  lastPassAt: '2026-11-24T20:54:44.123Z',
  lastPassMs: 8,
  lastPassComplete: true,
  purged: { inodes: 9, slices: 31, objects: 40 },
  fsDeletion: { ...JOB_EXAMPLE, items: 0, lastRunItems: 0, counters: { inodes: 0, objects: 0 } },
  trash: { ...JOB_EXAMPLE, counters: { delayedByLease: 1 } },
  generations: JOB_EXAMPLE,
  intents: { ...JOB_EXAMPLE, counters: { objects: 2 } },
  replacedObjects: { ...JOB_EXAMPLE, counters: { objects: 40 } },
  compaction: {
    ...JOB_EXAMPLE,
    counters: { filesVisited: 3, slicesReplaced: 40, slicesWritten: 1, bytesWritten: 4096, chunksStale: 0 },
  },
  idempotency: JOB_EXAMPLE,
};

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
          'Instance id, write verifier, version, whether it leads the background jobs, metadata engine and object store facts, cache use, and the background jobs: the sweeper’s passes and, per job, when it last ran, what it did (last run and in all) and its failures.',
        response: { 200: json(StatusSchema, 'This instance'), ...authProblems() },
        [EXAMPLE_KEY]: {
          response: {
            instance: 'i-4c1d',
            verifier: '9f86d081884c7d65',
            version: '0.1.0',
            leader: true,
            meta: { engine: 'memory' },
            objects: { kind: 'file' },
            jobs: JOBS_EXAMPLE,
          },
        },
      },
    },
    async () => s.status() as never,
  );
  app.get(
    '/healthz',
    {
      ...SMALL_ANSWER,
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
      ...SMALL_ANSWER,
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
