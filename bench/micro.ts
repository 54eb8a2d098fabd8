/**
 * Where our server's time goes per update: calls the write path's functions directly on the same
 * kind of update the load generator sends (one editor appending to its paragraph in `record`), on
 * a document that already holds a run's worth of history. Runs in one process; no network except
 * the loopback sockets the broadcast writes to. Standalone: `npx tsx bench/micro.ts [--editors 30]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WSSharedDoc } from '@y/websocket-server/utils';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import WebSocket, { WebSocketServer } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { initSheetDoc } from '../lib/sheet/doc';
import { silentLogger } from '../server/log';
import { openSqliteStore } from '../server/store/sqlite';
import type { Store } from '../server/store/types';
import { Connection } from '../server/sync/connection';
import { inspectUpdate } from '../server/sync/inspect';
import { noSyncMetrics } from '../server/sync/metrics';
import { updateFrame } from '../server/sync/protocol';
import { Room } from '../server/sync/room';
import { summarize } from '../server/sync/summary';
import { addParagraphs, TextAppender } from './load/wire';
import { distribution, fixed, markdownTable, type Distribution } from './stats';

/** Size of the microbenchmark. */
export interface MicroOptions {
  /** Writers, each with its paragraph; also the number of peers a broadcast goes to (plus 3 observers). */
  editors: number;
  /** Edits already in the document before measuring, e.g. one load run's worth. */
  history: number;
  /** Edits measured per step. */
  updates?: number;
}

/** One measured step: microseconds per update. */
export interface MicroStep {
  step: string;
  micros: Distribution;
  note: string;
}

/** Every step, and the figures needed to read them. */
export interface MicroResult {
  options: Required<MicroOptions>;
  peers: number;
  updateBytes: number;
  docBytes: number;
  steps: MicroStep[];
}

const OBSERVERS = 3;
const tick = () => new Promise<void>((r) => setImmediate(r));

/** Times `fn` once per update, in microseconds. */
async function timeEach(updates: Uint8Array[], fn: (u: Uint8Array, i: number) => unknown, yieldEvery = 0): Promise<Distribution> {
  const samples = new Float64Array(updates.length);
  for (let i = 0; i < updates.length; i++) {
    const t0 = performance.now();
    const r = fn(updates[i], i);
    if (r instanceof Promise) await r;
    samples[i] = (performance.now() - t0) * 1000;
    // Let sockets drain between sends, as they would between edits 7 ms apart.
    if (yieldEvery && i % yieldEvery === 0) await tick();
  }
  return distribution(samples);
}

