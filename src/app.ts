// Composition root (DESIGN §2): the only place that names concrete backends. buildApp wires
// the metadata engine, the object store and the services into a Fastify instance.
import Fastify, { LogController } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { sameConnection } from './aws/dynamodb-location.ts';
import { newIdentity, type InstanceIdentity } from './coord/identity.ts';
import { uploadBudget } from './data/block-puts.ts';
import { DirectReads } from './data/direct-reads.ts';
import { DirectUploads } from './data/direct-uploads.ts';
import { Compactor } from './data/compactor.ts';
import { FileReads } from './data/file-reads.ts';
import { FileUploads } from './data/file-upload.ts';
import { FileWrites } from './data/file-writes.ts';
import { makeCommitter } from './data/flusher.ts';
import { ReadCache } from './data/read-cache.ts';
import { readBudget } from './data/reader.ts';
import { WriteCache } from './data/write-cache.ts';
import { Verifiers } from './coord/verifiers.ts';
import { Catalogue } from './fs/catalogue.ts';
import { PathOps } from './fs/path-service.ts';
import { FileSystems } from './fs/service.ts';
import { Trash } from './fs/trash-service.ts';
import { Slices } from './fs/slices.ts';
import { registerAuth, type AuthControl } from './http/auth/plugin.ts';
import { JSON_BODY_LIMIT_BYTES } from './http/body-limits.ts';
import { installBodyIdleTimeout } from './http/body-idle.ts';
import { DownloadStats } from './http/download.ts';
import { installErrorHandling, sendProblem } from './http/errors.ts';
import { LOG_REDACTIONS } from './http/log-redaction.ts';
import { installCompression } from './http/compression.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerOpenApi, API_VERSION, type DocumentSource } from './http/openapi.ts';
import { catalogueRoutes } from './http/routes/catalogue.ts';
import { dataRoutes } from './http/routes/data.ts';
import { directRoutes } from './http/routes/direct.ts';
import { fileRoutes } from './http/routes/files.ts';
import { inodeRoutes } from './http/routes/inodes.ts';
import { maintenanceRoutes } from './http/routes/maintenance.ts';
import { pathRoutes } from './http/routes/paths.ts';
import { statusRoutes } from './http/routes/status.ts';
import { trashRoutes } from './http/routes/trash.ts';
import { xattrRoutes } from './http/routes/xattrs.ts';
import { compileSchemasOnFirstUse } from './http/lazy-schemas.ts';
import { installValidation } from './http/validation.ts';
import { installRequestLog } from './http/request-log.ts';
import { registerCors } from './http/cors.ts';
import type { App, Services } from './http/types.ts';
import { Sweeper } from './jobs/sweeper.ts';
import type { Coordinator, InstanceInfo } from './coord/types.ts';
import type { KvStore } from './kv/types.ts';
import type { DirectAccess } from './objects/direct.ts';
import type { ObjectStore } from './objects/types.ts';

/** Node checks connections against the header and request limits this many times per header limit. */
const TIMEOUT_CHECKS_PER_LIMIT = 4;
/** ...but at most this often (Node's default is every 30 s, which would let a 20 s limit run to 50 s). */
const MIN_TIMEOUT_CHECK_MS = 50;

export interface Built {
  app: App;
  coord: Coordinator;
  cache: WriteCache;
  kv: KvStore;
  objects: ObjectStore;
  sweeper: Sweeper;
  identity: InstanceIdentity;
  auth: AuthControl;
}

// Backends are imported when configured: a process loads only the engines it uses (an AWS
// Lambda cold start pays for its own, not for etcd's gRPC stack or the embedded engine).

export async function openMeta(config: Config, log: (m: string, err?: unknown) => void): Promise<KvStore> {
  switch (config.meta.engine) {
    case 'memory': {
      const { MemoryKv } = await import('./kv/memory.ts');
      return MemoryKv.open({ dir: config.meta.dir, log });
    }
    case 'etcd': {
      const { EtcdKv } = await import('./kv/etcd.ts');
      return new EtcdKv({ endpoints: config.meta.endpoints, prefix: config.meta.prefix });
    }
    case 'dynamodb': {
      // Loaded on demand: deployments on the other engines never load the DynamoDB SDK.
      const { DynamoKv } = await import('./kv/dynamodb.ts');
      return DynamoKv.open(config.meta.location);
    }
  }
}

