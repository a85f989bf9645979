// Reading a GetObject response body. The SDK's transformToByteArray pipes the body through a
// Writable collector, then copies it into a zero-filled array; here each socket chunk is
// copied once, into uninitialised buffers: one of the announced length, or fixed-size parts
// that a cache can keep and drop one by one.
import type { Readable } from 'node:stream';

/** The whole body; `length` is the Content-Length the server announced (if any). */
export async function readBody(body: Readable, length: number | undefined): Promise<Buffer> {
  if (length === undefined) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
  }
  const [out] = await readBodyParts(body, length, Math.max(1, length));
  return out ?? Buffer.alloc(0);
}

/** The body as consecutive parts of `partBytes` each (the last one shorter). */
export async function readBodyParts(body: Readable, length: number | undefined, partBytes: number): Promise<Buffer[]> {
  if (length === undefined) {
    const whole = await readBody(body, undefined);
    const parts: Buffer[] = [];
    for (let at = 0; at < whole.length; at += partBytes) parts.push(whole.subarray(at, at + partBytes));
    return parts;
  }
  const parts: Buffer[] = [];
  let part = Buffer.alloc(0);
  let filled = 0; // bytes in `part`
  let total = 0;
  for await (const chunk of body) {
    const c = chunk as Buffer;
    if (total + c.length > length) throw new Error(`object body longer than its Content-Length (${length} bytes)`);
    for (let at = 0; at < c.length; ) {
      if (filled === part.length) {
        // Its own allocation (not the shared pool), uninitialised: every byte is written below.
        part = Buffer.allocUnsafeSlow(Math.min(partBytes, length - total - at));
        parts.push(part);
        filled = 0;
      }
      const n = c.copy(part, filled, at);
      filled += n;
      at += n;
    }
    total += c.length;
  }
  if (total !== length) throw new Error(`object body ended after ${total} of ${length} bytes`);
  return parts;
}
