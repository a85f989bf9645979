// The authentication document (CIRRUS_AUTH_FILE, or the secret CIRRUS_AUTH_SECRET_ARN names):
// JSON or YAML, checked whole before it replaces the one in force (README "Security").
//
//   version: 1
//   keys:                      # static bearer tokens, stored as their SHA-256, never in clear
//     - subject: backup-job
//       sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
//       uid: 1000
//       gid: 1000
//       groups: [100]
//       scopes: { "*": [read], projects: [read, write] }
//   issuers:                   # identity providers whose JWTs are accepted
//     - issuer: https://login.example.com/
//       audience: cirrusfs
//       jwksUrl: https://login.example.com/.well-known/jwks.json   # or publicKey: PEM
//       claims: { subject: sub, uid: uid, gid: gid, groups: groups, scopes: scope }
import AjvModule from 'ajv';
import type { ValidateFunction } from 'ajv';
import { Type, type Static } from 'typebox';
import { fsErr } from '../../errno.ts';
import { MAX_ID } from '../../fs/namespace.ts';
import { SCOPES } from './principal.ts';

const Ajv = AjvModule.default;

/** The longest clock difference accepted between us and an issuer (its `clockSkewSeconds`). */
export const MAX_CLOCK_SKEW_SECONDS = 300;
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
/** Asymmetric algorithms only: a shared-secret (HS*) or unsigned ("none") token is never accepted. */
export const JWT_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
] as const;

const Id = Type.Integer({ minimum: 0, maximum: MAX_ID });
const FsKey = Type.String({ pattern: '^(\\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62})$' });
const ScopeName = Type.Union(SCOPES.map((s) => Type.Literal(s)));
const ClaimName = Type.String({ minLength: 1, maxLength: 256 });

const KeyEntry = Type.Object(
  {
    subject: Type.String({ minLength: 1, maxLength: 256 }),
    sha256: Type.String({ pattern: '^[0-9a-fA-F]{64}$', description: 'hex SHA-256 of the token' }),
    uid: Id,
    gid: Id,
    groups: Type.Optional(Type.Array(Id, { maxItems: 256 })),
    scopes: Type.Record(FsKey, Type.Array(ScopeName, { minItems: 1 })),
  },
  { additionalProperties: false },
);

const IssuerEntry = Type.Object(
  {
    issuer: Type.String({ minLength: 1 }),
    audience: Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })]),
    jwksUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
    publicKey: Type.Optional(Type.String({ pattern: '-----BEGIN PUBLIC KEY-----' })),
    algorithms: Type.Optional(Type.Array(Type.Union(JWT_ALGORITHMS.map((a) => Type.Literal(a))), { minItems: 1 })),
    clockSkewSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_CLOCK_SKEW_SECONDS })),
    claims: Type.Optional(
      Type.Object(
        {
          subject: Type.Optional(ClaimName),
          uid: Type.Optional(ClaimName),
          gid: Type.Optional(ClaimName),
          groups: Type.Optional(ClaimName),
          scopes: Type.Optional(ClaimName),
        },
        { additionalProperties: false },
      ),
    ),
    /** Prefix of the scope strings meant for CirrusFS in the scopes claim ("cirrus:" → "cirrus:projects:write"). */
    scopePrefix: Type.Optional(Type.String({ maxLength: 64 })),
    /** Used when a token lacks the uid, gid or groups claim (absent: such a token is refused). */
    defaults: Type.Optional(
      Type.Object(
        { uid: Type.Optional(Id), gid: Type.Optional(Id), groups: Type.Optional(Type.Array(Id, { maxItems: 256 })) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

const AuthDocumentSchema = Type.Object(
  {
    version: Type.Literal(1),
    keys: Type.Optional(Type.Array(KeyEntry)),
    issuers: Type.Optional(Type.Array(IssuerEntry)),
  },
  { additionalProperties: false },
);

export type KeyEntryT = Static<typeof KeyEntry>;
export type IssuerEntryT = Static<typeof IssuerEntry>;
export interface AuthDocument {
  keys: KeyEntryT[];
  issuers: IssuerEntryT[];
}

// Compiled on the first document parsed, not at import: a deployment without an auth document
// never needs it, and compiling it cost a Lambda cold start ~60 ms of CPU.
let compiled: ValidateFunction | undefined;
const validator = (): ValidateFunction =>
  (compiled ??= new Ajv({ allErrors: false, strict: false }).compile(AuthDocumentSchema));

/** The document's data: JSON as such, anything else as YAML (whose parser is imported only then). */
async function parseText(text: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    const { parse } = await import('yaml');
    return parse(text); // also the clearer error for JSON that is not quite JSON
  }
}

/** Parse and check an authentication document; `origin` names it in errors. */
export async function parseAuthDocument(text: string, origin: string): Promise<AuthDocument> {
  let raw: unknown;
  try {
    raw = await parseText(text);
  } catch (e) {
    throw fsErr('EINVAL', `${origin}: not JSON or YAML: ${(e as Error).message}`);
  }
  const validate = validator();
  if (!validate(raw)) {
    const err = validate.errors?.[0];
    throw fsErr('EINVAL', `${origin}: ${err?.instancePath || '/'} ${err?.message ?? 'is invalid'}`);
  }
  const doc = raw as Static<typeof AuthDocumentSchema>;
  const keys = doc.keys ?? [];
  const issuers = doc.issuers ?? [];
  const hashes = new Set(keys.map((k) => k.sha256.toLowerCase()));
  if (hashes.size !== keys.length) throw fsErr('EINVAL', `${origin}: two keys have the same sha256`);
  for (const i of issuers) {
    if (!i.jwksUrl === !i.publicKey)
      throw fsErr('EINVAL', `${origin}: issuer ${i.issuer} needs jwksUrl or publicKey (one)`);
  }
  if (new Set(issuers.map((i) => i.issuer)).size !== issuers.length)
    throw fsErr('EINVAL', `${origin}: an issuer is listed twice`);
  if (keys.length === 0 && issuers.length === 0) throw fsErr('EINVAL', `${origin}: no keys and no issuers`);
  return { keys, issuers };
}
