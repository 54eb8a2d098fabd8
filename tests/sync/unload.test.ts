import { afterAll, beforeAll, expect, test } from 'vitest';
import { readSheet } from '../../lib/sheet/doc';
import { Harness, paragraph, until } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start({ sync: { unloadAfterMs: 1 } })));
afterAll(() => h.close());

test('D3 an idle room unloads once its last peer leaves, and reloads with its content', async () => {
  const owner = await h.user();
  const sheet = await h.sheet(owner);
  const a = await h.peer(owner, sheet);
  const b = await h.peer(owner, sheet);
  expect(h.ctx.sync.openSheets).toBe(1);
  a.doc.getXmlFragment('goal').insert(0, [paragraph('目标')]);
  await until(() => readSheet(b.doc).goal.text === '目标', 5000, 'the edit');

  a.provider.destroy();
  // One peer left: the room stays.
  await h.ctx.commands.getSheet(owner, sheet);
  expect(h.ctx.sync.openSheets).toBe(1);
  b.provider.destroy();
  await until(() => h.ctx.sync.openSheets === 0, 5000, 'the room to unload');

  // A server-side read loads the room for the occasion and lets it go again.
  expect((await h.ctx.commands.getSheet(owner, sheet)).goal.text).toBe('目标');
  await until(() => h.ctx.sync.openSheets === 0, 5000, 'the room to unload again');
});

test('D3 peers coming and going while the room unloads lose nothing', async () => {
  const owner = await h.user();
  const sheet = await h.sheet(owner);
  for (let i = 0; i < 15; i++) {
    const p = await h.peer(owner, sheet);
    expect(readSheet(p.doc).notes.text.split('\n').filter(Boolean)).toHaveLength(i);
    const notes = p.doc.getXmlFragment('notes');
    notes.insert(notes.length, [paragraph(`visit ${i}`)]);
    // A server change, made while the peer's own update may still be on its way.
    await h.ctx.commands.patchSheet(owner, sheet, { dueDate: `2026-12-${String(i + 1).padStart(2, '0')}` });
    await until(() => p.doc.getMap('meta').get('dueDate') === `2026-12-${String(i + 1).padStart(2, '0')}`, 5000, 'the patch');
    p.provider.destroy();
  }
  await until(() => h.ctx.sync.openSheets === 0, 5000, 'the room to unload');
  const last = await h.peer(owner, sheet);
  expect(readSheet(last.doc).notes.text.split('\n')).toEqual(Array.from({ length: 15 }, (_, i) => `visit ${i}`));
  last.provider.destroy();
});
