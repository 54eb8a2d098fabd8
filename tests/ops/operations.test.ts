import { afterAll, beforeAll, expect, test } from 'vitest';
import { SyncClose } from '../../lib/sync/close';
import { barrier, Harness, paragraph, writeInto } from '../support/harness';
import { get, sample } from './support';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await Harness.start();
  base = h.baseUrl;
});
afterAll(() => h.close());

test('O1 /healthz answers while the process runs: 200 with the node id, no session needed', async () => {
  const res = await get(`${base}/healthz`);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ status: 'ok', node: h.ctx.config.nodeId });
});

test('O2 /readyz is 200 with the store checked by a real query, and its latency', async () => {
  const res = await get(`${base}/readyz`);
  expect(res.status).toBe(200);
  expect(res.body.status).toBe('ready');
  expect(res.body.checks.store).toMatchObject({ status: 'up' });
  expect(typeof res.body.checks.store.latencyMs).toBe('number');
});

test('O3 /metrics: connections, open sheets, updates applied, refusals by reason and store latency move with real edits and a hostile client', async () => {
  const before = (await get(`${base}/metrics`)).body as string;
  const owner = await h.user();
  const editor = await h.user();
  const viewer = await h.user();
  const sheet = await h.sheet(owner, [[editor, 'editor'], [viewer, 'viewer']]);
  const a = await h.peer(owner, sheet);
  const b = await h.peer(editor, sheet);
  const record = a.doc.getXmlFragment('record');
  for (let i = 0; i < 5; i++) record.insert(record.length, [paragraph(`第${i}条`)]);
  await barrier(a, b);
  // A viewer writing the record: refused by the guard, closed with its reason.
  const hostile = await h.rawPeer(viewer, sheet);
  hostile.write((doc) => writeInto(doc, 'record'));
  expect(await hostile.closed).toBe(SyncClose.forbiddenSection);

  const res = await get(`${base}/metrics`);
  expect(res.status).toBe(200);
  expect(res.type).toContain('text/plain');
  const after = res.body as string;
  const moved = (series: string) => sample(after, series) - sample(before, series);
  expect(sample(after, 'concord_sync_connections')).toBe(2);
  expect(sample(after, 'concord_open_sheets')).toBeGreaterThanOrEqual(1);
  // 5 paragraphs and the barrier's marker, each its own transaction.
  expect(moved('concord_sync_updates_applied_total{origin="peer"}')).toBe(6);
  expect(moved('concord_sync_refusals_total{reason="forbiddenSection"}')).toBe(1);
  expect(moved('concord_store_seconds_count{op="append",outcome="ok"}')).toBeGreaterThanOrEqual(1);
  expect(moved('concord_store_seconds_count{op="load",outcome="ok"}')).toBe(1);
  expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  expect(after).toMatch(/^nodejs_eventloop_lag_seconds /m);
  expect(after).toMatch(/^nodejs_heap_size_used_bytes /m);
});

test('O4 /metrics from this machine but through a proxy (X-Forwarded-For) is refused when no METRICS_TOKEN is set', async () => {
  const res = await get(`${base}/metrics`, { 'X-Forwarded-For': '203.0.113.9' });
  expect(res.status).toBe(403);
  expect(res.body.error.code).toBe('forbidden');
});

test('O5 /readyz is 503, naming the store, when the store does not answer', async () => {
  const h2 = await Harness.start();
  try {
    await h2.ctx.store.close();
    const res = await get(`http://127.0.0.1:${h2.running.port}/readyz`);
    expect(res.status).toBe(503);
    expect(res.body.status).toBe('not-ready');
    expect(res.body.checks.store.status).toBe('down');
    // Still alive: the load balancer takes it out of rotation, the orchestrator need not restart it.
    expect((await get(`http://127.0.0.1:${h2.running.port}/healthz`)).status).toBe(200);
  } finally {
    await h2.close().catch(() => undefined);
  }
});
