// HTTP helpers for end-to-end tests: a request and its answer, a client bound to one server,
// and the one assertion of a problem answer (application/problem+json with a POSIX code).
import type { Test } from 'tap';

/** A request with an optional JSON body; the answer read whole. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const res = await fetch(base + path, {
    method,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return readResponse(res);
}

export interface Answer {
  status: number;
  headers: Headers;
  json: any;
  text: string;
}

/** A response's status, headers, text and (if it parses) JSON. */
export async function readResponse(res: Response): Promise<Answer> {
  const text = await res.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, json, text };
}

/** A request to one server: `api(method, path, body?, headers?)`. */
export type Api = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<Answer>;

export function apiFor(base: string): Api {
  return (method, path, body, headers) => call(base, method, path, body, headers);
}

/** One assertion: the answer is a problem+json with this status and POSIX code. */
export function problem(t: Test, r: Answer, status: number, code: string, what = ''): void {
  const got = { status: r.status, type: r.headers.get('content-type'), code: r.json?.code };
  t.match(got, { status, type: /^application\/problem\+json/, code }, `${what} → ${status} ${code}`);
}