/**
 * The coordinator, sharing the metadata engine's connection when it reaches the same etcd
 * cluster, or DynamoDB the same way (the same endpoint, region and credentials; the table may
 * be the metadata table — the coordinator's records have partitions of their own — or another).
 */
async function openCoordinator(
  config: Config,
  kv: KvStore,
  self: InstanceInfo,
  log: (m: string, e?: unknown) => void,
): Promise<Coordinator> {
  switch (config.coord.kind) {
    case 'local': {
      const { LocalCoordinator } = await import('./coord/local.ts');
      return new LocalCoordinator(self);
    }
    case 'etcd': {
      const [{ Etcd3 }, { EtcdKv, etcdClientOptions }, { EtcdCoordinator }] = await Promise.all([
        import('etcd3'),
        import('./kv/etcd.ts'),
        import('./coord/etcd.ts'),
      ]);
      const shared =
        kv instanceof EtcdKv &&
        config.meta.engine === 'etcd' &&
        config.meta.endpoints.join() === config.coord.endpoints.join();
      const client = shared ? kv.client : new Etcd3(etcdClientOptions(config.coord.endpoints));
      return new EtcdCoordinator({ client, prefix: config.coord.prefix, self, log, ownsClient: !shared });
    }
    case 'dynamodb': {
      const [{ DynamoDBClient }, { dynamoClientConfig }, { ensureTable }, { DynamoKv }, { DynamoCoordinator }] =
        await Promise.all([
          import('@aws-sdk/client-dynamodb'),
          import('./aws/dynamodb-client.ts'),
          import('./aws/dynamodb-table.ts'),
          import('./kv/dynamodb.ts'),
          import('./coord/dynamodb.ts'),
        ]);
      const loc = config.coord.location;
      const meta = config.meta.engine === 'dynamodb' ? config.meta.location : undefined;
      const shared = kv instanceof DynamoKv && meta !== undefined && sameConnection(meta, loc);
      const client = shared ? kv.client : new DynamoDBClient(dynamoClientConfig(loc));
      // The metadata engine checked (or made) its own table already.
      if (!(shared && meta.table === loc.table)) {
        try {
          await ensureTable(client, loc.table, { create: loc.endpoint !== undefined });
        } catch (e) {
          if (!shared) client.destroy();
          throw e;
        }
      }
      return new DynamoCoordinator({ client, table: loc.table, self, log, ownsClient: !shared });
    }
  }
}

/** The object store, and the direct data plane's access to it (S3 only: clients cannot reach a local directory). */
export async function openObjects(config: Config): Promise<{ objects: ObjectStore; direct?: DirectAccess }> {
  switch (config.objects.kind) {
    case 'file': {
      const { LocalObjectStore } = await import('./objects/local.ts');
      return { objects: await LocalObjectStore.open(config.objects.dir) };
    }
    case 's3': {
      const [{ S3ObjectStore }, { S3DirectAccess }] = await Promise.all([
        import('./objects/s3.ts'),
        import('./objects/s3-direct.ts'),
      ]);
      const objects = new S3ObjectStore(config.objects.location, { idleTimeoutMs: config.objects.idleTimeoutMs });
      return { objects, direct: new S3DirectAccess(objects.client, config.objects.location) };
    }
  }
}

/**
 * The metadata engine and the object store, opened together: in a cold start one's code loads
 * while the other's first round trip (a DynamoDB DescribeTable, an etcd connection) is out. If
 * either fails, the other is closed, so a start that is retried (the Lambda entry does) leaves
 * no client behind holding sockets.
 */
async function openStores(
  config: Config,
  log: (m: string, err?: unknown) => void,
): Promise<{ kv: KvStore; objects: ObjectStore; direct?: DirectAccess }> {
  const [meta, objs] = await Promise.allSettled([openMeta(config, log), openObjects(config)]);
  if (meta.status === 'fulfilled' && objs.status === 'fulfilled') return { kv: meta.value, ...objs.value };
  if (meta.status === 'fulfilled') await meta.value.close().catch((e) => log('closing the metadata engine', e));
  if (objs.status === 'fulfilled') {
    objs.value.direct?.close();
    await objs.value.objects.close().catch((e) => log('closing the object store', e));
  }
  throw meta.status === 'rejected' ? meta.reason : (objs as PromiseRejectedResult).reason;
}

