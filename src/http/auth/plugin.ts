// Authentication, authorization and per-principal rate limits: one plugin, registered before
// any route (DESIGN §6 "Auth", "Limits"; README "Security"). Every route gets, in this order:
//   1. authenticate — the bearer token becomes a principal (a static key or a JWT); a bad or
//      missing token is only noted here,
//   2. the rate limit of that principal (or of the client address when it has none),
//   3. authorize — 401 for a missing/invalid token, 403 EACCES for a scope that does not allow
//      the route (routeAccess), before the body is read; createFs checks the name in its body.
// Without an authentication document every request is LOCAL_ROOT (loopback only, config.ts).
import type { FastifyReply, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify';
import type { AuthConfig } from '../../config.ts';
import { fsErr } from '../../errno.ts';
import type { Caller } from '../../fs/permissions.ts';
import { hookList } from '../route-hooks.ts';
import type { App } from '../types.ts';
import { routeAccess, securityOf, type RouteAccess } from './access.ts';
import { JwtIssuers, Unauthenticated, looksLikeJwt, registerJwt, verifyJwt } from './jwt.ts';
import { ANY_FS, LOCAL_ROOT, allows, allowsAny, principalCaller, type Principal } from './principal.ts';
import { loadAuthDocument } from './source.ts';
import { StaticKeys } from './static-keys.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    authFailure?: Unauthenticated;
  }
}

/** RFC 6750 §2.1 b64token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;
const REALM = 'Bearer realm="cirrusfs"';

export interface AuthControl {
  /** Whether requests must authenticate. */
  readonly enabled: boolean;
  /** Read the document again (SIGHUP); the one in force stays if the new one is invalid. */
  reload(): Promise<{ keys: number; issuers: number }>;
}

interface Credentials {
  keys: StaticKeys;
  issuers: JwtIssuers;
}

/** The caller an authenticated request acts as (the fs layer checks its permissions). */
export function callerOf(req: FastifyRequest): Caller {
  return principalCaller(req.principal);
}

/** listFs answers only the filesystems the principal administers. */
export function visibleTo<T extends { name: string }>(req: FastifyRequest, list: readonly T[]): T[] {
  const p = req.principal;
  return p ? list.filter((fs) => allows(p, fs.name, 'admin')) : [];
}

