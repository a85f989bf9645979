// How KV keys and values are laid out in the DynamoDB table (DESIGN §3.2), and DynamoDB's
// limits as this engine declares them.
//
//   attribute  type  holds
//   pk         B     the key's group bytes (partition key)
//   sk         B     the key's item bytes (sort key): byte order is the scan order
//   v          N     the version: a random integer in [1, 2^53), new on every write
//   val        B     the value (may be empty)
//
// Why random versions: a per-key counter would restart at 1 when a key is deleted and created
// again (DynamoDB keeps no tombstone), so a transaction that read version 3 before the delete
// could see its condition `v = 3` hold again after a few writes (ABA). A random 53-bit version
// repeats for one key with probability 2^-53 per write, which the condition checks and the
// read-only snapshot rule (dynamodb-reads.ts) rely on: a key seen twice at one version was not
// written in between. Versions are compared for equality only, never ordered.
import { randomBytes } from 'node:crypto';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TABLE_KEY } from '../aws/dynamodb-table.ts';
import { fsErr, invariant } from '../errno.ts';
import type { Key, KvLimits } from './types.ts';

export const ATTR = { group: TABLE_KEY.partition, item: TABLE_KEY.sort, version: 'v', value: 'val' } as const;

/** DynamoDB: an item (attribute names and values) is at most 400 KB. */
export const DYNAMO_MAX_ITEM_BYTES = 400 * 1024;
/** DynamoDB: a sort key is at most 1 KB (a partition key 2 KB: group and item together stay under both). */
export const DYNAMO_MAX_SORT_KEY_BYTES = 1024;
/** DynamoDB: a transaction holds at most 100 actions, one per item (no two actions on one item). */
export const DYNAMO_MAX_TX_ACTIONS = 100;
/** DynamoDB: the items of one transaction total at most 4 MB. */
export const DYNAMO_MAX_TX_BYTES = 4 * 1024 * 1024;
/** DynamoDB: BatchGetItem reads at most 100 keys a call; TransactGetItems at most 100. */
export const DYNAMO_MAX_KEYS_PER_READ = 100;
/** DynamoDB: a number takes at most 21 bytes (38 significant digits); ours (< 2^53) far fewer. */
const MAX_NUMBER_BYTES = 21;
const NAME_BYTES = ATTR.group.length + ATTR.item.length + ATTR.version.length + ATTR.value.length;

/** The DynamoDB engine's limits: the KV seam's, and the per-transaction ones it also enforces. */
export interface DynamoLimits extends KvLimits {
  /** Keys read and keys written together (each key is one action of the commit). */
  maxKeysPerTx: number;
  /** Bytes of all items one commit writes (DynamoDB's sizing: names and values). */
  maxTxBytes: number;
  maxItemBytes: number;
}

export const DYNAMO_LIMITS: DynamoLimits = {
  maxWritesPerTx: DYNAMO_MAX_TX_ACTIONS,
  maxKeysPerTx: DYNAMO_MAX_TX_ACTIONS,
  maxKeyBytes: DYNAMO_MAX_SORT_KEY_BYTES, // group + item
  // A value that fits with the longest key and the largest number in one item.
  maxValueBytes: DYNAMO_MAX_ITEM_BYTES - NAME_BYTES - DYNAMO_MAX_SORT_KEY_BYTES - MAX_NUMBER_BYTES,
  maxTxBytes: DYNAMO_MAX_TX_BYTES,
  maxItemBytes: DYNAMO_MAX_ITEM_BYTES,
  maxScanLimit: 1000,
};

export const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** The primary key attributes of a KV key (DynamoDB refuses empty binary key attributes). */
export function keyAttrs(key: Key): Record<string, AttributeValue> {
  if (key.group === '' || key.item === '') {
    throw fsErr('EINVAL', 'the DynamoDB engine stores no empty group or item (an empty key attribute is refused)');
  }
  return { [ATTR.group]: { B: latin1(key.group) }, [ATTR.item]: { B: latin1(key.item) } };
}

export function itemAttrs(key: Key, value: Buffer, version: number): Record<string, AttributeValue> {
  return { ...keyAttrs(key), [ATTR.version]: { N: String(version) }, [ATTR.value]: { B: value } };
}

/** Size of a stored item as DynamoDB counts it (names + values; a number ≤ 21 bytes). */
export function itemBytes(key: Key, valueBytes: number): number {
  return NAME_BYTES + key.group.length + key.item.length + MAX_NUMBER_BYTES + valueBytes;
}

export function newVersion(): number {
  const b = randomBytes(7);
  // 53 random bits; 0 means "absent" to the KV layer, so it is never a version.
  const v = (b.readUIntBE(0, 6) % 2 ** 45) * 256 + b[6];
  return v === 0 ? 1 : v;
}

export type Found = { value: Buffer; version: number } | undefined;

/** A stored item as the KV layer sees it. */
export function decodeItem(item: Record<string, AttributeValue> | undefined): Found {
  if (!item) return undefined;
  const version = Number(item[ATTR.version]?.N);
  const raw = item[ATTR.value]?.B;
  invariant(Number.isSafeInteger(version) && version > 0 && raw !== undefined, 'a stored item has v and val');
  return { value: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength), version };
}

export function decodeItemKey(item: Record<string, AttributeValue>): string {
  const sk = item[ATTR.item]?.B;
  invariant(sk !== undefined, 'a stored item has its sort key');
  return Buffer.from(sk.buffer, sk.byteOffset, sk.byteLength).toString('latin1');
}

export function decodeGroup(item: Record<string, AttributeValue>): string {
  const pk = item[ATTR.group]?.B;
  invariant(pk !== undefined, 'a stored item has its partition key');
  return Buffer.from(pk.buffer, pk.byteOffset, pk.byteLength).toString('latin1');
}
