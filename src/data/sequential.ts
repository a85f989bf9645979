// Sequential readers (DIGEST §3.6 read-ahead): a read that starts where an earlier read of
// the same file ended continues that read's run. A run drives read-ahead; a run longer than
// the read cache's large-read limit is a scan, which streams past the cache the way one
// large read does (read-cache.ts), so reading a big file in small ranges neither flushes
// the cache nor keeps every byte it read. A file keeps a few runs, so readers interleaving
// on one file (two copies of it at once) do not break each other's runs.
import { READ_CACHE_MAX_READ_BYTES } from './read-cache.ts';

/** Files whose runs are remembered; past this the table starts afresh (runs just restart). */
const TRACKED_FILES = 10_000;
/** Runs remembered per file (concurrent sequential readers of one file); the oldest goes. */
export const RUNS_PER_FILE = 4;

export interface Run {
  /** Identifies the run (unique in the process): a scan's claim on read-cache pages. */
  id: number;
  /** This read starts where an earlier one of the file ended (and not at 0). */
  sequential: boolean;
  /** Bytes read by the run so far, this read included. */
  bytes: number;
  /** The run is a scan: its pages are dropped from the read cache once read. */
  scan: boolean;
  /** File offset up to which read-ahead has been asked for (see FileReads.readAhead). */
  aheadThrough: number;
}

type Tracked = Run & { end: number };

export class SequentialReads {
  /** Each file's runs, most recently continued first. */
  private readonly runs = new Map<string, Tracked[]>();
  private nextId = 1;

  /** Record a read of [start, end) of file `id`; the run it belongs to (mutable: aheadThrough). */
  note(id: string, start: number, end: number): Run {
    let list = this.runs.get(id);
    if (!list) {
      if (this.runs.size >= TRACKED_FILES) this.runs.clear();
      list = [];
      this.runs.set(id, list);
    }
    const at = start > 0 ? list.findIndex((r) => r.end === start) : -1;
    const last = at >= 0 ? list.splice(at, 1)[0] : undefined;
    const bytes = (last ? last.bytes : 0) + (end - start);
    const run: Tracked = {
      id: last ? last.id : this.nextId++,
      end,
      sequential: last !== undefined,
      bytes,
      scan: bytes > READ_CACHE_MAX_READ_BYTES,
      aheadThrough: last ? last.aheadThrough : 0,
    };
    list.unshift(run);
    if (list.length > RUNS_PER_FILE) list.pop();
    return run;
  }
}
