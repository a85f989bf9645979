// A real S3-compatible server for tests: infra/s3-server.mjs (fauxqs 1.9.2 on 127.0.0.1),
// started on a free port, with a bucket created through the real AWS SDK.
import { spawn } from 'node:child_process';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface TestS3 {
  endpoint: string;
  /** CIRRUS_OBJECTS value for a bucket (created on demand by `bucket`). */
  url(bucket: string, prefix?: string): string;
  bucket(name: string): Promise<string>;
  /** Stop the server (SIGSTOP/SIGCONT it through `pid` to simulate an outage). */
  close(): Promise<void>;
  pid: number;
}

export async function startS3(): Promise<TestS3> {
  // stderr is piped, not inherited: a server outliving a test killed by its timeout must not
  // hold the test runner's output open (the runner would wait for it forever); and it exits
  // when its parent is gone.
  const child = spawn(process.execPath, ['infra/s3-server.mjs'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', EXIT_WITH_PARENT: '1' },
    // Not the test's own stderr: a server orphaned by a killed test would hold tap's pipe open
    // and stall the whole run.
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-4096)));
  // A test that ends without closing its server (a failure, a timeout) still stops it.
  const stopOnExit = () => child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /s3 listening (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) resolve(m[1]);
    });
    void exited.then(() => reject(new Error(`s3 server exited before listening: ${out} ${stderr}`)));
  });
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: TEST_CREDENTIALS });
  const url = (bucket: string, prefix = 'cirrus') =>
    `s3://${bucket}/${prefix}?endpoint=${encodeURIComponent(endpoint)}&region=us-east-1&accessKey=test&secretKey=test`;
  return {
    endpoint,
    pid: child.pid!,
    url,
    bucket: async (name: string) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return url(name);
    },
    close: async () => {
      client.destroy();
      process.removeListener('exit', stopOnExit);
      child.kill('SIGTERM');
      await exited;
    },
  };
}
