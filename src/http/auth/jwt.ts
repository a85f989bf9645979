// JWTs from identity providers (@fastify/jwt over fast-jwt; keys from a JWKS URL through
// get-jwks, or a PEM in the document). Each issuer is checked for its own audience, with
// asymmetric algorithms only, a bounded clock skew, and `exp` required. Claims map to the
// principal by the issuer's `claims` (README "Security"):
//   subject ← sub; uid ← uid; gid ← gid; groups ← groups (ids); scopes ← scope, either an
//   OAuth-style space-separated string or an array, of "<fs>:<read|write|admin>" items
//   ("*:read", "projects:write"), after `scopePrefix` when one is set; other items are ignored.
//
// Both packages are imported when first needed (auth configured; a JWKS issuer's first token),
// not by every start: a Lambda cold start without issuers does not compile them.
import type { FastifyRequest } from 'fastify';
import type buildGetJwks from 'get-jwks';
import { fsErr } from '../../errno.ts';
import { MAX_ID } from '../../fs/namespace.ts';
import type { App } from '../types.ts';
import { DEFAULT_CLOCK_SKEW_SECONDS, JWT_ALGORITHMS, type IssuerEntryT } from './document.ts';
import { SCOPES, scopeTable, type Principal, type Scope } from './principal.ts';

/** A JWKS answer slower than this fails the request with 503 (the token could not be checked). */
export const JWKS_FETCH_TIMEOUT_MS = 5_000;
/** Fetched keys are kept this long (a rotated-in key is fetched when a token names it). */
export const JWKS_CACHE_TTL_MS = 10 * 60_000;
/**
 * After a token named a key the issuer's JWKS did not have, other unknown keys fail without a
 * fetch for this long: tokens with made-up key ids cannot make us hammer the issuer.
 */
export const JWKS_MISS_COOLDOWN_MS = 10_000;

const DEFAULT_CLAIMS = { subject: 'sub', uid: 'uid', gid: 'gid', groups: 'groups', scopes: 'scope' };

/** 401: the token is missing, malformed, expired, badly signed or for someone else. */
export class Unauthenticated extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'invalid' = 'invalid',
  ) {
    super(message);
  }
}

type Decoded = { header: { kid?: string; alg?: string }; payload: Record<string, unknown> };

class Issuer {
  private jwks?: ReturnType<typeof buildGetJwks>;
  private readonly domain?: string;
  private lastMissAt = Number.NEGATIVE_INFINITY;

  constructor(readonly entry: IssuerEntryT) {
    if (entry.jwksUrl) this.domain = `${new URL(entry.jwksUrl).origin}/`;
  }

  /** The issuer's JWKS client (and its key cache), made at the first token that needs it. */
  private async jwksClient(): Promise<ReturnType<typeof buildGetJwks>> {
    if (!this.jwks) {
      const { default: build } = await import('get-jwks');
      const url = new URL(this.entry.jwksUrl!);
      this.jwks ??= build({ jwksPath: `${url.pathname.slice(1)}${url.search}`, ttl: JWKS_CACHE_TTL_MS });
    }
    return this.jwks;
  }

  async key(header: Decoded['header']): Promise<string> {
    if (this.entry.publicKey) return this.entry.publicKey;
    const { kid, alg } = header;
    if (!kid || !alg) throw new Unauthenticated('the token names no signing key (kid)');
    const jwks = await this.jwksClient();
    const cached = jwks.cache.get(jwks.generateCacheKey(alg, kid, this.domain!)) !== undefined;
    if (!cached && Date.now() - this.lastMissAt < JWKS_MISS_COOLDOWN_MS) {
      throw new Unauthenticated(`the issuer has no signing key ${JSON.stringify(kid)}`);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(fsErr('EAGAIN', `the issuer's JWKS did not answer within ${JWKS_FETCH_TIMEOUT_MS} ms`)),
        JWKS_FETCH_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([jwks.getPublicKey({ domain: this.domain!, alg, kid }), timeout]);
    } catch (e) {
      if ((e as { code?: string }).code === 'JWK_NOT_FOUND') {
        this.lastMissAt = Date.now();
        throw new Unauthenticated(`the issuer has no signing key ${JSON.stringify(kid)}`);
      }
      if (e instanceof Unauthenticated || (e as { code?: string }).code === 'EAGAIN') throw e;
      throw fsErr('EAGAIN', `the issuer's JWKS could not be read: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  verifyOptions() {
    const e = this.entry;
    return {
      allowedIss: e.issuer,
      allowedAud: e.audience,
      algorithms: [...(e.algorithms ?? JWT_ALGORITHMS)],
      clockTolerance: (e.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS) * 1000,
      requiredClaims: ['exp', 'iss', 'aud'],
    };
  }

  principal(payload: Record<string, unknown>): Principal {
    const claims = { ...DEFAULT_CLAIMS, ...this.entry.claims };
    const defaults = this.entry.defaults ?? {};
    const sub = payload[claims.subject];
    if (typeof sub !== 'string' || sub === '') throw new Unauthenticated(`the token has no ${claims.subject} claim`);
    const id = (name: string, fallback: number | undefined) => {
      const v = payload[name];
      const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_ID) return n;
      if (v === undefined && fallback !== undefined) return fallback;
      throw new Unauthenticated(`the token's ${name} claim is not a user or group id`);
    };
    const rawGroups = payload[claims.groups];
    const groups =
      rawGroups === undefined ? (defaults.groups ?? []) : Array.isArray(rawGroups) ? rawGroups : [rawGroups];
    return {
      subject: `${sub}@${this.entry.issuer}`,
      caller: {
        uid: id(claims.uid, defaults.uid),
        gid: id(claims.gid, defaults.gid),
        groups: Object.freeze(toIds(groups)),
      },
      scopes: scopeTable(scopeItems(payload[claims.scopes], this.entry.scopePrefix ?? '')),
    };
  }
}

function toIds(values: unknown[]): number[] {
  return values.map((v) => {
    const n = typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_ID)
      throw new Unauthenticated('the token lists a group that is not a group id');
    return n;
  });
}

