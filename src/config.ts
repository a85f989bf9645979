// One validated configuration object, from the environment and `cirrus serve` flags
// (DESIGN §6a). URL-style backend settings, as JuiceFS's META-URL.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fsErr } from './errno.ts';
import { parseS3Url, S3_IDLE_TIMEOUT_MS, type S3Location } from './objects/s3-url.ts';

export type EtcdConfig = { endpoints: string[]; prefix: string };
export type MetaConfig = { engine: 'memory'; dir: string } | ({ engine: 'etcd' } & EtcdConfig);
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
export type CoordConfig = { kind: 'local' } | ({ kind: 'etcd' } & EtcdConfig);

export interface Config {
  host: string;
  port: number;
  meta: MetaConfig;
  objects: ObjectsConfig;
  coord: CoordConfig;
  logLevel: string;
  /** Period of the background sweeper (trash, purge queues, intents, idempotency records). */
  sweepIntervalMs: number;
  /** writeback: writes are acknowledged from the cache; writethrough: committed first (Lambda). */
  cacheMode: 'writeback' | 'writethrough';
  cacheBytes: number;
  readCacheBytes: number;
  timeouts: TimeoutConfig;
}

export const DEFAULTS = {
  HOST: '127.0.0.1',
  PORT: '8080',
  CIRRUS_META: 'memory:./data/meta',
  CIRRUS_OBJECTS: 'file:./data/objects',
  CIRRUS_COORD: 'local',
  CIRRUS_LOG_LEVEL: 'info',
  CIRRUS_SWEEP_INTERVAL_MS: '10000',
  CIRRUS_CACHE: 'writeback',
  CIRRUS_CACHE_BYTES: '256M',
  CIRRUS_READ_CACHE_BYTES: '256M',
  CIRRUS_ALLOW_UNAUTHENTICATED: 'false',
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
  if (url.startsWith('memory:')) {
    const dir = url.slice('memory:'.length);
    if (!dir) bad('CIRRUS_META=memory:DIR needs a directory');
    return { engine: 'memory', dir: resolve(dir) };
  }
  return bad(`CIRRUS_META=${url}: supported are memory:DIR and etcd://host:port[,…][/prefix]`);
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
  return bad(`CIRRUS_COORD=${url}: supported are local and etcd://host:port[,…][/prefix]`);
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
      'headers-timeout-ms': { type: 'string' },
      'request-timeout-ms': { type: 'string' },
      'body-idle-timeout-ms': { type: 'string' },
      's3-timeout-ms': { type: 'string' },
    },
    strict: true,
  });
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
  flag(values['headers-timeout-ms'], 'CIRRUS_HEADERS_TIMEOUT_MS');
  flag(values['request-timeout-ms'], 'CIRRUS_REQUEST_TIMEOUT_MS');
  flag(values['body-idle-timeout-ms'], 'CIRRUS_BODY_IDLE_TIMEOUT_MS');
  flag(values['s3-timeout-ms'], 'CIRRUS_S3_TIMEOUT_MS');
  if (s.CIRRUS_CACHE !== 'writeback' && s.CIRRUS_CACHE !== 'writethrough')
    bad(`CIRRUS_CACHE=${s.CIRRUS_CACHE}: writeback or writethrough`);
  const cacheBytes = parseBytes('CIRRUS_CACHE_BYTES', s.CIRRUS_CACHE_BYTES);
  if (cacheBytes < MIN_CACHE_BYTES) bad(`CIRRUS_CACHE_BYTES must be at least ${MIN_CACHE_BYTES}`);
  // DESIGN §6: requests are unauthenticated (there is no auth yet), which is only acceptable
  // on loopback unless the operator says otherwise (e.g. behind an authenticating proxy).
  if (!LOOPBACK.test(s.HOST) && s.CIRRUS_ALLOW_UNAUTHENTICATED !== 'true') {
    bad(
      `HOST=${s.HOST} is not a loopback address and CirrusFS has no authentication yet; set CIRRUS_ALLOW_UNAUTHENTICATED=true to serve it anyway (e.g. behind an authenticating proxy)`,
    );
  }
  const sweep = Number(s.CIRRUS_SWEEP_INTERVAL_MS);
  if (!Number.isInteger(sweep) || sweep < 100) bad('CIRRUS_SWEEP_INTERVAL_MS must be an integer ≥ 100');
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
    cacheMode: s.CIRRUS_CACHE as Config['cacheMode'],
    cacheBytes,
    readCacheBytes: parseBytes('CIRRUS_READ_CACHE_BYTES', s.CIRRUS_READ_CACHE_BYTES),
    timeouts: parseTimeouts(s),
  };
}
