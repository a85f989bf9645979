// Benchmark settings from the environment.

export interface BenchSettings {
  /** Seconds each HTTP measurement runs (BENCH_SECONDS). */
  seconds: number;
  /** Seconds of warm-up before each (BENCH_WARMUP_SECONDS). */
  warmupSeconds: number;
  /** autocannon connections, the same for every scenario (BENCH_CONNECTIONS). */
  connections: number;
  /** Interleaved rounds of the HTTP scenarios; each reports its best (BENCH_ROUNDS). */
  rounds: number;
  /** Files the memory benchmark creates (BENCH_FILES). */
  files: number;
  /** Files per directory (BENCH_FILES_PER_DIR). */
  filesPerDir: number;
  /** Creates in flight in the memory benchmark (BENCH_CONCURRENCY). */
  concurrency: number;
  /** MiB written and read sequentially by the data-path benchmark (BENCH_DATA_MIB). */
  dataMiB: number;
  /** Interleaved rounds of the data-path benchmark, each figure its best (BENCH_DATA_ROUNDS). */
  dataRounds: number;
  /** Run the CirrusFS-on-etcd benchmarks (BENCH_ETCD, 1 or 0). */
  etcd: boolean;
  /** Concurrent creators of the etcd hot-parent benchmark (BENCH_ETCD_CREATORS). */
  etcdCreators: number;
  /** Interleaved rounds of the etcd scenarios, each reporting its best (BENCH_ETCD_ROUNDS). */
  etcdRounds: number;

  /** Run only these groups of rows (BENCH_ONLY=peers,listing; run.ts lists the names). */
  only?: string[];
  /** Skip these groups (BENCH_SKIP=memory,etcd). */
  skip: string[];
  /** Where the results go as JSON (BENCH_RESULTS; relative to the repository root). */
  resultsPath: string;

  /** Requests in flight against each peer, and raw S3 objects in flight (BENCH_PEER_IN_FLIGHT). */
  peerInFlight: number;
  /** Small files uploaded then stat'ed per peer and round (BENCH_PEER_FILES). */
  peerFiles: number;
  /** Bytes per small file (BENCH_PEER_FILE_BYTES). */
  peerFileBytes: number;
  /** MiB of the big file uploaded then downloaded (BENCH_PEER_MIB). */
  peerMiB: number;
  /** Interleaved rounds of the peer workloads, each figure reporting its best (BENCH_PEER_ROUNDS). */
  peerRounds: number;

  /** Entries of the big directory of the listing row (BENCH_LIST_ENTRIES). */
  listEntries: number;
  /** Entries of its baseline directory (BENCH_LIST_BASE_ENTRIES). */
  listBaseEntries: number;
  /** First-page requests per listing run (BENCH_LIST_PAGES). */
  listPages: number;
  /** Interleaved listing rounds (BENCH_LIST_ROUNDS). */
  listRounds: number;

  /** Run the CirrusFS-on-DynamoDB benchmarks on DynamoDB Local (BENCH_DYNAMODB, 1 or 0). */
  dynamodb: boolean;
  /** Interleaved rounds of the DynamoDB scenarios, each reporting its best (BENCH_DYNAMODB_ROUNDS). */
  dynamoRounds: number;
}

function num(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}=${raw}: expected a number ≥ ${min}`);
  return n;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number) => {
  const n = num(env, name, fallback, min);
  if (!Number.isInteger(n)) throw new Error(`${name}=${env[name]}: expected an integer`);
  return n;
};

const names = (env: NodeJS.ProcessEnv, name: string): string[] | undefined => {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean);
};

const flag = (env: NodeJS.ProcessEnv, name: string, fallback: boolean) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') throw new Error(`${name}=${raw}: expected 1 or 0`);
  return raw === '1';
};

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    seconds: int(env, 'BENCH_SECONDS', 5, 1),
    warmupSeconds: int(env, 'BENCH_WARMUP_SECONDS', 1, 0),
    connections: int(env, 'BENCH_CONNECTIONS', 16, 1),
    rounds: int(env, 'BENCH_ROUNDS', 4, 1), // with BENCH_ETCD_ROUNDS 3: the whole bench in ~595 s on a 2-core VM where it took 639 s with 5 and 4
    files: int(env, 'BENCH_FILES', 1_000_000, 1),
    filesPerDir: int(env, 'BENCH_FILES_PER_DIR', 1000, 1),
    concurrency: int(env, 'BENCH_CONCURRENCY', 64, 1),
    dataMiB: int(env, 'BENCH_DATA_MIB', 256, 8),
    dataRounds: int(env, 'BENCH_DATA_ROUNDS', 3, 1),
    etcd: flag(env, 'BENCH_ETCD', true),
    etcdCreators: int(env, 'BENCH_ETCD_CREATORS', 64, 1),
    etcdRounds: int(env, 'BENCH_ETCD_ROUNDS', 3, 1),
    only: names(env, 'BENCH_ONLY'),
    skip: names(env, 'BENCH_SKIP') ?? [],
    resultsPath: env.BENCH_RESULTS || 'bench-results.json',
    peerInFlight: int(env, 'BENCH_PEER_IN_FLIGHT', 16, 1),
    peerFiles: int(env, 'BENCH_PEER_FILES', 3000, 1),
    peerFileBytes: int(env, 'BENCH_PEER_FILE_BYTES', 100, 1),
    peerMiB: int(env, 'BENCH_PEER_MIB', 256, 1),
    peerRounds: int(env, 'BENCH_PEER_ROUNDS', 3, 1),
    listEntries: int(env, 'BENCH_LIST_ENTRIES', 1_000_000, 1),
    listBaseEntries: int(env, 'BENCH_LIST_BASE_ENTRIES', 1000, 1),
    listPages: int(env, 'BENCH_LIST_PAGES', 100, 1),
    listRounds: int(env, 'BENCH_LIST_ROUNDS', 3, 1),

    dynamodb: flag(env, 'BENCH_DYNAMODB', true),
    dynamoRounds: int(env, 'BENCH_DYNAMODB_ROUNDS', 3, 1),
  };
}
