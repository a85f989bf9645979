// Compaction candidates (DIGEST §4.1 step 1: "enqueues inode keys; a key already queued is not
// enqueued again"). Curve's workers walk every inode of a partition forever; here files cannot
// be enumerated cheaply (every inode is its own group), so the changes that can make a chunk
// worth compacting leave a record instead: a flush committing on top of earlier slices, and a
// shrinking truncate (bytes past the end). The record is one key per file, written blind (it
// adds no read to the committing transaction, so no conflicts), and says which commit sequence
// it was last noted at: the compaction pass removes it only if nothing was noted since it
// looked, and records where it stopped when its budget ran out.
import type { Tx } from '../kv/types.ts';
import { compactionKey } from './keys.ts';
import { RecordReader, RecordWriter } from './record.ts';

export interface CompactionCandidate {
  /** The file's commit sequence when it was last noted. */
  seq: number;
  /** The first chunk a pass has not examined yet (0: from the start). */
  fromChunk: number;
}

/** candidate: seq · fromChunk. */
export function encodeCandidate(c: CompactionCandidate): Buffer {
  return new RecordWriter().uint(c.seq).uint(c.fromChunk).done();
}

export function decodeCandidate(buf: Uint8Array): CompactionCandidate {
  const r = new RecordReader(buf);
  return { seq: r.uint(), fromChunk: r.uint() };
}

/** Part of a transaction that may have made a chunk of `ino` worth compacting (examined from chunk 0). */
export function noteCandidate(tx: Tx, fsId: number, ino: number, seq: number): void {
  tx.put(compactionKey(fsId, ino), encodeCandidate({ seq, fromChunk: 0 }));
}
