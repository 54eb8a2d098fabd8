import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import { openSqliteStore } from '../../server/store/sqlite';
import { connectPeer, Harness, paragraph, RawPeer, ServerProcess, until, writeInto, type Peer } from '../support/harness';
import { get, sample } from './support';

const dirs: string[] = [];
const servers: ServerProcess[] = [];
const peers: Peer[] = [];
afterAll(async () => {
  for (const p of peers) p.provider.destroy();
  for (const s of servers) await s.kill();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** People and a sheet made in-process on a fresh data directory (and its secret), then a server process on it. */
async function setUp(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-ops-'));
  dirs.push(dataDir);
  const seed = await Harness.start({ dataDir });
  const [alice, bob, viewer] = [await seed.user(), await seed.user(), await seed.user()];
  const sheet = await seed.sheet(alice, [[bob, 'editor'], [viewer, 'viewer']]);
  const tokens = { alice: await seed.token(alice, sheet), bob: await seed.token(bob, sheet), viewer: await seed.token(viewer, sheet) };
  await seed.close({ keepData: true });
  const server = await ServerProcess.start(dataDir, env);
  servers.push(server);
  const peer = async (token: string) => {
    const p = await connectPeer(server.wsBase, sheet, token);
    peers.push(p);
    return p;
  };
  return { dataDir, sheet, tokens, server, peer };
}

test('O6 SIGTERM drains: /readyz turns 503, sockets close with "going away", new upgrades are refused, every edit and the summary are stored, exit 0', async () => {
  const { dataDir, sheet, tokens, server, peer } = await setUp({ LOG_LEVEL: 'info', NODE_ID: 'node-a', SHUTDOWN_DELAY_MS: '3000' });
  const a = await peer(tokens.alice);
  const b = await peer(tokens.bob);
  const closes: number[] = [];
  for (const p of [a, b]) p.provider.on('connection-close', (event) => event && closes.push(event.code));
  const record = a.doc.getXmlFragment('record');
  for (let i = 0; i < 40; i++) record.insert(record.length, [paragraph(`第${i}条`)]);
  b.doc.getMap('meta').set('title', '停机前的标题');
  await until(() => a.doc.getMap('meta').get('title') === '停机前的标题' && b.doc.getXmlFragment('record').length === 40, 5000, 'both edits to cross');
  expect((await get(`${server.httpBase}/readyz`)).status).toBe(200);

  server.child.kill('SIGTERM');
  await until(() => closes.filter((c) => c === SyncClose.goingAway).length >= 2, 5000, 'both sockets to close with going away');
  // Draining: alive, not ready, and no new sync sockets.
  const ready = await get(`${server.httpBase}/readyz`);
  expect(ready.status).toBe(503);
  expect(ready.body).toMatchObject({ status: 'shutting-down', node: 'node-a' });
  expect((await get(`${server.httpBase}/healthz`)).status).toBe(200);
  const refused = await new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(`${server.wsBase}/${sheet}?token=${encodeURIComponent(tokens.alice)}`);
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('open', () => reject(new Error('a draining node accepted a socket')));
    ws.once('error', reject);
  });
  expect(refused).toBe(503);
  for (const p of [a, b]) p.provider.destroy();

  expect(await server.exited).toEqual({ code: 0, signal: null });
  const events = server.logs().map((l) => l.event);
  expect(events).toEqual(expect.arrayContaining(['concord.stopping', 'concord.drained', 'concord.stopped']));

  // Nothing lost: the store holds every edit, compacted, and the sheets list has the new title.
  const store = openSqliteStore(path.join(dataDir, 'concord.db'));
  try {
    const stored = await store.updates.load(sheet);
    const doc = new Y.Doc();
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
    const content = readSheet(doc);
    expect(content.record.text.split('\n')).toEqual(Array.from({ length: 40 }, (_, i) => `第${i}条`));
    expect(content.meta.title).toBe('停机前的标题');
    expect(stored.updates).toHaveLength(0);
    expect((await store.sheets.getSheet(sheet))?.title).toBe('停机前的标题');
  } finally {
    await store.close();
  }
});

test('O7 logs are JSON lines with time, level, node, event and the ids concerned; /metrics asks for METRICS_TOKEN when it is set', async () => {
  const token = 'a-metrics-token-for-the-test';
  const { sheet, tokens, server } = await setUp({ LOG_LEVEL: 'info', NODE_ID: 'node-b', METRICS_TOKEN: token });
  const hostile = new RawPeer(new WebSocket(`${server.wsBase}/${sheet}?token=${encodeURIComponent(tokens.viewer)}`));
  await hostile.synced;
  hostile.write((doc) => writeInto(doc, 'record'));
  expect(await hostile.closed).toBe(SyncClose.forbiddenSection);

  await until(() => server.logs().some((l) => l.event === 'sync.refused'), 5000, 'the refusal to be logged');
  const lines = server.logs();
  for (const line of lines) {
    expect(line).toMatchObject({ level: expect.stringMatching(/^(debug|info|warn|error)$/), node: 'node-b', event: expect.any(String) });
    expect(Number.isNaN(Date.parse(line.time as string))).toBe(false);
  }
  expect(lines.find((l) => l.event === 'sync.refused')).toMatchObject({ level: 'warn', sheetId: sheet, reason: 'forbiddenSection', role: 'viewer', userId: expect.any(String) });

  const anonymous = await get(`${server.httpBase}/metrics`);
  expect(anonymous.status).toBe(401);
  expect((await get(`${server.httpBase}/metrics`, { Authorization: 'Bearer wrong-token-of-some-length' })).status).toBe(401);
  const scraped = await get(`${server.httpBase}/metrics`, { Authorization: `Bearer ${token}` });
  expect(scraped.status).toBe(200);
  expect(sample(scraped.body as string, 'concord_sync_refusals_total{reason="forbiddenSection"}')).toBe(1);
});
