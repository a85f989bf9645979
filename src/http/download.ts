// Sending file contents (downloadFile, readData): 200 with the whole file or 206 with
// Content-Range, streamed; conditional requests per RFC 9110 (304, 412, If-Range). HEAD
// answers the same headers from the inode alone, without opening the contents.
//
// The first bytes are read before the status line is sent, so the common failures (the object
// store is down, an object is missing) are clean problem answers (503 EREMOTEIO, …), not a
// 200 that breaks off. A failure after that can only cut the connection: the body then falls
// short of its Content-Length, which every HTTP client reports as an error (never a clean end
// of a short file). Such failures are logged and counted (DownloadStats).
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ByteRange, type Download, discardBody } from '../data/file-reads.ts';
import { FsError, fsErr } from '../errno.ts';
import { formatTime } from '../fs/clock.ts';
import type { Stat } from '../fs/inodes.ts';
import { evaluatePreconditions, httpDate, rangeStillValid, type Validators } from './conditional.ts';
import { parseRange } from './range.ts';
import { BINARY_TYPE } from './responses.ts';
import { quoteEtag } from './wire.ts';

/** A file's contents change at mtime: that is its Last-Modified. */
const contentValidators = (stat: Stat): Validators => ({ etag: stat.etag, modifiedSec: stat.mtime.sec });

function fileHeaders(reply: FastifyReply, stat: Stat): FastifyReply {
  return reply
    .header('accept-ranges', 'bytes')
    .header('etag', quoteEtag(stat.etag))
    .header('last-modified', httpDate(stat.mtime.sec))
    .header('x-cirrus-mtime', formatTime(stat.mtime));
}

function notModified(reply: FastifyReply, stat: Stat): FastifyReply {
  return fileHeaders(reply, stat).code(304).send();
}

export class DownloadStats {
  /** Downloads cut off after their headers were sent (the client got a short body). */
  cutMidStream = 0;
}

function contentHeaders(reply: FastifyReply, d: Download): FastifyReply {
  fileHeaders(reply, d.stat).header('content-type', d.stat.contentType ?? BINARY_TYPE);
  if (d.range) {
    return reply
      .code(206)
      .header('content-range', `bytes ${d.range.start}-${d.range.end - 1}/${d.stat.length}`)
      .header('content-length', String(d.range.end - d.range.start));
  }
  return reply.code(200).header('content-length', String(d.stat.length));
}

/**
 * Resolves once the stream has its first bytes buffered (or has ended); rejects if it fails
 * first. Nothing is taken out of the stream: it is then sent as it is, with no second stream
 * around it (every chunk of a large download would pass through both).
 */
function firstBytes(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (e?: unknown) => {
      stream.off('readable', ready).off('end', ready).off('error', settle);
      if (e === undefined) resolve();
      else reject(e);
    };
    const ready = () => settle();
    stream.once('readable', ready).once('end', ready).once('error', settle);
    stream.read(0); // start the stream
  });
}

async function send(reply: FastifyReply, d: Download, stats: DownloadStats): Promise<FastifyReply> {
  // Bytes already in memory cannot fail after the headers: one buffer, no stream to pump.
  if (Buffer.isBuffer(d.body)) return contentHeaders(reply, d).send(d.body);
  const stream = d.body;
  try {
    await firstBytes(stream); // fails here: answered by the error handler, headers untouched
  } catch (e) {
    stream.destroy();
    throw e;
  }
  contentHeaders(reply, d);
  stream.once('error', (e) => {
    // Fastify destroys the connection when a body stream fails after the headers.
    stats.cutMidStream++;
    reply.log.error({ err: e }, 'download failed after its headers were sent: connection cut, body short');
  });
  return reply.send(stream);
}

/**
 * GET of file contents. `open` reads a consistent version of the file (its stat and a stream
 * of the asked range); the preconditions and If-Range are judged on that very version, so a
 * resumed download of a file that changed gets the whole new file, never a mix.
 */
export async function serveDownload(
  req: FastifyRequest,
  reply: FastifyReply,
  open: (range?: ByteRange) => Promise<Download>,
  stats: DownloadStats,
): Promise<FastifyReply> {
  const range = parseRange(req.headers.range as string | undefined);
  let d: Download;
  let unsatisfiable: FsError | undefined;
  try {
    d = await open(range);
  } catch (e) {
    // 416 only after the preconditions and If-Range (RFC 9110 §13.2.2): judge them on the whole file.
    if (!(range && e instanceof FsError && e.code === 'ERANGE')) throw e;
    unsatisfiable = e;
    d = await open(undefined);
  }
  try {
    if (evaluatePreconditions(req, contentValidators(d.stat)) === 'not-modified') {
      discardBody(d);
      return notModified(reply, d.stat);
    }
    const rangeValid = rangeStillValid(req, contentValidators(d.stat));
    if (unsatisfiable && rangeValid) throw unsatisfiable;
    if (d.range && !rangeValid) {
      discardBody(d);
      d = await open(undefined);
      if (evaluatePreconditions(req, contentValidators(d.stat)) === 'not-modified') {
        discardBody(d);
        return notModified(reply, d.stat);
      }
    }
  } catch (e) {
    discardBody(d);
    throw e;
  }
  return send(reply, d, stats);
}

/** HEAD of file contents: the GET's headers, from the inode's stat alone (Range is ignored). */
export function serveHead(req: FastifyRequest, reply: FastifyReply, stat: Stat): FastifyReply {
  if (stat.type === 'dir') throw fsErr('EISDIR', `inode ${stat.ino} is a directory`);
  if (stat.type !== 'file') throw fsErr('EINVAL', `inode ${stat.ino} is not a regular file`);
  if (evaluatePreconditions(req, contentValidators(stat)) === 'not-modified') return notModified(reply, stat);
  return fileHeaders(reply, stat)
    .code(200)
    .header('content-type', stat.contentType ?? BINARY_TYPE)
    .header('content-length', String(stat.length))
    .send();
}
