import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { commentThread, Harness, paragraph, until, type Peer, type RawPeer } from '../support/harness';

let h: Harness;
let facilitator: User;
let editor: User;
let alice: User;
let bob: User;
let viewer: User;
let sheet: string;
let observer: Peer;

const threads = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('comments');
const messagesOf = (doc: Y.Doc, id: string) => threads(doc).get(id)!.get('messages') as Y.Array<Y.Map<unknown>>;
function message(id: string, author: User, text: string): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({ id, authorId: author.id, author: author.name, at: new Date().toISOString(), text }));
}

async function as(user: User): Promise<RawPeer> {
  const peer = await h.rawPeer(user, sheet);
  await peer.synced;
  return peer;
}

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('主持人');
  editor = await h.user('编辑');
  alice = await h.user('市场部小王', '市场部');
  bob = await h.user('研发部小李', '研发部');
  viewer = await h.user('旁听者');
  sheet = await h.sheet(facilitator, [
    [editor, 'editor'],
    [alice, 'commenter'],
    [bob, 'commenter'],
    [viewer, 'viewer'],
  ]);
  observer = await h.peer(facilitator, sheet);
  observer.doc.getXmlFragment('record').insert(0, [paragraph('市场部要求 10 月 18 日前上线')]);
});
afterAll(() => h.close());

test('C1 a commenter opens a thread in their own name; a forged or unsigned thread is refused', async () => {
  const honest = await as(alice);
  honest.write((doc) => threads(doc).set('t1', commentThread('t1', alice, '这个日期能否推迟？', { kind: 'dispute', question: '上线日期' })));
  await until(() => threads(observer.doc).has('t1'), 5000, 'the thread');
  expect(honest.ws.readyState).toBe(honest.ws.OPEN);

  const forged = await as(bob);
  forged.write((doc) => threads(doc).set('t2', commentThread('t2', alice, '冒充小王')));
  expect(await forged.closed).toBe(SyncClose.forbiddenSection);
  const unsigned = await as(bob);
  unsigned.write((doc) => threads(doc).set('t2', new Y.Map<unknown>([['id', 't2'], ['section', 'record']])));
  expect(await unsigned.closed).toBe(SyncClose.forbiddenSection);
  const plain = await as(bob);
  plain.write((doc) => doc.getMap('comments').set('t2', 'just a string'));
  expect(await plain.closed).toBe(SyncClose.invalidValue);
  const bad = await as(bob);
  bad.write((doc) => threads(doc).set('t2', commentThread('t2', bob, 'x', { status: 'whatever' })));
  expect(await bad.closed).toBe(SyncClose.invalidValue);
  expect(threads(observer.doc).has('t2')).toBe(false);
});

test('C2 replies are written in their author’s name, edited and deleted by their author only', async () => {
  const reply = await as(bob);
  reply.write((doc) => messagesOf(doc, 't1').push([message('m2', bob, '研发部最早 10 月 25 日')]));
  await until(() => messagesOf(observer.doc, 't1').length === 2, 5000, 'the reply');
  reply.write((doc) => messagesOf(doc, 't1').get(1).set('text', '研发部最早 10 月 24 日'));
  await until(() => messagesOf(observer.doc, 't1').get(1).get('text') === '研发部最早 10 月 24 日', 5000, 'the edit');

  const cases: Array<[User, (doc: Y.Doc) => void]> = [
    [alice, (doc) => messagesOf(doc, 't1').push([message('m3', bob, '冒充小李')])],
    [alice, (doc) => messagesOf(doc, 't1').get(1).set('text', '改别人的话')],
    [alice, (doc) => messagesOf(doc, 't1').delete(1, 1)],
    [editor, (doc) => messagesOf(doc, 't1').delete(1, 1)],
  ];
  for (const [user, write] of cases) {
    const peer = await as(user);
    peer.write(write);
    expect(await peer.closed).toBe(SyncClose.forbiddenSection);
  }
  const moderator = await as(facilitator);
  moderator.write((doc) => messagesOf(doc, 't1').delete(1, 1));
  await until(() => messagesOf(observer.doc, 't1').length === 1, 5000, 'the facilitator’s removal');
});

test('C3 a thread is resolved by its author even without edit rights, or by an editor; not by another commenter', async () => {
  const other = await as(bob);
  other.write((doc) => threads(doc).get('t1')!.set('status', 'dropped'));
  expect(await other.closed).toBe(SyncClose.forbiddenSection);
  const author = await as(alice);
  author.write((doc) => threads(doc).get('t1')!.set('status', 'agreed'));
  await until(() => threads(observer.doc).get('t1')!.get('status') === 'agreed', 5000, 'the author’s decision');
  author.write((doc) => threads(doc).get('t1')!.set('createdBy', bob.id));
  expect(await author.closed).toBe(SyncClose.forbiddenSection);
  const editing = await as(editor);
  editing.write((doc) => threads(doc).get('t1')!.set('status', 'open'));
  await until(() => threads(observer.doc).get('t1')!.get('status') === 'open', 5000, 'the editor reopening it');
});

test('C4 comments work on a locked section: the text stays untouched', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'record', { reason: '已达成一致' });
  const peer = await as(bob);
  peer.write((doc) => threads(doc).set('t3', commentThread('t3', bob, '锁定后仍可讨论')));
  await until(() => threads(observer.doc).has('t3'), 5000, 'a comment on a locked section');
  expect(readSheet(await h.stored(sheet)).record.text).toBe('市场部要求 10 月 18 日前上线');
});

