// The wire types of the direct data plane this helper uses (the answers of createUpload,
// commitUpload and getDownloadPlan, and problem answers), kept small and its own so the helper
// can sit beside any generated SDK.

export interface DirectClientOptions {
  /** The CirrusFS API, e.g. "http://127.0.0.1:8080". */
  baseUrl: string;
  /** The filesystem's name. */
  fs: string;
  /** Headers of API requests (e.g. Authorization). Never sent to S3: its URLs carry their own signature. */
  headers?: Record<string, string>;
  /** Requests in flight per transfer: block PUTs of an upload, ranged GETs of a download. Default 4. */
  parallel?: number;
  /** Retries of one request after its first attempt (network errors, 429, 5xx), with backoff. Default 4. */
  retries?: number;
  /** Sign a SHA-256 of each block into its PUT URL, so S3 refuses a body that does not match. Default true. */
  checksums?: boolean;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

/** A file: by path (`/`-separated; a final symlink is followed) or by inode number. */
export type FileRef = { path: string } | { ino: number };

/** The attributes commitUpload answers (a subset of the API's Attrs). */
export interface FileAttrs {
  ino: number;
  type: 'file' | 'dir' | 'symlink';
  length: number;
  mode: number;
  mtime: string;
  [more: string]: unknown;
}

export interface UploadTicket {
  uploadId: string;
  ino: number;
  offset: number;
  length: number;
  expiresAt: string;
  blocks: { index: number; fileOffset: number; length: number; url: string; headers: Record<string, string> }[];
}

export type PlanPiece =
  | { fileOffset: number; length: number; zero: true }
  | { fileOffset: number; length: number; url: string; objectRange: { start: number; end: number } };

export interface DownloadPlan {
  ino: number;
  fileLength: number;
  offset: number;
  end: number;
  complete: boolean;
  expiresAt: string;
  pieces: PlanPiece[];
}

/** An RFC 9457 problem answer, with the POSIX `code` CirrusFS puts in every one. */
export interface Problem {
  status: number;
  code: string;
  detail: string;
  [more: string]: unknown;
}
