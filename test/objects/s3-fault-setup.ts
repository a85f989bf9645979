// Shared by the S3 fault tests: the test S3 server behind the fault proxy, a CirrusFS server
// using it, and seeded random bytes (the same faults and contents on every run).
import type { Test } from 'tap';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.ts';
import { startS3, type TestS3 } from '../support/s3.ts';
import { startServer, type TestServer } from '../support/server.ts';

/** Stalled S3 requests are given up after this long (CIRRUS_S3_TIMEOUT_MS) and retried. */
export const S3_TIMEOUT_MS = 1_000;

/** A seeded random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomBytes(random: () => number, n: number): Buffer {
  const b = Buffer.allocUnsafe(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(random() * 256);
  return b;
}

/** A fresh bucket on a test S3 server, reached through a fault proxy; `url` is for CIRRUS_OBJECTS. */
export async function s3BehindProxy(t: Test): Promise<{ s3: TestS3; proxy: FaultProxy; url: string }> {
  const s3 = await startS3();
  t.teardown(() => s3.close());
  const proxy = await startFaultProxy(s3.endpoint);
  t.teardown(() => proxy.close());
  const bucket = `faults-${Math.floor(Math.random() * 1e9)}`;
  await s3.bucket(bucket);
  const endpoint = encodeURIComponent(proxy.endpoint);
  const url = `s3://${bucket}/cirrus?endpoint=${endpoint}&region=us-east-1&accessKey=test&secretKey=test`;
  return { s3, proxy, url };
}

/** A CirrusFS server in this process storing objects at `url`. */
export async function cirrusOn(t: Test, url: string, env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startServer({ env: { CIRRUS_OBJECTS: url, CIRRUS_S3_TIMEOUT_MS: String(S3_TIMEOUT_MS), ...env } });
  t.teardown(() => s.close());
  return s;
}
