// A pjdfstest-style harness for POSIX permissions over HTTP. A server runs with tokens that map
// to uids and groups; each case prepares a fresh directory as root, performs one operation as
// one of the users, and compares the errno (or OK) and, for some cases, the attributes after.
// Expected answers are written in the tables from the POSIX/Linux rules. Every table runs twice:
// as written, and with root performing each operation (`root` says what root gets).
import { rm } from 'node:fs/promises';
import t from 'tap';
import { bearer, writeAuthFile, type KeySpec } from '../support/auth.ts';
import { call, type Answer } from '../support/api.ts';
import { startServer, tempDir } from '../support/server.ts';

export const U1 = { uid: 65534, gid: 65534, groups: [] as number[] };
export const U2 = { uid: 65533, gid: 65533, groups: [] as number[] };
/** U1 who is also in U2's group. */
export const U1G = { uid: 65534, gid: 65534, groups: [65533] };
export const USERS = { root: { uid: 0, gid: 0, groups: [] as number[] }, u1: U1, u2: U2, u1g: U1G };
export type User = keyof typeof USERS;

/** OK, or the POSIX code of the problem answer. */
export type Outcome = 'OK' | string;

export interface Expected {
  outcome: Outcome;
  /** Attributes of a path after the operation (mode: the 12 permission bits). */
  stat?: { path: string; mode?: number; uid?: number; gid?: number; follow?: boolean };
  /** Names listXattrs answers for a path. */
  xattrs?: { path: string; names: string[] };
}

export interface Case {
  name: string;
  setup: (root: Client) => Promise<unknown>;
  as: Exclude<User, 'root'>;
  op: (c: Client) => Promise<Answer>;
  expect: Outcome | Expected;
  /** What root gets for the same operation. */
  root: Outcome | Expected;
}

export interface MakeSpec {
  type?: 'file' | 'dir' | 'symlink';
  mode?: number;
  uid?: number;
  gid?: number;
  target?: string;
}

const enc = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** One user's requests, relative to a case directory. */
export class Client {
  constructor(
    private readonly base: string,
    private readonly token: string,
    readonly fs: string,
    readonly dir: string,
    private readonly rootToken: string,
  ) {}

  private p(path: string): string {
    return enc(path ? `${this.dir}/${path}` : this.dir);
  }

  req(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    return call(this.base, method, `/v1/fs/${this.fs}${url}`, body, { ...bearer(this.token), ...headers });
  }

