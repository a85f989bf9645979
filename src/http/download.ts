// Sending file contents: 200 with the whole file or 206 with Content-Range, streamed.
import type { FastifyReply } from 'fastify';
import type { Download } from '../data/file-reads.ts';
import { formatTime } from '../fs/clock.ts';
import { quoteEtag } from './wire.ts';

export function sendDownload(reply: FastifyReply, d: Download): FastifyReply {
  reply
    .header('content-type', 'application/octet-stream')
    .header('accept-ranges', 'bytes')
    .header('etag', quoteEtag(d.stat.etag))
    .header('last-modified', new Date(d.stat.mtime.sec * 1000).toUTCString())
    .header('x-cirrus-mtime', formatTime(d.stat.mtime));
  if (d.range) {
    reply
      .code(206)
      .header('content-range', `bytes ${d.range.start}-${d.range.end - 1}/${d.stat.length}`)
      .header('content-length', String(d.range.end - d.range.start));
  } else {
    reply.code(200).header('content-length', String(d.stat.length));
  }
  return reply.send(d.stream);
}
