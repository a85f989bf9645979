// The OpenAPI 3.1 document, generated from the route schemas by @fastify/swagger, and the
// Swagger UI at /docs (docs.ts). The document is the contract SDKs are generated from, so a few
// touch-ups make it exact where route schemas cannot say it:
// - schemas marked with COMPONENT_KEY become named components, referenced by $ref;
// - Fastify's wildcard path parameter ("*") is named `path`, with minLength 1 ("/" is the root);
// - binary request bodies (uploadFile, writeData), which Fastify must not validate, are declared,
//   and an optional JSON body (makeDir) is not required;
// - HEAD operations get their own operation ids;
// - response headers marked REQUIRED_HEADER_KEY are `required: true`;
// - each route's `x-cirrus-example` becomes examples of its request and answer.
import { VERSION } from '../version.ts';
import { BINARY_TYPE, REQUIRED_HEADER_KEY } from './responses.ts';
import { COMPONENT_KEY } from './schemas.ts';
import { SECURITY_SCHEMES } from './auth/access.ts';
import { registerDocs } from './docs.ts';
import { builtOnFirstUse } from './first-use.ts';
import type { App } from './types.ts';

export const API_VERSION = VERSION;
const ANY_TYPE = '*/*';

/** Route schema keys read by the touch-ups (x- keys are copied into the operation). */
export const BINARY_BODY_KEY = 'x-cirrus-binary-body';
export const EXAMPLE_KEY = 'x-cirrus-example';
/** An operation whose JSON body may be left out (Fastify's schema says body-or-null). */
export const OPTIONAL_BODY_KEY = 'x-cirrus-optional-body';

export interface OperationExample {
  request?: unknown;
  response?: unknown;
}

/** Operation ids of the HEAD operations, by the id of the GET they mirror (@fastify/swagger adds "-head"). */
const HEAD_IDS: Record<string, string> = {
  'downloadFile-head': 'headFile',
  'headFile-head': 'headFile',
  'readData-head': 'headData',
  'headData-head': 'headData',
  'statPath-head': 'headPath',
  'getInode-head': 'headInode',
};

export const TAGS = [
  { name: 'filesystems', description: 'Create, list, inspect and delete filesystems' },
  {
    name: 'paths',
    description:
      'The namespace by path: stat, chmod/chown/utimens/truncate, list, mkdir, rename, symlink, hard link. `{path}` separates names with "/" or "%2F"; "/" is the root',
  },
  {
    name: 'files',
    description: 'Whole-file contents by path: streamed upload, ranged and conditional download, delete',
  },
  {
    name: 'inodes',
    description:
      'The namespace by inode number, as a FUSE client uses it: getattr/setattr, lookup, readdir(plus), create, link, unlink, rename',
  },
  { name: 'xattrs', description: 'Extended attributes of an inode (values as base64 or UTF-8)' },
  {
    name: 'data',
    description:
      'File contents by inode: random-access writes (unstable until flushed, answered with a write verifier), ranged reads, fsync',
  },
  { name: 'leases', description: 'Exclusive writer leases with fencing tokens' },
  {
    name: 'direct',
    description:
      'The direct data plane: file contents moved straight between the client and S3 through presigned URLs; the API commits them (501 ENOSYS without an S3 object store)',
  },
  {
    name: 'trash',
    description: "Removed files and trees waiting for the filesystem's retention: list, restore, purge early",
  },
  {
    name: 'maintenance',
    description: 'Compaction of fragmented files, and directory summaries (du, the curve.dir.* xattrs)',
  },
  { name: 'status', description: 'This instance: status, liveness, readiness' },
];

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Json; description?: string; example?: unknown }[];
  requestBody?: { required?: boolean; description?: string; content?: Record<string, Json> };
  responses?: Record<string, { content?: Record<string, Json>; headers?: Record<string, { schema: Json }> }>;
  [key: string]: unknown;
}
type Doc = Json & { paths?: Record<string, Record<string, Operation>>; components?: Json };

/** Replace every schema marked as a component by a $ref, collecting the components. */
function extractComponents(node: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((n) => extractComponents(n, components));
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) if (k !== COMPONENT_KEY) out[k] = extractComponents(v, components);
  const name = (node as Json)[COMPONENT_KEY];
  if (typeof name !== 'string') return out;
  const known = components[name];
  if (known !== undefined && JSON.stringify(known) !== JSON.stringify(out))
    throw new Error(`two different schemas are both named ${name}`);
  components[name] = out;
  return { $ref: `#/components/schemas/${name}` };
}

