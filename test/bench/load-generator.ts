// The parent's handle on the load generator child (load-generator-child.ts).
//
// Placement (a deliberate choice, on a 2-core machine): the servers under test run in the
// benchmark's own process, autocannon runs in one child process shared by all measurements.
// The client and the server then get a core each instead of taking turns on one event loop,
// and the no-op baseline and the CirrusFS routes are measured in exactly the same setup, so
// their ratio compares like with like. The server's CPU and event-loop utilisation are taken
// in this process during each run (loader-process.ts): a server near 100% event-loop
// utilisation is the bottleneck; a loader near 100% CPU means the client may be capping the
// number instead.
import { fileURLToPath } from 'node:url';
import type { LoadSpec } from './load-spec.ts';
import { LoaderProcess } from './loader-process.ts';

export type { LoadRun } from './loader-process.ts';

const CHILD = fileURLToPath(new URL('./load-generator-child.ts', import.meta.url));

export class LoadGenerator extends LoaderProcess<LoadSpec> {
  private constructor() {
    super(CHILD, 'load generator');
  }

  static start(): LoadGenerator {
    return new LoadGenerator();
  }
}
