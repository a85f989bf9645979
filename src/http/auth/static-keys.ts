// Static bearer tokens: the document holds each token's SHA-256, never the token. A presented
// token is hashed and compared with every stored hash in constant time (no early exit, no map
// lookup keyed by attacker input), so timing tells nothing about which hashes exist.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyEntryT } from './document.ts';
import { scopeTable, type Principal, type Scope } from './principal.ts';

export function sha256(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

export class StaticKeys {
  private readonly keys: { digest: Buffer; principal: Principal }[];

  constructor(entries: readonly KeyEntryT[]) {
    this.keys = entries.map((k) => ({
      digest: Buffer.from(k.sha256, 'hex'),
      principal: {
        subject: k.subject,
        caller: { uid: k.uid, gid: k.gid, groups: Object.freeze([...(k.groups ?? [])]) },
        scopes: scopeTable(
          Object.entries(k.scopes).flatMap(([fs, scopes]) => scopes.map((s): [string, Scope] => [fs, s])),
        ),
      },
    }));
  }

  get size(): number {
    return this.keys.length;
  }

  /** The principal a token belongs to, if any. */
  find(token: string): Principal | undefined {
    const digest = sha256(token);
    let found: Principal | undefined;
    for (const k of this.keys) {
      if (timingSafeEqual(k.digest, digest) && !found) found = k.principal;
    }
    return found;
  }
}
