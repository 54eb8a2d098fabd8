import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readSheet } from '../../lib/sheet/doc';
import { connectPeer, Harness, paragraph, ServerProcess, until, type Peer } from '../support/harness';
import { testDatabaseUrl } from '../support/postgres';

const dataDir = mkdtempSync(path.join(tmpdir(), 'concord-kill-'));
let databaseUrl: string | undefined;
const servers: ServerProcess[] = [];
const peers: Peer[] = [];
afterAll(async () => {
  for (const p of peers) p.provider.destroy();
  for (const s of servers) await s.kill();
  rmSync(dataDir, { recursive: true, force: true });
});

async function serve(): Promise<ServerProcess> {
  const server = await ServerProcess.start(dataDir, databaseUrl ? { DATABASE_URL: databaseUrl } : {});
  servers.push(server);
  return server;
}
async function peer(server: ServerProcess, sheet: string, token: string): Promise<Peer> {
  const p = await connectPeer(server.wsBase, sheet, token);
  peers.push(p);
  return p;
}

test('D1 an edit that reached a peer survives kill -9 of the server', async () => {
  // People, a sheet and tokens, made in-process on the same data directory (and its secret).
  databaseUrl = await testDatabaseUrl();
  const seed = await Harness.start({ dataDir, databaseUrl });
  const alice = await seed.user();
  const bob = await seed.user();
  const sheet = await seed.sheet(alice, [[bob, 'editor']]);
  const [aliceToken, bobToken] = [await seed.token(alice, sheet), await seed.token(bob, sheet)];
  await seed.close({ keepData: true });

  const first = await serve();
  const a = await peer(first, sheet, aliceToken);
  const b = await peer(first, sheet, bobToken);
  const record = a.doc.getXmlFragment('record');
  for (let i = 0; i < 30; i++) record.insert(record.length, [paragraph(`第${i}条`)]);
  a.doc.getMap('meta').set('urgency', 'urgent');
  await until(() => b.doc.getMap('meta').get('urgency') === 'urgent', 5000, 'bob to see the last edit');

  await first.kill();
  a.provider.destroy();
  b.provider.destroy();

  const second = await serve();
  const c = await peer(second, sheet, bobToken);
  const sheetAfter = readSheet(c.doc);
  expect(sheetAfter.meta.urgency).toBe('urgent');
  expect(sheetAfter.record.text.split('\n')).toEqual(Array.from({ length: 30 }, (_, i) => `第${i}条`));
});
