/** Child process: Concord's server (sync only, SQLite in a temp dir, silent) with one sheet provisioned for the bench. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startConcord } from '../../server/app';
import { addUser } from '../../server/commands/people';
import { createSheet, issueSyncToken } from '../../server/commands/sheets';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';
import { Room } from '../../server/sync/room';
import { provisionFromEnv, serveDriver } from './ipc';
import { Probe } from '../probe';

const { editors, observers, sheets = 0, perSheet = 0 } = provisionFromEnv();
const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-bench-'));
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir });
const running = await startConcord(config, { log: silentLogger, withNext: false });
const ctx = running.context;

// Real people with real roles, so the guard and the token check run as in production.
const person = (name: string) => addUser(ctx.store, { email: `${name}@bench.example`, name, password: 'bench password 1234', department: '工程部' });
const owner = await person('owner');
const { id: sheetId } = await createSheet(ctx, owner, { title: '基准测试协调表' });
const editorUsers = await Promise.all(Array.from({ length: editors }, (_, i) => person(`editor${i}`)));
const observerUsers = await Promise.all(Array.from({ length: observers }, (_, i) => person(`observer${i}`)));
for (const u of editorUsers) await ctx.store.sheets.setMember(sheetId, u.id, 'editor');
for (const u of observerUsers) await ctx.store.sheets.setMember(sheetId, u.id, 'viewer');
const params = async (u: typeof owner) => ({ token: (await issueSyncToken(ctx, u, sheetId)).token });

// Many-sheets scenarios: `perSheet` people, each an editor of every one of `sheets` sheets, one socket per (sheet, person).
const people = await Promise.all(Array.from({ length: sheets > 0 ? perSheet : 0 }, (_, i) => person(`member${i}`)));
const sockets: Array<{ room: string; params: Record<string, string> }> = [];
for (let s = 0; s < sheets; s++) {
  const { id } = await createSheet(ctx, owner, { title: `协调表 ${s}` });
  for (const u of people) {
    await ctx.store.sheets.setMember(id, u.id, 'editor');
    sockets.push({ room: id, params: { token: (await issueSyncToken(ctx, u, id)).token } });
  }
}

// Time the write path from the outside: the guard + apply (receiveUpdate), and each flush
// (SQLite append, then the broadcast), with the store's calls inside it.
const probe = new Probe();
probe.wrap(Room.prototype, 'receiveUpdate', 'Room.receiveUpdate (guard + apply)');
probe.wrap(Room.prototype, 'flush', 'Room.flush (append + broadcast + compaction)');
probe.wrap(ctx.store.updates, 'append', 'store.updates.append');
probe.wrap(ctx.store.updates, 'compact', 'store.updates.compact');
probe.wrap(ctx.store.sheets, 'updateSummary', 'store.sheets.updateSummary');

serveDriver(
  {
    name: 'concord',
    providerUrl: `ws://127.0.0.1:${running.port}/sync`,
    room: sheetId,
    setupParams: await params(owner),
    observerParams: await Promise.all(observerUsers.map(params)),
    editorParams: await Promise.all(editorUsers.map(params)),
    sockets,
  },
  probe,
  async () => {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
);
