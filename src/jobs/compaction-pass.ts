// The sweeper's compaction job (DIGEST §4.1 step 1, as a leader pass rather than Curve's
// per-partition workers): walk a filesystem's compaction candidates (fs/compaction-queue.ts)
// and compact what their chunks need, within the pass's chunk budget — paced like the seed,
// `max_chunks_per_compact=10` per pass — asserting the sweeper's permit before every chunk. A
// file whose visit ran out of budget keeps its record with where to carry on; a file visited
// to the end loses it, unless a flush or truncate noted it again meanwhile.
import { LeadershipLost } from '../coord/leadership.ts';
import type { Compactor, CompactResult } from '../data/compactor.ts';
import { FsError } from '../errno.ts';
import { decodeCandidate, encodeCandidate } from '../fs/compaction-queue.ts';
import { compactionKey, readOrdUint, compactionGroup } from '../fs/keys.ts';
import type { FsInfo } from '../fs/model.ts';
import { drain } from './drain.ts';
import type { QueueContext } from './queues.ts';

/** DIGEST §4.1 step 3: metaserver.conf `s3compactwq.max_chunks_per_compact=10`, here per sweeper pass. */
export const COMPACT_CHUNKS_PER_PASS = 10;

export interface CompactionBudget {
  chunksLeft: number;
}

/** Settle a candidate after a visit: keep it (with where to resume) or drop it, unless it was noted again since. */
async function settle(q: QueueContext, fs: FsInfo, ino: number, seen: number, nextChunk?: number): Promise<void> {
  await q.kv.transact(async (tx) => {
    const key = compactionKey(fs.id, ino);
    const raw = await tx.get(key);
    if (!raw || decodeCandidate(raw).seq !== seen) return; // noted again: visit it from the start
    if (nextChunk === undefined) tx.delete(key);
    else tx.put(key, encodeCandidate({ seq: seen, fromChunk: nextChunk }));
  });
}

function record(q: QueueContext, r: CompactResult): void {
  q.book.done('compaction', r.chunksCompacted);
  q.book.count('compaction', 'filesVisited');
  q.book.count('compaction', 'slicesReplaced', r.slicesReplaced);
  q.book.count('compaction', 'slicesWritten', r.slicesWritten);
  q.book.count('compaction', 'bytesWritten', r.bytesWritten);
  q.book.count('compaction', 'chunksStale', r.chunksStale);
}

export async function compactCandidates(
  q: QueueContext,
  compactor: Compactor,
  fs: FsInfo,
  budget: CompactionBudget,
  log: (msg: string, err?: unknown) => void,
): Promise<void> {
  q.book.ran('compaction');
  await drain(q.kv, q.permit, compactionGroup(fs.id), async (item, value) => {
    if (budget.chunksLeft <= 0) return 'stop';
    const [ino] = readOrdUint(item);
    const candidate = decodeCandidate(value);
    try {
      const r = await compactor.compactFile(fs, ino, {
        permit: q.permit,
        maxChunks: budget.chunksLeft,
        fromChunk: candidate.fromChunk,
      });
      budget.chunksLeft -= r.chunksCompacted;
      record(q, r);
      await settle(q, fs, ino, candidate.seq, r.nextChunk);
      return r.nextChunk === undefined ? 'skip' : 'stop';
    } catch (e) {
      if (e instanceof LeadershipLost) throw e;
      // A file removed or turned into something else has nothing to compact: its record goes.
      // Anything else (an unavailable object store, a missing object: damage for fsck) is
      // recorded and the record stays, so a later pass tries again; this pass goes on.
      const gone = e instanceof FsError && ['ENOENT', 'EISDIR', 'EINVAL'].includes(e.code);
      if (gone) {
        await settle(q, fs, ino, candidate.seq);
      } else {
        q.book.failed('compaction', e);
        log(`compaction of inode ${ino} in filesystem ${fs.name} failed`, e);
      }
      return 'skip';
    }
  });
}
