// The commands that talk to a running server over the API (with a token): `cirrus status`
// asks an instance about itself — its leadership, caches, background jobs and memory are in
// that process and nowhere else — and lists the filesystems with their usage.
import { formatBytes, formatCount } from './progress.ts';

export interface RemoteFlags {
  /** The server's base URL (CIRRUS_URL). */
  url: string;
  /** A bearer token (CIRRUS_TOKEN); none for a server without authentication. */
  token?: string;
  json?: boolean;
}

/** A non-2xx answer, with the problem's POSIX code when the server sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson(flags: RemoteFlags, path: string): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (flags.token) headers.authorization = `Bearer ${flags.token}`;
  const url = new URL(path, flags.url.endsWith('/') ? flags.url : `${flags.url}/`);
  const r = await fetch(url, { headers });
  const body = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) {
    const code = typeof body.code === 'string' ? body.code : undefined;
    const detail = typeof body.detail === 'string' ? body.detail : r.statusText;
    throw new ApiError(r.status, code, `GET ${url.pathname}: ${r.status} ${code ?? ''} ${detail}`.replace(/ +/g, ' '));
  }
  return body;
}

interface FsRow {
  name: string;
  id: number;
  status: string;
  usage?: { inodes: number; bytes: number };
}

export async function statusCommand(flags: RemoteFlags): Promise<number> {
  const status = await getJson(flags, 'v1/status');
  // listFs needs the admin scope: a token without it still gets the instance's status.
  let filesystems: FsRow[] | string;
  try {
    filesystems = (await getJson(flags, 'v1/fs')).filesystems as FsRow[];
  } catch (e) {
    if (!(e instanceof ApiError) || (e.status !== 403 && e.status !== 401)) throw e;
    filesystems = `not listed: ${e.message}`;
  }
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ status, filesystems }, null, 2)}\n`);
    return 0;
  }
  const meta = status.meta as { engine?: string } | undefined;
  const objects = status.objects as { kind?: string } | undefined;
  const lines = [
    `${flags.url}: CirrusFS ${status.version}, instance ${status.instance}${status.leader ? ' (leader)' : ''}`,
    `metadata ${meta?.engine ?? '?'}, objects ${objects?.kind ?? '?'}, started ${status.startedAt}`,
    `jobs ${JSON.stringify(status.jobs)}`,
  ];
  if (typeof filesystems === 'string') lines.push(filesystems);
  else {
    for (const f of filesystems) {
      const usage = f.usage ? `${formatCount(f.usage.inodes)} inodes, ${formatBytes(f.usage.bytes)}` : '';
      lines.push(`  ${f.name} (id ${f.id}) ${f.status} ${usage}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
