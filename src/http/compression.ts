// Compressed JSON answers: a JSON (or problem+json) answer of at least COMPRESS_MIN_BYTES is
// sent with the encoding the client prefers among br, gzip and deflate (Accept-Encoding, as
// @fastify/accept-negotiator reads it), compressed by node:zlib off the event loop, with
// `Vary: Accept-Encoding`. File contents are never compressed — their routes say
// `compress: false` — so Range, Content-Range and Content-Length stay byte offsets of the file;
// so do answers always far below the threshold (SMALL_ANSWER), which then pay no hook at all.
//
// This replaced @fastify/compress: every answer we compress is JSON already in memory as one
// string, and that plugin's stream machinery (readable-stream, minipass, mime-db) was a sixth
// of the code a Lambda cold start compiled (test/bench/lambda-cold-start.ts).
import { promisify } from 'node:util';
import { brotliCompress, constants, deflate, gzip } from 'node:zlib';
import { negotiate } from '@fastify/accept-negotiator';
import type { onSendHookHandler } from 'fastify';
import { hookList } from './route-hooks.ts';
import type { App } from './types.ts';

declare module 'fastify' {
  interface RouteShorthandOptions {
    /** false: this route's answers are never compressed (file bytes; or always tiny), and it gets no hook. */
    compress?: false;
  }
}

/** Answers smaller than this go as they are: compressing them saves less than it costs. */
export const COMPRESS_MIN_BYTES = 1024;
/** The answers compressed: JSON, including problem details. */
export const JSON_ANSWER = /^application\/(problem\+)?json\b/;
/**
 * Brotli at quality 4, not its default 11: close to gzip's speed with smaller output (the
 * quality @fastify/compress chose as its default, too).
 */
const BROTLI_QUALITY = 4;

type Encoding = 'br' | 'gzip' | 'deflate';
/** In the server's order of preference, for answers whose client accepts several equally. */
const ENCODINGS: Encoding[] = ['br', 'gzip', 'deflate'];
const brotliAsync = promisify(brotliCompress);
const COMPRESSORS: Record<Encoding, (b: Buffer) => Promise<Buffer>> = {
  br: (b) =>
    brotliAsync(b, {
      params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
    }),
  gzip: promisify(gzip),
  deflate: promisify(deflate),
};

function addVary(reply: Parameters<onSendHookHandler>[1]): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) reply.header('vary', 'accept-encoding');
  else if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(String(vary)))
    reply.header('vary', `${vary}, accept-encoding`);
}

const compressAnswer: onSendHookHandler = async (req, reply, payload) => {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: file bytes
  if (reply.statusCode === 206 || reply.hasHeader('content-range')) return payload;
  const encoded = reply.getHeader('content-encoding');
  if (encoded !== undefined && encoded !== 'identity') return payload;
  if (!JSON_ANSWER.test(String(reply.getHeader('content-type') ?? ''))) return payload;
  if (Buffer.byteLength(payload) < COMPRESS_MIN_BYTES) return payload; // (no copy of a small answer)
  addVary(reply);
  const accepted = req.headers['accept-encoding'];
  const encoding = accepted ? (negotiate(accepted, ENCODINGS) as Encoding | null) : null;
  if (!encoding) return payload;
  const compressed = await COMPRESSORS[encoding](typeof payload === 'string' ? Buffer.from(payload) : payload);
  reply.header('content-encoding', encoding);
  reply.header('content-length', compressed.length);
  return compressed;
};

/** Compress the JSON answers of every route added from now on, except those with `compress: false`. */
export function installCompression(app: App): void {
  app.addHook('onRoute', (route) => {
    if (route.compress === false) return;
    route.onSend = [...hookList(route.onSend), compressAnswer];
  });
}
