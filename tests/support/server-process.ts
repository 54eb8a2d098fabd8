// A Concord server in its own process, for tests that kill or signal it or run several nodes:
// `DATA_DIR=… [DATABASE_URL=… AUTH_SECRET=… REDIS_URL=… NODE_ID=…] node --import tsx tests/support/server-process.ts`.
// It stops on SIGTERM/SIGINT as `npm start` does; with LOG_LEVEL set it logs JSON lines to stdout
// (METRICS_TOKEN, SHUTDOWN_DELAY_MS and SHUTDOWN_TIMEOUT_MS are passed on too).
// CONCORD_TEST_OPTIONS (JSON) passes tunables ({ sync, cluster }) as startConcord takes them.
// Each line on stdin, `{"id":1,"name":"lock","args":[…]}`, runs that command of the node's
// `commands` and answers on stdout `RESULT {"id":1,"value":…}` (or `"error":{code,message}`).
import { createInterface } from 'node:readline';
import { startConcord } from '../../server/app';
import { loadConfig } from '../../server/env';
import { createJsonLogger, silentLogger } from '../../server/log';
import { exitGracefullyOnSignals } from '../../server/ops/shutdown';

const { DATA_DIR, AUTH_SECRET, REDIS_URL, NODE_ID, DATABASE_URL, LOG_LEVEL, METRICS_TOKEN, SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS } = process.env;
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR, AUTH_SECRET, REDIS_URL, NODE_ID, DATABASE_URL, LOG_LEVEL, METRICS_TOKEN, SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS });
const log = LOG_LEVEL ? createJsonLogger({ level: config.ops.logLevel, node: config.nodeId }) : silentLogger;
const running = await startConcord(config, { log, withNext: false, ...JSON.parse(process.env.CONCORD_TEST_OPTIONS ?? '{}') });
exitGracefullyOnSignals(running, config, log);
process.stdout.write(`PORT ${running.port}\n`);

const commands = running.context.commands as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, name, args } = JSON.parse(line) as { id: number; name: string; args: unknown[] };
  const answer = (result: object) => process.stdout.write(`RESULT ${JSON.stringify({ id, ...result })}\n`);
  Promise.resolve()
    .then(() => commands[name](...args))
    .then(
      (value) => answer({ value: value ?? null }),
      (err: { code?: string; message?: string }) => answer({ error: { code: err.code ?? 'internal', message: err.message ?? String(err) } }),
    );
});
