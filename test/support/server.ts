// Test harness: CirrusFS servers on 127.0.0.1 with temporary data directories, either in this
// process (buildApp + listen on a free port) or as a child process that a test may kill -9.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type Built } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { contractChecker, type ContractFigures } from './contract.ts';
import { freePort } from './ports.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function tempDir(prefix = 'cirrus-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export interface TestServer {
  url: string;
  dir: string;
  built: Built;
  /** What the contract check saw (see support/contract.ts). */
  contract: ContractFigures;
  /** Stops the server; fails when an answer broke the contract of openapi/openapi.json. */
  close(): Promise<void>;
}

/**
 * When set (to a DynamoDB Local endpoint, by test/http/dynamodb-scenarios.test.ts), servers
 * keep their metadata in DynamoDB, one table per data directory, instead of in dir/meta.
 */
export const TEST_DYNAMODB_ENV = 'CIRRUS_TEST_DYNAMODB';

/** The metadata store of a test server whose data directory is `dir`. */
function testMeta(dir: string): string {
  const dynamo = process.env[TEST_DYNAMODB_ENV];
  return dynamo ? `dynamodb://${basename(dir)}?endpoint=${encodeURIComponent(dynamo)}` : `memory:${join(dir, 'meta')}`;
}

/**
 * A real listening server in this process; `dir` holds meta/ (see TEST_DYNAMODB_ENV) and objects/.
 * Every answer is checked against the OpenAPI document unless `contract` is false (benchmarks:
 * the check costs more CPU than a getattr itself).
 */
export async function startServer(
  opts: { dir?: string; env?: Record<string, string>; contract?: boolean } = {},
): Promise<TestServer> {
  const dir = opts.dir ?? (await tempDir());
  const config = loadConfig({
    CIRRUS_META: testMeta(dir),
    CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
    CIRRUS_LOG_LEVEL: 'warn',
    ...opts.env,
  });
  const built = await buildApp(config, { logger: false });
  const checker = contractChecker();
  if (opts.contract !== false) checker.install(built.app);
  const address = await built.app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    dir,
    built,
    contract: checker.figures,
    close: async () => {
      await built.app.close();
      if (!opts.dir) await rm(dir, { recursive: true, force: true });
      checker.flush();
      const v = checker.figures.violations;
      if (v.length > 0) throw new Error(`${v.length} answers broke openapi/openapi.json:\n${v.join('\n')}`);
    },
  };
}

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal. */
  exited: Promise<string>;
  /** Everything the server logged (pino JSON lines), oldest first. */
  logs: string[];
}

/** `npm start`'s entry point as a child process on a free port, ready when /healthz answers. */
export async function spawnServer(dir: string, env: Record<string, string> = {}): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      CIRRUS_META: `memory:${join(dir, 'meta')}`,
      CIRRUS_OBJECTS: `file:${join(dir, 'objects')}`,
      CIRRUS_LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<string>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? String(code))));
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const logs: string[] = [];
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (partial + d).split('\n');
    partial = lines.pop()!;
    logs.push(...lines);
  });
  const url = `http://127.0.0.1:${port}`;
  let gone: string | undefined;
  void exited.then((how) => (gone = how));
  for (;;) {
    if (gone !== undefined) throw new Error(`server exited (${gone}) before listening: ${stderr}`);
    const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return { url, child, exited, logs };
}
