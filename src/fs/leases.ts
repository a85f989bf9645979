// Writer leases with fencing tokens (DESIGN §1.5, §5), kept in the metadata store next to the
// inode, so they hold across instances and so the transaction that commits a file's slices can
// check the token itself.
//
// A lease is a record {leaseId, token, expiresAt} in the inode's group; the token comes from a
// per-inode counter bumped by every acquisition, so it only grows. The server never renews a
// lease by itself: a client that stops renewing loses it after ttlMs, and whoever acquires it
// next gets a larger token. A writer is fenced by comparing its token with the record inside
// the committing transaction: once a newer token exists, an older one can never commit, even
// if its request was already in flight. (DESIGN suggests an etcd lease whose revision is the
// token; a record with a counter gives the same guarantee on every engine, and the commit
// compares it in the same transaction as the slices.)
import { randomBytes } from 'node:crypto';
import { fsErr } from '../errno.ts';
import type { KvStore, Tx } from '../kv/types.ts';
import { readInode, regularFile } from './inodes.ts';
import { leaseKeys } from './keys.ts';
import type { FsInfo } from './model.ts';
import { W_OK, checkAccess, type Caller } from './permissions.ts';

export const MIN_LEASE_TTL_MS = 1_000;
export const MAX_LEASE_TTL_MS = 10 * 60 * 1000;

export interface LeaseRecord {
  leaseId: string;
  token: number;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

export interface LeaseGrant {
  leaseId: string;
  token: number;
  expiresAt: string;
}

function read(raw: Buffer | undefined): LeaseRecord | undefined {
  return raw ? (JSON.parse(raw.toString('utf8')) as LeaseRecord) : undefined;
}

function grant(r: LeaseRecord): LeaseGrant {
  return { leaseId: r.leaseId, token: r.token, expiresAt: new Date(r.expiresAt).toISOString() };
}

export function checkTtl(ttlMs: number): number {
  if (!Number.isInteger(ttlMs) || ttlMs < MIN_LEASE_TTL_MS || ttlMs > MAX_LEASE_TTL_MS) {
    throw fsErr('EINVAL', `ttlMs must be an integer from ${MIN_LEASE_TTL_MS} to ${MAX_LEASE_TTL_MS}`);
  }
  return ttlMs;
}

function busy(r: LeaseRecord, now: number): never {
  throw fsErr('EBUSY', `the file is leased to another writer until ${new Date(r.expiresAt).toISOString()}`, {
    expiresAt: new Date(r.expiresAt).toISOString(),
    remainingMs: Math.max(0, r.expiresAt - now),
  });
}

/** Take the lease if nobody holds a live one. */
async function acquire(tx: Tx, fsId: number, ino: number, ttlMs: number, now: number): Promise<LeaseGrant> {
  const keys = leaseKeys(fsId, ino);
  const current = read(await tx.get(keys.lease));
  if (current && current.expiresAt > now) busy(current, now);
  const counter = await tx.get(keys.counter);
  const token = (counter ? Number(counter.toString()) : 0) + 1;
  const record: LeaseRecord = { leaseId: randomBytes(12).toString('hex'), token, expiresAt: now + ttlMs };
  tx.put(keys.counter, Buffer.from(String(token)));
  tx.put(keys.lease, Buffer.from(JSON.stringify(record)));
  return grant(record);
}

/**
 * Extend a lease by ttlMs from now. A lease that lapsed can still be renewed while nobody
 * else took it (its token is still the newest, so nothing was fenced).
 */
async function renew(
  tx: Tx,
  fsId: number,
  ino: number,
  leaseId: string,
  ttlMs: number,
  now: number,
): Promise<LeaseGrant> {
  const keys = leaseKeys(fsId, ino);
  const current = read(await tx.get(keys.lease));
  if (!current || current.leaseId !== leaseId) {
    if (current && current.expiresAt > now) busy(current, now);
    throw fsErr('ENOENT', 'that lease is gone: acquire a new one (with a new token)');
  }
  const record = { ...current, expiresAt: now + ttlMs };
  tx.put(keys.lease, Buffer.from(JSON.stringify(record)));
  return grant(record);
}

async function release(tx: Tx, fsId: number, ino: number, leaseId: string): Promise<void> {
  const keys = leaseKeys(fsId, ino);
  const current = read(await tx.get(keys.lease));
  if (!current || current.leaseId !== leaseId) throw fsErr('ENOENT', 'that lease is not held');
  tx.delete(keys.lease); // the counter stays: the next token is still larger
}

/**
 * Fencing, inside the transaction that writes the file: a live lease admits only its own
 * token, and once a newer token was issued an older one never writes again (even if the newer
 * lease has lapsed since). Writers without a token are admitted when no lease is live.
 */
export async function assertWriter(
  tx: Tx,
  file: { fsId: number; ino: number },
  token: number | undefined,
  now: number,
): Promise<void> {
  const keys = leaseKeys(file.fsId, file.ino);
  const [lease, counter] = await tx.getMany([keys.lease, keys.counter]);
  const current = read(lease);
  if (token === undefined) {
    if (current && current.expiresAt > now) busy(current, now);
    return;
  }
  // The counter holds the newest token ever issued: it stays when a lease is released, so a
  // superseded token is refused whether or not a lease is held now.
  const newest = counter ? Number(counter.toString()) : 0;
  if (token !== newest || (current && current.token !== token)) {
    throw fsErr(
      'EBUSY',
      `lease token ${token} is stale: token ${Math.max(newest, current?.token ?? 0)} was issued since`,
      {
        token,
        current: newest,
      },
    );
  }
}

/** The lease records of an inode go with it (the purge of its last name). */
export function deleteLeaseRecords(tx: Tx, fsId: number, ino: number): void {
  const keys = leaseKeys(fsId, ino);
  tx.delete(keys.lease);
  tx.delete(keys.counter);
}

/** What leases need of the catalogue: the live filesystem, read in a transaction. */
export interface OpensFilesystems {
  open(tx: Tx, name: string): Promise<FsInfo>;
}

/** The writer-lease operations of the API (acquireLease, renewLease, releaseLease), on regular files. */
export class Leases {
  constructor(
    private readonly kv: KvStore,
    private readonly catalogue: OpensFilesystems,
  ) {}

