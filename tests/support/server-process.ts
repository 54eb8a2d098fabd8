// A Concord server in its own process, for tests that kill it: `DATA_DIR=… [DATABASE_URL=…] node --import tsx tests/support/server-process.ts`.
import { startConcord } from '../../server/app';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';

const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL });
const running = await startConcord(config, { log: silentLogger, withNext: false });
process.stdout.write(`PORT ${running.port}\n`);
