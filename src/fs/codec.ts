// Binary encodings of the metadata records in model.ts (layout documented per function).
import { fsErr } from '../errno.ts';
import type { KvLimits } from '../kv/types.ts';
import type { Dentry, DirShard, FileType, Inode, Slice, Timespec } from './model.ts';
import { RecordReader, RecordWriter } from './record.ts';

const TYPE_CODES: Record<FileType, number> = { dir: 1, file: 2, symlink: 3 }; // DIGEST §2.1 FsFileType
const TYPES_BY_CODE: FileType[] = [];
for (const [t, c] of Object.entries(TYPE_CODES)) TYPES_BY_CODE[c] = t as FileType;

function typeOf(code: number): FileType {
  const t = TYPES_BY_CODE[code];
  if (!t) throw fsErr('EIO', `unknown file type code ${code}`);
  return t;
}

const INODE_FORMAT = 1;
const HAS_TARGET = 1;
const HAS_RDEV = 2;
const HAS_MARKS = 4;
const HAS_DTIME = 8;
const HAS_SEQ = 16;
const HAS_INLINE = 32;
const HAS_CONTENT_TYPE = 64;

const writeTime = (w: RecordWriter, t: Timespec) => w.int(t.sec).uint(t.nsec);
const readTime = (r: RecordReader): Timespec => ({ sec: r.int(), nsec: r.uint() });

/**
 * Inode: u8 format · u8 type · mode · uid · gid · nlink · length · atime · mtime · ctime ·
 * version · gen · parentCount · parents… · u8 flags · [target] [rdev] [marks] [dtime] [seq]
 * [contentType] (absent for the default type, so a default file pays nothing for it).
 * The HAS_INLINE flag carries no field: the contents are the inode's inline record.
 */
export function encodeInode(i: Inode): Buffer {
  const w = new RecordWriter().u8(INODE_FORMAT).u8(TYPE_CODES[i.type]);
  w.uint(i.mode).uint(i.uid).uint(i.gid).uint(i.nlink).uint(i.length);
  writeTime(w, i.atime);
  writeTime(w, i.mtime);
  writeTime(w, i.ctime);
  w.uint(i.version).uint(i.gen).uint(i.parents.length);
  for (const p of i.parents) w.uint(p);
  const flags =
    (i.target !== undefined ? HAS_TARGET : 0) |
    (i.rdev ? HAS_RDEV : 0) |
    (i.truncMarks.length > 0 ? HAS_MARKS : 0) |
    (i.dtime ? HAS_DTIME : 0) |
    (i.seq ? HAS_SEQ : 0) |
    (i.inline ? HAS_INLINE : 0) |
    (i.contentType !== undefined ? HAS_CONTENT_TYPE : 0);
  w.u8(flags);
  if (i.target !== undefined) w.str(i.target);
  if (i.rdev) w.uint(i.rdev);
  if (i.truncMarks.length > 0) {
    w.uint(i.truncMarks.length);
    for (const m of i.truncMarks) w.uint(m.after).uint(m.length);
  }
  if (i.dtime) writeTime(w, i.dtime);
  if (i.seq) w.uint(i.seq);
  if (i.contentType !== undefined) w.str(i.contentType);
  return w.done();
}

export function decodeInode(ino: number, buf: Uint8Array): Inode {
  const r = new RecordReader(buf);
  if (r.u8() !== INODE_FORMAT) throw fsErr('EIO', `inode ${ino} has an unknown record format`);
  const type = typeOf(r.u8());
  const [mode, uid, gid, nlink, length] = [r.uint(), r.uint(), r.uint(), r.uint(), r.uint()];
  const atime = readTime(r);
  const mtime = readTime(r);
  const ctime = readTime(r);
  const version = r.uint();
  const gen = r.uint();
  const parents = Array.from({ length: r.uint() }, () => r.uint());
  const flags = r.u8();
  const inode: Inode = {
    ino,
    type,
    mode,
    uid,
    gid,
    nlink,
    length,
    atime,
    mtime,
    ctime,
    rdev: 0,
    version,
    parents,
    gen,
    seq: 0,
    truncMarks: [],
  };
  if (flags & HAS_TARGET) inode.target = r.str();
  if (flags & HAS_RDEV) inode.rdev = r.uint();
  if (flags & HAS_MARKS)
    inode.truncMarks = Array.from({ length: r.uint() }, () => ({ after: r.uint(), length: r.uint() }));
  if (flags & HAS_DTIME) inode.dtime = readTime(r);
  if (flags & HAS_SEQ) inode.seq = r.uint();
  if (flags & HAS_INLINE) inode.inline = true;
  if (flags & HAS_CONTENT_TYPE) inode.contentType = r.str();
  return inode;
}

