// What the memory-footprint child is asked (argv as JSON) and answers (IPC).

export interface MemorySpec {
  /** Meta directory for the MemoryKv (the parent owns and removes it). */
  metaDir: string;
  files: number;
  filesPerDir: number;
  concurrency: number;
}

export interface MemoryResult {
  files: number;
  dirs: number;
  /** KV keys after the run. */
  keys: number;
  heapBefore: number;
  heapAfter: number;
  /** (heapAfter − heapBefore) / files: the directories' own records are included. */
  bytesPerFile: number;
  rssAfter: number;
  externalAfter: number;
  /** Wall time of all creates (directories and files). */
  createSeconds: number;
  /** (dirs + files) / createSeconds. */
  createsPerSecond: number;
  /** kv.close(): drain the log, write the final snapshot. */
  closeSeconds: number;
  snapshotBytes: number;
  logSyncs: number;
  /** CPU the child used over its life (user + system). */
  cpuSeconds: number;
}

export interface MemoryRun extends MemoryResult {
  /** Cores busy with anything but the child while it ran; undefined where it cannot be read. */
  otherCpu?: number;
}