  private async raw(method: string, url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${this.base}/v1/fs/${this.fs}${url}`, {
      method,
      headers: { ...bearer(this.token), 'content-type': 'application/octet-stream', ...headers },
      body,
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      text,
      json: text.startsWith('{') ? JSON.parse(text) : undefined,
    };
  }

  /** The inode number of a path (looked up as root, not following a final symlink). */
  async ino(path: string): Promise<number> {
    const r = await call(
      this.base,
      'GET',
      `/v1/fs/${this.fs}/attrs/${this.p(path)}`,
      undefined,
      bearer(this.rootToken),
    );
    if (r.status !== 200) throw new Error(`no inode for ${path}: ${r.text}`);
    return r.json.ino;
  }

  mkdir = (path: string, mode?: number) =>
    this.req('PUT', `/dirs/${this.p(path)}`, mode === undefined ? undefined : { mode });
  upload = (path: string, data = 'data', mode?: number, headers: Record<string, string> = {}) =>
    this.raw('PUT', `/files/${this.p(path)}${mode === undefined ? '' : `?mode=${mode}`}`, data, headers);
  read = (path: string) => this.req('GET', `/files/${this.p(path)}`);
  symlink = (target: string, path: string) => this.req('PUT', `/symlinks/${this.p(path)}`, { target });
  link = (existing: string, path: string) =>
    this.req('PUT', `/links/${this.p(path)}`, { existing: `${this.dir}/${existing}` });
  unlink = (path: string, recursive = false) =>
    this.req('DELETE', `/files/${this.p(path)}${recursive ? '?recursive=true' : ''}`);
  rename = (from: string, to: string, flags: { noReplace?: boolean; exchange?: boolean } = {}) =>
    this.req('POST', '/rename', { from: `${this.dir}/${from}`, to: `${this.dir}/${to}`, ...flags });
  setattr = (path: string, body: Record<string, unknown>) => this.req('PATCH', `/attrs/${this.p(path)}`, body);
  chmod = (path: string, mode: number) => this.setattr(path, { mode });
  chown = (path: string, uid?: number, gid?: number) => this.setattr(path, { uid, gid });
  truncate = (path: string, size: number) => this.setattr(path, { size });
  utimens = (path: string, atime?: string, mtime?: string) => this.setattr(path, { atime, mtime });
  readdir = (path: string) => this.req('GET', `/dirs/${this.p(path)}`);
  stat = (path: string) => this.req('GET', `/attrs/${this.p(path)}`);

  /** unlink/rmdir by inode: removeEntry with type=nondir or dir. */
  async removeEntry(path: string, type: 'dir' | 'nondir'): Promise<Answer> {
    const parts = path.split('/');
    const name = parts.pop()!;
    const parent = await this.ino(parts.join('/'));
    return this.req('DELETE', `/inodes/${parent}/entries/${encodeURIComponent(name)}?type=${type}`);
  }
  async readData(path: string) {
    return this.req('GET', `/inodes/${await this.ino(path)}/data`);
  }
  async writeData(path: string, data = 'more') {
    return this.raw('PUT', `/inodes/${await this.ino(path)}/data?offset=0&sync=true`, data);
  }
  async lease(path: string) {
    return this.req('POST', `/inodes/${await this.ino(path)}/lease`, { ttlMs: 5000 });
  }
  async getXattr(path: string, name: string) {
    return this.req('GET', `/inodes/${await this.ino(path)}/xattrs/${encodeURIComponent(name)}`);
  }
  async setXattr(path: string, name: string, value = 'v') {
    return this.req('PUT', `/inodes/${await this.ino(path)}/xattrs/${encodeURIComponent(name)}`, {
      value,
      encoding: 'utf8',
    });
  }
  async removeXattr(path: string, name: string) {
    return this.req('DELETE', `/inodes/${await this.ino(path)}/xattrs/${encodeURIComponent(name)}`);
  }
  async listXattrs(path: string) {
    return this.req('GET', `/inodes/${await this.ino(path)}/xattrs`);
  }

  /** Root's setup: create a path, then give it an owner, then a mode (chown clears setuid). */
  async make(path: string, spec: MakeSpec = {}): Promise<void> {
    const type = spec.type ?? 'file';
    const made =
      type === 'dir'
        ? await this.mkdir(path)
        : type === 'symlink'
          ? await this.symlink(spec.target!, path)
          : await this.upload(path);
    if (made.status >= 300) throw new Error(`setup: make ${path}: ${made.text}`);
    if (spec.uid !== undefined || spec.gid !== undefined) await this.must(this.chown(path, spec.uid, spec.gid));
    if (spec.mode !== undefined) await this.must(this.chmod(path, spec.mode));
  }

  async must(answer: Promise<Answer>): Promise<Answer> {
    const r = await answer;
    if (r.status >= 300) throw new Error(`setup step failed: ${r.status} ${r.text}`);
    return r;
  }
}

export const outcomeOf = (r: Answer): Outcome => (r.status < 300 ? 'OK' : (r.json?.code ?? `HTTP ${r.status}`));

const norm = (e: Outcome | Expected): Expected => (typeof e === 'string' ? { outcome: e } : e);

/** Run a table as its users and again as root, each case in a fresh directory. */
export function runSuite(syscall: string, cases: Case[]): void {
  t.test(`${syscall}: ${cases.length} cases, as the users and as root`, async (t) => {
    const dir = await tempDir(`cirrus-perm-${syscall}-`);
    const keys: KeySpec[] = Object.entries(USERS).map(([subject, u]) => ({
      subject,
      ...u,
      scopes: { '*': [subject === 'root' ? 'admin' : 'write'] },
    }));
    const { path, tokens } = await writeAuthFile(dir, keys);
    const server = await startServer({ env: { CIRRUS_AUTH_FILE: path, CIRRUS_RATE_LIMIT: '0' } });
    t.teardown(async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    });
    const fs = 'perm';
    const created = await call(server.url, 'POST', '/v1/fs', { name: fs }, bearer(tokens.root));
    t.equal(created.status, 201, 'filesystem');
    let n = 0;
    const clientFor = (user: User, caseDir: string) => new Client(server.url, tokens[user], fs, caseDir, tokens.root);
    const run = async (c: Case, user: User, expected: Expected) => {
      const caseDir = `c${++n}`;
      const root = clientFor('root', caseDir);
      await root.must(root.mkdir('', 0o755));
      await c.setup(root);
      const answer = await c.op(clientFor(user, caseDir));
      const got: Record<string, unknown> = { outcome: outcomeOf(answer) };
      const want: Record<string, unknown> = { outcome: expected.outcome };
      if (expected.stat) {
        const { path, follow, ...attrs } = expected.stat;
        const s = (await root.req('GET', `/attrs/${enc(`${caseDir}/${path}`)}${follow ? '?follow=true' : ''}`)).json;
        for (const [k, v] of Object.entries(attrs)) {
          got[k] = s?.[k];
          want[k] = v;
        }
      }
      if (expected.xattrs) {
        got.xattrs = ((await clientFor(user, caseDir).listXattrs(expected.xattrs.path)).json?.names ?? []).sort();
        want.xattrs = [...expected.xattrs.names].sort();
      }
      t.same(got, want, `${c.name} [as ${user}]${answer.status >= 300 ? '' : ''}`);
    };
    for (const c of cases) await run(c, c.as, norm(c.expect));
    for (const c of cases) await run(c, 'root', norm(c.root));
  });
}
