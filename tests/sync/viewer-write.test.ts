import { afterAll, beforeAll, expect, test } from 'vitest';
import { SyncClose } from '../../lib/sync/close';
import { readSheet } from '../../lib/sheet/doc';
import { barrier, Harness, paragraph, until, type RawPeer } from '../support/harness';

let h: Harness;
beforeAll(async () => (h = await Harness.start({ sync: { unloadAfterMs: 20 } })));
afterAll(() => h.close());

test('G1 G4 viewer write is refused, absent from storage and from the other peer', async () => {
  const owner = await h.user();
  const viewer = await h.user();
  const other = await h.user();
  const sheet = await h.sheet(owner, [[viewer, 'viewer'], [other, 'editor']]);
  const writer = await h.peer(owner, sheet);
  const observer = await h.peer(other, sheet);
  const hostile = await h.rawPeer(viewer, sheet);

  hostile.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('viewer was here')]));
  expect(await hostile.closed).toBe(SyncClose.forbiddenSection);

  await barrier(writer, observer);
  expect(readSheet(observer.doc).record.text).not.toContain('viewer was here');
  expect(readSheet(await h.stored(sheet)).record.text).not.toContain('viewer was here');
  expect(readSheet((await h.ctx.sync.room(sheet)).doc).record.text).not.toContain('viewer was here');

  // And after the room is unloaded and reopened from storage.
  writer.provider.destroy();
  observer.provider.destroy();
  await until(() => h.ctx.sync.openSheets === 0, 5000, 'the room to unload');
  const fresh = await h.peer(other, sheet);
  expect(readSheet(fresh.doc).record.text).not.toContain('viewer was here');
  expect(fresh.doc.getMap('meta').get('barrier')).toBeTypeOf('string');
});

test('G1 a viewer cannot write any section, including comments', async () => {
  const owner = await h.user();
  const viewer = await h.user();
  const sheet = await h.sheet(owner, [[viewer, 'viewer']]);
  for (const write of [
    (p: RawPeer) => p.write((d) => d.getMap('comments').set('c', 'x')),
    (p: RawPeer) => p.write((d) => d.getMap('meta').set('title', 'x')),
    (p: RawPeer) => p.write((d) => d.getArray('tasks').push(['x'])),
  ]) {
    const hostile = await h.rawPeer(viewer, sheet);
    write(hostile);
    expect(await hostile.closed).toBe(SyncClose.forbiddenSection);
  }
  expect(readSheet(await h.stored(sheet)).comments).toEqual({});
});
