import { afterAll, beforeAll, expect, test } from 'vitest';
import { DEFAULT_SYNC_OPTIONS } from '../../server/sync/server';
import { Harness, until } from '../support/harness';

// Issue 13 §12: someone whose connection is gone is shown offline at once, not after awareness's
// own 30 s. What the server can tell: a closed socket (at once), a silent one (a missed pong).
const PING_MS = 200;
let h: Harness;
beforeAll(async () => (h = await Harness.start({ sync: { pingIntervalMs: PING_MS } })));
afterAll(() => h.close());

test('a closed socket takes its presence with it at once', async () => {
  const owner = await h.user('Presence Owner');
  const li = await h.user('Presence Li');
  const sheet = await h.sheet(owner, [[li, 'editor']]);
  const observer = await h.peer(owner, sheet);
  const leaving = await h.rawPeer(li, sheet);
  leaving.present({ user: { id: li.id, name: li.name, color: '#1971c2' }, section: 'record' });
  const states = () => observer.provider.awareness.getStates();
  await until(() => states().has(leaving.doc.clientID), 5000, 'li’s presence');

  const closedAt = Date.now();
  leaving.ws.close();
  await until(() => !states().has(leaving.doc.clientID), 5000, 'li’s presence removed');
  expect(Date.now() - closedAt).toBeLessThan(1000);
});

test('a socket gone silent (no pong) is dropped within two ping intervals, and its presence with it', async () => {
  const owner = await h.user('Silent Owner');
  const zhao = await h.user('Silent Zhao');
  const sheet = await h.sheet(owner, [[zhao, 'editor']]);
  const observer = await h.peer(owner, sheet);
  const silent = await h.rawPeer(zhao, sheet);
  silent.present({ user: { id: zhao.id, name: zhao.name, color: '#2f9e44' }, section: 'goal' });
  const states = () => observer.provider.awareness.getStates();
  await until(() => states().has(silent.doc.clientID), 5000, 'zhao’s presence');

  // The network drops without a close: nothing more is read, so no ping is answered.
  const quietAt = Date.now();
  silent.ws.pause();
  await until(() => !states().has(silent.doc.clientID), 5000, 'zhao’s presence removed');
  expect(Date.now() - quietAt).toBeLessThan(3 * PING_MS + 500);
});

test('by default a silent peer is found within 20 s, before awareness’s own 30 s timeout', () => {
  expect(2 * DEFAULT_SYNC_OPTIONS.pingIntervalMs).toBeLessThanOrEqual(20_000);
});
