/**
 * Child process: Concord's server (sync only, silent) with what a scenario needs provisioned.
 * SQLite in a temp dir by default; one of several nodes when DATABASE_URL, REDIS_URL and
 * AUTH_SECRET are set (the two-node scenario), where only the first node (not BENCH_FOLLOWER)
 * provisions and the others serve the same sheets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startConcord } from '../../server/app';
import { addUser } from '../../server/commands/people';
import { createSheet, issueSyncToken } from '../../server/commands/sheets';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';
import { Room } from '../../server/sync/room';
import { provisionFromEnv, serveDriver, type Target } from './ipc';
import { Probe } from '../probe';

const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-bench-'));
const { DATABASE_URL, REDIS_URL, AUTH_SECRET, NODE_ID } = process.env;
const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL, REDIS_URL, AUTH_SECRET, NODE_ID });
const running = await startConcord(config, { log: silentLogger, withNext: false });
const ctx = running.context;
const providerUrl = `ws://127.0.0.1:${running.port}/sync`;
const stop = async () => {
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
};

/** Real people with real roles and tokens, so the guard and the token check run as in production. */
async function provision(): Promise<Target> {
  const { editors, observers, sheets = 0, perSheet = 0 } = provisionFromEnv();
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
  const sockets: Target['sockets'] = [];
  for (let s = 0; s < sheets; s++) {
    const { id } = await createSheet(ctx, owner, { title: `协调表 ${s}` });
    for (const u of people) {
      await ctx.store.sheets.setMember(id, u.id, 'editor');
      sockets.push({ room: id, params: { token: (await issueSyncToken(ctx, u, id)).token } });
    }
  }
  return {
    name: 'concord',
    providerUrl,
    room: sheetId,
    setupParams: await params(owner),
    observerParams: await Promise.all(observerUsers.map(params)),
    editorParams: await Promise.all(editorUsers.map(params)),
    sockets,
  };
}

// Time the write path from the outside: the guard + apply (receiveUpdate), and each flush
// (store append, then the broadcast), with the store's calls inside it.
const probe = new Probe();
probe.wrap(Room.prototype, 'receiveUpdate', 'Room.receiveUpdate (guard + apply)');
probe.wrap(Room.prototype, 'flush', 'Room.flush (append + broadcast + compaction)');
probe.wrap(ctx.store.updates, 'append', 'store.updates.append');
probe.wrap(ctx.store.updates, 'compact', 'store.updates.compact');
probe.wrap(ctx.store.sheets, 'updateSummary', 'store.sheets.updateSummary');

const follower = Boolean(process.env.BENCH_FOLLOWER);
const target: Target = follower ? { name: 'concord', providerUrl, room: '', setupParams: {}, observerParams: [], editorParams: [], sockets: [] } : await provision();
serveDriver(target, probe, stop);
