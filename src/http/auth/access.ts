// What each route needs of its caller, declared or derived in one place, and the same need
// stated in the OpenAPI document (each operation's `security`).
//
// A route under /v1/fs/{fs}/… needs `read` on that filesystem for GET and HEAD, and `write`
// for every other method (GET never changes anything). Other routes declare their access in
// their config (`config: { access }`); a route that does neither stops the server from
// starting, so no route can be left open by omission.
import type { RouteOptions } from 'fastify';
import type { OpenEndpoint } from '../../config.ts';
import type { Scope } from './principal.ts';

export type RouteAccess =
  /** A scope on the filesystem named by the route's :fs parameter. */
  | { scope: Scope }
  /** `admin` on the filesystem named in the request body (createFs). */
  | { scope: 'admin'; fsFrom: 'body' }
  /** `admin` on some filesystem (listFs, whose answer then lists only those). */
  | { scope: 'admin'; fsFrom: 'any' }
  /** Any authenticated principal (getStatus). */
  | { signedIn: true }
  /** Never authenticated (health and readiness probes, CORS preflights). */
  | { open: true }
  /** Open or authenticated as CIRRUS_AUTH_OPEN says. */
  | { endpoint: OpenEndpoint };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}

/** The name of the security scheme in the OpenAPI document. */
export const BEARER_SCHEME = 'bearerAuth';

export const SECURITY_SCHEMES = {
  [BEARER_SCHEME]: {
    type: 'http',
    scheme: 'bearer',
    description:
      "A static token (its SHA-256 listed in the server's authentication document) or a JWT from a configured issuer. The role names of each operation are the scope it needs on the filesystem in its path: read < write < admin. Without authentication configured (loopback only) every caller is root and no token is needed.",
  },
} as const;

/** Swagger UI's own routes (its page, assets, the document). */
const DOCS_ROUTE = /^\/docs(\/|$)|^\/openapi\.json$/;

export function routeAccess(route: Pick<RouteOptions, 'url' | 'method' | 'config'>): RouteAccess {
  const declared = (route.config as { access?: RouteAccess } | undefined)?.access;
  if (declared) return declared;
  const methods = [route.method].flat();
  if (methods.every((m) => m === 'OPTIONS')) return { open: true };
  if (DOCS_ROUTE.test(route.url)) return { endpoint: 'docs' };
  if (route.url.startsWith('/v1/fs/:fs/')) {
    return { scope: methods.every((m) => m === 'GET' || m === 'HEAD') ? 'read' : 'write' };
  }
  throw new Error(`route ${methods.join(',')} ${route.url} declares no access (config.access): refusing to start`);
}

/** The operation's security requirement in the OpenAPI document. */
export function securityOf(access: RouteAccess): Record<string, string[]>[] {
  if ('open' in access) return [];
  if ('scope' in access) return [{ [BEARER_SCHEME]: [access.scope] }];
  return [{ [BEARER_SCHEME]: [] }];
}
