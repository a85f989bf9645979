// What the parent asks the raw DynamoDB load generator for (dynamodb-raw-child.ts).

export interface DynamoRawSpec {
  endpoint: string;
  table: string;
  /**
   * put: PutItem of a new item with attribute_not_exists(pk); get: GetItem (ConsistentRead) of
   * one item; tx: a TransactWriteItems shaped like a create's commit (RAW_TX_SHAPE); tx1: a
   * TransactWriteItems of one Put of a new item with attribute_not_exists(pk).
   */
  op: 'put' | 'get' | 'tx' | 'tx1';
  workers: number;
  seconds: number;
  /**
   * Tag of this run: put items are named `${tag}.${worker}.${n}` (tx and tx1 items add a suffix
   * of their own), so no two runs collide.
   */
  tag: string;
}

/** The partition the raw baseline writes to and reads from (no CirrusFS group starts with it). */
export const RAW_GROUP = 'rawbench';
/** The item every `get` reads, written by the parent before the runs. */
export const RAW_GET_ITEM = 'the-item';
/** Close to an inode record's size. */
export const RAW_VALUE_BYTES = 48;
/** The items every `tx` condition-checks (at version 1), like a create's catalogue and directory reads. */
export const RAW_CHECKED_ITEMS = ['checked-fs', 'checked-dir'];
/** A create's commit: 2 ConditionChecks (catalogue, directory) + 4 conditional Puts (dentry, inode, two counter shards). */
export const RAW_TX_SHAPE = '2 ConditionChecks + 4 conditional Puts';
