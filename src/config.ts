// One validated configuration object, from the environment and `cirrus serve` flags
// (DESIGN §6a). URL-style backend settings, as JuiceFS's META-URL.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fsErr } from './errno.ts';
import { type DynamoLocation, parseDynamoUrl } from './aws/dynamodb-location.ts';
import { FLUSH_AGE_MS } from './data/write-cache.ts';
import { MIN_INTENT_TTL_MS, UPLOAD_INTENT_TTL_MS } from './fs/intents.ts';
import { parseS3Url, S3_IDLE_TIMEOUT_MS, type S3Location } from './objects/s3-url.ts';

export type EtcdConfig = { endpoints: string[]; prefix: string };
export type MetaConfig =
  | { engine: 'memory'; dir: string }
  | ({ engine: 'etcd' } & EtcdConfig)
  | { engine: 'dynamodb'; location: DynamoLocation };
export type ObjectsConfig = { kind: 'file'; dir: string } | { kind: 's3'; location: S3Location; idleTimeoutMs: number };

/**
 * All request headers must arrive within this time: a client trickling them (slowloris) is
 * answered 408 and cut off. Apache's mod_reqtimeout allows 20 s for headers.
 */
export const HEADERS_TIMEOUT_MS = 20_000;
/** A whole request (headers and body) must arrive within this time; 0 = no limit. Big uploads need room. */
export const REQUEST_TIMEOUT_MS = 60 * 60 * 1000;
/**
 * A request body from which nothing arrives for this long, while the server waits for it, is
 * cut off (its connection closed), freeing the buffered bytes and the socket. nginx's
 * client_body_timeout is 60 s between two reads; half that suits an API whose uploads stream.
 */
export const BODY_IDLE_TIMEOUT_MS = 30_000;
/** The shortest accepted timeout: below it, ordinary requests on a busy machine would be cut off. */
const MIN_TIMEOUT_MS = 100;

/** The server's limits on slow clients (DESIGN §1.7: a slow client must not pin memory or sockets). */
export interface TimeoutConfig {
  headersMs: number;
  /** 0 = no limit. */
  requestMs: number;
  /** 0 = no limit. */
  bodyIdleMs: number;
}
export type CoordConfig =
  | { kind: 'local' }
  | ({ kind: 'etcd' } & EtcdConfig)
  | { kind: 'dynamodb'; location: DynamoLocation };

/** Endpoints outside the API that may be served without a token when authentication is on. */
export type OpenEndpoint = 'docs' | 'metrics';
const OPEN_ENDPOINTS: readonly OpenEndpoint[] = ['docs', 'metrics'];

/** Authentication and abuse limits (DESIGN §6 "Auth", "Limits"; README "Security"). */
export interface AuthConfig {
  /** Where the keys and token issuers are: a JSON or YAML file, or an AWS Secrets Manager secret. */
  source?: { kind: 'file'; path: string } | { kind: 'secret'; arn: string };
  /** Served without a token when authentication is on (/docs and /openapi.json; /metrics). */
  open: ReadonlySet<OpenEndpoint>;
  /** Requests per principal (or per client address, before it authenticates) per window; 0 = off. */
  rateLimit: number;
  rateWindowMs: number;
}

export interface Config {
  host: string;
  port: number;
  meta: MetaConfig;
  objects: ObjectsConfig;
  coord: CoordConfig;
  logLevel: string;
  /** Period of the background sweeper (trash, purge queues, intents, idempotency records). */
  sweepIntervalMs: number;
  /** How long an upload intent lives before the sweeper collects it (fs/intents.ts UPLOAD_INTENT_TTL_MS). */
  intentTtlMs: number;
  /** writeback: writes are acknowledged from the cache; writethrough: committed first (Lambda). */
  cacheMode: 'writeback' | 'writethrough';
  cacheBytes: number;
  /** Unflushed writes older than this are flushed (CIRRUS_FLUSH_AGE_MS). */
  flushAgeMs: number;
  readCacheBytes: number;
  /** Origins allowed to call the API from a browser (CORS); empty = CORS off, "*" = any. */
  corsOrigins: string[];
  auth: AuthConfig;
  timeouts: TimeoutConfig;
}

