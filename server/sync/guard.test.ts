import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { initSheetDoc } from '../../lib/sheet/doc';
import { judgeUpdate, type Writer } from './guard';

/** An update that writes `fn` into a copy of `doc`. */
function updateOf(doc: Y.Doc, fn: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  let update: Uint8Array = new Uint8Array();
  copy.on('update', (u: Uint8Array) => (update = u));
  copy.transact(() => fn(copy));
  return update;
}

const sheet = () => {
  const doc = new Y.Doc();
  initSheetDoc(doc, { title: '协调', urgency: 'normal', dueDate: null, confidentiality: 'internal', initiator: null, tracker: null });
  return doc;
};
const viewer = (entry: Writer['entry']): Writer => ({ userId: 'v', name: '王五', role: 'viewer', entry });
const comment = (doc: Y.Doc) => {
  const message = new Y.Map<unknown>(Object.entries({ id: 'm1', authorId: 'v', author: '王五', at: '2026-12-04T00:00:00.000Z', text: '有个问题' }));
  const thread = new Y.Map<unknown>(Object.entries({ id: 't1', section: 'record', createdBy: 'v', createdByName: '王五', createdAt: '2026-12-04T00:00:00.000Z', kind: 'comment', status: 'open' }));
  thread.set('messages', Y.Array.from([message]));
  doc.getMap('comments').set('t1', thread);
};

test('G1 C5 the same comment by a viewer: refused from their socket, judged by the comment rules through the API', () => {
  const doc = sheet();
  expect(judgeUpdate(doc, viewer('socket'), updateOf(doc, comment))?.reason).toBe('forbiddenSection');
  expect(judgeUpdate(doc, viewer('http'), updateOf(doc, comment))).toBeNull();
  expect(judgeUpdate(doc, viewer('http'), updateOf(doc, (d) => d.getMap('meta').set('title', '改了')))?.reason).toBe('forbiddenSection');
});

test('G5 bytes that are not an update are malformed, whoever sends them', () => {
  expect(judgeUpdate(sheet(), { ...viewer('http'), role: 'facilitator' }, new Uint8Array([1, 2, 3]))?.reason).toBe('malformed');
});
