// The parent's handle on dirs-load-child.ts: create load where each connection keeps to its
// own directory. Placement and CPU accounting are those of load-generator.ts (the server under
// test in this process, autocannon in a child; both through loader-process.ts), so its runs
// compare with LoadGenerator's.
import { fileURLToPath } from 'node:url';
import { LoaderProcess } from './loader-process.ts';

const CHILD = fileURLToPath(new URL('./dirs-load-child.ts', import.meta.url));

export interface DirsLoadSpec {
  /** Origin, e.g. http://127.0.0.1:34567 */
  url: string;
  /** POST …/entries paths; connection i uses paths[i % paths.length] throughout. */
  paths: string[];
  connections: number;
  seconds: number;
  /** Create names are prefix + a counter shared by all connections. */
  prefix: string;
}

export class DirsLoadGenerator extends LoaderProcess<DirsLoadSpec> {
  constructor() {
    super(CHILD, 'dirs load generator');
  }
}
