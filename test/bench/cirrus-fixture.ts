// A CirrusFS server (test/support/server.ts: real listener, temp dirs) with what the HTTP
// benchmarks act on: one filesystem, one file to getattr, one empty directory to create in.
import { startServer, type TestServer } from '../support/server.ts';
import { call } from '../support/api.ts';

export interface CirrusFixture {
  server: TestServer;
  fsName: string;
  /** A plain file: the getattr target. */
  fileIno: number;
  /** A fresh directory: creates go here. */
  dirIno: number;
}

async function mustCreate(server: TestServer, path: string, body: unknown): Promise<any> {
  const r = await call(server.url, 'POST', path, body);
  if (r.status !== 201) throw new Error(`POST ${path} answered ${r.status}: ${r.text}`);
  return r.json;
}

export async function startCirrusFixture(fsName = 'bench'): Promise<CirrusFixture> {
  // As users run it: without the test suite's contract checker (a fifth of a getattr's CPU).
  const server = await startServer({ contract: false });
  try {
    await mustCreate(server, '/v1/fs', { name: fsName });
    const file = await mustCreate(server, `/v1/fs/${fsName}/inodes/1/entries`, { name: 'stat-me', type: 'file' });
    const dir = await mustCreate(server, `/v1/fs/${fsName}/inodes/1/entries`, { name: 'creates', type: 'dir' });
    return { server, fsName, fileIno: file.ino, dirIno: dir.ino };
  } catch (e) {
    await server.close();
    throw e;
  }
}
