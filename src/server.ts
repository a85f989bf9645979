// Container / process entry: listen, and shut down gracefully on SIGTERM/SIGINT (finish
// requests, stop the jobs, write the metadata snapshot, release the directory lock).
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';

const SHUTDOWN_GRACE_MS = 30_000;

export async function serve(argv: string[] = process.argv.slice(2)): Promise<void> {
  const config = loadConfig(process.env, argv);
  const { app, auth } = await buildApp(config);
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
    await app.close();
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
  await app.listen({ host: config.host, port: config.port });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  serve().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
