// Wall-clock times with nanoseconds (DIGEST §2.2 keeps seconds + nanoseconds), and their
// RFC 3339 form on the wire ("2026-11-24T20:54:44.123456789Z").
import { fsErr } from '../errno.ts';
import type { Timespec } from './model.ts';

const NS_PER_MS = 1_000_000n;
const NS_PER_S = 1_000_000_000n;
// Date.now() has millisecond resolution; hrtime adds the nanoseconds and keeps it monotonic.
const wallAtStartNs = BigInt(Date.now()) * NS_PER_MS;
const hrAtStart = process.hrtime.bigint();

export function nowTimespec(): Timespec {
  const ns = wallAtStartNs + (process.hrtime.bigint() - hrAtStart);
  return { sec: Number(ns / NS_PER_S), nsec: Number(ns % NS_PER_S) };
}

export function compareTime(a: Timespec, b: Timespec): number {
  return a.sec - b.sec || a.nsec - b.nsec;
}

export function maxTime(a: Timespec, b: Timespec): Timespec {
  return compareTime(a, b) >= 0 ? a : b;
}

// Formatting is on the hot path of every stat answer: the date-and-seconds prefix is cached
// per second (most answers carry recent, repeated seconds).
const PREFIX_CACHE_SIZE = 4096;
const prefixes = new Map<number, string>();
const NSEC_PAD = '000000000';

export function formatTime(t: Timespec): string {
  let prefix = prefixes.get(t.sec);
  if (prefix === undefined) {
    prefix = new Date(t.sec * 1000).toISOString().slice(0, 19); // YYYY-MM-DDTHH:MM:SS
    if (prefixes.size >= PREFIX_CACHE_SIZE) prefixes.clear();
    prefixes.set(t.sec, prefix);
  }
  const ns = String(t.nsec);
  return `${prefix}.${NSEC_PAD.slice(ns.length)}${ns}Z`;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;

/** Parse RFC 3339 with up to nanosecond precision; "now" means the current time. */
export function parseTime(s: string): Timespec {
  if (s === 'now') return nowTimespec();
  const m = RFC3339.exec(s);
  const ms = m ? Date.parse(`${m[1]}${m[3]}`) : Number.NaN;
  // Date.parse rolls impossible dates over (Feb 30 → Mar 2): the date must read back unchanged.
  const sameDay =
    m &&
    !Number.isNaN(ms) &&
    new Date(Date.parse(`${m[1].slice(0, 10)}T00:00:00Z`)).toISOString().slice(0, 10) === m[1].slice(0, 10);
  if (!m || Number.isNaN(ms) || !sameDay) throw fsErr('EINVAL', `not an RFC 3339 time: ${JSON.stringify(s)}`);
  return { sec: Math.floor(ms / 1000), nsec: Number((m[2] ?? '').padEnd(9, '0')) };
}
