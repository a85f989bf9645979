// The create load generator process for the hot-parent benchmark (etcd-rates.ts): one
// autocannon instance whose connections each stick to one directory. Connection i POSTs
// creates to paths[i % paths.length] for the whole run (autocannon's setupClient hook, called
// once per connection), every request with a name of its own. Both cases of the benchmark run
// through this same code with the same connection count; only `paths` differs (one directory
// for all, or one directory per connection), so the client side costs the same in both.
import type { AutocannonOptions, AutocannonRequest } from 'autocannon';
import type { DirsLoadSpec } from './dirs-load.ts';
import type { LoadResult } from './load-spec.ts';
import { loadOptions, runAutocannon, serveLoads, uniqueCreates } from './loader-child.ts';

/** autocannon's per-connection client, as far as setupClient uses it (not in autocannon.d.ts). */
interface AutocannonClient {
  setRequests(requests: AutocannonRequest[]): void;
}

async function runLoad(spec: DirsLoadSpec): Promise<LoadResult> {
  let nextConnection = 0;
  const request = uniqueCreates(spec.prefix); // one name counter for all connections
  const opts: AutocannonOptions & { setupClient(client: AutocannonClient): void } = {
    ...loadOptions(spec),
    requests: [request(spec.paths[0])],
    setupClient: (client) => client.setRequests([request(spec.paths[nextConnection++ % spec.paths.length])]),
  };
  const result = await runAutocannon(opts);
  if (nextConnection !== spec.connections)
    throw new Error(`setupClient ran for ${nextConnection} of ${spec.connections} connections`);
  return result;
}

serveLoads(runLoad);
