// What the routes are given: a Fastify instance typed by our TypeBox schemas, and the services.
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DirectReads } from '../data/direct-reads.ts';
import type { DirectUploads } from '../data/direct-uploads.ts';
import type { FileReads } from '../data/file-reads.ts';
import type { FileUploads } from '../data/file-upload.ts';
import type { FileWrites } from '../data/file-writes.ts';
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
  uploads: FileUploads;
  reads: FileReads;
  writes: FileWrites;
  /** Downloads that failed after their headers (counted for metrics). */
  downloads: DownloadStats;
  /** The direct data plane: presigned URLs straight to S3. */
  direct: { uploads: DirectUploads; reads: DirectReads };
  /** This instance's status (getStatus). */
  status: () => Record<string, unknown>;
  /** Whether the instance can serve (readyz). */
  ready: () => boolean;
}