test('C5 a viewer comments through the server, in their name; their socket still writes nothing', async () => {
  const { threadId } = await h.ctx.commands.postComment(viewer, sheet, { section: 'record', text: '旁听者的问题', quote: '10 月 18 日' });
  await until(() => threads(observer.doc).has(threadId), 5000, 'the viewer’s thread');
  expect(threads(observer.doc).get(threadId)!.toJSON()).toMatchObject({ createdBy: viewer.id, createdByName: '旁听者', status: 'open', messages: [{ authorId: viewer.id, text: '旁听者的问题' }] });
  await h.ctx.commands.postComment(viewer, sheet, { threadId: 't1', text: '旁听者的补充' });
  await until(() => messagesOf(observer.doc, 't1').length === 2, 5000, 'the viewer’s reply');
  await expect(h.ctx.commands.postComment(viewer, sheet, { threadId: 'nope', text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  const socket = await as(viewer);
  socket.write((doc) => threads(doc).set('t4', commentThread('t4', viewer, '直接写')));
  expect(await socket.closed).toBe(SyncClose.forbiddenSection);
});

test('C2 a thread with others’ replies is removed by the facilitator, not by its author alone', async () => {
  const author = await as(alice);
  author.write((doc) => threads(doc).delete('t1'));
  expect(await author.closed).toBe(SyncClose.forbiddenSection);
  const moderator = await as(facilitator);
  moderator.write((doc) => threads(doc).delete('t1'));
  await until(() => !threads(observer.doc).has('t1'), 5000, 'the removal');
});

test('C5 a viewer’s disputed point takes positions from others, with its question and mentions kept', async () => {
  const { threadId } = await h.ctx.commands.postComment(viewer, sheet, { section: 'record', kind: 'dispute', question: '谁来提供测试环境？', text: '请 @研发部 确认', mentions: ['dept:研发部'] });
  await until(() => threads(observer.doc).has(threadId), 5000, 'the viewer’s dispute');
  const peer = await as(bob);
  peer.write((doc) =>
    (threads(doc).get(threadId)!.get('positions') as Y.Array<Y.Map<unknown>>).push([
      new Y.Map<unknown>(Object.entries({ id: 'p1', authorId: bob.id, author: bob.name, at: new Date().toISOString(), department: '研发部', text: '可提供两台服务器' })),
    ]),
  );
  await until(() => (threads(observer.doc).get(threadId)!.get('positions') as Y.Array<unknown>).length === 1, 5000, 'the position');
  expect(threads(observer.doc).get(threadId)!.toJSON()).toMatchObject({ question: '谁来提供测试环境？', messages: [{ mentions: ['dept:研发部'] }] });
});

test('C5 a viewer edits and deletes their own messages, resolves and reopens their own thread and deletes it through the server; not others’', async () => {
  const { threadId, messageId } = await h.ctx.commands.postComment(viewer, sheet, { section: 'record', text: '旁听者：日期写错了吗', quote: '10 月 18 日' });
  await until(() => threads(observer.doc).has(threadId), 5000, 'the viewer’s thread');
  await h.ctx.commands.editComment(viewer, sheet, threadId, messageId, { text: '旁听者：日期是否写错？', mentions: ['dept:研发部'] });
  await until(() => messagesOf(observer.doc, threadId).get(0).get('text') === '旁听者：日期是否写错？', 5000, 'the edit');
  expect(messagesOf(observer.doc, threadId).get(0).toJSON()).toMatchObject({ authorId: viewer.id, mentions: ['dept:研发部'], editedAt: expect.any(String) });
  await h.ctx.commands.changeThread(viewer, sheet, threadId, { status: 'resolved' });
  await until(() => threads(observer.doc).get(threadId)!.get('status') === 'resolved', 5000, 'the viewer resolving their thread');
  await h.ctx.commands.changeThread(viewer, sheet, threadId, { status: 'open', private: true });
  await until(() => threads(observer.doc).get(threadId)!.get('private') === true, 5000, 'the viewer reopening it');
  expect(threads(observer.doc).get(threadId)!.get('status')).toBe('open');

  // Someone else's words: not the viewer's to change; the thread is then the facilitator's to remove.
  const reply = await h.ctx.commands.postComment(alice, sheet, { threadId, text: '小王：没写错' });
  await until(() => messagesOf(observer.doc, threadId).length === 2, 5000, 'the reply');
  await expect(h.ctx.commands.editComment(viewer, sheet, threadId, reply.messageId, { text: '改别人的话' })).rejects.toMatchObject({ code: 'forbidden' });
  await expect(h.ctx.commands.removeComment(viewer, sheet, threadId, reply.messageId)).rejects.toMatchObject({ code: 'forbidden' });
  await expect(h.ctx.commands.removeThread(viewer, sheet, threadId)).rejects.toMatchObject({ code: 'forbidden' });
  const others = await h.ctx.commands.postComment(alice, sheet, { section: 'record', text: '小王的线程' });
  await expect(h.ctx.commands.changeThread(viewer, sheet, others.threadId, { status: 'resolved' })).rejects.toMatchObject({ code: 'forbidden' });
  await expect(h.ctx.commands.editComment(viewer, sheet, threadId, 'nope', { text: 'x' })).rejects.toMatchObject({ code: 'not_found' });
  expect(messagesOf(observer.doc, threadId).get(1).get('text')).toBe('小王：没写错');

  // The facilitator removes anyone's message; with only the viewer's words left, the viewer removes the thread.
  await h.ctx.commands.removeComment(facilitator, sheet, threadId, reply.messageId);
  await until(() => messagesOf(observer.doc, threadId).length === 1, 5000, 'the facilitator removing the reply');
  await h.ctx.commands.removeComment(viewer, sheet, threadId, messageId);
  await until(() => messagesOf(observer.doc, threadId).length === 0, 5000, 'the viewer removing their message');
  await h.ctx.commands.removeThread(viewer, sheet, threadId);
  await until(() => !threads(observer.doc).has(threadId), 5000, 'the viewer removing their thread');
});
