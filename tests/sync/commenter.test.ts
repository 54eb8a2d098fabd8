import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { SECTIONS } from '../../lib/sheet/layout';
import { SyncClose } from '../../lib/sync/close';
import { readSheet } from '../../lib/sheet/doc';
import { craftString } from '../support/craft';
import { barrier, commentThread, Harness, paragraph, until, writeInto, type Peer } from '../support/harness';
import { updateFrame } from '../../server/sync/protocol';
import type { User } from '../../server/store/types';

let h: Harness;
let commenter: User;
let sheet: string;
let writer: Peer;
let observer: Peer;
beforeAll(async () => {
  h = await Harness.start();
  const owner = await h.user();
  commenter = await h.user();
  sheet = await h.sheet(owner, [[commenter, 'commenter']]);
  writer = await h.peer(owner, sheet);
  observer = await h.peer(owner, sheet);
});
afterAll(() => h.close());

test('G2 a commenter writes comments, and the others see them', async () => {
  const peer = await h.rawPeer(commenter, sheet);
  peer.write((doc) => doc.getMap('comments').set('thread-1', commentThread('thread-1', commenter, '这个日期需要确认')));
  await until(() => observer.doc.getMap('comments').has('thread-1'), 5000, 'the comment');
  peer.write((doc) => (doc.getMap('comments').get('thread-1') as Y.Map<unknown>).set('status', 'resolved'));
  await until(() => (observer.doc.getMap('comments').get('thread-1') as Y.Map<unknown>).get('status') === 'resolved', 5000, 'the resolution');
  expect(peer.ws.readyState).toBe(peer.ws.OPEN);
});

for (const section of SECTIONS.filter((s) => s !== 'comments')) {
  const expected = section === 'control' ? 'controlWrite' : 'forbiddenSection';
  test(`G2 G4 a commenter writing ${section} is refused (${expected}), the comment in the same update too`, async () => {
    const peer = await h.rawPeer(commenter, sheet);
    peer.write((doc) => {
      doc.getMap('comments').set(`with-${section}`, 'smuggled');
      writeInto(doc, section);
    });
    expect(await peer.closed).toBe(SyncClose[expected]);
    await barrier(writer, observer);
    expect(observer.doc.getMap('comments').has(`with-${section}`)).toBe(false);
    expect(readSheet(await h.stored(sheet)).comments).not.toHaveProperty(`with-${section}`);
  });
}

test('G2 G5 a commenter cannot write into another section by continuing an editor’s text under a comments label', async () => {
  writer.doc.getXmlFragment('record').insert(0, [paragraph('hello')]);
  const written = '<paragraph>hello</paragraph>';
  await until(() => observer.doc.getXmlFragment('record').toString() === written, 5000, 'the editor’s text');
  const known = Y.getState(observer.doc.store, writer.doc.clientID);
  const peer = await h.rawPeer(commenter, sheet);
  peer.send(updateFrame(craftString({ client: writer.doc.clientID, clock: 0, text: 'x'.repeat(known) + 'INJECTED', parent: 'comments' })));
  expect(await peer.closed).toBe(SyncClose.malformed);
  await barrier(writer, observer);
  expect(observer.doc.getXmlFragment('record').toString()).toBe(written);
  expect(readSheet(await h.stored(sheet)).record.text).toBe('hello');
});
