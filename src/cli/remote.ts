// The commands that talk to a running server over the API (with a token): `cirrus status`
// asks an instance about itself — its leadership, caches, background jobs and memory are in
// that process and nowhere else — and lists the filesystems with their usage. `compact`,
// `trash` and `summary` are namespace operations: through the API they run with the token's
// scopes and POSIX permissions, beside live writers, on any engine (the store-direct commands
// need one consistent view; these do not).
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

async function request(
  flags: RemoteFlags,
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (flags.token) headers.authorization = `Bearer ${flags.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = new URL(path, flags.url.endsWith('/') ? flags.url : `${flags.url}/`);
  const r = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const answer = (await r.json().catch(() => ({}))) as Record<string, unknown>;
  if (!r.ok) {
    const code = typeof answer.code === 'string' ? answer.code : undefined;
    const detail = typeof answer.detail === 'string' ? answer.detail : r.statusText;
    throw new ApiError(
      r.status,
      code,
      `${method} ${url.pathname}: ${r.status} ${code ?? ''} ${detail}`.replace(/ +/g, ' '),
    );
  }
  return answer;
}

const getJson = (flags: RemoteFlags, path: string) => request(flags, 'GET', path);

/** `v1/fs/NAME/KIND/a/b`: each segment of a file path percent-encoded on its own. */
function fsPath(fs: string, kind: string, path = ''): string {
  const segments = path.split('/').filter((s) => s !== '');
  return ['v1', 'fs', fs, kind, ...segments].map(encodeURIComponent).join('/');
}

function print(flags: RemoteFlags, value: unknown, lines: () => string[]): void {
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${lines().join('\n')}\n`);
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

/** `cirrus compact FS PATH`: compact a file's fragmented chunks (compactInode, chunk range by chunk range). */
export async function compactCommand(
  flags: RemoteFlags & { fs: string; path: string; background?: boolean },
): Promise<number> {
  const ino = (await getJson(flags, fsPath(flags.fs, 'attrs', flags.path))).ino as number;
  const total: Record<string, number> = {};
  let fromChunk: number | undefined = 0;
  while (fromChunk !== undefined) {
    const q = `?all=${!flags.background}&fromChunk=${fromChunk}`;
    const r = await request(flags, 'POST', `${fsPath(flags.fs, 'inodes')}/${ino}/compact${q}`);
    for (const [k, v] of Object.entries(r))
      if (k !== 'nextChunk' && typeof v === 'number') total[k] = (total[k] ?? 0) + v;
    fromChunk = r.nextChunk as number | undefined;
  }
  print(flags, { ino, ...total }, () => [
    `${flags.path} (inode ${ino}): ${total.chunksCompacted ?? 0} of ${total.chunksExamined ?? 0} chunks compacted, ` +
      `${total.slicesReplaced ?? 0} slices replaced by ${total.slicesWritten ?? 0}, ${formatBytes(total.bytesWritten ?? 0)} written` +
      (total.chunksStale ? `, ${total.chunksStale} left (the file changed meanwhile)` : ''),
  ]);
  return 0;
}

interface TrashRow {
  ino: number;
  type: string;
  path?: string;
  name: string;
  size?: number;
  removedAt: string;
  expiresAt: string;
  state: string;
}

/** `cirrus trash ls FS`: every entry, page by page. */
export async function trashListCommand(flags: RemoteFlags & { fs: string }): Promise<number> {
  const entries: TrashRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await getJson(
      flags,
      `${fsPath(flags.fs, 'trash')}${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    entries.push(...(page.entries as TrashRow[]));
    cursor = page.nextCursor as string | undefined;
  } while (cursor);
  print(flags, { entries }, () =>
    entries.length === 0
      ? [`${flags.fs}: the trash is empty`]
      : entries.map(
          (e) =>
            `${String(e.ino).padStart(8)}  ${e.type.padEnd(7)} ${(e.size === undefined ? '' : formatBytes(e.size)).padStart(10)}  ` +
            `removed ${e.removedAt}  expires ${e.expiresAt}  ${e.state.padEnd(7)} ${e.path ?? e.name}`,
        ),
  );
  return 0;
}

/** `cirrus trash restore FS INO [--to PATH] [--replace]`. */
export async function trashRestoreCommand(
  flags: RemoteFlags & { fs: string; ino: number; to?: string; replace?: boolean },
): Promise<number> {
  const body = { ...(flags.to ? { to: flags.to } : {}), ...(flags.replace ? { replace: true } : {}) };
  const stat = await request(flags, 'POST', `${fsPath(flags.fs, 'trash')}/${flags.ino}/restore`, body);
  print(flags, stat, () => [`inode ${flags.ino} restored${flags.to ? ` to ${flags.to}` : ''}`]);
  return 0;
}

/** `cirrus trash purge FS INO`: purge one entry at the next sweeper pass, without waiting for its retention. */
export async function trashPurgeCommand(flags: RemoteFlags & { fs: string; ino: number }): Promise<number> {
  const r = await request(flags, 'DELETE', `${fsPath(flags.fs, 'trash')}/${flags.ino}`);
  print(flags, r, () => [`inode ${flags.ino}: purged at the next sweeper pass`]);
  return 0;
}

interface Counts {
  files: number;
  subdirs: number;
  entries: number;
  bytes: number;
}

/** `cirrus summary FS PATH`: what a directory holds, at its level and (walked to the end) below it. */
export async function summaryCommand(
  flags: RemoteFlags & { fs: string; path: string; recursive: boolean },
): Promise<number> {
  let cursor: string | undefined;
  let answer: Record<string, unknown>;
  do {
    const q = `?recursive=${flags.recursive}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    answer = await getJson(flags, `${fsPath(flags.fs, 'summaries', flags.path)}${q}`);
    cursor = answer.complete ? undefined : (answer.nextCursor as string | undefined);
  } while (cursor);
  const line = (what: string, c: Counts) =>
    `${what}: ${formatCount(c.files)} files, ${formatCount(c.subdirs)} directories, ${formatCount(c.entries)} entries, ${formatBytes(c.bytes)}`;
  print(flags, answer, () => [
    line(`${flags.path || '/'} (this level)`, answer.level as Counts),
    ...(answer.recursive ? [line(`${flags.path || '/'} (the whole tree)`, answer.recursive as Counts)] : []),
  ]);
  return 0;
}
