// Where the DynamoDB coordinator keeps its records, and the expiry rule every reader applies.
// The table has the CirrusFS key schema (aws/dynamodb-table.ts: pk, sk binary); it may be the
// metadata table itself: every partition here starts with "~coord/", and no metadata group does
// (fs/keys.ts: groups start with a letter), so the two never share a partition.
//
//   pk                      sk            attributes
//   ~coord/inst             {id}          epoch N, exp N, info S, [dead BOOL]
//       the instance's session and registration (dynamodb-session.ts): its InstanceInfo (write
//       verifier), the session's epoch (1, 2, … for each new session of this process), and
//       `exp`, the wall-clock time (ms) its holder's last renewal asked to be kept until.
//       `dead` once another instance judged it expired (then it is never renewed again).
//   ~coord/leader           leader        token N, [owner S, epoch N, since S]
//       the leader record (dynamodb-election.ts): the owner and the epoch of the session it
//       leads with; no owner = vacant (its leader resigned). `token` is the fencing token: one
//       more at every claim, kept across resignations, so it only grows.
//   ~coord/dirty/{id}       {fs}.{ino}    verifier S, epoch N
//       instance {id} holds unflushed writes of the file (dynamodb-flush-requests.ts)
//   ~coord/flushreq/{id}    {fs}.{ino}    by S, nonce S
//       a request that instance {id} flush the file; it polls its partition while it holds
//       unflushed writes
//
// The expiry rule (the clock-skew margin): DynamoDB has no clock of its own in a condition, so
// a holder writes `exp` = its wall clock + TTL, and another instance judges the record expired
// only once its own wall clock is past `exp + CLOCK_SKEW_MARGIN_MS`. While the two wall clocks
// differ by less than the margin, that is after the holder's renewal was sent + TTL, in real
// time — and the holder stopped counting on the session FENCE_MARGIN_MS before that, on its
// monotonic clock (freshness.ts). A takeover of the leader record also needs the taker to have
// seen the same `exp` unchanged for a whole TTL on its own monotonic clock (the DynamoDB lock
// client's rule), which holds whatever the wall clocks say (dynamodb-election.ts).
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_KEY } from '../aws/dynamodb-table.ts';
import { invariant } from '../errno.ts';
import type { InstanceInfo } from './types.ts';

/**
 * How far apart the instances' wall clocks may be. NTP keeps hosts within tens of
 * milliseconds, Amazon Time Sync within one; 500 ms is far more, and small enough that a dead
 * leader is replaced within TTL + 1 s (the margin plus the election's poll).
 */
export const CLOCK_SKEW_MARGIN_MS = 500;

/** A wall clock in milliseconds since the epoch (Date.now), as written into `exp`. */
export type WallClock = () => number;
export const wallNow: WallClock = () => Date.now();

export type Item = Record<string, AttributeValue>;
export type ItemKey = Record<string, AttributeValue>;

const COORD = '~coord/';
const bytes = (s: string) => Buffer.from(s, 'latin1');
const key = (pk: string, sk: string): ItemKey => ({
  [TABLE_KEY.partition]: { B: bytes(pk) },
  [TABLE_KEY.sort]: { B: bytes(sk) },
});
const text = (v: AttributeValue | undefined) =>
  v?.B ? Buffer.from(v.B.buffer, v.B.byteOffset, v.B.byteLength).toString('latin1') : undefined;
const num = (v: AttributeValue | undefined) => (v?.N === undefined ? undefined : Number(v.N));
const fileItem = (fsId: number, ino: number) => `${fsId}.${ino}`;

export const INSTANCES = `${COORD}inst`;
export const instanceKey = (id: string) => key(INSTANCES, id);
export const LEADER_KEY = key(`${COORD}leader`, 'leader');
export const markerGroup = (id: string) => `${COORD}dirty/${id}`;
export const markerKey = (id: string, fsId: number, ino: number) => key(markerGroup(id), fileItem(fsId, ino));
export const requestGroup = (id: string) => `${COORD}flushreq/${id}`;
export const requestKey = (id: string, fsId: number, ino: number) => key(requestGroup(id), fileItem(fsId, ino));
/** The partition key attribute value of a group (for Query). */
export const partitionValue = (group: string): AttributeValue => ({ B: bytes(group) });

