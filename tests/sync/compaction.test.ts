import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { Harness, paragraph, until } from '../support/harness';

const COMPACT_AFTER = 10;
let h: Harness;
beforeAll(async () => (h = await Harness.start({ sync: { compactAfterUpdates: COMPACT_AFTER, unloadAfterMs: 20 } })));
afterAll(() => h.close());

test('D2 the log is compacted into a snapshot; content is intact after unload and reload', async () => {
  const owner = await h.user();
  const other = await h.user();
  const sheet = await h.sheet(owner, [[other, 'editor']]);
  const a = await h.peer(owner, sheet);
  const b = await h.peer(other, sheet);

  const record = a.doc.getXmlFragment('record');
  for (let i = 0; i < 5 * COMPACT_AFTER; i++) {
    record.insert(record.length, [paragraph(`line ${i}`)]);
    // Each edit waits for the other peer, so each is its own log entry.
    await until(() => b.doc.getXmlFragment('record').length === i + 1, 5000, `edit ${i}`);
  }
  record.delete(0, 5);
  await until(() => b.doc.getXmlFragment('record').length === 5 * COMPACT_AFTER - 5, 5000, 'the deletion');

  const live = await h.ctx.store.updates.load(sheet);
  expect(live.snapshot).not.toBeNull();
  expect(live.updates.length).toBeLessThan(COMPACT_AFTER);
  expect(await h.ctx.store.updates.pendingCount(sheet)).toBe(live.updates.length);
  const expected = readSheet(b.doc);
  expect(readSheet(await h.stored(sheet))).toEqual(expected);

  a.provider.destroy();
  b.provider.destroy();
  await until(() => h.ctx.sync.openSheets === 0, 5000, 'the room to unload');
  // Unloading compacts what is left.
  expect((await h.ctx.store.updates.load(sheet)).updates.length).toBeLessThanOrEqual(1);

  const reloaded = await h.peer(other, sheet);
  expect(readSheet(reloaded.doc)).toEqual(expected);
  expect(readSheet(reloaded.doc).record.text.split('\n')[0]).toBe('line 5');
});

test('D2 a log left long (appended without a room, as after a crash before compaction) is compacted when the sheet is opened, content intact', async () => {
  const owner = await h.user();
  const sheet = await h.sheet(owner);
  // Keystrokes stored one per entry by the store alone: no room compacted them.
  const writer = new Y.Doc();
  Y.applyUpdate(writer, Y.encodeStateAsUpdate(await h.stored(sheet)));
  const appends: Array<Promise<number>> = [];
  writer.on('update', (u: Uint8Array) => appends.push(h.ctx.store.updates.append(sheet, [u])));
  const text = new Y.XmlText();
  writer.transact(() => {
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [text]);
    writer.getXmlFragment('record').insert(0, [p]);
  });
  const typed = '上线前完成全部回归测试并提交报告';
  for (let i = 0; i < 3 * COMPACT_AFTER; i++) text.insert(text.length, typed[i % typed.length]);
  await Promise.all(appends);
  expect(await h.ctx.store.updates.pendingCount(sheet)).toBeGreaterThan(3 * COMPACT_AFTER);

  const peer = await h.peer(owner, sheet);
  expect(readSheet(peer.doc).record.text).toBe(readSheet(writer).record.text);
  await h.ctx.sync.withRoom(sheet, (room) => room.durable());
  expect(await h.ctx.store.updates.pendingCount(sheet)).toBe(0);
  expect(readSheet(await h.stored(sheet))).toEqual(readSheet(writer));
});
