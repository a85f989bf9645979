// The metadata model (DESIGN §3.3, after CurveFS's protos in DIGEST §2).

export type FileType = 'file' | 'dir' | 'symlink';

/** Fixed inode ids (DIGEST §2.1: ROOTINODEID=1; 2 is Curve's recycle inode, kept free). */
export const ROOT_INO = 1;
/** Allocation starts above a few reserved ids. */
export const FIRST_ALLOCATED_INO = 16;

export const NAME_MAX_BYTES = 255; // DIGEST §2.4: client fs.maxNameLength
export const SYMLINK_MAX_BYTES = 4095;
export const SYMLINK_MAX_FOLLOWS = 40; // Linux MAXSYMLINKS → ELOOP
export const PERMISSION_BITS = 0o7777;
export const DIR_SIZE_BYTES = 4096;
/** What a file's contents are served as when no Content-Type was given (RFC 9110 §8.3). */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';
/** A Content-Type attribute is at most this long (it is kept in the inode record). */
export const CONTENT_TYPE_MAX_BYTES = 255; // what stat reports as a directory's length (DIGEST §2.8)

export interface Timespec {
  sec: number;
  nsec: number;
}

/**
 * A truncation mark: slices committed before it (commit sequence ≤ `after`) hold no data at
 * or past `length`.
 */
export interface TruncMark {
  after: number;
  length: number;
}

/** The stored inode record (the directory's changing counters live in DirShard records). */
export interface Inode {
  ino: number;
  type: FileType;
  mode: number;
  uid: number;
  gid: number;
  /** Files and symlinks: number of names. Directories: 2 (the shards add subdirectories). */
  nlink: number;
  length: number;
  atime: Timespec;
  mtime: Timespec;
  ctime: Timespec;
  rdev: number;
  /** Bumped on every change of this record; part of the ETag. */
  version: number;
  /** Parent directories, one entry per name (a multiset for hard links). Directories: exactly one. */
  parents: number[];
  /** Content generation: slices are stored under it, a whole-file replace switches it. */
  gen: number;
  /** The last commit sequence given to a slice of this generation (slices are ordered by it). */
  seq: number;
  truncMarks: TruncMark[];
  /**
   * Files: the contents are the inline record (fs/keys.ts "b"), zero-padded to `length`,
   * instead of slices (DESIGN §3.3 "Inline contents"). Then `seq` is 0 and there are no marks.
   */
  inline?: boolean;
  target?: string;
  /**
   * Regular files: the media type of the contents (the upload's Content-Type, or set by
   * setattr). Absent means DEFAULT_CONTENT_TYPE, so most records carry nothing for it.
   */
  contentType?: string;
  /** Set when the last name went away and the inode waits in the trash. */
  dtime?: Timespec;
}

/** A dentry value: parent ino + name → child. */
export interface Dentry {
  ino: number;
  type: FileType;
}

/** One shard of a directory's counters (DESIGN §3.4: off the compared path of creates). */
export interface DirShard {
  entries: number;
  subdirs: number;
  /** Latest change made through this shard (the directory's mtime and ctime). */
  changed: Timespec;
  /** Changes made through this shard; part of the directory's ETag. */
  ops: number;
}

export const FS_STATUSES = ['NEW', 'INITED', 'DELETING'] as const; // DIGEST §2.1 FsStatus
export type FsStatus = (typeof FS_STATUSES)[number];

/** A filesystem in the catalogue (DIGEST §2.5 FsInfo). */
export interface FsInfo {
  id: number;
  name: string;
  status: FsStatus;
  rootIno: number;
  blockSize: number;
  chunkSize: number;
  /** 0 = unlimited. */
  capacityBytes: number;
  /** 0 = unlimited. */
  inodeQuota: number;
  trashDays: number;
  /** Files up to this many bytes keep their contents in the metadata store; 0 = never. */
  inlineBytes: number;
  createdAt: string;
  /** While NEW: which createFs call is initialising it (a concurrent one gets EEXIST). */
  createToken?: string;
}

/**
 * A slice (DIGEST §2.3 S3ChunkInfo): one flushed extent inside one chunk. Curve orders slices
 * by id ("larger chunk id = newer"); ids here come from per-instance batches, so slices are
 * ordered instead by `seq`, a per-inode commit sequence assigned in the committing
 * transaction: the slice committed last wins, whoever allocated its id first.
 */
export interface Slice {
  /** Names the slice's objects; unique in the filesystem. */
  sliceId: number;
  /** Commit order within the inode's generation (larger = newer). */
  seq: number;
  compaction: number;
  /** Absolute file offset of the first byte. */
  offset: number;
  len: number;
  zero: boolean;
  /** CRC32C of each page of each of its block objects; absent on slices written before checksums. */
  checksums?: SliceChecksums;
}

/**
 * A slice's content checksums (data/page-checksums.ts): for each block object of the slice, in
 * order (layout.ts sliceBlocks), the CRC32C of each `pageBytes` page from the object's first byte.
 */
export interface SliceChecksums {
  pageBytes: number;
  objects: number[][];
}

/** One block object's page checksums, as a read checks them. */
export interface ObjectChecksums {
  pageBytes: number;
  pages: number[];
}
