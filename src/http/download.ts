// Sending file contents: 200 with the whole file or 206 with Content-Range, streamed.
//
// The first bytes are read before the status line is sent, so the common failures (the object
// store is down, an object is missing) are clean problem answers (503 EREMOTEIO, …), not a
// 200 that breaks off. A failure after that can only cut the connection: the body then falls
// short of its Content-Length, which every HTTP client reports as an error (never a clean end
// of a short file). Such failures are logged and counted (DownloadStats).
import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { Download } from '../data/file-io.ts';
import { formatTime } from '../fs/clock.ts';
import { quoteEtag } from './wire.ts';

export class DownloadStats {
  /** Downloads cut off after their headers were sent (the client got a short body). */
  cutMidStream = 0;
}

export async function sendDownload(reply: FastifyReply, d: Download, stats: DownloadStats): Promise<FastifyReply> {
  const source = d.stream[Symbol.asyncIterator]();
  let first: IteratorResult<Buffer>;
  try {
    first = await source.next(); // throws here: answered by the error handler, headers untouched
  } catch (e) {
    d.stream.destroy();
    throw e;
  }
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
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.done) return;
    yield first.value;
    try {
      for (let next = await source.next(); !next.done; next = await source.next()) yield next.value;
    } catch (e) {
      // Fastify destroys the connection when a body stream fails after the headers.
      stats.cutMidStream++;
      reply.log.error({ err: e }, 'download failed after its headers were sent: connection cut, body short');
      throw e;
    } finally {
      d.stream.destroy(); // the client went away, or the stream is done
    }
  }
  return reply.send(Readable.from(rest(), { objectMode: false }));
}
