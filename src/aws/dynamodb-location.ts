// Where a CirrusFS DynamoDB table lives, parsed from CIRRUS_META or CIRRUS_COORD (kept apart
// from the client so that reading the configuration does not load the AWS SDK).
import { fsErr } from '../errno.ts';

export interface DynamoLocation {
  table: string;
  region: string;
  /** A non-AWS endpoint (DynamoDB Local); the table is then created if it is missing. */
  endpoint?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** DynamoDB's rule for table names: 3 to 255 of letters, digits, `_`, `-` and `.`. */
const TABLE_NAME = /^[A-Za-z0-9_.-]{3,255}$/;
const LOOPBACK_HOST = /^(127(\.\d{1,3}){3}|\[::1\]|localhost)$/;
/** What DynamoDB Local accepts (it checks no signature); real AWS would refuse it. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

function bad(message: string): never {
  throw fsErr('EINVAL', `configuration: ${message}`);
}

/**
 * Parse `dynamodb://TABLE?region=R&endpoint=URL&accessKey=…&secretKey=…`. Without keys the
 * AWS SDK's default credential chain is used, except against a loopback endpoint (DynamoDB
 * Local), which gets placeholder credentials.
 */
export function parseDynamoUrl(name: string, url: string): DynamoLocation {
  const form = `${name}=dynamodb://TABLE?region=REGION&endpoint=URL`;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return bad(`${name}=${url} is not a URL; expected ${form}`);
  }
  if (u.protocol !== 'dynamodb:') bad(`${name}=${url}: expected ${form}`);
  if (u.pathname !== '' && u.pathname !== '/') bad(`${name}=${url}: a table name has no "/"; expected ${form}`);
  const table = decodeURIComponent(u.hostname);
  if (!TABLE_NAME.test(table)) {
    bad(`${name}=${url}: "${table}" is not a DynamoDB table name (3-255 of A-Z a-z 0-9 _ - .)`);
  }
  const q = u.searchParams;
  for (const key of q.keys()) {
    if (!['region', 'endpoint', 'accessKey', 'secretKey'].includes(key)) {
      bad(`${name}=${url}: unknown parameter "${key}" (known: region, endpoint, accessKey, secretKey)`);
    }
  }
  const endpoint = q.get('endpoint') ?? undefined;
  let endpointHost: string | undefined;
  if (endpoint !== undefined) {
    try {
      const e = new URL(endpoint);
      if (e.protocol !== 'http:' && e.protocol !== 'https:') throw new Error('not http');
      endpointHost = e.hostname;
    } catch {
      bad(`${name}=${url}: endpoint=${endpoint} is not an http(s) URL`);
    }
  }
  const accessKeyId = q.get('accessKey');
  const secretAccessKey = q.get('secretKey');
  if (!accessKeyId !== !secretAccessKey) bad(`${name}=${url}: give both accessKey and secretKey, or neither`);
  const local = endpointHost !== undefined && LOOPBACK_HOST.test(endpointHost);
  return {
    table,
    region: q.get('region') || 'us-east-1',
    endpoint,
    credentials:
      accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : local ? LOCAL_CREDENTIALS : undefined,
  };
}

/** Whether two locations reach DynamoDB the same way (one client serves both; tables may differ). */
export function sameConnection(a: DynamoLocation, b: DynamoLocation): boolean {
  return (
    a.region === b.region &&
    a.endpoint === b.endpoint &&
    a.credentials?.accessKeyId === b.credentials?.accessKeyId &&
    a.credentials?.secretAccessKey === b.credentials?.secretAccessKey
  );
}