/** "<prefix><fs>:<scope>" items of a scope claim (a space-separated string or an array of strings). */
export function scopeItems(claim: unknown, prefix: string): [string, Scope][] {
  const items = typeof claim === 'string' ? claim.split(' ') : Array.isArray(claim) ? claim : [];
  const out: [string, Scope][] = [];
  for (const item of items) {
    if (typeof item !== 'string' || !item.startsWith(prefix)) continue;
    const rest = item.slice(prefix.length);
    const at = rest.lastIndexOf(':');
    const fs = rest.slice(0, at);
    const scope = rest.slice(at + 1) as Scope;
    if (at > 0 && SCOPES.includes(scope) && /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62})$/.test(fs)) out.push([fs, scope]);
  }
  return out;
}

/** The issuers in force; replaced whole on reload. */
export class JwtIssuers {
  private readonly byName: Map<string, Issuer>;

  constructor(entries: readonly IssuerEntryT[], previous?: JwtIssuers) {
    // An issuer whose entry did not change keeps its fetched keys across a reload.
    this.byName = new Map(
      entries.map((e) => {
        const old = previous?.byName.get(e.issuer);
        return [e.issuer, old && JSON.stringify(old.entry) === JSON.stringify(e) ? old : new Issuer(e)];
      }),
    );
  }

  get size(): number {
    return this.byName.size;
  }

  issuerOf(decoded: Decoded): Issuer {
    const iss = decoded.payload.iss;
    const issuer = typeof iss === 'string' ? this.byName.get(iss) : undefined;
    if (!issuer) throw new Unauthenticated('the token is not from a trusted issuer');
    return issuer;
  }
}

/** A compact JWS: three base64url parts. */
export function looksLikeJwt(token: string): boolean {
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(token);
}

/** Register @fastify/jwt in verify-only mode, its keys chosen per token from the issuers in force. */
export async function registerJwt(app: App, current: () => JwtIssuers): Promise<void> {
  const { default: jwtPlugin } = await import('@fastify/jwt');
  await app.register(jwtPlugin, {
    secret: (_req: FastifyRequest, token: unknown) => {
      const decoded = token as Decoded;
      return current().issuerOf(decoded).key(decoded.header);
    },
    decode: { complete: true },
    verify: { algorithms: [...JWT_ALGORITHMS] },
  });
}

/** The principal of a request bearing a JWT, or Unauthenticated / EAGAIN. */
export async function verifyJwt(app: App, req: FastifyRequest, issuers: JwtIssuers, token: string): Promise<Principal> {
  let decoded: Decoded | null;
  try {
    decoded = app.jwt.decode<Decoded>(token, { complete: true });
  } catch {
    decoded = null;
  }
  if (!decoded?.payload) throw new Unauthenticated('the token is not a well-formed JWT');
  const issuer = issuers.issuerOf(decoded);
  let payload: Record<string, unknown>;
  try {
    payload = await req.jwtVerify<Record<string, unknown>>(issuer.verifyOptions());
  } catch (e) {
    if (e instanceof Unauthenticated || (e as { code?: string }).code === 'EAGAIN') throw e;
    const code = (e as { code?: string }).code ?? '';
    throw new Unauthenticated(
      code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED'
        ? 'the token has expired'
        : `the token is invalid: ${(e as Error).message}`,
    );
  }
  return issuer.principal(payload);
}
