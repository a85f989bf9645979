// Container / process entry: listen, and shut down gracefully on SIGTERM/SIGINT (finish
// requests, stop the jobs, write the metadata snapshot, release the directory lock).
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SHUTDOWN_GRACE_MS = 30_000;

export async function serve(argv: string[] = process.argv.slice(2)): Promise<void> {
  const config = loadConfig(process.env, argv);
  const { app } = await buildApp(config);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal}: shutting down`);
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
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await app.listen({ host: config.host, port: config.port });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