export interface BuildOptions {
  logger?: boolean;
  /**
   * 'timers' (a long-running server): the sweeper and the write-back cache's flush run on
   * intervals. 'invoked' (AWS Lambda, frozen between invocations): nothing runs between
   * requests; the host calls `sweeper.runOnce` itself (from a scheduled invocation).
   */
  background?: 'timers' | 'invoked';
  /**
   * When route schemas are compiled: all at start-up (a long-running server finds a broken
   * schema at once), or each on its route's first use (a Lambda cold start compiles only the
   * routes it answers).
   */
  schemas?: 'at-start' | 'on-first-use';
  /** Where the OpenAPI document comes from (http/openapi.ts): the routes (default), or the committed file. */
  openapi?: DocumentSource;
}

export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<Built> {
  const { timeouts } = config;
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel, redact: LOG_REDACTIONS },
    // One line per request, at debug (installRequestLog), instead of Fastify's two at info.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    // Slow clients (DESIGN §1.7): headers and whole requests have deadlines (408, then closed).
    requestTimeout: timeouts.requestMs,
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.max(
        MIN_TIMEOUT_CHECK_MS,
        Math.floor(timeouts.headersMs / TIMEOUT_CHECKS_PER_LIMIT),
      ),
    },
    routerOptions: { maxParamLength: 8192 },
    // Errors Fastify raises before routing (e.g. broken percent-encoding) are problems too.
    frameworkErrors: (error, req, reply) => sendProblem(reply, req, 400, 'EINVAL', error.message),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
  const { kv, objects, direct } = await openStores(config, log);
  const identity = newIdentity();
  const coord = await openCoordinator(
    config,
    kv,
    { id: identity.id, verifier: identity.verifier, startedAt: identity.startedAt },
    log,
  );
  // The fs layer's shared parts first: the write-back cache commits through the slice owner,
  // and the namespace must see the cache's unflushed writes (truncate, stat lengths).
  const catalogue = new Catalogue(kv);
  const slices = new Slices(kv, catalogue, { intentTtlMs: config.intentTtlMs, writer: identity.verifier });
  const cache = new WriteCache({
    maxBytes: config.cacheBytes,
    flushAgeMs: config.flushAgeMs,
    commit: makeCommitter(slices, objects),
    onDirty: (fsId, ino, dirty) => coord.markDirty(fsId, ino, dirty),
    log,
  });
  const fss = new FileSystems({ kv, catalogue, unflushed: cache });
  const paths = new PathOps(fss);
  const verifiers = new Verifiers(kv, identity.verifier, async () => (await coord.instances()).map((i) => i.verifier));
  // A writer is known dead when the registry sees every instance that can write: always with
  // a coordinator, and with local coordination only when no other process can share the
  // metadata (the memory engine locks its directory); Lambda instances are not registered.
  const registrySeesAll = config.coord.kind !== 'local' || config.meta.engine === 'memory';
  const writerAlive = registrySeesAll
    ? async (v: string) => ['current', 'live'].includes(await verifiers.state(v))
    : undefined;
  const sweeper = new Sweeper({ kv, catalogue, objects, log, leadership: coord.leadership, slices, writerAlive });
  coord.onFlushRequest((fsId, ino) => cache.flushFile(fsId, ino, 'all'));
  const readCache = new ReadCache(objects, config.readCacheBytes, { log });
  let closing = false;
  const downloads = new DownloadStats();
  const transfers = { uploads: uploadBudget(config.cacheBytes), reads: readBudget(config.readCacheBytes) };
  const services: Services = {
    fss,
    paths,
    uploads: new FileUploads({
      fss,
      paths,
      slices,
      objects,
      unflushed: cache,
      budget: transfers.uploads,
    }),
    reads: new FileReads({ fss, cache, readCache, budget: transfers.reads }),
    writes: new FileWrites({ fss, cache, verifiers, coord, mode: config.cacheMode }),
    trash: new Trash(fss),
    compactor: new Compactor({ kv, objects, slices }),
    downloads,
    direct: {
      uploads: new DirectUploads({ fss, slices, objects, direct, unflushed: cache }),
      reads: new DirectReads({ fss, objects, direct, unflushed: cache }),
    },
    ready: () => !closing && !kv.problem(),
    status: () => ({
      instance: identity.id,
      verifier: identity.verifier,
      startedAt: identity.startedAt,
      version: API_VERSION,
      leader: coord.isLeader(),
      coord: { kind: coord.kind, ...coord.leaderState() },
      meta: kv.stats(),
      objects: { kind: objects.kind, location: objects.location, ...objects.stats?.() },
      jobs: { ...sweeper.status, ...sweeper.jobs },
      cache: { mode: config.cacheMode, write: cache.stats(), read: readCache.stats() },
      memory: process.memoryUsage(),
    }),
  };

  installErrorHandling(app);
  installValidation(app);
  if (opts.schemas === 'on-first-use') compileSchemasOnFirstUse(app);
  installRequestLog(app);
  await registerCors(app, config.corsOrigins);
  installCompression(app); // JSON answers only (src/http/compression.ts)
  // Before any route: every route's access is declared or derived when it is added.
  const auth = await registerAuth(app, config.auth);
  const bodyIdle = installBodyIdleTimeout(app, timeouts.bodyIdleMs);
  await registerOpenApi(app, opts.openapi);
  registerMetrics(app, {
    gauges: () => {
      const numeric: Record<string, number> = {};
      for (const [k, v] of Object.entries(kv.stats())) if (typeof v === 'number') numeric[`meta_${k}`] = v;
      for (const [k, v] of Object.entries(sweeper.status.purged)) numeric[`purged_${k}`] = v;
      numeric.sweeper_passes = sweeper.status.passes;
      for (const [k, v] of Object.entries(cache.stats())) numeric[`write_cache_${k}`] = v;
      for (const [k, v] of Object.entries(readCache.stats())) numeric[`read_cache_${k}`] = v;
      for (const [k, v] of Object.entries(objects.stats?.() ?? {})) numeric[`objects_${k}`] = v;
      numeric.downloads_cut_mid_stream = downloads.cutMidStream;
      numeric.upload_bytes_in_flight = transfers.uploads.usedBytes; // block copies waiting for their PUT
      numeric.read_bytes_in_flight = transfers.reads.usedBytes; // object bytes streamed reads fetched ahead
      numeric.request_bodies_idle_closed = bodyIdle.closed;
      return numeric;
    },
    jobs: () => sweeper.jobs,
  });
  catalogueRoutes(app, services);
  pathRoutes(app, services);
  fileRoutes(app, services);
  dataRoutes(app, services);
  directRoutes(app, services);
  inodeRoutes(app, services);
  xattrRoutes(app, services);
  trashRoutes(app, services);
  maintenanceRoutes(app, services);
  statusRoutes(app, services);

  app.addHook('onClose', async () => {
    closing = true;
    await sweeper.stop();
    try {
      // Everything acknowledged is committed: the verifier can vouch for its writes.
      const dirty = cache.stats().usedBytes;
      await cache.close();
      await verifiers.markClean();
      log(`shutdown: write-back cache flushed (${dirty} bytes), verifier ${identity.verifier} recorded clean`);
    } catch (e) {
      log('could not flush the write-back cache at shutdown; clients will be told their writes were lost', e);
    }
    await coord.stop();
    await kv.close();
    await objects.close();
    direct?.close();
    log('shutdown: coordination released, metadata and object stores closed');
  });
  await coord.start();
  // Write-through answers only after the commit, so this verifier vouches for every write it
  // ever acknowledges: recorded now, a flush naming it on another instance (e.g. another
  // Lambda instance, which never shuts down cleanly) is not refused as lost.
  if (config.cacheMode === 'writethrough') await verifiers.markClean();
  if (opts.background !== 'invoked') {
    sweeper.start(config.sweepIntervalMs);
    cache.start();
  }
  return { app, kv, objects, sweeper, identity, cache, coord, auth };
}
