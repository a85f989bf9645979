// Where an S3 object store lives, parsed from CIRRUS_OBJECTS (kept apart from s3.ts so that
// reading the configuration does not load the AWS SDK).
import { fsErr } from '../errno.ts';

/** An S3 request whose connection is idle this long is abandoned and retried (the SDK's default: never). */
export const S3_IDLE_TIMEOUT_MS = 60_000;

export interface S3Location {
  bucket: string;
  /** Key prefix, "" or ending in "/". */
  prefix: string;
  endpoint?: string;
  region: string;
  /** Path-style addressing (local servers); virtual-hosted style otherwise. */
  forcePathStyle: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Parse `s3://BUCKET/PREFIX?endpoint=URL&region=R&accessKey=…&secretKey=…`. */
export function parseS3Url(url: string): S3Location {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw fsErr('EINVAL', `configuration: ${url} is not an s3:// URL`);
  }
  if (u.protocol !== 's3:' || !u.hostname) throw fsErr('EINVAL', `configuration: ${url} is not s3://BUCKET/PREFIX`);
  const prefix = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
  const q = u.searchParams;
  const endpoint = q.get('endpoint') ?? undefined;
  const accessKeyId = q.get('accessKey');
  const secretAccessKey = q.get('secretKey');
  return {
    bucket: u.hostname,
    prefix: prefix && !prefix.endsWith('/') ? `${prefix}/` : prefix,
    endpoint,
    region: q.get('region') ?? 'us-east-1',
    forcePathStyle: q.get('pathStyle') !== null ? q.get('pathStyle') === 'true' : endpoint !== undefined,
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}
