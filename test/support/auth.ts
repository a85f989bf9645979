// Credentials for tests: static tokens with their authentication document, and a JWKS server
// on 127.0.0.1 with JWTs signed here by node:crypto (independently of the server's verifier).
import { createHash, createSign, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { freePort } from './ports.ts';

export interface KeySpec {
  subject: string;
  uid: number;
  gid: number;
  groups?: number[];
  scopes: Record<string, ('read' | 'write' | 'admin')[]>;
}

/** A fresh random token, as `npm run token` makes them. */
export function newToken(): string {
  return `cfs_${randomBytes(32).toString('base64url')}`;
}

export const sha256Hex = (token: string) => createHash('sha256').update(token).digest('hex');

/** Tokens by subject, and the document listing their hashes (YAML unless `json`). */
export async function writeAuthFile(
  dir: string,
  keys: KeySpec[],
  opts: { issuers?: unknown[]; json?: boolean; name?: string } = {},
): Promise<{ path: string; tokens: Record<string, string> }> {
  const tokens: Record<string, string> = {};
  const doc = {
    version: 1,
    keys: keys.map((k) => {
      tokens[k.subject] = newToken();
      return { ...k, sha256: sha256Hex(tokens[k.subject]) };
    }),
    issuers: opts.issuers ?? [],
  };
  const path = join(dir, opts.name ?? (opts.json ? 'auth.json' : 'auth.yaml'));
  await writeFile(path, opts.json ? JSON.stringify(doc) : toYaml(doc));
  return { path, tokens };
}

/** Authorization header of a token. */
export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A compact JWS signed with RS256. */
export function signJwt(key: KeyObject, kid: string, payload: Record<string, unknown>): string {
  const head = `${b64url({ alg: 'RS256', typ: 'JWT', kid })}.${b64url(payload)}`;
  const sig = createSign('RSA-SHA256').update(head).sign(key).toString('base64url');
  return `${head}.${sig}`;
}

export interface Jwks {
  url: string;
  issuer: string;
  kid: string;
  /** Requests the JWKS endpoint answered. */
  fetches(): number;
  /** A token signed with the published key; `exp` in seconds from now (default 300). */
  sign(claims: Record<string, unknown>, opts?: { expIn?: number; key?: KeyObject; kid?: string }): string;
  /** A private key that is not published. */
  stranger: KeyObject;
  close(): Promise<void>;
}

export async function startJwks(audience: string): Promise<Jwks> {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const kid = `k-${randomBytes(4).toString('hex')}`;
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  let fetches = 0;
  const server: Server = createServer((req, res) => {
    fetches++;
    if (req.url !== '/keys.json') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${port}/`;
  return {
    url: `http://127.0.0.1:${port}/keys.json`,
    issuer,
    kid,
    fetches: () => fetches,
    stranger,
    sign: (claims, opts = {}) => {
      const now = Math.floor(Date.now() / 1000);
      return signJwt(opts.key ?? pair.privateKey, opts.kid ?? kid, {
        iss: issuer,
        aud: audience,
        iat: now,
        exp: now + (opts.expIn ?? 300),
        ...claims,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