/** The primary key of an item read. */
export function keyOf(item: Item): ItemKey {
  return { [TABLE_KEY.partition]: item[TABLE_KEY.partition], [TABLE_KEY.sort]: item[TABLE_KEY.sort] };
}

/** The partition key of an item, as the string it was made from. */
export function groupOf(item: Item): string {
  const pk = text(item[TABLE_KEY.partition]);
  invariant(pk !== undefined, 'a coordination item has its partition key');
  return pk;
}

/** The instance a dirty marker belongs to. */
export function markerOwner(item: Item): string {
  const group = groupOf(item);
  const prefix = markerGroup('');
  invariant(group.startsWith(prefix), 'a dirty marker lives under ~coord/dirty/');
  return group.slice(prefix.length);
}

/** The sort key of an item, as the string it was made from. */
export function sortKeyOf(item: Item): string {
  const sk = text(item[TABLE_KEY.sort]);
  invariant(sk !== undefined, 'a coordination item has its sort key');
  return sk;
}

/** `{fs}.{ino}` of a marker or request item. */
export function fileOf(item: Item): { fsId: number; ino: number } {
  const m = /^(\d+)\.(\d+)$/.exec(sortKeyOf(item));
  invariant(m, 'a marker or request is keyed by {fs}.{ino}');
  return { fsId: Number(m[1]), ino: Number(m[2]) };
}

export interface InstanceRecord {
  id: string;
  epoch: number;
  /** Wall-clock ms the holder asked the record be kept until (see the expiry rule). */
  expiresAt: number;
  info: InstanceInfo;
  dead: boolean;
}

export function instanceItem(r: Omit<InstanceRecord, 'dead'>): Item {
  return {
    ...instanceKey(r.id),
    epoch: { N: String(r.epoch) },
    exp: { N: String(r.expiresAt) },
    info: { S: JSON.stringify(r.info) },
  };
}

export function decodeInstance(item: Item | undefined): InstanceRecord | undefined {
  if (!item) return undefined;
  const epoch = num(item.epoch);
  const expiresAt = num(item.exp);
  const info = item.info?.S;
  invariant(epoch !== undefined && expiresAt !== undefined && info !== undefined, 'an instance record is whole');
  return {
    id: sortKeyOf(item),
    epoch,
    expiresAt,
    info: JSON.parse(info) as InstanceInfo,
    dead: item.dead?.BOOL === true,
  };
}

/** Whether a reader whose wall clock reads `wall` may judge a record with this `exp` expired. */
export function pastExpiry(expiresAt: number, wall: number, skewMs: number): boolean {
  return wall > expiresAt + skewMs;
}

/** A session is alive to a reader until it was judged dead or is past its expiry by the rule. */
export function aliveAt(r: InstanceRecord, wall: number, skewMs: number): boolean {
  return !r.dead && !pastExpiry(r.expiresAt, wall, skewMs);
}

export interface LeaderRecord {
  /** Undefined: vacant (the last leader resigned). */
  owner?: string;
  epoch: number;
  token: number;
  since?: string;
}

export function leaderItem(r: Required<LeaderRecord>): Item {
  return {
    ...LEADER_KEY,
    owner: { S: r.owner },
    epoch: { N: String(r.epoch) },
    token: { N: String(r.token) },
    since: { S: r.since },
  };
}

export function decodeLeader(item: Item | undefined): LeaderRecord | undefined {
  if (!item) return undefined;
  const token = num(item.token);
  invariant(token !== undefined && token > 0, 'a leader record has its fencing token');
  return { owner: item.owner?.S, epoch: num(item.epoch) ?? 0, token, since: item.since?.S };
}

export function markerItem(id: string, fsId: number, ino: number, verifier: string, epoch: number): Item {
  return { ...markerKey(id, fsId, ino), verifier: { S: verifier }, epoch: { N: String(epoch) } };
}

export function decodeMarker(item: Item): { verifier: string; epoch: number } {
  const verifier = item.verifier?.S;
  const epoch = num(item.epoch);
  invariant(verifier !== undefined && epoch !== undefined, 'a dirty marker has its verifier and epoch');
  return { verifier, epoch };
}

export function requestItem(holder: string, fsId: number, ino: number, by: string, nonce: string): Item {
  return { ...requestKey(holder, fsId, ino), by: { S: by }, nonce: { S: nonce } };
}
