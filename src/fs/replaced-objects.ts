// Objects replaced by a compaction (DIGEST §4.1 step 9, with the grace period the doc asks
// about in its open question): the transaction that swaps a chunk's slices for the rebuilt one
// also queues the old slices' extents here, and the purge deletes their objects once the grace
// has passed, so a read planned with the old slice list can finish streaming them (and a later
// one meets a missing object, re-plans once, and reads the rebuilt slice: data/reader.ts).
import type { Tx } from '../kv/types.ts';
import { decodeJson, encodeJson } from './codec.ts';
import { replacedKey } from './keys.ts';
import { type Geometry, sliceObjectKeys } from './layout.ts';
import type { Slice } from './model.ts';

/** The extents that name the replaced objects (zero slices have none). */
export type ReplacedSlice = Pick<Slice, 'sliceId' | 'compaction' | 'offset' | 'len'>;

export interface ReplacedObjects {
  ino: number;
  slices: ReplacedSlice[];
}

/**
 * Part of the compaction's commit: queue the objects of `rec.slices`, at `atMs`, under one of
 * the replaced slices' ids (`sliceId`: unique, since ids are never reused and those slices go).
 */
export function queueReplaced(tx: Tx, fsId: number, at: { atMs: number; sliceId: number }, rec: ReplacedObjects): void {
  if (rec.slices.length === 0) return;
  tx.put(replacedKey(fsId, at.atMs, rec.ino, at.sliceId), encodeJson(rec));
}

export function decodeReplaced(raw: Uint8Array): ReplacedObjects {
  return decodeJson<ReplacedObjects>(raw);
}

export function replacedObjectKeys(g: Geometry, fsId: number, rec: ReplacedObjects): string[] {
  return rec.slices.flatMap((s) => sliceObjectKeys(g, fsId, rec.ino, { ...s, zero: false }));
}
