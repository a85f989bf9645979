// The contract check (DESIGN §6): every request a test server answers is held against
// openapi/openapi.json. The harness installs it on every in-process server (startServer):
// - the request: path, query and header parameters and a JSON body against the operation;
// - the answer: a status the operation declares (for a request the document does not allow,
//   a declared 4xx), the media type, the required headers and the API's own headers (each
//   declared for that status, each value matching its schema), and a JSON body against the
//   status's schema.
// Violations are kept per server (startServer's close() fails on any) and, when the suite runs
// through test/run.sh, appended to CIRRUS_CONTRACT_DIR for the closing report.
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Ajv2020Module from 'ajv/dist/2020.js';
import formatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default;
const addFormats = formatsModule.default;

type Json = Record<string, any>;
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Json;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { headers?: Record<string, { required?: boolean; schema: Json }>; content?: Json }>;
}

const DOC_URL = new URL('../../openapi/openapi.json', import.meta.url);
/** Answer headers that are the API's own: when sent, each must be declared for that status. */
const API_HEADERS = [
  'etag',
  'last-modified',
  'x-cirrus-mtime',
  'accept-ranges',
  'content-range',
  'location',
  'retry-after',
  'idempotent-replayed',
];
/** Routes outside the API document (metrics, the document itself, Swagger UI). */
const OUTSIDE = /^\/(metrics|openapi\.json|docs)(\/|$)/;

export interface ContractFigures {
  exchanges: number;
  /** Requests the document does not allow (bad-input tests): their answer must be a declared 4xx. */
  refused: number;
  /** Exchanges per operation id. */
  operations: Record<string, number>;
  violations: string[];
}

const essence = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

