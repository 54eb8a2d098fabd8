import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import { Harness, paragraph, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start()));
afterAll(() => h.close());

test('D1 a write the store refused is not served from memory: peers reconnect to a reloaded room, resend it, and it is stored', async () => {
  const owner = await h.user();
  const other = await h.user();
  const sheet = await h.sheet(owner, [[other, 'editor']]);
  const a = await h.peer(owner, sheet);
  const b = await h.peer(other, sheet);
  const closes: number[] = [];
  a.provider.on('connection-close', (event) => event && closes.push(event.code));

  // The store refuses the next append once (a full disk, a lost database connection).
  const store = h.ctx.store.updates;
  const append = store.append.bind(store);
  store.append = async () => {
    store.append = append;
    throw new Error('disk full');
  };
  a.doc.getXmlFragment('record').insert(0, [paragraph('written while the disk was full')]);

  await until(() => closes.includes(SyncClose.shuttingDown), 5000, 'the room to close its sockets');
  await until(() => readSheet(b.doc).record.text === 'written while the disk was full', 5000, 'the edit to come back');
  expect(readSheet(await h.stored(sheet)).record.text).toBe('written while the disk was full');
});

test('D1 a server change the store refused is reported, not pretended', async () => {
  const owner = await h.user();
  const sheet = await h.sheet(owner);
  const store = h.ctx.store.updates;
  const append = store.append.bind(store);
  store.append = async () => {
    store.append = append;
    throw new Error('disk full');
  };
  await expect(h.ctx.commands.patchSheet(owner, sheet, { dueDate: '2027-02-02' })).rejects.toThrow(/refused a write/);
  // The next request finds a room reloaded from the store, without the refused change.
  expect((await h.ctx.commands.getSheet(owner, sheet)).meta.dueDate).toBeNull();
  await h.ctx.commands.patchSheet(owner, sheet, { dueDate: '2027-02-03' });
  expect(readSheet(await h.stored(sheet)).meta.dueDate).toBe('2027-02-03');
});
