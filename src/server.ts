// Container / process entry: listen, and shut down gracefully on SIGTERM/SIGINT (finish
// requests, stop the jobs, write the metadata snapshot, release the directory lock).
import { buildApp } from './app.ts';
import { type Config, HelpRequested, loadConfig, USAGE } from './config.ts';
import { VERSION } from './version.ts';

const SHUTDOWN_GRACE_MS = 30_000;

/** The backends in one phrase, for the start line. */
function backends(config: Config): string {
  const m = config.meta;
  const meta =
    m.engine === 'memory'
      ? `memory:${m.dir}`
      : m.engine === 'etcd'
        ? `etcd ${m.endpoints.join(',')}`
        : `dynamodb ${m.location.table} (${m.location.endpoint ?? m.location.region})`;
  const objects =
    config.objects.kind === 'file'
      ? `file:${config.objects.dir}`
      : `s3://${config.objects.location.bucket}/${config.objects.location.prefix}`;
  const coord = config.coord.kind === 'local' ? 'local' : `etcd ${config.coord.endpoints.join(',')}`;
  return `metadata ${meta}, objects ${objects}, coordination ${coord}, cache ${config.cacheMode}`;
}

export async function serve(argv: string[] = process.argv.slice(2)): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env, argv);
  } catch (e) {
    if (!(e instanceof HelpRequested)) throw e;
    process.stdout.write(USAGE);
    return;
  }
  const { app, auth } = await buildApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    const t0 = performance.now();
    app.log.info(`${signal}: shutting down (no new connections; in-flight requests finish)`);
    const force = setTimeout(() => {
      app.log.error('shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      // On a full disk too: the metadata engine skips its final snapshot (its log holds every
      // acknowledged change) rather than fail the shutdown.
      await app.close();
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
    app.log.info(`shut down cleanly in ${Math.round(performance.now() - t0)} ms`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  // The authentication document is read again without a restart (README "Security").
  process.on('SIGHUP', () => {
    auth.reload().then(
      (n) => app.log.info(`SIGHUP: authentication reloaded (${n.keys} keys, ${n.issuers} issuers)`),
      (e) => app.log.error({ err: e }, 'SIGHUP: authentication not reloaded; the previous document stays in force'),
    );
  });
  await app.listen({
    host: config.host,
    port: config.port,
    // Fastify's own start line, told what a first-time user needs: where the docs are, what runs.
    listenTextResolver: (address) =>
      `CirrusFS ${VERSION} listening at ${address} (API docs ${address}/docs, OpenAPI ${address}/openapi.json; ${backends(config)})`,
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
