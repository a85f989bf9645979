// Per-request logging: one line per answered request, at debug level (CIRRUS_LOG_LEVEL=debug
// shows them), in place of Fastify's "incoming request" and "request completed" pair at info.
import type { App } from './types.ts';

const VERBOSE_LEVELS = new Set(['debug', 'trace']);

export function installRequestLog(app: App): void {
  // The level is fixed at start: at the default one, no hook runs at all (a hook per request
  // showed in getattr's profile).
  if (!VERBOSE_LEVELS.has(app.log.level)) return;
  app.addHook('onResponse', (req, reply, done) => {
    req.log.debug(
      { method: req.method, url: req.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });
}
