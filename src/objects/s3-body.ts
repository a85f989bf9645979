// Reading a GetObject response body. The SDK's transformToByteArray pipes the body through a
// Writable collector, then copies it into a zero-filled array; here each socket chunk is
// copied once, into uninitialised buffers: one of the announced length, or fixed-size parts
// that a cache can keep and drop one by one; or passed on as the socket delivered them.
import type { Readable } from 'node:stream';

/** The whole body; `length` is the Content-Length the server announced (if any). */
export async function readBody(body: Readable, length: number | undefined): Promise<Buffer> {
  if (length === undefined) {
    const chunks = await readBodyChunks(body, undefined);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }
  const [out] = await readBodyParts(body, length, Math.max(1, length));
  return out ?? Buffer.alloc(0);
}

/** The body's chunks as the socket delivered them (no copy); `length`, if announced, is checked. */
export async function readBodyChunks(body: Readable, length: number | undefined): Promise<Buffer[]> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    total += (chunk as Buffer).length;
    if (length !== undefined && total > length)
      throw new Error(`object body longer than its Content-Length (${length} bytes)`);
  }
  if (length !== undefined && total !== length) throw new Error(`object body ended after ${total} of ${length} bytes`);
  return chunks;
}

/**
 * The body as consecutive parts of `partBytes` each (the last one shorter), each its own
 * allocation: the read cache keeps them as pages and counts only their length.
 */
export async function readBodyParts(body: Readable, length: number | undefined, partBytes: number): Promise<Buffer[]> {
  if (!(partBytes >= 1)) throw new RangeError(`part size ${partBytes} is not a positive number of bytes`);
  if (length === undefined) {
    // No Content-Length (a chunked answer): the chunks are slices of socket reads, so they
    // are gathered first, then copied into parts once their total is known.
    const chunks = await readBodyChunks(body, undefined);
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const parts = new Parts(total, partBytes);
    for (const c of chunks) parts.write(c);
    return parts.done();
  }
  const parts = new Parts(length, partBytes);
  for await (const chunk of body) parts.write(chunk as Buffer);
  return parts.done();
}

/** Copies `length` bytes, written in order, into parts of `partBytes`. */
class Parts {
  private readonly parts: Buffer[] = [];
  private part = Buffer.alloc(0);
  private filled = 0; // bytes in `part`
  private total = 0; // bytes written

  constructor(
    private readonly length: number,
    private readonly partBytes: number,
  ) {}

  write(c: Buffer): void {
    if (this.total + c.length > this.length)
      throw new Error(`object body longer than its Content-Length (${this.length} bytes)`);
    for (let at = 0; at < c.length; ) {
      if (this.filled === this.part.length) {
        // Its own allocation (not the shared pool), uninitialised: every byte is written
        // below, and done() refuses a body that ends before filling the last part.
        this.part = Buffer.allocUnsafeSlow(Math.min(this.partBytes, this.length - this.total - at));
        this.parts.push(this.part);
        this.filled = 0;
      }
      const n = c.copy(this.part, this.filled, at);
      this.filled += n;
      at += n;
    }
    this.total += c.length;
  }

  done(): Buffer[] {
    if (this.total !== this.length) throw new Error(`object body ended after ${this.total} of ${this.length} bytes`);
    return this.parts;
  }
}
