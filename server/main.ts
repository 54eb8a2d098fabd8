import { ConfigError, loadConfig } from './env';
import { jsonLogger } from './log';
import { startConcord } from './app';

/** `npm start`: one process, one port, everything Concord needs. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { dev: process.argv.includes('--dev') });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  // next-auth reads its own base URL from the environment.
  process.env.NEXTAUTH_URL = config.publicUrl;
  const running = await startConcord(config, { log: jsonLogger });
  jsonLogger.info('concord.started', { url: running.context.config.publicUrl, port: running.port, dataDir: config.dataDir });
  const stop = (signal: string) => {
    jsonLogger.info('concord.stopping', { signal });
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  jsonLogger.error('concord.failed', { error: err instanceof Error ? err.stack : String(err) });
  process.exit(1);
});
