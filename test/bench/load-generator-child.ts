// The load generator process: runs autocannon for each LoadSpec the parent sends over IPC.
// It lives in its own process so that, on a 2-core machine, the client gets one core and the
// server under test the other (see load-generator.ts).
import type { LoadResult, LoadSpec } from './load-spec.ts';
import { loadOptions, runAutocannon, serveLoads, uniqueCreates } from './loader-child.ts';

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const opts = loadOptions(spec);
  if (spec.createNames) {
    opts.requests = [uniqueCreates(spec.createNames.prefix)(spec.path)];
  } else {
    opts.method = spec.method;
    opts.requests = [{ method: spec.method, path: spec.path }];
  }
  return runAutocannon(opts);
}

serveLoads(runLoad);
