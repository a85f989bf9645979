// A filesystem as a client sees it through the API, one line per name: path, inode, attributes,
// symlink target, xattrs and a digest of the contents. Two servers holding the same filesystem
// describe it identically (dump/load tests, fsck tests).
import { createHash } from 'node:crypto';
import { call } from '../support/api.ts';

interface Attrs {
  ino: number;
  type: string;
  mode: number;
  uid: number;
  gid: number;
  nlink: number;
  length: number;
  mtime: { sec: number; nsec: number };
  ctime: { sec: number; nsec: number };
  target?: string;
}

const enc = (path: string) => path.split('/').map(encodeURIComponent).join('/');

async function describeEntry(base: string, fs: string, path: string, a: Attrs): Promise<string> {
  const names = (await call(base, 'GET', `/v1/fs/${fs}/inodes/${a.ino}/xattrs`)).json.names as string[];
  const xattrs: string[] = [];
  for (const n of names) {
    const v = await call(base, 'GET', `/v1/fs/${fs}/inodes/${a.ino}/xattrs/${encodeURIComponent(n)}`);
    xattrs.push(`${n}=${v.json.value}`);
  }
  let contents = '';
  if (a.type === 'file') {
    const r = await fetch(`${base}/v1/fs/${fs}/files/${enc(path)}`);
    if (r.status !== 200) throw new Error(`download ${path}: ${r.status} ${await r.text()}`);
    contents = createHash('sha256')
      .update(Buffer.from(await r.arrayBuffer()))
      .digest('hex')
      .slice(0, 16);
  }
  const t = (x: { sec: number; nsec: number }) => `${x.sec}.${x.nsec}`;
  return [
    path,
    a.ino,
    a.type,
    a.mode.toString(8),
    `${a.uid}:${a.gid}`,
    `nlink=${a.nlink}`,
    `len=${a.length}`,
    `m=${t(a.mtime)}`,
    `c=${t(a.ctime)}`,
    a.target ?? '',
    xattrs.join(','),
    contents,
  ].join(' ');
}

/** Every name under the root of `fs`, depth first, in name order. */
export async function describeTree(base: string, fs: string): Promise<string[]> {
  const lines: string[] = [];
  const walk = async (dir: string) => {
    let cursor: string | undefined;
    do {
      const q = `?attrs=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const r = await call(base, 'GET', `/v1/fs/${fs}/dirs/${dir ? enc(dir) : '%2F'}${q}`);
      if (r.status !== 200) throw new Error(`list ${dir}: ${r.status} ${r.text}`);
      for (const e of r.json.entries as { name: string; attrs: Attrs }[]) {
        const path = dir ? `${dir}/${e.name}` : e.name;
        lines.push(await describeEntry(base, fs, path, e.attrs));
        if (e.attrs.type === 'dir') await walk(path);
      }
      cursor = r.json.nextCursor;
    } while (cursor);
  };
  await walk('');
  return lines;
}

/**
 * A small filesystem with one of everything: nested directories, files over several blocks and
 * chunks (64 KiB blocks, 128 KiB chunks), random writes flushed as several slices, a symlink,
 * a hard link, xattrs, an empty file, a file in the trash, and a directory of many names.
 */
export async function populate(base: string, fs: string): Promise<void> {
  const ok = async (p: Promise<{ status: number; text: string }>, what: string) => {
    const r = await p;
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${r.text}`);
    return r as Awaited<ReturnType<typeof call>>;
  };
  const upload = (path: string, body: Buffer | string) =>
    ok(
      fetch(`${base}/v1/fs/${fs}/files/${enc(path)}?parents=true`, { method: 'PUT', body }).then(async (r) => ({
        status: r.status,
        text: await r.text(),
      })),
      `upload ${path}`,
    );
  await ok(call(base, 'POST', '/v1/fs', { name: fs, blockSize: 65536, chunkSize: 131072 }), 'createFs');
  await ok(call(base, 'PUT', `/v1/fs/${fs}/dirs/${enc('a/b/c')}?parents=true`), 'mkdir');
  const big = Buffer.alloc(300_000);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 251;
  await upload('a/one.bin', big);
  await upload('a/b/two.txt', 'two\n');
  await upload('empty', '');
  await upload('gone.txt', 'to the trash');
  for (let i = 0; i < 12; i++) await upload(`many/f${String(i).padStart(2, '0')}`, `file ${i}\n`);
  await ok(call(base, 'PUT', `/v1/fs/${fs}/symlinks/a/link`, { target: 'one.bin' }), 'symlink');
  await ok(call(base, 'PUT', `/v1/fs/${fs}/links/a/b/c/one-again`, { existing: 'a/one.bin' }), 'link');
  const one = (await ok(call(base, 'GET', `/v1/fs/${fs}/attrs/a/one.bin`), 'stat')).json.ino;
  await ok(
    call(base, 'PUT', `/v1/fs/${fs}/inodes/${one}/xattrs/user.note`, { value: 'kept', encoding: 'utf8' }),
    'xattr',
  );
  const w = (await ok(call(base, 'POST', `/v1/fs/${fs}/inodes/1/entries`, { name: 'w.dat', type: 'file' }), 'create'))
    .json.ino;
  const verifiers = new Set<string>();
  for (const [offset, byte] of [
    [0, 1],
    [70_000, 2],
    [10, 3],
    [200_000, 4],
  ]) {
    const r = await fetch(`${base}/v1/fs/${fs}/inodes/${w}/data?offset=${offset}`, {
      method: 'PUT',
      body: Buffer.alloc(40_000, byte),
    });
    verifiers.add(((await r.json()) as { verifier: string }).verifier);
    await ok(call(base, 'POST', `/v1/fs/${fs}/inodes/${w}/flush`, { verifiers: [...verifiers] }), 'flush');
  }
  await ok(call(base, 'DELETE', `/v1/fs/${fs}/files/gone.txt`), 'unlink');
}