/**
 * Requests one principal may make per window (when authentication is on): 1,000 a second is
 * several times what one client of the benchmarks makes, and far below what lets one tenant
 * starve the others of a 2-core instance.
 */
export const RATE_LIMIT_PER_WINDOW = 1000;
export const RATE_WINDOW_MS = 1000;

export const DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: '8080',
  CIRRUS_META: 'memory:./data/meta',
  CIRRUS_OBJECTS: 'file:./data/objects',
  CIRRUS_COORD: 'local',
  CIRRUS_LOG_LEVEL: 'info',
  CIRRUS_SWEEP_INTERVAL_MS: '10000',
  CIRRUS_INTENT_TTL_MS: String(UPLOAD_INTENT_TTL_MS),
  CIRRUS_CACHE: 'writeback',
  CIRRUS_CACHE_BYTES: '256M',
  CIRRUS_FLUSH_AGE_MS: String(FLUSH_AGE_MS),
  CIRRUS_READ_CACHE_BYTES: '256M',
  CIRRUS_ALLOW_UNAUTHENTICATED: 'false',
  CIRRUS_CORS_ORIGINS: '',
  CIRRUS_AUTH_FILE: '',
  CIRRUS_AUTH_SECRET_ARN: '',
  CIRRUS_AUTH_OPEN: 'docs',
  CIRRUS_RATE_LIMIT: String(RATE_LIMIT_PER_WINDOW),
  CIRRUS_RATE_WINDOW_MS: String(RATE_WINDOW_MS),
  CIRRUS_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
  CIRRUS_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
  CIRRUS_BODY_IDLE_TIMEOUT_MS: String(BODY_IDLE_TIMEOUT_MS),
  CIRRUS_S3_TIMEOUT_MS: String(S3_IDLE_TIMEOUT_MS),
} as const;

const LOOPBACK = /^(127(\.\d{1,3}){3}|::1|localhost)$/;

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** A byte count: an integer, optionally with K, M or G (powers of 1024). */
export function parseBytes(name: string, s: string): number {
  const m = /^(\d+)([KMG]?)(i?B)?$/i.exec(s.trim());
  const n = m ? Number(m[1]) * UNITS[m[2].toUpperCase()] : Number.NaN;
  if (!Number.isSafeInteger(n)) bad(`${name}=${s} is not a byte count (e.g. 268435456 or 256M)`);
  return n;
}

type Settings = Record<keyof typeof DEFAULTS, string>;
/** The write-back cache must hold at least one block of the largest block size. */
export const MIN_CACHE_BYTES = 64 * 1024 * 1024;

function bad(message: string): never {
  throw fsErr('EINVAL', `configuration: ${message}`);
}

/** `etcd://host:port[,host:port…][/prefix/]` (JuiceFS's META-URL form). */
export function parseEtcd(name: string, url: string): EtcdConfig {
  const rest = url.slice('etcd://'.length);
  const slash = rest.indexOf('/');
  const hosts = (slash < 0 ? rest : rest.slice(0, slash)).split(',').filter(Boolean);
  const prefix = slash < 0 || slash === rest.length - 1 ? 'cirrus/' : `${rest.slice(slash + 1).replace(/\/+$/, '')}/`;
  if (hosts.length === 0 || hosts.some((h) => !/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(h)))
    bad(`${name}=${url}: expected etcd://host:port[,host:port…][/prefix]`);
  return { endpoints: hosts.map((h) => `http://${h}`), prefix };
}

export function parseMeta(url: string): MetaConfig {
  if (url.startsWith('etcd://')) return { engine: 'etcd', ...parseEtcd('CIRRUS_META', url) };
  if (url.startsWith('dynamodb://')) return { engine: 'dynamodb', location: parseDynamoUrl('CIRRUS_META', url) };
  if (url.startsWith('memory:')) {
    const dir = url.slice('memory:'.length);
    if (!dir) bad('CIRRUS_META=memory:DIR needs a directory');
    return { engine: 'memory', dir: resolve(dir) };
  }
  return bad(
    `CIRRUS_META=${url}: supported are memory:DIR, etcd://host:port[,…][/prefix] and dynamodb://TABLE?region=…&endpoint=…`,
  );
}