/** Opens `count` loopback WebSocket pairs and returns the server-side ends (clients ignore what they get). */
async function loopbackSockets(count: number): Promise<{ server: WebSocket[]; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  const server: WebSocket[] = [];
  wss.on('connection', (ws) => server.push(ws));
  const clients = await Promise.all(
    Array.from({ length: count }, () => new Promise<WebSocket>((resolve) => {
      const c = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
      c.once('open', () => resolve(c));
    })),
  );
  while (server.length < count) await tick();
  return {
    server,
    close: async () => {
      for (const c of clients) c.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

/** A document as the server holds it after `history` edits, plus `count` edits to measure. */
function workload(editors: number, history: number, count: number): { base: Uint8Array; updates: Uint8Array[] } {
  const doc = new Y.Doc();
  initSheetDoc(doc, { title: '基准测试协调表', initiator: { department: '工程部', person: 'owner' }, dueDate: null, urgency: 'normal', confidentiality: 'internal', tracker: null });
  const appenders = addParagraphs(doc, editors).map((t, i) => new TextAppender(1_000_000 + i, t._item!.id));
  const edit = (n: number) => appenders[n % editors].update(`#${n % editors}.${Math.floor(n / editors)}#`);
  for (let n = 0; n < history; n++) Y.applyUpdate(doc, edit(n));
  const updates = Array.from({ length: count }, (_, i) => edit(history + i));
  return { base: Y.encodeStateAsUpdate(doc), updates };
}

function docFrom(base: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, base);
  return doc;
}

async function sheetIn(store: Store, base: Uint8Array, doc: Y.Doc): Promise<string> {
  const user = await store.people.createUser({ email: `${Math.random()}@bench.example`, name: 'owner', passwordHash: null, isAdmin: false, departmentId: null });
  const id = `micro${Math.random().toString(36).slice(2, 10)}`;
  await store.sheets.createSheet({ id, createdBy: user.id, summary: summarize(doc), firstUpdate: base });
  return id;
}

/** Runs every step and returns microseconds per update. */
export async function runMicro(opts: MicroOptions): Promise<MicroResult> {
  const options = { updates: 3000, ...opts };
  const peers = options.editors + OBSERVERS;
  const { base, updates } = workload(options.editors, options.history, options.updates);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-micro-'));
  const store = openSqliteStore(path.join(dataDir, 'concord.db'));
  const sockets = await loopbackSockets(peers);
  const steps: MicroStep[] = [];
  try {
    // Guard and apply, each timed alone, on one document advancing update by update.
    const doc = docFrom(base);
    const inspectTimes: number[] = [];
    const applyTimes: number[] = [];
    for (const u of updates) {
      const t0 = performance.now();
      const r = inspectUpdate(doc, u);
      const t1 = performance.now();
      Y.applyUpdate(doc, u);
      inspectTimes.push((t1 - t0) * 1000);
      applyTimes.push((performance.now() - t1) * 1000);
      // The bench's edits must be what the guard accepts, or every figure here is off.
      if (!r.ok || r.sections.size !== 1 || !r.sections.has('record')) throw new Error(`unexpected inspection ${JSON.stringify(r)}`);
    }
    steps.push({ step: 'inspectUpdate (guard)', micros: distribution(inspectTimes), note: 'server/sync/inspect.ts' });
    steps.push({ step: 'Y.applyUpdate', micros: distribution(applyTimes), note: 'plain doc, no listeners' });
    steps.push({ step: 'updateFrame', micros: await timeEach(updates, (u) => updateFrame(u)), note: 'encode the outgoing frame' });

    // SQLite append, one update per transaction (what a flush does at this rate), and ten.
    const sheetId = await sheetIn(store, base, doc);
    const appendTimes: number[] = [];
    const appendOne = await timeEach(updates, async (u) => {
      const t0 = performance.now();
      await store.updates.append(sheetId, [u]);
      appendTimes.push((performance.now() - t0) * 1000);
    });
    // Slow appends come back at a fixed period: SQLite's WAL auto-checkpoint (every 1000 pages).
    const slow = appendTimes.flatMap((t, i) => (t > 1000 ? [i] : []));
    const gaps = slow.slice(1).map((i, k) => i - slow[k]);
    const period = gaps.length ? distribution(gaps).p50 : Number.NaN;
    steps.push({
      step: 'store.updates.append (1/txn)',
      micros: appendOne,
      note: `WAL, synchronous=NORMAL; ${slow.length} calls > 1 ms, every ~${fixed(period, 0)} appends, mean ${fixed(slow.reduce((a, i) => a + appendTimes[i], 0) / Math.max(1, slow.length) / 1000, 1)} ms`,
    });
    const batches: Uint8Array[][] = [];
    for (let i = 0; i + 10 <= updates.length; i += 10) batches.push(updates.slice(i, i + 10));
    const batched = await timeEach(batches.map((b) => b[0]), (_u, i) => store.updates.append(sheetId, batches[i]));
    steps.push({ step: 'store.updates.append (10/txn), per update', micros: scale(batched, 1 / 10), note: 'what batching would save' });
    const compactDoc = docFrom(base);
    for (const u of updates) Y.applyUpdate(compactDoc, u);
    const compaction = await timeEach(updates.slice(0, 20), async () => {
      const snapshot = Y.encodeStateAsUpdate(compactDoc);
      await store.updates.compact(sheetId, snapshot, Number.MAX_SAFE_INTEGER);
    });
    steps.push({ step: 'compaction (encodeStateAsUpdate + store)', micros: compaction, note: `once per 500 updates; doc ${Y.encodeStateAsUpdate(compactDoc).length} bytes` });

    // Broadcast through the real Connection class to real loopback sockets.
    const conns = sockets.server.map((ws, i) => new Connection(ws, sheetId, { id: `u${i}`, name: `u${i}`, department: null, color: '#000' }, 'editor', silentLogger, noSyncMetrics));
    steps.push({
      step: `broadcast to ${peers - 1} peers`,
      micros: await timeEach(updates, (u) => {
        const frame = updateFrame(u);
        for (let i = 1; i < conns.length; i++) conns[i].send(frame);
      }, 1),
      note: 'Connection.send over loopback',
    });

    // The whole path as the Room runs it: guard, apply, SQLite append, broadcast, until durable.
    const roomSheet = await sheetIn(store, base, doc);
    const room = await Room.open(roomSheet, store, { compactAfterUpdates: 500 }, silentLogger);
    for (const c of conns) room.join(c);
    await room.durable();
    await tick();
    steps.push({
      step: 'Room: receiveUpdate → durable (whole path)',
      micros: await timeEach(updates, async (u) => {
        room.receiveUpdate(conns[0], u);
        await room.durable();
      }, 1),
      note: 'includes compaction every 500',
    });

    // The reference server's whole path for comparison: readSyncMessage (apply) + broadcast to all.
    const ref = new WSSharedDoc('micro');
    Y.applyUpdate(ref, base);
    for (const ws of sockets.server) ref.conns.set(ws, new Set());
    steps.push({
      step: 'reference: readSyncMessage + broadcast',
      micros: await timeEach(updates.map(updateFrame), (frame) => {
        const decoder = decoding.createDecoder(frame);
        const encoder = encoding.createEncoder();
        decoding.readVarUint(decoder);
        encoding.writeVarUint(encoder, 0);
        syncProtocol.readSyncMessage(decoder, encoder, ref, sockets.server[0]);
      }, 1),
      note: '@y/websocket-server messageListener, sends to all',
    });
    ref.conns.clear();
    ref.destroy();
    // Only now: unloading closes the sockets the reference step sends to. It also stops the
    // room's awareness timer, which would keep the process alive.
    await room.unload();
    return { options, peers, updateBytes: updates[0].length, docBytes: base.length, steps };
  } finally {
    await sockets.close();
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function scale(d: Distribution, k: number): Distribution {
  return { count: d.count, p50: d.p50 * k, p99: d.p99 * k, max: d.max * k, mean: d.mean * k };
}

/** Prints the steps as a Markdown table, with the CPU they cost at the run's update rate. */
export function printMicro(r: MicroResult): void {
  console.log(`document: ${r.docBytes} bytes after ${r.options.history} edits; update: ${r.updateBytes} bytes; ${r.options.updates} updates per step\n`);
  console.log(
    markdownTable(
      ['step', 'mean µs', 'p50 µs', 'p99 µs', 'max µs', 'note'],
      r.steps.map((s) => [s.step, fixed(s.micros.mean, 1), fixed(s.micros.p50, 1), fixed(s.micros.p99, 1), fixed(s.micros.max, 0), s.note]),
    ),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { editors: { type: 'string', default: '30' }, history: { type: 'string', default: '3000' }, updates: { type: 'string', default: '3000' } } });
  printMicro(await runMicro({ editors: Number(values.editors), history: Number(values.history), updates: Number(values.updates) }));
}