/** Dentry: ino · u8 type. */
export function encodeDentry(d: Dentry): Buffer {
  return new RecordWriter().uint(d.ino).u8(TYPE_CODES[d.type]).done();
}

export function decodeDentry(buf: Uint8Array): Dentry {
  const r = new RecordReader(buf);
  return { ino: r.uint(), type: typeOf(r.u8()) };
}

/** DirShard: entries (signed) · subdirs (signed) · changed · ops. */
export function encodeDirShard(s: DirShard): Buffer {
  const w = new RecordWriter().int(s.entries).int(s.subdirs);
  writeTime(w, s.changed);
  return w.uint(s.ops).done();
}

export function decodeDirShard(buf: Uint8Array): DirShard {
  const r = new RecordReader(buf);
  return { entries: r.int(), subdirs: r.int(), changed: readTime(r), ops: r.uint() };
}

/** Extensions of a slice record, flagged in the u8 after `zero` (records without it have none). */
const SLICE_HAS_CHECKSUMS = 1;

/**
 * Slice (DIGEST §2.3, plus the commit sequence): sliceId · seq · compaction · offset · len ·
 * u8 zero · [u8 extensions · [checksums: pageBytes · objects · (pages · crc…)…]]. Records
 * written before checksums end after `zero` and decode without them.
 */
export function encodeSlice(s: Slice): Buffer {
  const w = new RecordWriter().uint(s.sliceId).uint(s.seq).uint(s.compaction).uint(s.offset).uint(s.len);
  w.u8(s.zero ? 1 : 0);
  if (!s.checksums) return w.done();
  w.u8(SLICE_HAS_CHECKSUMS).uint(s.checksums.pageBytes).uint(s.checksums.objects.length);
  for (const pages of s.checksums.objects) {
    w.uint(pages.length);
    for (const crc of pages) w.uint(crc);
  }
  return w.done();
}

export function decodeSlice(buf: Uint8Array): Slice {
  const r = new RecordReader(buf);
  const slice: Slice = {
    sliceId: r.uint(),
    seq: r.uint(),
    compaction: r.uint(),
    offset: r.uint(),
    len: r.uint(),
    zero: r.u8() === 1,
  };
  if (r.remaining === 0) return slice;
  const extensions = r.u8();
  if (extensions & ~SLICE_HAS_CHECKSUMS) throw fsErr('EIO', `slice ${slice.sliceId} has unknown extensions`);
  if (extensions & SLICE_HAS_CHECKSUMS) {
    const pageBytes = r.uint();
    const objects = Array.from({ length: r.uint() }, () => Array.from({ length: r.uint() }, () => r.uint()));
    slice.checksums = { pageBytes, objects };
  }
  return slice;
}

const INLINE_FORMAT = 1;
/** Bytes an inline record adds to the contents it holds. */
export const INLINE_HEADER_BYTES = 1;

/** Inline contents (DESIGN §3.3): u8 format · the file's first bytes, as they are. */
export function encodeInline(bytes: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(INLINE_HEADER_BYTES + bytes.length);
  out[0] = INLINE_FORMAT;
  out.set(bytes, INLINE_HEADER_BYTES);
  return out;
}

/** The most contents one inline record holds on an engine: what one value may hold, less the header. */
export function maxInlineBytes(limits: KvLimits): number {
  return limits.maxValueBytes - INLINE_HEADER_BYTES;
}

/** The contents an inline record holds (a view into `buf`, not a copy). */
export function decodeInline(buf: Buffer): Buffer {
  if (buf[0] !== INLINE_FORMAT) throw fsErr('EIO', 'inline contents have an unknown record format');
  return buf.subarray(INLINE_HEADER_BYTES);
}

/** Usage shard: inodes (signed) · bytes (signed). */
export function encodeUsage(u: { inodes: number; bytes: number }): Buffer {
  return new RecordWriter().int(u.inodes).int(u.bytes).done();
}

export function decodeUsage(buf: Uint8Array): { inodes: number; bytes: number } {
  const r = new RecordReader(buf);
  return { inodes: r.int(), bytes: r.int() };
}

/** Small, rarely written records (catalogue, intents, idempotency answers) are JSON. */
export function encodeJson(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value));
}

export function decodeJson<T>(buf: Uint8Array): T {
  return JSON.parse(Buffer.from(buf).toString('utf8')) as T;
}
