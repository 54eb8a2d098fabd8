import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The port and data directory of the server under test. Playwright evaluates its config in the
 * runner and again in every worker; the values are kept in the environment, which workers
 * inherit, so all of them agree on one server.
 */
export function testServer(): { port: string; dataDir: string } {
  process.env.CONCORD_E2E_PORT ??= freePort();
  process.env.CONCORD_E2E_DATA_DIR ??= mkdtempSync(path.join(tmpdir(), 'concord-e2e-'));
  return { port: process.env.CONCORD_E2E_PORT, dataDir: process.env.CONCORD_E2E_DATA_DIR };
}

// The config is loaded synchronously, so a short child process finds a free port for it.
function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}