export class ContractChecker {
  readonly figures: ContractFigures = { exchanges: 0, refused: 0, operations: {}, violations: [] };
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true, coerceTypes: false });
  private readonly coercing = new Ajv2020({ strict: false, allErrors: true, coerceTypes: 'array' });
  private readonly byId = new Map<string, { method: string; path: string; op: Operation }>();
  private readonly validators = new Map<string, (v: unknown) => string | undefined>();
  private readonly payloads = new WeakMap<FastifyRequest, unknown>();

  constructor(
    readonly doc: Json = JSON.parse(readFileSync(DOC_URL, 'utf8')),
    private readonly record?: string,
  ) {
    for (const a of [this.ajv, this.coercing]) {
      addFormats(a);
      a.addSchema({ $id: 'doc', components: doc.components });
    }
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const [method, op] of Object.entries<Operation>(item)) this.byId.set(op.operationId, { method, path, op });
    }
  }

  install(app: FastifyInstance): void {
    app.addHook('preSerialization', async (req, _reply, payload) => {
      this.payloads.set(req, payload);
      return payload;
    });
    app.addHook('onResponse', async (req, reply) => {
      try {
        this.check(req, reply);
      } catch (e) {
        this.violation(req, reply, `the checker failed: ${(e as Error).stack}`);
      }
    });
  }

  private compile(key: string, schema: Json, coerce: boolean): (v: unknown) => string | undefined {
    let v = this.validators.get(key);
    if (!v) {
      const fn = (coerce ? this.coercing : this.ajv).compile(rewriteRefs(schema));
      v = (value) => (fn(value) ? undefined : (coerce ? this.coercing : this.ajv).errorsText(fn.errors));
      this.validators.set(key, v);
    }
    return v;
  }

  private violation(req: FastifyRequest, reply: FastifyReply, what: string): void {
    const line = `${req.method} ${req.url} → ${reply.statusCode}: ${what}`;
    this.figures.violations.push(line);
  }

  /** The operation a request was routed to, or undefined outside the document. */
  private operationOf(req: FastifyRequest): { id: string; op: Operation } | undefined {
    const schema = req.routeOptions.schema as { operationId?: string } | undefined;
    const id = schema?.operationId;
    if (!id) return undefined;
    if (req.method === 'HEAD') {
      const entry = this.byId.get(id);
      const head = entry && (this.doc.paths[entry.path].head as Operation | undefined);
      return head && { id: head.operationId, op: head };
    }
    const entry = this.byId.get(id);
    return entry && { id, op: entry.op };
  }

  private check(req: FastifyRequest, reply: FastifyReply): void {
    const url = req.url.split('?')[0];
    // CORS preflights are answered by @fastify/cors, before any operation.
    if (OUTSIDE.test(url) || req.method === 'OPTIONS') return;
    this.figures.exchanges++;
    const fail = (what: string) => this.violation(req, reply, what);
    const status = reply.statusCode;
    const routed = req.routeOptions.url !== undefined && !req.is404;
    const found = routed ? this.operationOf(req) : undefined;
    if (routed && !found) {
      fail(`${req.method} ${req.routeOptions.url} is not in the document`);
      return;
    }
    const ops = this.figures.operations;
    if (found) ops[found.id] = (ops[found.id] ?? 0) + 1;
    if (found) {
      const problems = this.checkRequest(req, found.op);
      if (problems.length > 0) {
        this.figures.refused++;
        if (status < 400 || status >= 500)
          fail(`a request the document does not allow (${problems.join('; ')}) was answered ${status}`);
      }
    }
    const responses = found?.op.responses ?? { 404: { content: { 'application/problem+json': {} } } };
    const declared = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (!declared) {
      fail(`status ${status} is not declared for ${found?.id ?? 'an unrouted request'}`);
      return;
    }
    const key = `${found?.id ?? '404'} ${status}`;
    // Headers.
    const headers = reply.getHeaders();
    for (const [name, spec] of Object.entries(declared.headers ?? {})) {
      const value = headers[name];
      if (value === undefined) {
        if (spec.required) fail(`required header ${name} missing`);
        continue;
      }
      const bad = this.compile(`${key} header ${name}`, spec.schema, true)(String(value));
      if (bad) fail(`header ${name}: ${JSON.stringify(value)}: ${bad}`);
    }
    for (const name of API_HEADERS) {
      if (headers[name] !== undefined && !declared.headers?.[name]) fail(`header ${name} is not declared`);
    }
    // Media type and body.
    const content = declared.content as Record<string, { schema?: Json }> | undefined;
    const type = essence(headers['content-type'] as string | undefined);
    const noBody = req.method === 'HEAD' || status === 204 || status === 304;
    if (!content || noBody) {
      if (content && req.method !== 'HEAD' && !noBody) fail('a body was declared but none was sent');
      return;
    }
    // File contents go out as the file's Content-Type: declared as */* beside octet-stream.
    const media = content[type] ?? content['*/*'];
    if (!media) {
      fail(`media type ${JSON.stringify(type)} is not declared (${Object.keys(content)})`);
      return;
    }
    const schema = media.schema;
    if (content[type] && type.endsWith('json') && schema) {
      const payload = this.payloads.get(req);
      const body = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
      const bad = this.compile(`${key} ${type}`, schema, false)(body);
      if (bad) fail(`body ${JSON.stringify(body).slice(0, 200)}: ${bad}`);
    }
  }

  /** What is wrong with a request, by the document (empty when it conforms). */
  private checkRequest(req: FastifyRequest, op: Operation): string[] {
    const out: string[] = [];
    const params = req.params as Record<string, string | undefined>;
    const query = Object.fromEntries(new URL(req.url, 'http://x').searchParams);
    for (const p of op.parameters ?? []) {
      let value: unknown;
      if (p.in === 'path') {
        // The empty path and the route without {path} are the root, as "/" is (documented).
        value = p.name === 'path' ? params['*'] || '/' : params[p.name];
      } else if (p.in === 'query') value = query[p.name];
      else value = req.headers[p.name.toLowerCase()];
      if (value === undefined) {
        if (p.required) out.push(`${p.in} parameter ${p.name} missing`);
        continue;
      }
      const bad = this.compile(`${op.operationId} ${p.in} ${p.name}`, p.schema, true)(value);
      if (bad) out.push(`${p.in} parameter ${p.name}=${JSON.stringify(value)}: ${bad}`);
    }
    const body = op.requestBody;
    const type = essence(req.headers['content-type']);
    // A body of 0 bytes is a body (an empty file) where one is required; where it is optional,
    // 0 bytes without a Content-Type is none (fetch sends Content-Length: 0 with a bodiless PUT).
    const length = req.headers['content-length'];
    const sent =
      req.headers['transfer-encoding'] !== undefined ||
      (length !== undefined && (length !== '0' || type !== '' || body?.required === true));
    if (!body) return out;
    if (!sent) {
      if (body.required) out.push('the request body is missing');
      return out;
    }
    const media = body.content[type] ?? body.content['*/*'];
    if (!media) {
      out.push(`request media type ${JSON.stringify(type)} is not declared`);
      return out;
    }
    if (type.endsWith('json')) {
      const bad = this.compile(`${op.operationId} request ${type}`, media.schema, false)(req.body);
      if (bad) out.push(`request body: ${bad}`);
    }
    return out;
  }

  /** Append this server's figures to the run's record (see test/contract/report.ts). */
  flush(): void {
    if (!this.record) return;
    const line = JSON.stringify({ pid: process.pid, argv: process.argv[1], ...this.figures });
    appendFileSync(join(this.record, `${process.pid}.jsonl`), `${line}\n`);
  }
}

/** Point the document's local refs at the schema registered as "doc". */
function rewriteRefs(node: unknown): any {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `doc${v}` : rewriteRefs(v);
  }
  return out;
}

let shared: Json | undefined;
/** A checker for one server, reading the document once per process. */
export function contractChecker(): ContractChecker {
  shared ??= JSON.parse(readFileSync(DOC_URL, 'utf8'));
  return new ContractChecker(shared, process.env.CIRRUS_CONTRACT_DIR || undefined);
}