function touchUpOperation(op: Operation): void {
  if (op.operationId && HEAD_IDS[op.operationId]) op.operationId = HEAD_IDS[op.operationId];
  for (const p of op.parameters ?? []) {
    if (p.in === 'path' && p.name === '*') {
      p.name = 'path';
      p.schema = { ...p.schema, minLength: 1 };
    }
  }
  if (op[OPTIONAL_BODY_KEY] && op.requestBody?.content) {
    op.requestBody.required = false;
    for (const media of Object.values(op.requestBody.content)) {
      const anyOf = (media.schema as Json).anyOf as Json[] | undefined;
      const rest = anyOf?.filter((s) => s.type !== 'null');
      if (rest?.length === 1) media.schema = rest[0];
    }
  }
  delete op[OPTIONAL_BODY_KEY];
  for (const response of Object.values(op.responses ?? {})) {
    if (response.headers && Object.keys(response.headers).length === 0) delete response.headers;
    for (const header of Object.values(response.headers ?? {}) as Json[]) {
      const schema = header.schema as Json;
      if (schema[REQUIRED_HEADER_KEY]) header.required = true;
      delete schema[REQUIRED_HEADER_KEY];
    }
  }
  const binaryBody = op[BINARY_BODY_KEY];
  if (typeof binaryBody === 'string') {
    // Any media type is taken as bytes; application/octet-stream first, so generators pick it.
    const bytes = { type: 'string', format: 'binary', contentMediaType: BINARY_TYPE };
    op.requestBody = {
      required: true,
      description: binaryBody,
      content: { [BINARY_TYPE]: { schema: bytes }, [ANY_TYPE]: { schema: bytes } },
    };
    delete op[BINARY_BODY_KEY];
  }
  const example = op[EXAMPLE_KEY] as OperationExample | undefined;
  if (example) {
    delete op[EXAMPLE_KEY];
    const body = op.requestBody?.content && Object.values(op.requestBody.content)[0];
    if (body && example.request !== undefined) body.example = example.request;
    const success = Object.entries(op.responses ?? {}).find(([status]) => status.startsWith('2'))?.[1];
    const media = success?.content && Object.values(success.content)[0];
    if (media && example.response !== undefined) media.example = example.response;
  }
}

function touchUp(doc: Doc): Doc {
  const components: Record<string, unknown> = {};
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [url, item] of Object.entries(doc.paths ?? {})) {
    for (const op of Object.values(item)) touchUpOperation(op);
    paths[url.replace('{*}', '{path}')] = extractComponents(item, components) as Record<string, Operation>;
  }
  const sorted = Object.fromEntries(Object.entries(components).sort(([a], [b]) => a.localeCompare(b)));
  return { ...doc, paths, components: { ...doc.components, schemas: sorted } };
}

/**
 * Where /openapi.json (and the Swagger UI) take the document from:
 * - 'routes': generated from the route schemas by @fastify/swagger (a server);
 * - 'committed': openapi/openapi.json as committed with this code — test/openapi.test.ts keeps it
 *   equal to what the routes generate — imported at its first request, so a Lambda cold start
 *   compiles neither @fastify/swagger nor its YAML and $ref machinery.
 */
export type DocumentSource = 'routes' | 'committed';

export async function registerOpenApi(app: App, source: DocumentSource = 'routes'): Promise<void> {
  let document: () => Promise<unknown>;
  if (source === 'committed') {
    document = builtOnFirstUse(() =>
      import('../../openapi/openapi.json', { with: { type: 'json' } }).then((m) => m.default),
    );
  } else {
    const { default: swagger } = await import('@fastify/swagger');
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'CirrusFS',
          version: API_VERSION,
          summary: 'A filesystem served as a REST API',
          description:
            'Namespace operations are single transactions on a metadata store; file contents are immutable block objects. ' +
            'Errors are `application/problem+json` with a POSIX `code`. Mutations accept an `Idempotency-Key`; ' +
            'attributes and contents carry an `ETag` for `If-Match`, `If-None-Match` and `If-Range`.',
          license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
          contact: { name: 'CirrusFS maintainers', url: 'https://cirrusfs.dev' },
        },
        // Relative: Swagger UI's "Try it out" and generated clients go to the server that served the document.
        servers: [{ url: '/', description: 'The server that serves this document' }],
        tags: TAGS,
        components: { securitySchemes: SECURITY_SCHEMES },
      },
      refResolver: { buildLocalReference: (json, _base, _fragment, i) => (json.$id as string) || `def-${i}` },
      transformObject: (documentObject) => touchUp((documentObject as { openapiObject: Doc }).openapiObject) as never,
    });
    document = async () => app.swagger();
  }
  registerDocs(app, document);
  app.get('/openapi.json', { schema: { hide: true } }, () => document());
}
