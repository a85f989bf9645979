// Direct downloads (DESIGN §4 "Direct data plane"): a client reads a file straight from S3.
//
//   plan      the read plan of a range (data/planner.ts, as readData plans it) with a presigned
//             GET per object piece (the client sends the object range as its Range header)
//             and zero-filled holes marked. This instance's unflushed writes of the file are
//             committed first, so the plan covers every write this instance acknowledged (as
//             readData through it would). At most DIRECT_MAX_PLAN_PIECES pieces: a longer
//             range is answered in part (`complete: false`), the client asks again from `end`.
//   redirect  downloadFile?redirect=true: a presigned URL to answer 307 with, when the client's
//             request means the same bytes on one object as on the file — the object's first
//             byte is the file's first byte, and either the Range lies within the file or the
//             object holds the whole file. Otherwise the normal answer.
// Objects of a replaced file stay for GEN_PURGE_GRACE_MS (jobs/sweeper.ts): a client that gets
// 404 from a URL asks for a fresh plan.
import { fsErr } from '../errno.ts';
import { objectKey, sliceBlocks, type Geometry } from '../fs/layout.ts';
import type { Slice } from '../fs/model.ts';
import type { Caller } from '../fs/namespace.ts';
import type { FileAt, FileSystems, UnflushedWrites } from '../fs/service.ts';
import type { DirectAccess } from '../objects/direct.ts';
import type { ObjectStore } from '../objects/types.ts';
import { DIRECT_URL_EXPIRY_S, requireDirect } from './direct-access.ts';
import { type ByteRange, clipRange } from './file-reads.ts';
import { planRead, type Piece } from './planner.ts';

/** Pieces one plan holds: bounds the answer (about 1 KiB per URL). */
export const DIRECT_MAX_PLAN_PIECES = 1000;

export type PlanPiece =
  | { fileOffset: number; length: number; zero: true }
  | { fileOffset: number; length: number; url: string; objectRange: { start: number; end: number } };

export interface DownloadPlan {
  ino: number;
  /** The file's length (committed, after this instance's writes were flushed). */
  fileLength: number;
  offset: number;
  /** The plan covers [offset, end). */
  end: number;
  /** False when the range held more than DIRECT_MAX_PLAN_PIECES pieces: ask again from `end`. */
  complete: boolean;
  /** When the URLs stop working. */
  expiresAt: string;
  pieces: PlanPiece[];
}

/** The size of the object named `key` among a file's slices (its block's share of its slice). */
function objectSize(g: Geometry, fsId: number, ino: number, slices: Map<number, Slice[]>, key: string) {
  for (const list of slices.values()) {
    for (const s of list) {
      for (const b of sliceBlocks(g, s))
        if (objectKey(fsId, ino, s.sliceId, b.blockIndex, s.compaction) === key) return b.len;
    }
  }
  return undefined;
}

export interface DirectReadsDeps {
  fss: FileSystems;
  objects: ObjectStore;
  direct: DirectAccess | undefined;
  unflushed: UnflushedWrites;
}

export class DirectReads {
  constructor(private readonly d: DirectReadsDeps) {}

  /** getDownloadPlan: [offset, offset + length) of the file (to its end without a length). */
  async plan(
    fsName: string,
    caller: Caller,
    at: FileAt,
    range: { offset: number; length?: number },
  ): Promise<DownloadPlan> {
    const direct = requireDirect(this.d.direct, this.d.objects.kind);
    const { fss } = this.d;
    const found = await fss.readFile(fsName, caller, at, async (f) => ({ fsId: f.fs.id, ino: f.inode.ino }));
    await this.d.unflushed.settle(found.fsId, found.ino);
    const planned = await fss.readFile(fsName, caller, { ino: found.ino }, async (file) => {
      const { fs, inode } = file;
      if (range.offset > inode.length) {
        throw fsErr('ERANGE', `offset ${range.offset} is past the end (${inode.length} bytes)`, {
          length: inode.length,
        });
      }
      const end = Math.min(inode.length, range.length === undefined ? inode.length : range.offset + range.length);
      const all = planRead(
        fs,
        fs.id,
        inode.ino,
        inode.truncMarks,
        await file.slices({ start: range.offset, end }),
        range.offset,
        end,
      );
      const pieces = all.slice(0, DIRECT_MAX_PLAN_PIECES);
      const last = pieces[pieces.length - 1];
      return {
        fileLength: inode.length,
        pieces,
        end: last ? last.offset + last.len : end,
        complete: pieces.length === all.length,
      };
    });
    const urls = new Map<string, Promise<string>>(); // one URL per object, however many pieces it holds
    const sign = (key: string) => {
      const known = urls.get(key);
      if (known) return known;
      const url = direct.presignGet(key, { expiresInS: DIRECT_URL_EXPIRY_S });
      urls.set(key, url);
      return url;
    };
    const pieces = await Promise.all(
      planned.pieces.map(async (p: Piece): Promise<PlanPiece> => {
        if (p.kind === 'zero') return { fileOffset: p.offset, length: p.len, zero: true };
        if (p.kind !== 'object') throw new Error('a plan made after a flush holds no cached bytes');
        return {
          fileOffset: p.offset,
          length: p.len,
          url: await sign(p.key),
          objectRange: { start: p.objectOffset, end: p.objectOffset + p.len },
        };
      }),
    );
    return {
      ino: found.ino,
      fileLength: planned.fileLength,
      offset: range.offset,
      end: planned.end,
      complete: planned.complete,
      expiresAt: new Date(Date.now() + DIRECT_URL_EXPIRY_S * 1000).toISOString(),
      pieces,
    };
  }

  /** A presigned URL that answers this download by itself (see the header), or undefined. */
  async redirect(
    fsName: string,
    caller: Caller,
    path: string,
    range: ByteRange | undefined,
  ): Promise<string | undefined> {
    const direct = this.d.direct;
    if (!direct) return undefined;
    const key = await this.d.fss.readFile(fsName, caller, { path }, async (file) => {
      const { fs, inode } = file;
      if (this.d.unflushed.cachedEnd(fs.id, inode.ino) !== undefined) return undefined; // bytes only this instance has
      let span: { start: number; end: number } | undefined;
      try {
        span = clipRange(range, inode.length);
      } catch {
        return undefined; // unsatisfiable: the normal answer says so (416)
      }
      const start = span?.start ?? 0;
      const end = span?.end ?? inode.length;
      if (end <= start) return undefined;
      const slices = await file.slices({ start, end });
      const pieces = planRead(fs, fs.id, inode.ino, inode.truncMarks, slices, start, end);
      const p = pieces[0];
      if (pieces.length !== 1 || p.kind !== 'object' || p.objectOffset !== p.offset) return undefined;
      const withinFile =
        range !== undefined && 'start' in range && range.end !== undefined && range.end <= inode.length;
      if (!withinFile && objectSize(fs, fs.id, inode.ino, slices, p.key) !== inode.length) return undefined;
      return p.key;
    });
    return key === undefined ? undefined : direct.presignGet(key, { expiresInS: DIRECT_URL_EXPIRY_S });
  }
}
