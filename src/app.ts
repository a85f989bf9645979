// Composition root (DESIGN §2): the only place that names concrete backends. buildApp wires
// the metadata engine, the object store and the services into a Fastify instance.
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from './config.ts';
import { newIdentity, type InstanceIdentity } from './coord/identity.ts';
import { PutBudget } from './data/block-puts.ts';
import { FileReads } from './data/file-reads.ts';
import { FileUploads } from './data/file-upload.ts';
import { FileWrites } from './data/file-writes.ts';
import { makeCommitter } from './data/flusher.ts';
import { ReadCache } from './data/read-cache.ts';
import { WriteCache } from './data/write-cache.ts';
import { Verifiers } from './coord/verifiers.ts';
import { Catalogue } from './fs/catalogue.ts';
import { PathOps } from './fs/path-service.ts';
import { FileSystems } from './fs/service.ts';
import { Slices } from './fs/slices.ts';
import { installErrorHandling, sendProblem } from './http/errors.ts';
import { registerMetrics } from './http/metrics.ts';
import { registerOpenApi, API_VERSION } from './http/openapi.ts';
import { catalogueRoutes } from './http/routes/catalogue.ts';
import { dataRoutes } from './http/routes/data.ts';
import { fileRoutes } from './http/routes/files.ts';
import { inodeRoutes } from './http/routes/inodes.ts';
import { pathRoutes } from './http/routes/paths.ts';
import { statusRoutes } from './http/routes/status.ts';
import { xattrRoutes } from './http/routes/xattrs.ts';
import { Problem } from './http/schemas.ts';
import { installValidation } from './http/validation.ts';
import type { App, Services } from './http/types.ts';
import { Sweeper } from './jobs/sweeper.ts';
import { Etcd3 } from 'etcd3';
import { EtcdCoordinator } from './coord/etcd.ts';
import { LocalCoordinator } from './coord/local.ts';
import type { Coordinator, InstanceInfo } from './coord/types.ts';
import { EtcdKv, etcdClientOptions } from './kv/etcd.ts';
import { MemoryKv } from './kv/memory.ts';
import type { KvStore } from './kv/types.ts';
import { LocalObjectStore } from './objects/local.ts';
import { S3ObjectStore } from './objects/s3.ts';
import type { ObjectStore } from './objects/types.ts';

/** JSON bodies are small (names, attributes); file contents never go through the JSON parser. */
export const JSON_BODY_LIMIT_BYTES = 1024 * 1024;

export interface Built {
  app: App;
  coord: Coordinator;
  cache: WriteCache;
  kv: KvStore;
  objects: ObjectStore;
  sweeper: Sweeper;
  identity: InstanceIdentity;
}

async function openMeta(config: Config, log: (m: string) => void): Promise<KvStore> {
  switch (config.meta.engine) {
    case 'memory':
      return MemoryKv.open({ dir: config.meta.dir, log });
    case 'etcd':
      return new EtcdKv({ endpoints: config.meta.endpoints, prefix: config.meta.prefix });
  }
}

/** The coordinator, sharing the metadata engine's etcd connection when it is the same cluster. */
function openCoordinator(
  config: Config,
  kv: KvStore,
  self: InstanceInfo,
  log: (m: string, e?: unknown) => void,
): Coordinator {
  switch (config.coord.kind) {
    case 'local':
      return new LocalCoordinator(self);
    case 'etcd': {
      const shared =
        kv instanceof EtcdKv &&
        config.meta.engine === 'etcd' &&
        config.meta.endpoints.join() === config.coord.endpoints.join();
      const client = shared ? kv.client : new Etcd3(etcdClientOptions(config.coord.endpoints));
      return new EtcdCoordinator({ client, prefix: config.coord.prefix, self, log, ownsClient: !shared });
    }
  }
}

async function openObjects(config: Config): Promise<ObjectStore> {
  switch (config.objects.kind) {
    case 'file':
      return LocalObjectStore.open(config.objects.dir);
    case 's3':
      return new S3ObjectStore(config.objects.location);
  }
}

