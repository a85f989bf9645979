// Sequential readers (DIGEST §3.6 read-ahead): a read that starts where the previous read of
// the same file ended continues that file's run. A run drives read-ahead; a run longer than
// the read cache's large-read limit is a scan, which streams past the cache the way one
// large read does (read-cache.ts), so reading a big file in small ranges neither flushes
// the cache nor keeps every byte it read.
import { READ_CACHE_MAX_READ_BYTES } from './read-cache.ts';

/** Files whose runs are remembered; past this the table starts afresh (runs just restart). */
const TRACKED_FILES = 10_000;

export interface Run {
  /** This read starts where the previous one of the file ended (and not at 0). */
  sequential: boolean;
  /** Bytes read by the run so far, this read included. */
  bytes: number;
  /** The run is a scan: its pages are dropped from the read cache once read. */
  scan: boolean;
  /** File offset up to which read-ahead has been asked for (see FileIo.readAhead). */
  aheadThrough: number;
}

export class SequentialReads {
  private readonly runs = new Map<string, Run & { end: number }>();

  /** Record a read of [start, end) of file `id`; the run it belongs to (mutable: aheadThrough). */
  note(id: string, start: number, end: number): Run {
    const last = this.runs.get(id);
    const sequential = start > 0 && last?.end === start;
    if (!last && this.runs.size >= TRACKED_FILES) this.runs.clear();
    const bytes = (sequential ? last!.bytes : 0) + (end - start);
    const run = {
      end,
      sequential,
      bytes,
      scan: bytes > READ_CACHE_MAX_READ_BYTES,
      aheadThrough: sequential ? last!.aheadThrough : 0,
    };
    this.runs.set(id, run);
    return run;
  }
}
