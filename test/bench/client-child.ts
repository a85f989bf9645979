// The client process (client-process.ts): runs each job the benchmark process sends, with its
// own CPU over the job. It lives in its own process so that the servers under test, the raw S3
// baseline's client and the benchmark's bookkeeping never share an event loop.
import type { ClientAnswer, ClientJob } from './client-jobs.ts';
import { runApiSequential, runDownload, runOps, runUpload } from './client-http.ts';
import { runS3 } from './client-s3.ts';
import { serveLoads } from './loader-child.ts';

function dispatch(job: ClientJob) {
  switch (job.kind) {
    case 'ops':
      return runOps(job);
    case 'upload':
      return runUpload(job);
    case 'download':
      return runDownload(job);
    case 's3-put':
    case 's3-get':
      return runS3(job);
    case 'api-write':
    case 'api-read':
      return runApiSequential(job);
  }
}

async function runJob(job: ClientJob): Promise<ClientAnswer> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await dispatch(job);
  const cpu = process.cpuUsage(cpu0);
  return { ...result, clientCpu: (cpu.user + cpu.system) / 1000 / (performance.now() - t0) };
}

serveLoads<ClientJob, ClientAnswer>(runJob);