/** A quoted-string of a header parameter: no quotes or backslashes, bounded. */
const quoted = (s: string) => s.replace(/["\\\r\n]/g, "'").slice(0, 200);

function unauthenticated(reply: FastifyReply, failure: Unauthenticated) {
  const error =
    failure.reason === 'missing' ? '' : `, error="invalid_token", error_description="${quoted(failure.message)}"`;
  reply.header('www-authenticate', `${REALM}${error}`);
  return fsErr('EAUTH', failure.message);
}

function forbidden(reply: FastifyReply, message: string) {
  reply.header('www-authenticate', `${REALM}, error="insufficient_scope"`);
  return fsErr('EACCES', message);
}

export async function registerAuth(app: App, config: AuthConfig): Promise<AuthControl> {
  let credentials: Credentials | undefined;
  const load = async (previous?: Credentials): Promise<Credentials | undefined> => {
    if (!config.source) return undefined;
    const doc = await loadAuthDocument(config.source);
    return { keys: new StaticKeys(doc.keys), issuers: new JwtIssuers(doc.issuers, previous?.issuers) };
  };
  credentials = await load();
  const enabled = credentials !== undefined;
  if (enabled) await registerJwt(app, () => credentials!.issuers);

  const asLocalRoot: onRequestHookHandler = (req, _reply, done) => {
    req.principal = LOCAL_ROOT;
    done();
  };

  const authenticate: onRequestHookHandler = async (req) => {
    if (!credentials) {
      req.principal = LOCAL_ROOT;
      return;
    }
    const header = req.headers.authorization;
    if (header === undefined) {
      req.authFailure = new Unauthenticated('this request needs a bearer token (Authorization: Bearer …)', 'missing');
      return;
    }
    const token = BEARER.exec(header)?.[1];
    try {
      if (!token) throw new Unauthenticated('the Authorization header is not "Bearer <token>"');
      const principal =
        looksLikeJwt(token) && credentials.issuers.size > 0
          ? await verifyJwt(app, req, credentials.issuers, token)
          : credentials.keys.find(token);
      if (!principal) throw new Unauthenticated('the token is not known');
      req.principal = principal;
    } catch (e) {
      if (!(e instanceof Unauthenticated)) throw e; // the issuer's keys could not be read: 503
      req.authFailure = e;
    }
  };

  const authorize = (access: RouteAccess): onRequestHookHandler =>
    async function authorize(req, reply) {
      if ('open' in access || ('endpoint' in access && config.open.has(access.endpoint))) return;
      const p = req.principal;
      if (!p) throw unauthenticated(reply, req.authFailure ?? new Unauthenticated('no credentials', 'missing'));
      if (!('scope' in access)) return;
      if ('fsFrom' in access) {
        if (access.fsFrom === 'any' && !allowsAny(p, 'admin')) throw forbidden(reply, 'this needs the admin scope');
        return; // the body's name is checked in preValidation
      }
      const fs = (req.params as { fs?: string }).fs ?? '';
      if (!allows(p, fs, access.scope)) {
        throw forbidden(reply, `this needs the ${access.scope} scope on filesystem ${JSON.stringify(fs)}`);
      }
    };

  const authorizeBodyName: onRequestHookHandler = async (req, reply) => {
    const p = req.principal!;
    const name = (req.body as { name?: unknown } | undefined)?.name;
    if (!allows(p, typeof name === 'string' ? name : ANY_FS, 'admin')) {
      throw forbidden(reply, `creating filesystem ${JSON.stringify(name)} needs the admin scope on it`);
    }
  };

  // Limits apply to principals when authentication is on; alone on loopback, nothing is limited.
  let limit: onRequestHookHandler | undefined;
  if (enabled && config.rateLimit > 0) {
    // RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (the IETF draft's names).
    const { default: rateLimit } = await import('@fastify/rate-limit'); // only when configured: not compiled by every start
    await app.register(rateLimit, { global: false, enableDraftSpec: true });
    limit = app.rateLimit({
      max: config.rateLimit,
      timeWindow: config.rateWindowMs,
      keyGenerator: (req: FastifyRequest) =>
        req.principal ? `principal ${req.principal.subject}` : `address ${req.ip}`,
      errorResponseBuilder: (_req: FastifyRequest, ctx: { max: number; after: string }) =>
        fsErr('ERATELIMITED', `more than ${ctx.max} requests in ${config.rateWindowMs} ms; retry in ${ctx.after}`),
    }) as onRequestHookHandler;
  }

  app.addHook('onRoute', (route: RouteOptions) => {
    const access = routeAccess(route);
    if (route.schema) route.schema = { ...route.schema, security: securityOf(access) } as RouteOptions['schema'];
    if ('open' in access) return;
    const own = hookList(route.onRequest);
    if (!enabled) {
      // LOCAL_ROOT holds every scope: nothing to authorize, and one synchronous hook instead of
      // two promise-returning ones (profiled: they were a few per cent of a getattr's CPU).
      route.onRequest = [asLocalRoot, ...own];
      return;
    }
    route.onRequest = [authenticate, ...(limit ? [limit] : []), authorize(access), ...own];
    if ('fsFrom' in access && access.fsFrom === 'body') {
      const later = hookList(route.preValidation);
      route.preValidation = [authorizeBodyName, ...later];
    }
  });

  return {
    enabled,
    reload: async () => {
      if (!enabled) return { keys: 0, issuers: 0 };
      const next = (await load(credentials))!;
      credentials = next;
      return { keys: next.keys.size, issuers: next.issuers.size };
    },
  };
}