export async function buildApp(config: Config, opts: { logger?: boolean } = {}): Promise<Built> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: config.logLevel },
    bodyLimit: JSON_BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: 8192 },
    // Errors Fastify raises before routing (e.g. broken percent-encoding) are problems too.
    frameworkErrors: (error, req, reply) => sendProblem(reply, req, 400, 'EINVAL', error.message),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;
  const log = (msg: string, err?: unknown) => (err ? app.log.error({ err }, msg) : app.log.info(msg));
  const kv = await openMeta(config, log);
  const objects = await openObjects(config);
  const identity = newIdentity();
  const coord = openCoordinator(
    config,
    kv,
    { id: identity.id, verifier: identity.verifier, startedAt: identity.startedAt },
    log,
  );
  // The fs layer's shared parts first: the write-back cache commits through the slice owner,
  // and the namespace must see the cache's unflushed writes (truncate, stat lengths).
  const catalogue = new Catalogue(kv);
  const slices = new Slices(kv, catalogue);
  const cache = new WriteCache({
    maxBytes: config.cacheBytes,
    commit: makeCommitter(slices, objects),
    onDirty: (fsId, ino, dirty) => coord.markDirty(fsId, ino, dirty),
    log,
  });
  const fss = new FileSystems({ kv, catalogue, unflushed: cache });
  const paths = new PathOps(fss);
  const sweeper = new Sweeper({ kv, catalogue, objects, log, canLead: () => coord.isLeader() });
  const verifiers = new Verifiers(kv, identity.verifier, async () => (await coord.instances()).map((i) => i.verifier));
  coord.onFlushRequest((fsId, ino) => cache.flushFile(fsId, ino, 'all'));
  const readCache = new ReadCache(objects, config.readCacheBytes);
  let closing = false;
  const services: Services = {
    fss,
    paths,
    uploads: new FileUploads({
      fss,
      paths,
      slices,
      objects,
      unflushed: cache,
      budget: PutBudget.forCache(config.cacheBytes),
    }),
    reads: new FileReads({ fss, cache, readCache }),
    writes: new FileWrites({ fss, cache, verifiers, coord, mode: config.cacheMode }),
    ready: () => !closing && !kv.problem(),
    status: () => ({
      instance: identity.id,
      verifier: identity.verifier,
      startedAt: identity.startedAt,
      version: API_VERSION,
      leader: coord.isLeader(),
      coord: { kind: coord.kind, ...coord.leaderState() },
      meta: kv.stats(),
      objects: { kind: objects.kind, location: objects.location },
      jobs: sweeper.status,
      cache: { mode: config.cacheMode, write: cache.stats(), read: readCache.stats() },
      memory: process.memoryUsage(),
    }),
  };

  installErrorHandling(app);
  installValidation(app);
  app.addSchema(Problem);
  await registerOpenApi(app);
  registerMetrics(app, () => {
    const numeric: Record<string, number> = {};
    for (const [k, v] of Object.entries(kv.stats())) if (typeof v === 'number') numeric[`meta_${k}`] = v;
    for (const [k, v] of Object.entries(sweeper.status.purged)) numeric[`purged_${k}`] = v;
    numeric.sweeper_passes = sweeper.status.passes;
    for (const [k, v] of Object.entries(cache.stats())) numeric[`write_cache_${k}`] = v;
    for (const [k, v] of Object.entries(readCache.stats())) numeric[`read_cache_${k}`] = v;
    return numeric;
  });
  catalogueRoutes(app, services);
  pathRoutes(app, services);
  fileRoutes(app, services);
  dataRoutes(app, services);
  inodeRoutes(app, services);
  xattrRoutes(app, services);
  statusRoutes(app, services);

  app.addHook('onClose', async () => {
    closing = true;
    await sweeper.stop();
    try {
      // Everything acknowledged is committed: the verifier can vouch for its writes.
      await cache.close();
      await verifiers.markClean();
    } catch (e) {
      log('could not flush the write-back cache at shutdown; clients will be told their writes were lost', e);
    }
    await coord.stop();
    await kv.close();
    await objects.close();
  });
  await coord.start();
  sweeper.start(config.sweepIntervalMs);
  cache.start();
  return { app, kv, objects, sweeper, identity, cache, coord };
}
