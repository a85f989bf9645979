// Request body limits per route (DESIGN §6 "Limits"). JSON bodies carry names, paths and
// attributes, so they are small: the largest legitimate one is bounded by the fs limits it
// carries, with JSON's worst escaping (a control character is 6 bytes: \u0001). File contents
// never go through a JSON parser: they are streamed and bounded by quotas and the file size.
import { PATH_MAX_BYTES } from '../fs/paths.ts';
import { XATTR_VALUE_MAX_BYTES } from '../fs/xattrs.ts';

const JSON_ESCAPE_MAX = 6;
/** Room for the field names, flags and small numbers around the bounded strings. */
const JSON_OVERHEAD_BYTES = 16 * 1024;

/** Any JSON body: at most two paths (rename, link) escaped at worst. */
export const JSON_BODY_LIMIT_BYTES = 2 * PATH_MAX_BYTES * JSON_ESCAPE_MAX + JSON_OVERHEAD_BYTES;
/** setXattr: one value (as utf8 escaped at worst, longer than as base64). */
export const XATTR_BODY_LIMIT_BYTES = XATTR_VALUE_MAX_BYTES * JSON_ESCAPE_MAX + JSON_OVERHEAD_BYTES;