export function parseObjects(url: string, s3TimeoutMs = S3_IDLE_TIMEOUT_MS): ObjectsConfig {
  if (url.startsWith('file:')) {
    const dir = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!dir) bad('CIRRUS_OBJECTS=file:DIR needs a directory');
    return { kind: 'file', dir: resolve(dir) };
  }
  if (url.startsWith('s3://')) return { kind: 's3', location: parseS3Url(url), idleTimeoutMs: s3TimeoutMs };
  return bad(`CIRRUS_OBJECTS=${url}: supported are file:DIR and s3://BUCKET/PREFIX?endpoint=…&region=…`);
}

export function parseCoord(url: string): CoordConfig {
  if (url === 'local') return { kind: 'local' };
  if (url.startsWith('etcd://')) return { kind: 'etcd', ...parseEtcd('CIRRUS_COORD', url) };
  if (url.startsWith('dynamodb://')) return { kind: 'dynamodb', location: parseDynamoUrl('CIRRUS_COORD', url) };
  return bad(
    `CIRRUS_COORD=${url}: supported are local, etcd://host:port[,…][/prefix] and dynamodb://TABLE?region=…&endpoint=…`,
  );
}

/** `*`, or a comma-separated list of origins such as `https://app.example.com`. */
export function parseOrigins(s: string): string[] {
  const origins = s
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
  for (const o of origins) {
    if (o !== '*' && !/^https?:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(o))
      bad(`CIRRUS_CORS_ORIGINS: ${JSON.stringify(o)} is not an origin (scheme://host[:port]) or *`);
  }
  return origins;
}

/** A duration in milliseconds: an integer ≥ MIN_TIMEOUT_MS, or 0 where `zero` (no limit) is allowed. */
function parseTimeout(name: string, s: string, zero: 'no limit' | 'not allowed'): number {
  const ms = Number(s);
  const ok = Number.isSafeInteger(ms) && (ms >= MIN_TIMEOUT_MS || (ms === 0 && zero === 'no limit'));
  if (!ok)
    bad(
      `${name}=${s} must be an integer number of milliseconds ≥ ${MIN_TIMEOUT_MS}${zero === 'no limit' ? ' (or 0: no limit)' : ''}`,
    );
  return ms;
}

function parseTimeouts(s: Settings): TimeoutConfig {
  const t = {
    headersMs: parseTimeout('CIRRUS_HEADERS_TIMEOUT_MS', s.CIRRUS_HEADERS_TIMEOUT_MS, 'not allowed'),
    requestMs: parseTimeout('CIRRUS_REQUEST_TIMEOUT_MS', s.CIRRUS_REQUEST_TIMEOUT_MS, 'no limit'),
    bodyIdleMs: parseTimeout('CIRRUS_BODY_IDLE_TIMEOUT_MS', s.CIRRUS_BODY_IDLE_TIMEOUT_MS, 'no limit'),
  };
  // Node refuses a header limit longer than the whole request's.
  if (t.requestMs > 0 && t.headersMs > t.requestMs)
    bad('CIRRUS_HEADERS_TIMEOUT_MS must not exceed CIRRUS_REQUEST_TIMEOUT_MS');
  return t;
}

function parsePort(s: string): number {
  const port = Number(s);
  if (!Number.isInteger(port) || port < 0 || port > 65535) bad(`PORT=${s} is not a TCP port`);
  return port;
}

/** `--help` was given: the caller prints USAGE and exits. */
export class HelpRequested extends Error {
  constructor() {
    super('help requested');
    this.name = 'HelpRequested';
  }
}

