// A Concord server in its own process, for tests that kill it or run several nodes:
// `DATA_DIR=… [DATABASE_URL=… AUTH_SECRET=… REDIS_URL=… NODE_ID=…] node --import tsx tests/support/server-process.ts`.
// CONCORD_TEST_OPTIONS (JSON) passes tunables ({ sync, cluster }) as startConcord takes them.
// Each line on stdin, `{"id":1,"name":"lock","args":[…]}`, runs that command of the node's
// `commands` and answers on stdout `RESULT {"id":1,"value":…}` (or `"error":{code,message}`).
import { createInterface } from 'node:readline';
import { startConcord } from '../../server/app';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';

const { DATA_DIR, AUTH_SECRET, REDIS_URL, NODE_ID, DATABASE_URL } = process.env;
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR, AUTH_SECRET, REDIS_URL, NODE_ID, DATABASE_URL });
const running = await startConcord(config, { log: silentLogger, withNext: false, ...JSON.parse(process.env.CONCORD_TEST_OPTIONS ?? '{}') });
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
