// The idle-body limit (CIRRUS_BODY_IDLE_TIMEOUT_MS): a request body from which nothing arrives
// for that long while the server waits for it is cut off: its socket is destroyed, so the
// handler's read of the body fails, its buffered bytes are dropped and the socket is freed.
// (Node's own limits cover the headers, headersTimeout, and the whole request,
// requestTimeout; a stalled upload that keeps its connection open escapes both for as long
// as the whole-request limit allows.)
//
// "Waiting for it" matters: while a handler is busy (say, an object PUT is slow) it stops
// reading, the body's buffer fills and the client stops sending. That is the server's pause,
// not the client's, so a body counts as idle only while everything received has been consumed
// (`readableLength === 0`) and no new byte has come in since the last check.
import type { IncomingMessage } from 'node:http';
import type { onRequestHookHandler } from 'fastify';
import { hookList } from './route-hooks.ts';
import type { App } from './types.ts';

/** Checks per timeout: a stalled body is cut between 1 and 1¼ timeouts after its last byte. */
const CHECKS_PER_TIMEOUT = 4;

/** Methods whose handlers never read a request body. */
const BODYLESS = new Set(['GET', 'HEAD']);

interface Watched {
  req: IncomingMessage;
  bytesRead: number;
  since: number;
}

export class BodyIdleStats {
  /** Connections cut because their request body stalled. */
  closed = 0;
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

export function installBodyIdleTimeout(app: App, idleMs: number): BodyIdleStats {
  const stats = new BodyIdleStats();
  if (idleMs <= 0) return stats;
  const watched = new Set<Watched>();
  let timer: NodeJS.Timeout | undefined;
  const check = () => {
    const now = Date.now();
    for (const w of watched) {
      const { req } = w;
      if (req.complete || req.destroyed) {
        watched.delete(w);
        continue;
      }
      const bytesRead = req.socket.bytesRead;
      if (bytesRead !== w.bytesRead || req.readableLength > 0) {
        w.bytesRead = bytesRead;
        w.since = now;
      } else if (now - w.since >= idleMs) {
        watched.delete(w);
        stats.closed++;
        req.destroy(new Error(`no request body bytes for ${idleMs} ms: connection closed`));
      }
    }
    if (watched.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const watch: onRequestHookHandler = (req, _reply, done) => {
    const raw = req.raw;
    if (hasBody(raw) && !raw.complete) {
      watched.add({ req: raw, bytesRead: raw.socket.bytesRead, since: Date.now() });
      timer ??= setInterval(check, Math.max(1, Math.floor(idleMs / CHECKS_PER_TIMEOUT))).unref();
    }
    done();
  };
  // Only routes that read a body: GET and HEAD handlers never wait for one, and a hook on every
  // stat showed in getattr's profile.
  app.addHook('onRoute', (route) => {
    if ([route.method].flat().every((m) => BODYLESS.has(m))) return;
    route.onRequest = [...hookList(route.onRequest), watch];
  });
  app.addHook('onClose', (_app, done) => {
    clearInterval(timer);
    watched.clear();
    done();
  });
  return stats;
}