/** What `npm start -- --help` prints. */
export const USAGE = `Usage: npm start -- [flags]   (or node --import tsx src/server.ts [flags])

Serves the CirrusFS REST API. Every flag has an environment variable; flags win.

  --host HOST                 HOST                         address to listen on (${DEFAULTS.HOST})
  --port PORT                 PORT                         TCP port, 0 = any free (${DEFAULTS.PORT})
  --meta URL                  CIRRUS_META                  memory:DIR | etcd://host:port[,…][/prefix] | dynamodb://TABLE?region=…[&endpoint=…] (${DEFAULTS.CIRRUS_META})
  --objects URL               CIRRUS_OBJECTS               file:DIR | s3://BUCKET/PREFIX?endpoint=…&region=… (${DEFAULTS.CIRRUS_OBJECTS})
  --coord URL                 CIRRUS_COORD                 local | etcd://host:port[,…][/prefix] | dynamodb://TABLE?… (${DEFAULTS.CIRRUS_COORD})
  --cache MODE                CIRRUS_CACHE                 writeback | writethrough (${DEFAULTS.CIRRUS_CACHE})
  --cache-bytes N             CIRRUS_CACHE_BYTES           write-back cache size, ≥ 64M (${DEFAULTS.CIRRUS_CACHE_BYTES})
                              CIRRUS_FLUSH_AGE_MS          unflushed writes older than this are flushed (${DEFAULTS.CIRRUS_FLUSH_AGE_MS})
  --read-cache-bytes N        CIRRUS_READ_CACHE_BYTES      read cache size, 0 = off (${DEFAULTS.CIRRUS_READ_CACHE_BYTES})
  --cors-origins LIST         CIRRUS_CORS_ORIGINS          origins browsers may call from, comma-separated, or * (off)
  --log-level LEVEL           CIRRUS_LOG_LEVEL             pino level; debug logs one line per request (${DEFAULTS.CIRRUS_LOG_LEVEL})
                              CIRRUS_SWEEP_INTERVAL_MS     background sweeper period (${DEFAULTS.CIRRUS_SWEEP_INTERVAL_MS})
                              CIRRUS_INTENT_TTL_MS         an unfinished upload's objects are collected after this (${DEFAULTS.CIRRUS_INTENT_TTL_MS})
  --auth-file PATH            CIRRUS_AUTH_FILE             bearer tokens and JWT issuers (JSON or YAML; README "Security")
                              CIRRUS_AUTH_SECRET_ARN       the same document from AWS Secrets Manager
                              CIRRUS_AUTH_OPEN             served without a token: docs, metrics, none (${DEFAULTS.CIRRUS_AUTH_OPEN})
                              CIRRUS_RATE_LIMIT            requests per principal per window, 0 = off (${DEFAULTS.CIRRUS_RATE_LIMIT})
                              CIRRUS_RATE_WINDOW_MS        the rate limit's window (${DEFAULTS.CIRRUS_RATE_WINDOW_MS})
                              CIRRUS_ALLOW_UNAUTHENTICATED true: a non-loopback HOST without auth (${DEFAULTS.CIRRUS_ALLOW_UNAUTHENTICATED})
  -h, --help                                               this text

API documentation at http://HOST:PORT/docs once running; the OpenAPI document at /openapi.json.
`;

