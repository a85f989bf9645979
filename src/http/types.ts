// What the routes are given: a Fastify instance typed by our TypeBox schemas, and the services.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Contents } from '../data/contents.ts';
import type { FileIo } from '../data/file-io.ts';
import type { PathOps } from '../fs/path-service.ts';
import type { FileSystems } from '../fs/service.ts';
import type { DownloadStats } from './download.ts';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface Services {
  fss: FileSystems;
  paths: PathOps;
  contents: Contents;
  io: FileIo;
  /** Downloads that failed after their headers (counted for metrics). */
  downloads: DownloadStats;
  /** This instance's status (getStatus). */
  status: () => Record<string, unknown>;
  /** Whether the instance can serve (readyz). */
  ready: () => boolean;
}

/** Error answers every route may give, for the OpenAPI document. */
export const ERRORS = {
  '4xx': Type.Ref('Problem'),
  '5xx': Type.Ref('Problem'),
} as const;
