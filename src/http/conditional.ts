// Conditional requests (RFC 9110 §13) for reads: downloads, stat and getattr. The validators
// are the inode's ETag (strong: it names the inode, its contents generation and its record
// version) and a Last-Modified date of second precision.
import type { FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';
import { fsErr } from '../errno.ts';

export interface Validators {
  /** The ETag without quotes. */
  etag: string;
  /** Last modification, whole seconds since the epoch. */
  modifiedSec: number;
}

/** What a read answers after its preconditions: go on, 304 Not Modified. (A failure throws 412.) */
export type Verdict = 'proceed' | 'not-modified';

/** The entity tags of an If-Match / If-None-Match list; "*" is kept as is. */
function tagList(raw: string): { any: boolean; tags: { weak: boolean; tag: string }[] } {
  if (raw.trim() === '*') return { any: true, tags: [] };
  const tags = [...raw.matchAll(/(W\/)?"([^"]*)"/g)].map((m) => ({ weak: m[1] !== undefined, tag: m[2] }));
  return { any: false, tags };
}

/** An HTTP date as whole seconds, or undefined when it does not parse (the header is then ignored). */
function httpDateSec(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

/**
 * Evaluate If-Match, If-Unmodified-Since, If-None-Match and If-Modified-Since in the order of
 * RFC 9110 §13.2.2 for a GET or HEAD of a resource that exists. A failed If-Match or
 * If-Unmodified-Since throws EPRECONDITION (412).
 */
export function evaluatePreconditions(req: FastifyRequest, v: Validators): Verdict {
  const ifMatch = header(req, 'if-match');
  if (ifMatch !== undefined) {
    const l = tagList(ifMatch);
    // Strong comparison (§13.1.1): a weak tag never matches.
    if (!l.any && !l.tags.some((t) => !t.weak && t.tag === v.etag))
      throw fsErr('EPRECONDITION', 'If-Match: the ETag is not current');
  } else {
    const since = httpDateSec(header(req, 'if-unmodified-since'));
    if (since !== undefined && v.modifiedSec > since)
      throw fsErr('EPRECONDITION', 'If-Unmodified-Since: changed since that date');
  }
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch !== undefined) {
    const l = tagList(ifNoneMatch);
    // Weak comparison (§13.1.2): W/"x" matches "x".
    return l.any || l.tags.some((t) => t.tag === v.etag) ? 'not-modified' : 'proceed';
  }
  const since = httpDateSec(header(req, 'if-modified-since'));
  if (since !== undefined && v.modifiedSec <= since) return 'not-modified';
  return 'proceed';
}

/**
 * Whether a Range may be served (§13.1.5): without If-Range, yes; with an entity tag, only if
 * it is the current one (strong comparison); with a date, only if it is exactly Last-Modified.
 * Otherwise the whole file is sent with 200, so a resumed download never mixes two versions.
 */
export function rangeStillValid(req: FastifyRequest, v: Validators): boolean {
  const raw = header(req, 'if-range')?.trim();
  if (raw === undefined) return true;
  if (raw.startsWith('W/')) return false;
  const tag = /^"([^"]*)"$/.exec(raw);
  if (tag) return tag[1] === v.etag;
  const sec = httpDateSec(raw);
  return sec !== undefined && sec === v.modifiedSec;
}

/**
 * Formatted dates of recently seen seconds: formatting one cost more than the rest of a stat's
 * headers (profiled on getattr), and a busy server answers for the same times again and again.
 */
const HTTP_DATE_CACHE_ENTRIES = 4096;
const httpDates = new LRUCache<number, string>({ max: HTTP_DATE_CACHE_ENTRIES });

/** An IMF-fixdate (RFC 9110 §5.6.7) of whole seconds since the epoch. */
export function httpDate(sec: number): string {
  let s = httpDates.get(sec);
  if (s === undefined) {
    s = new Date(sec * 1000).toUTCString();
    httpDates.set(sec, s);
  }
  return s;
}
