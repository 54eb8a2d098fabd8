/**
 * Child process of the cold-open scenario, one step per process so that "cold" means a fresh
 * process: `build` writes a sheet's history through the server's store path, `open` (run on a
 * copy of that data) times how long the first open takes, server side.
 *
 *   tsx bench/servers/cold.ts <concord|reference> <build|open> <dir> <updates>
 * Prints one JSON line with the figures.
 */
import path from 'node:path';
import { setPersistence, WSSharedDoc } from '@y/websocket-server/utils';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { startConcord } from '../../server/app';
import { addUser } from '../../server/commands/people';
import { createSheet } from '../../server/commands/sheets';
import { loadConfig } from '../../server/env';
import { silentLogger } from '../../server/log';
import { openSqliteStore } from '../../server/store/sqlite';
import { DEFAULT_SYNC_OPTIONS } from '../../server/sync/server';
import { Room } from '../../server/sync/room';
import { typingHistory } from '../history';

const [server, step, dir, count] = process.argv.slice(2);
const ms = (t0: number) => Math.round((performance.now() - t0) * 100) / 100;
const print = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);

if (server === 'concord' && step === 'build') {
  const updates = typingHistory(Number(count));
  const running = await startConcord(loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir }), { log: silentLogger, withNext: false });
  const ctx = running.context;
  const owner = await addUser(ctx.store, { email: 'owner@bench.example', name: 'owner', password: 'bench password 1234', department: '工程部' });
  // As the server writes them: each keystroke through the room (stored, compacted every 500).
  const { id: compacted } = await createSheet(ctx, owner, { title: 'compacted' });
  let t0 = performance.now();
  await ctx.sync.withRoom(compacted, async (room) => {
    for (const u of updates) await room.changeAsSystem((doc) => Y.applyUpdate(doc, u));
  });
  const viaRoomMs = ms(t0);
  // The worst case: the same keystrokes as one log, never compacted (appended one per call, as a room's flush does under light load).
  const { id: raw } = await createSheet(ctx, owner, { title: 'raw log' });
  t0 = performance.now();
  for (const u of updates) await ctx.store.updates.append(raw, [u]);
  const appendMs = ms(t0);
  await running.close();
  print({ sheets: { compacted, raw }, viaRoomMs, appendMs });
} else if (server === 'concord' && step === 'open') {
  const sheetId = count;
  const store = openSqliteStore(path.join(dir, 'concord.db'));
  const logLength = await store.updates.pendingCount(sheetId);
  let t0 = performance.now();
  const room = await Room.open(sheetId, store, { compactAfterUpdates: DEFAULT_SYNC_OPTIONS.compactAfterUpdates }, silentLogger);
  const openMs = ms(t0);
  // Ready to answer sync step 1: the room's queued work (a compaction of a long log) done.
  await room.durable();
  const readyMs = ms(t0);
  t0 = performance.now();
  const state = Y.encodeStateAsUpdate(room.doc);
  const step2Ms = ms(t0);
  print({ logLength, openMs, readyMs, step2Ms, stateBytes: state.length, heapUsedBytes: process.memoryUsage().heapUsed });
  await room.unload();
  await store.close();
} else if (server === 'reference' && step === 'build') {
  // The reference's own persistence (YPERSISTENCE): every update stored as it arrives.
  const updates = typingHistory(Number(count));
  const ldb = new LeveldbPersistence(dir);
  const t0 = performance.now();
  for (const u of updates) await ldb.storeUpdate('sheet', u);
  const appendMs = ms(t0);
  await ldb.destroy();
  print({ appendMs });
} else if (server === 'reference' && step === 'open') {
  setPersistence(null);
  const ldb = new LeveldbPersistence(dir);
  // What its bindState does when the first client connects: the stored doc, applied to the room's doc.
  let t0 = performance.now();
  const persisted = await ldb.getYDoc('sheet');
  const doc = new WSSharedDoc('sheet');
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(persisted));
  const openMs = ms(t0);
  t0 = performance.now();
  const state = Y.encodeStateAsUpdate(doc);
  const step2Ms = ms(t0);
  print({ openMs, readyMs: openMs, step2Ms, stateBytes: state.length, heapUsedBytes: process.memoryUsage().heapUsed });
  await ldb.destroy();
} else {
  throw new Error(`unknown step: ${server} ${step}`);
}
// Timers of what was opened (y-protocols' awareness checks every 30 s) would keep the process alive.
process.exit(0);
