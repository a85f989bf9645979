// A fault-injecting HTTP proxy for S3, between CirrusFS and the test S3 server
// (infra/s3-server.mjs). Requests pass through unchanged unless the current plan picks them
// for a fault:
//   error500     answer 500 InternalError without forwarding
//   slowDown503  answer 503 SlowDown without forwarding (S3's throttling answer)
//   stall        take the request and never answer (the client's timeout must end it)
//   cutAnswer    forward the request, let S3 apply it, then cut the connection before
//                answering (a PUT is stored, but its answer is lost)
//   cutBody      forward, send the answer's headers and half its body, then cut the connection
// and, independently, flip one byte of a GET answer's body at `flipRate`, or of a PUT
// request's body on its way to S3 at `putFlipRate` (silent corruption). Every fault is
// counted, and so are the GET answers with a body that passed through (`gets`). Tests change the plan while it runs.
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform } from 'node:stream';

export type FaultMode = 'error500' | 'slowDown503' | 'stall' | 'cutAnswer' | 'cutBody';

export interface ProxiedRequest {
  method: string;
  /** The path without the query string: /bucket/key. */
  path: string;
  /** How many requests with this method and path the proxy has seen, this one included. */
  attempt: number;
}

export interface FaultPlan {
  /** Share of matching requests that get one of `modes` (0 to 1). */
  rate: number;
  modes: readonly FaultMode[];
  /** Share of matching GET answers with a body in which one byte is flipped (0 to 1). */
  flipRate?: number;
  /** Share of matching PUT requests with a body in which one byte is flipped on its way to S3 (0 to 1). */
  putFlipRate?: number;
  /** Which requests the plan applies to; all by default. */
  match?: (r: ProxiedRequest) => boolean;
  /** The random source (a seeded one makes a run repeatable). */
  random?: () => number;
}

export type FaultCounts = Record<FaultMode | 'flip' | 'putFlip' | 'gets' | 'requests', number>;

export interface FaultProxy {
  /** The endpoint to give CirrusFS instead of the S3 server's. */
  endpoint: string;
  /** The plan from now on; null passes everything through. */
  plan(p: FaultPlan | null): void;
  readonly counts: FaultCounts;
  close(): Promise<void>;
}

const S3_ERRORS = {
  error500: { status: 500, code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  slowDown503: { status: 503, code: 'SlowDown', message: 'Please reduce your request rate.' },
} as const;

function answerError(res: ServerResponse, mode: keyof typeof S3_ERRORS): void {
  const e = S3_ERRORS[mode];
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${e.code}</Code><Message>${e.message}</Message></Error>`;
  res.writeHead(e.status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Passes the bytes through, the one at offset `at` with its bits inverted. */
function flipAt(at: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (at >= seen && at < seen + chunk.length) {
        const copy = Buffer.from(chunk);
        copy[at - seen] ^= 0xff;
        chunk = copy;
      }
      seen += chunk.length;
      done(null, chunk);
    },
  });
}

export async function startFaultProxy(upstream: string): Promise<FaultProxy> {
  const target = new URL(upstream);
  const agent = new Agent({ keepAlive: true });
  const counts: FaultCounts = {
    requests: 0,
    gets: 0,
    error500: 0,
    slowDown503: 0,
    stall: 0,
    cutAnswer: 0,
    cutBody: 0,
    flip: 0,
    putFlip: 0,
  };
  const attempts = new Map<string, number>();
  let plan: FaultPlan | null = null;

  const forward = (
    req: IncomingMessage,
    onAnswer: (answer: IncomingMessage) => void,
    onError: () => void,
    opts: { flipAt?: number } = {},
  ) => {
    const headers = { ...req.headers };
    delete headers.expect; // this server already answered 100-continue
    const out = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      onAnswer,
    );
    out.on('error', onError);
    if (opts.flipAt === undefined) req.pipe(out);
    else req.pipe(flipAt(opts.flipAt)).pipe(out);
  };

  const server = createServer((req, res) => {
    counts.requests++;
    const path = (req.url ?? '/').split('?')[0];
    const id = `${req.method} ${path}`;
    const r: ProxiedRequest = { method: req.method ?? 'GET', path, attempt: (attempts.get(id) ?? 0) + 1 };
    attempts.set(id, r.attempt);
    const p = plan && (!plan.match || plan.match(r)) ? plan : null;
    const random = p?.random ?? Math.random;
    const mode = p && p.modes.length > 0 && random() < p.rate ? p.modes[Math.floor(random() * p.modes.length)] : null;
    const cut = () => req.socket.destroy();
    if (mode) counts[mode]++;
    if (mode === 'error500' || mode === 'slowDown503') {
      req.resume();
      req.on('end', () => answerError(res, mode));
      return;
    }
    if (mode === 'stall') {
      req.resume(); // read the request, answer never
      return;
    }
    const putLength = Number(req.headers['content-length'] ?? 0);
    const putFlip = p?.putFlipRate && req.method === 'PUT' && putLength > 0 && random() < p.putFlipRate;
    if (putFlip) counts.putFlip++;
    forward(
      req,
      (answer) => {
        const length = Number(answer.headers['content-length'] ?? 0);
        if (mode === 'cutAnswer') {
          answer.resume();
          answer.on('end', cut);
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        if (mode === 'cutBody' && length > 1) {
          let sent = 0;
          answer.on('data', (chunk: Buffer) => {
            const room = Math.floor(length / 2) - sent;
            if (room > 0) res.write(chunk.subarray(0, room));
            sent += chunk.length;
            if (sent >= length / 2) {
              answer.destroy();
              cut();
            }
          });
          return;
        }
        if (req.method === 'GET' && length > 0) counts.gets++;
        const flip = p?.flipRate && req.method === 'GET' && length > 0 && random() < p.flipRate;
        if (flip) {
          counts.flip++;
          answer.pipe(flipAt(Math.floor(random() * length))).pipe(res);
        } else {
          answer.pipe(res);
        }
      },
      cut,
      { flipAt: putFlip ? Math.floor(random() * putLength) : undefined },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    plan: (next) => {
      plan = next;
    },
    counts,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
