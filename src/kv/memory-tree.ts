// The memory engine's state (DESIGN §3.2): one ordered map from flat keys to stored values,
// each a byte string of a 6-byte big-endian version followed by the value bytes (strings cost
// far less heap than Buffers, which matters at millions of keys); and its image in a snapshot
// (snapshot.ts), whose reserved first pair carries the sequence it is at.
import sortedBtree from 'sorted-btree';
import type { LogOp } from './oplog.ts';
import { readSnapshot } from './snapshot.ts';

// sorted-btree is CommonJS with `exports.default`; under ESM the class sits one level down.
const BTree = sortedBtree.default;
export type Tree = InstanceType<typeof BTree<string, string>>;
const VERSION_BYTES = 6;
/** Reserved snapshot pair carrying the sequence the snapshot is at (like Curve's AppliedIndex). */
const SNAPSHOT_SEQ_KEY = '\xff\xff.seq';

export function newTree(): Tree {
  // Byte strings compare correctly with < (each char is one byte); the library's default
  // comparator handles mixed types and costs more on every lookup.
  return new BTree<string, string>(undefined, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function encodeStored(version: number, value: Buffer): string {
  const b = Buffer.allocUnsafe(VERSION_BYTES + value.length);
  b.writeUIntBE(version, 0, VERSION_BYTES);
  value.copy(b, VERSION_BYTES);
  return b.toString('latin1');
}

/**
 * A flat copy of a byte string. Concatenation makes V8 "cons strings" (a 32-byte node holding
 * both halves); keys kept for the life of the store are worth one copy to a plain string.
 */
export function flatCopy(s: string): string {
  return Buffer.from(s, 'latin1').toString('latin1');
}

export function storedVersion(stored: string): number {
  let v = 0;
  for (let i = 0; i < VERSION_BYTES; i++) v = v * 256 + stored.charCodeAt(i);
  return v;
}

export function storedValue(stored: string): Buffer {
  return Buffer.from(stored, 'latin1').subarray(VERSION_BYTES);
}

/** Apply one committed transaction's operations at version `seq`. */
export function applyOps(tree: Tree, seq: number, ops: readonly LogOp[]): void {
  for (const op of ops) {
    if (op.value) tree.set(op.key, encodeStored(seq, op.value));
    else tree.delete(op.key);
  }
}

/** A tree and the sequence it is at, from a snapshot file. */
export async function loadSnapshot(path: string): Promise<{ tree: Tree; seq: number }> {
  const tree = newTree();
  let seq = 0;
  const pairs: [string, string][] = [];
  await readSnapshot(path, (key, value) => {
    if (key === SNAPSHOT_SEQ_KEY) seq = Number(value.readBigUInt64LE(0));
    else pairs.push([key, value.toString('latin1')]);
  });
  tree.setPairs(pairs);
  return { tree, seq };
}

/** The pairs a snapshot of `view` at sequence `seq` holds, the sequence first. */
export function* snapshotPairs(view: Tree, seq: number): Generator<readonly [string, string | Buffer]> {
  const seqValue = Buffer.alloc(8);
  seqValue.writeBigUInt64LE(BigInt(seq));
  yield [SNAPSHOT_SEQ_KEY, seqValue];
  yield* view.entries();
}
