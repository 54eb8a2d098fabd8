import { getSchema } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { TableKit } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { initProseMirrorDoc, prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { anchorToRange, rangeToAnchor, type SectionBinding } from '../../components/comments/anchors';
import type { Anchor } from '../../components/comments/model';
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

/** The schema of the sheet's rich-text editors. */
const schema = getSchema([StarterKit.configure({ undoRedo: false }), TableKit]);

/** A peer's 核心目标 as its editor sees it: the ProseMirror document y-prosemirror builds, and the binding anchors resolve against. */
function goalEditor(doc: Y.Doc): { pm: PMNode; binding: SectionBinding } {
  const type = doc.getXmlFragment('goal');
  const { doc: pm, mapping } = initProseMirrorDoc(type, schema);
  return { pm, binding: { doc, type, mapping } };
}

/** The ProseMirror range of the first occurrence of `phrase` within one text node of the document. */
function rangeOf(pm: PMNode, phrase: string): [number, number] {
  let found: [number, number] | null = null;
  pm.descendants((node, pos) => {
    const at = node.isText ? node.text!.indexOf(phrase) : -1;
    if (!found && at >= 0) found = [pos + at, pos + at + phrase.length];
    return !found;
  });
  if (!found) throw new Error(`no “${phrase}”`);
  return found;
}

/** The text an editor highlights for an anchor (paragraph breaks as newlines), or null when detached. */
function highlighted(doc: Y.Doc, anchor: Anchor): string | null {
  const { pm, binding } = goalEditor(doc);
  const range = anchorToRange(binding, anchor);
  return range && pm.textBetween(range.from, range.to, '\n');
}

/** The Y.XmlText of the paragraph at `path` (indices of elements from the section down to the paragraph). */
function paragraphText(doc: Y.Doc, ...path: number[]): Y.XmlText {
  let node: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment('goal');
  for (const i of path) node = node.get(i) as Y.XmlElement;
  return node.get(0) as Y.XmlText;
}

test('K2 anchors made in the editor stay on their words at the start and end of a paragraph, across paragraphs and in a table cell, through concurrent edits', async () => {
  const cell = (text: string) => ({ type: 'tableCell', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  const content = schema.nodeFromJSON({
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: '第一段开头的文字。' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '第二段的结尾' }] },
      { type: 'table', content: [{ type: 'tableRow', content: [cell('市场部'), cell('单元格里的词')] }] },
    ],
  });
  prosemirrorToYXmlFragment(content, a.doc.getXmlFragment('goal'));
  await until(() => b.doc.getXmlFragment('goal').length === 3, 5000, 'the goal');

  // Alice comments on four phrases as her editor anchors a selection…
  const { pm, binding } = goalEditor(a.doc);
  const phrases = { start: '第一段', end: '的结尾', across: '文字。第二段', cell: '里的词' };
  const ranges = { start: rangeOf(pm, '第一段'), end: rangeOf(pm, '的结尾'), across: [rangeOf(pm, '文字。')[0], rangeOf(pm, '第二段')[1]], cell: rangeOf(pm, '里的词') };
  const anchors = Object.fromEntries(Object.entries(ranges).map(([k, [from, to]]) => [k, rangeToAnchor(binding, from, to)!])) as Record<keyof typeof phrases, Anchor>;
  expect(highlighted(a.doc, anchors.start)).toBe('第一段');
  expect(highlighted(a.doc, anchors.across)).toBe('文字。\n第二段');
  a.doc.transact(() => {
    for (const [k, anchor] of Object.entries(anchors)) a.doc.getMap('comments').set(`k2-${k}`, commentThread(`k2-${k}`, alice, k, { section: 'goal', anchor, quote: phrases[k as keyof typeof phrases] }));
  });
  // …while Bob, who has not seen them yet, types right before and after each phrase.
  b.doc.transact(() => {
    paragraphText(b.doc, 0).insert(0, '【更正】');
    paragraphText(b.doc, 1).insert('第二段的结尾'.length, '。');
    paragraphText(b.doc, 1).insert(0, '另：');
    paragraphText(b.doc, 2, 0, 1, 0).insert('单元格'.length, '（右）');
  });
  await until(() => b.doc.getMap('comments').size >= 5 && paragraphText(a.doc, 1).toString() === '另：第二段的结尾。', 5000, 'convergence');
  const expected = { start: '第一段', end: '的结尾', across: '文字。\n另：第二段', cell: '里的词' };
  for (const doc of [a.doc, b.doc, await h.stored(sheet)]) {
    for (const k of Object.keys(phrases) as Array<keyof typeof phrases>) {
      const stored = (doc.getMap('comments').get(`k2-${k}`) as Y.Map<unknown>).get('anchor') as Anchor;
      expect(highlighted(doc, stored), k).toBe(expected[k]);
    }
  }

  // Deleting the first words of the section detaches the thread on them, and only that one.
  const first = paragraphText(b.doc, 0);
  first.delete(first.toString().indexOf('第一段'), '第一段'.length);
  await until(() => !paragraphText(a.doc, 0).toString().includes('第一段'), 5000, 'the deletion');
  expect(highlighted(a.doc, anchors.start)).toBeNull();
  expect(highlighted(a.doc, anchors.across)).toBe('文字。\n另：第二段');
});