/** Build the configuration from environment variables, overridden by command-line flags. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = []): Config {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      meta: { type: 'string' },
      objects: { type: 'string' },
      coord: { type: 'string' },
      'log-level': { type: 'string' },
      cache: { type: 'string' },
      'cache-bytes': { type: 'string' },
      'read-cache-bytes': { type: 'string' },
      'cors-origins': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      'auth-file': { type: 'string' },
      'headers-timeout-ms': { type: 'string' },
      'request-timeout-ms': { type: 'string' },
      'body-idle-timeout-ms': { type: 'string' },
      's3-timeout-ms': { type: 'string' },
    },
    strict: true,
  });
  if (values.help) throw new HelpRequested();
  const s = { ...DEFAULTS } as Settings;
  for (const key of Object.keys(DEFAULTS) as (keyof Settings)[]) {
    if (env[key] !== undefined && env[key] !== '') s[key] = env[key]!;
  }
  const flag = (v: string | undefined, key: keyof Settings) => {
    if (v !== undefined) s[key] = v;
  };
  flag(values.host, 'HOST');
  flag(values.port, 'PORT');
  flag(values.meta, 'CIRRUS_META');
  flag(values.objects, 'CIRRUS_OBJECTS');
  flag(values.coord, 'CIRRUS_COORD');
  flag(values['log-level'], 'CIRRUS_LOG_LEVEL');
  flag(values.cache, 'CIRRUS_CACHE');
  flag(values['cache-bytes'], 'CIRRUS_CACHE_BYTES');
  flag(values['read-cache-bytes'], 'CIRRUS_READ_CACHE_BYTES');
  flag(values['cors-origins'], 'CIRRUS_CORS_ORIGINS');
  flag(values['auth-file'], 'CIRRUS_AUTH_FILE');
  flag(values['headers-timeout-ms'], 'CIRRUS_HEADERS_TIMEOUT_MS');
  flag(values['request-timeout-ms'], 'CIRRUS_REQUEST_TIMEOUT_MS');
  flag(values['body-idle-timeout-ms'], 'CIRRUS_BODY_IDLE_TIMEOUT_MS');
  flag(values['s3-timeout-ms'], 'CIRRUS_S3_TIMEOUT_MS');
  if (s.CIRRUS_CACHE !== 'writeback' && s.CIRRUS_CACHE !== 'writethrough')
    bad(`CIRRUS_CACHE=${s.CIRRUS_CACHE}: writeback or writethrough`);
  const cacheBytes = parseBytes('CIRRUS_CACHE_BYTES', s.CIRRUS_CACHE_BYTES);
  if (cacheBytes < MIN_CACHE_BYTES) bad(`CIRRUS_CACHE_BYTES must be at least ${MIN_CACHE_BYTES}`);
  const auth = parseAuth(s);
  // DESIGN §6: without authentication every caller is root, which is only acceptable on
  // loopback unless the operator says otherwise (e.g. behind an authenticating proxy).
  if (!auth.source && !LOOPBACK.test(s.HOST) && s.CIRRUS_ALLOW_UNAUTHENTICATED !== 'true') {
    bad(
      `HOST=${s.HOST} is not a loopback address and no authentication is configured: set CIRRUS_AUTH_FILE (or CIRRUS_AUTH_SECRET_ARN), or CIRRUS_ALLOW_UNAUTHENTICATED=true to serve every caller as root (only behind an authenticating proxy)`,
    );
  }
  const flushAge = Number(s.CIRRUS_FLUSH_AGE_MS);
  if (!Number.isInteger(flushAge) || flushAge < 100) bad('CIRRUS_FLUSH_AGE_MS must be an integer ≥ 100');
  const sweep = Number(s.CIRRUS_SWEEP_INTERVAL_MS);
  if (!Number.isInteger(sweep) || sweep < 100) bad('CIRRUS_SWEEP_INTERVAL_MS must be an integer ≥ 100');
  const intentTtl = Number(s.CIRRUS_INTENT_TTL_MS);
  if (!Number.isInteger(intentTtl) || intentTtl < MIN_INTENT_TTL_MS) {
    bad(`CIRRUS_INTENT_TTL_MS must be an integer ≥ ${MIN_INTENT_TTL_MS} (an upload must be able to finish)`);
  }
  return {
    host: s.HOST,
    port: parsePort(s.PORT),
    meta: parseMeta(s.CIRRUS_META),
    objects: parseObjects(
      s.CIRRUS_OBJECTS,
      parseTimeout('CIRRUS_S3_TIMEOUT_MS', s.CIRRUS_S3_TIMEOUT_MS, 'not allowed'),
    ),
    coord: parseCoord(s.CIRRUS_COORD),
    logLevel: s.CIRRUS_LOG_LEVEL,
    sweepIntervalMs: sweep,
    intentTtlMs: intentTtl,
    cacheMode: s.CIRRUS_CACHE as Config['cacheMode'],
    cacheBytes,
    flushAgeMs: flushAge,
    readCacheBytes: parseBytes('CIRRUS_READ_CACHE_BYTES', s.CIRRUS_READ_CACHE_BYTES),
    corsOrigins: parseOrigins(s.CIRRUS_CORS_ORIGINS),
    auth,
    timeouts: parseTimeouts(s),
  };
}

/**
 * The configuration of an AWS Lambda instance (DESIGN §4 "Lambda mode"). Instances are frozen
 * between invocations, may be dropped at any time and share no disk, so: writes are
 * write-through, metadata and objects live in shared services, no instance coordinates with
 * another (nothing is ever unflushed; background jobs run from a scheduled invocation), and
 * the function is reached only through an authenticating front (API Gateway or a Function
 * URL with IAM auth, the operator saying so with CIRRUS_ALLOW_UNAUTHENTICATED=true) or with
 * CirrusFS's own authentication (CIRRUS_AUTH_SECRET_ARN).
 */
