// A regular file's Content-Type attribute: what its upload said its contents are, served back
// on download. Kept in the inode record (fs/model.ts contentType), absent for the default.
import { fsErr } from '../errno.ts';
import { CONTENT_TYPE_MAX_BYTES, DEFAULT_CONTENT_TYPE } from './model.ts';

// RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS parameter ), parameter values a token or
// a quoted-string.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const QUOTED = '"(?:[\\t !#-\\[\\]-~]|\\\\[\\t -~])*"';
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|${QUOTED}))*$`);

/**
 * A Content-Type to keep: a valid media type of at most CONTENT_TYPE_MAX_BYTES (EINVAL
 * otherwise); undefined for the default (application/octet-stream without parameters), which
 * is not stored.
 */
export function contentTypeToKeep(raw: string): string | undefined {
  const value = raw.trim();
  if (Buffer.byteLength(value, 'utf8') > CONTENT_TYPE_MAX_BYTES) {
    throw fsErr('EINVAL', `a Content-Type is at most ${CONTENT_TYPE_MAX_BYTES} bytes`);
  }
  if (!MEDIA_TYPE.test(value)) throw fsErr('EINVAL', `not a media type: ${JSON.stringify(value)}`);
  return value.toLowerCase() === DEFAULT_CONTENT_TYPE ? undefined : value;
}
