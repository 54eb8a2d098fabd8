// A Concord server in its own process, for tests that signal or kill it: `DATA_DIR=… node --import tsx tests/support/server-process.ts`.
// It stops on SIGTERM/SIGINT as `npm start` does; with LOG_LEVEL set it logs JSON lines to stdout.
import { startConcord } from '../../server/app';
import { loadConfig } from '../../server/env';
import { createJsonLogger, silentLogger } from '../../server/log';
import { exitGracefullyOnSignals } from '../../server/ops/shutdown';

const { DATA_DIR, LOG_LEVEL, NODE_ID, METRICS_TOKEN, SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } = process.env;
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR, LOG_LEVEL, NODE_ID, METRICS_TOKEN, SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS });
const log = LOG_LEVEL ? createJsonLogger({ level: config.ops.logLevel, node: config.ops.nodeId }) : silentLogger;
const running = await startConcord(config, { log, withNext: false });
exitGracefullyOnSignals(running, config, log);
process.stdout.write(`PORT ${running.port}\n`);