export function loadLambdaConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = loadConfig({ ...env, CIRRUS_CACHE: env.CIRRUS_CACHE || 'writethrough' });
  if (config.cacheMode !== 'writethrough') bad('CIRRUS_CACHE must be writethrough on Lambda (instances freeze)');
  if (config.meta.engine === 'memory') bad('CIRRUS_META=memory: Lambda instances share no disk; use a shared engine');
  if (config.objects.kind === 'file') bad('CIRRUS_OBJECTS=file: Lambda instances share no disk; use s3://');
  if (config.coord.kind !== 'local') bad('CIRRUS_COORD must be local on Lambda: instances never hold unflushed writes');
  if (!config.auth.source && env.CIRRUS_ALLOW_UNAUTHENTICATED !== 'true') {
    bad(
      'on Lambda, configure authentication (CIRRUS_AUTH_SECRET_ARN), or put the function behind IAM auth and set CIRRUS_ALLOW_UNAUTHENTICATED=true',
    );
  }
  return config;
}

function parseAuth(s: Settings): AuthConfig {
  if (s.CIRRUS_AUTH_FILE && s.CIRRUS_AUTH_SECRET_ARN) bad('set CIRRUS_AUTH_FILE or CIRRUS_AUTH_SECRET_ARN, not both');
  if (s.CIRRUS_AUTH_SECRET_ARN && !/^arn:aws[a-z-]*:secretsmanager:/.test(s.CIRRUS_AUTH_SECRET_ARN))
    bad(`CIRRUS_AUTH_SECRET_ARN=${s.CIRRUS_AUTH_SECRET_ARN} is not a Secrets Manager ARN`);
  const source: AuthConfig['source'] = s.CIRRUS_AUTH_FILE
    ? { kind: 'file', path: resolve(s.CIRRUS_AUTH_FILE) }
    : s.CIRRUS_AUTH_SECRET_ARN
      ? { kind: 'secret', arn: s.CIRRUS_AUTH_SECRET_ARN }
      : undefined;
  const open = s.CIRRUS_AUTH_OPEN.split(',')
    .map((e) => e.trim())
    .filter((e) => e && e !== 'none');
  for (const e of open)
    if (!OPEN_ENDPOINTS.includes(e as OpenEndpoint)) bad(`CIRRUS_AUTH_OPEN: ${e} is not one of docs, metrics, none`);
  const rateLimit = Number(s.CIRRUS_RATE_LIMIT);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) bad('CIRRUS_RATE_LIMIT must be an integer ≥ 0 (0 = off)');
  const rateWindowMs = Number(s.CIRRUS_RATE_WINDOW_MS);
  if (!Number.isInteger(rateWindowMs) || rateWindowMs < 100) bad('CIRRUS_RATE_WINDOW_MS must be an integer ≥ 100');
  return { source, open: new Set(open as OpenEndpoint[]), rateLimit, rateWindowMs };
}
