// The OpenAPI 3.1 document, generated from the route schemas by @fastify/swagger, and the
// Swagger UI at /docs. Two touch-ups make it a good SDK source: the wildcard path parameter
// ("*" in Fastify) is named `path`, and uploadFile declares its binary request body.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { SECURITY_SCHEMES } from './auth/access.ts';
import type { App } from './types.ts';

export const API_VERSION = '1.0.0';

type Doc = Record<string, unknown> & { paths?: Record<string, Record<string, Operation>> };
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; description?: string }[];
  requestBody?: unknown;
}

function touchUp(doc: Doc): Doc {
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [url, item] of Object.entries(doc.paths ?? {})) {
    for (const op of Object.values(item)) {
      for (const p of op.parameters ?? []) if (p.in === 'path' && p.name === '*') p.name = 'path';
      if (op.operationId === 'uploadFile') {
        op.requestBody = {
          required: true,
          description: 'The file contents, streamed',
          content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
        };
      }
    }
    paths[url.replace('{*}', '{path}')] = item;
  }
  return { ...doc, paths };
}

export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CirrusFS',
        version: API_VERSION,
        description:
          'A filesystem served as a REST API: namespace operations are single transactions on a metadata store; file contents are immutable block objects. Errors are application/problem+json with a POSIX `code`.',
      },
      servers: [{ url: 'http://127.0.0.1:8080' }],
      components: { securitySchemes: SECURITY_SCHEMES },
      tags: [
        { name: 'filesystems' },
        { name: 'paths', description: 'Namespace by path' },
        { name: 'files', description: 'Whole-file contents by path' },
        { name: 'inodes', description: 'Namespace by inode number' },
        { name: 'xattrs' },
        { name: 'data', description: 'File contents by inode: random-access writes, reads, fsync' },
        { name: 'leases', description: 'Exclusive writer leases with fencing tokens' },
        { name: 'status' },
      ],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
    transformObject: (documentObject) => touchUp((documentObject as { openapiObject: Doc }).openapiObject) as never,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
