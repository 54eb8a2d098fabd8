import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { SyncClose } from '../../lib/sync/close';
import { readSheet } from '../../lib/sheet/doc';
import { barrier, Harness, paragraph, type Peer } from '../support/harness';
import { updateFrame } from '../../server/sync/protocol';
import type { User } from '../../server/store/types';

let h: Harness;
let editor: User;
let sheet: string;
let writer: Peer;
let observer: Peer;
beforeAll(async () => {
  h = await Harness.start();
  const owner = await h.user();
  editor = await h.user();
  sheet = await h.sheet(owner, [[editor, 'editor']]);
  writer = await h.peer(owner, sheet);
  observer = await h.peer(owner, sheet);
});
afterAll(() => h.close());

/** Two updates of one offline client: the second depends on the first. */
function twoUpdates(): [Uint8Array, Uint8Array] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  doc.getXmlFragment('record').insert(0, [paragraph('dependency')]);
  doc.getXmlFragment('record').insert(1, [paragraph('dependent')]);
  return [updates[0], updates[1]];
}

test('G5 an update with missing dependencies is refused, and does not land once they arrive', async () => {
  const [first, second] = twoUpdates();
  const early = await h.rawPeer(editor, sheet);
  early.send(updateFrame(second));
  expect(await early.closed).toBe(SyncClose.malformed);

  const honest = await h.rawPeer(editor, sheet);
  honest.send(updateFrame(first));
  await barrier(writer, observer);
  expect(readSheet(observer.doc).record.text).toBe('dependency');
  expect(readSheet(await h.stored(sheet)).record.text).toBe('dependency');
  expect(readSheet((await h.ctx.sync.room(sheet)).doc).record.text).toBe('dependency');
});

test('G5 a deletion of content the server does not have is refused', async () => {
  const doc = new Y.Doc();
  doc.getXmlFragment('notes').insert(0, [paragraph('never sent')]);
  let deletion: Uint8Array | null = null;
  doc.once('update', (u: Uint8Array) => (deletion = u));
  doc.getXmlFragment('notes').delete(0, 1);
  const hostile = await h.rawPeer(editor, sheet);
  hostile.send(updateFrame(deletion!));
  expect(await hostile.closed).toBe(SyncClose.malformed);
});
