import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../../server/store/types';
import { commentThread, Harness, until, type Peer } from '../support/harness';

let h: Harness;
let alice: User;
let bob: User;
let sheet: string;
let a: Peer;
let b: Peer;

/** The first paragraph's text of 沟通记录 in a peer's document. */
const textOf = (doc: Y.Doc) => ((doc.getXmlFragment('record').get(0) as Y.XmlElement).get(0) as Y.XmlText);

/**
 * The text an anchor covers in a document, as the editor resolves it, or null when the range
 * collapsed because its text was deleted (the thread is then shown detached, with its quote).
 */
function anchored(doc: Y.Doc, anchor: { start: unknown; end: unknown }): string | null {
  const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.start), doc);
  const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(anchor.end), doc);
  if (!start || !end || start.type !== end.type || start.index >= end.index) return null;
  return (start.type as Y.XmlText).toString().slice(start.index, end.index);
}

beforeAll(async () => {
  h = await Harness.start();
  alice = await h.user('市场部小王');
  bob = await h.user('研发部小李');
  sheet = await h.sheet(alice, [[bob, 'editor']]);
  a = await h.peer(alice, sheet);
  b = await h.peer(bob, sheet);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('客服部诉求：需要两周测试窗口。')]);
  a.doc.getXmlFragment('record').insert(0, [paragraph]);
  await until(() => b.doc.getXmlFragment('record').length === 1, 5000, 'the paragraph');
});
afterAll(() => h.close());

test('K1 an anchor follows its phrase through concurrent edits around it, for everyone, and detaches when the phrase is deleted', async () => {
  const text = textOf(a.doc);
  const at = text.toString().indexOf('两周测试窗口');
  // As the editor anchors a selection: the start sticks to the first character, the end to the last.
  const anchor = {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at, 0)),
    end: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, at + '两周测试窗口'.length, -1)),
  };
  a.doc.getMap('comments').set('k1', commentThread('k1', alice, '两周太长', { anchor, quote: '两周测试窗口' }));
  // Concurrently: Bob types right before and right after the phrase, and Alice at the start.
  const bobText = textOf(b.doc);
  bobText.insert(bobText.toString().indexOf('两周'), '至少');
  bobText.insert(bobText.toString().indexOf('。'), '（含回归）');
  text.insert(0, '【会议一】');
  const expected = '【会议一】客服部诉求：需要至少两周测试窗口（含回归）。';
  await until(() => textOf(a.doc).toString() === expected && textOf(b.doc).toString() === expected && b.doc.getMap('comments').has('k1'), 5000, 'convergence');
  const stored = (b.doc.getMap('comments').get('k1') as Y.Map<unknown>).get('anchor') as { start: unknown; end: unknown };
  for (const doc of [a.doc, b.doc, await h.stored(sheet)]) expect(anchored(doc, stored)).toBe('两周测试窗口');

  const phrase = textOf(b.doc).toString().indexOf('两周测试窗口');
  textOf(b.doc).delete(phrase, '两周测试窗口'.length);
  await until(() => !textOf(a.doc).toString().includes('两周'), 5000, 'the deletion');
  for (const doc of [a.doc, b.doc]) expect(anchored(doc, stored)).toBeNull();
  // The thread itself stays, with its quote, to be shown as detached.
  expect((a.doc.getMap('comments').get('k1') as Y.Map<unknown>).get('quote')).toBe('两周测试窗口');
});
