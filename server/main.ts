import { ConfigError, loadConfig } from './env';
import { createJsonLogger } from './log';
import { startConcord } from './app';
import { exitGracefullyOnSignals } from './ops/shutdown';

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
  const log = createJsonLogger({ level: config.ops.logLevel, node: config.nodeId });
  // next-auth reads its own base URL from the environment.
  process.env.NEXTAUTH_URL = config.publicUrl;
  try {
    const running = await startConcord(config, { log });
    log.info('concord.started', { url: running.context.config.publicUrl, port: running.port, dataDir: config.dataDir });
    exitGracefullyOnSignals(running, config, log);
  } catch (err) {
    log.error('concord.failed', { error: err instanceof Error ? err.stack : String(err) });
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
