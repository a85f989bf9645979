// Sending file contents (downloadFile, readData): 200 with the whole file or 206 with
// Content-Range, streamed; conditional requests per RFC 9110 (304, 412, If-Range). HEAD
// answers the same headers from the inode alone, without opening the contents.
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

function send(reply: FastifyReply, d: Download): FastifyReply {
  fileHeaders(reply, d.stat).header('content-type', BINARY_TYPE);
  if (d.range) {
    reply
      .code(206)
      .header('content-range', `bytes ${d.range.start}-${d.range.end - 1}/${d.stat.length}`)
      .header('content-length', String(d.range.end - d.range.start));
  } else {
    reply.code(200).header('content-length', String(d.stat.length));
  }
  return reply.send(d.body);
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
  return send(reply, d);
}

/** HEAD of file contents: the GET's headers, from the inode's stat alone (Range is ignored). */
export function serveHead(req: FastifyRequest, reply: FastifyReply, stat: Stat): FastifyReply {
  if (stat.type === 'dir') throw fsErr('EISDIR', `inode ${stat.ino} is a directory`);
  if (stat.type !== 'file') throw fsErr('EINVAL', `inode ${stat.ino} is not a regular file`);
  if (evaluatePreconditions(req, contentValidators(stat)) === 'not-modified') return notModified(reply, stat);
  return fileHeaders(reply, stat)
    .code(200)
    .header('content-type', BINARY_TYPE)
    .header('content-length', String(stat.length))
    .send();
}
