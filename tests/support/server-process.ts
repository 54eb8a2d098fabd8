// A Concord server in its own process, for tests that kill it: `DATA_DIR=… node --import tsx tests/support/server-process.ts`.
import { startConcord } from '../../server/app';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: process.env.DATA_DIR });
const running = await startConcord(config, { log: silentLogger, withNext: false });
process.stdout.write(`PORT ${running.port}\n`);