  /** A lease is for a writer: the caller must be able to write the file (EACCES). */
  private run<T>(
    fsName: string,
    caller: Caller,
    ino: number,
    fn: (tx: Tx, fsId: number, now: number) => Promise<T>,
  ): Promise<T> {
    return this.kv.transact(async (tx) => {
      const fs = await this.catalogue.open(tx, fsName);
      checkAccess(caller, regularFile(await readInode(tx, fs.id, ino), `inode ${ino}`), W_OK);
      return fn(tx, fs.id, Date.now());
    });
  }

  acquire(fsName: string, caller: Caller, ino: number, ttlMs: number): Promise<LeaseGrant> {
    checkTtl(ttlMs);
    return this.run(fsName, caller, ino, (tx, fsId, now) => acquire(tx, fsId, ino, ttlMs, now));
  }

  renew(fsName: string, caller: Caller, ino: number, leaseId: string, ttlMs: number): Promise<LeaseGrant> {
    checkTtl(ttlMs);
    return this.run(fsName, caller, ino, (tx, fsId, now) => renew(tx, fsId, ino, leaseId, ttlMs, now));
  }

  release(fsName: string, caller: Caller, ino: number, leaseId: string): Promise<void> {
    return this.run(fsName, caller, ino, (tx, fsId) => release(tx, fsId, ino, leaseId));
  }

  /** A write or flush is refused (423 EBUSY) while another writer holds the file's lease. */
  check(fs: { id: number }, ino: number, token: number | undefined): Promise<void> {
    return this.kv.transact((tx) => assertWriter(tx, { fsId: fs.id, ino }, token, Date.now()));
  }
}
