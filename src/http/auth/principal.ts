// Who a request comes from once its token checked out: a subject, the POSIX identity the fs
// layer checks permissions for, and its scopes per filesystem (DESIGN §6 "Auth").
import { invariant } from '../../errno.ts';
import { ROOT_CALLER, type Caller } from '../../fs/permissions.ts';

/** read < write < admin: each scope allows what the ones below it allow. */
export const SCOPES = ['read', 'write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/** Scopes apply to one filesystem by name, or to every filesystem as "*". */
export const ANY_FS = '*';

export interface Principal {
  subject: string;
  caller: Caller;
  /** The highest scope held per filesystem name (or ANY_FS). */
  scopes: ReadonlyMap<string, Scope>;
}

const rank = (s: Scope | undefined) => (s === undefined ? -1 : SCOPES.indexOf(s));

/** The highest of some scopes per filesystem. */
export function scopeTable(entries: Iterable<[string, Scope]>): ReadonlyMap<string, Scope> {
  const table = new Map<string, Scope>();
  for (const [fs, scope] of entries) if (rank(scope) > rank(table.get(fs))) table.set(fs, scope);
  return table;
}

/** Whether the principal holds `need` (or a higher scope) on filesystem `fs`. */
export function allows(p: Principal, fs: string, need: Scope): boolean {
  return Math.max(rank(p.scopes.get(fs)), rank(p.scopes.get(ANY_FS))) >= rank(need);
}

/** Whether it holds `need` on some filesystem. */
export function allowsAny(p: Principal, need: Scope): boolean {
  for (const s of p.scopes.values()) if (rank(s) >= rank(need)) return true;
  return false;
}

/**
 * Every request when authentication is off (loopback, or behind an authenticating proxy with
 * CIRRUS_ALLOW_UNAUTHENTICATED): root, with every scope.
 */
export const LOCAL_ROOT: Principal = Object.freeze({
  subject: 'local-root',
  caller: ROOT_CALLER,
  scopes: scopeTable([[ANY_FS, 'admin']]),
});

export function principalCaller(p: Principal | undefined): Caller {
  invariant(p, 'a request that reached an fs operation was authenticated');
  return p.caller;
}
