import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../../server/store/types';
import { commentThread, Harness, until, type Peer } from '../support/harness';
import { notificationsOf } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let chen: User;
let zhao: User;
let sheet: string;
let liPeer: Peer;
let wangPeer: Peer;

const mentionsOf = async (user: User) => (await notificationsOf(h, user)).filter((n) => n.kind === 'mention');

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  chen = await h.user('陈六', '市场部');
  zhao = await h.user('赵七', '市场部');
  sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'commenter'],
    [chen, 'viewer'],
  ]);
  liPeer = await h.peer(li, sheet);
  wangPeer = await h.peer(wang, sheet);
});
afterAll(() => h.close());

test('a new comment mentioning people and a department notifies them and the department’s members of the sheet, once each, never its author nor outsiders', async () => {
  liPeer.doc.transact(() => {
    const thread = liPeer.doc.getMap('comments').set('th1', commentThread('th1', li, '@王五 @市场部 请确认测试排期', { section: 'record' }));
    (thread.get('messages') as Y.Array<Y.Map<unknown>>).get(0).set('mentions', [wang.id, 'dept:市场部', li.id, zhao.id]);
  });
  await expect.poll(() => mentionsOf(chen), { timeout: 10_000 }).toMatchObject([{ actorId: li.id, actorName: '李工', payload: { department: '市场部', section: 'record', threadId: 'th1', excerpt: '@王五 @市场部 请确认测试排期' } }]);
  expect(await mentionsOf(wang)).toMatchObject([{ actorId: li.id, payload: { threadId: 'th1', section: 'record' } }]);
  expect((await mentionsOf(wang))[0].payload).not.toHaveProperty('department');
  expect(await mentionsOf(li)).toEqual([]);
  expect(await mentionsOf(zhao)).toEqual([]);
});

test('a reply with a mention, by a commenter over the socket, notifies the person mentioned', async () => {
  const messages = wangPeer.doc.getMap<Y.Map<unknown>>('comments').get('th1')!.get('messages') as Y.Array<Y.Map<unknown>>;
  const reply = new Y.Map<unknown>(Object.entries({ id: 'th1-m2', authorId: wang.id, author: wang.name, at: new Date().toISOString(), text: '市场部同意，@李工 请排期', mentions: [li.id] }));
  messages.push([reply]);
  await expect.poll(() => mentionsOf(li), { timeout: 10_000 }).toMatchObject([{ actorId: wang.id, actorName: '王五', payload: { excerpt: '市场部同意，@李工 请排期' } }]);
});

test('an edit that adds a mention notifies the newcomer only; a reconnect that resends everything notifies nobody again', async () => {
  const entry = (liPeer.doc.getMap<Y.Map<unknown>>('comments').get('th1')!.get('messages') as Y.Array<Y.Map<unknown>>).get(0);
  entry.set('mentions', [wang.id, 'dept:市场部', zhang.id]);
  await expect.poll(() => mentionsOf(zhang), { timeout: 10_000 }).toHaveLength(1);
  const again = await h.peer(li, sheet);
  Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(liPeer.doc));
  await until(() => again.provider.synced, 5000, 'the second peer');
  await h.ctx.commands.postComment(zhang, sheet, { threadId: 'th1', text: '收到 @陈六', mentions: [chen.id] });
  await expect.poll(() => mentionsOf(chen), { timeout: 10_000 }).toHaveLength(2);
  for (const person of [wang, chen, li, zhang]) {
    const keys = (await mentionsOf(person)).map((n) => `${n.actorId}:${n.payload.excerpt}`);
    expect(new Set(keys).size).toBe(keys.length);
  }
  expect(await mentionsOf(wang)).toHaveLength(1);
  expect(await mentionsOf(zhang)).toHaveLength(1);
});

test('a mention in a comment on a task row points at the row', async () => {
  await h.ctx.commands.postComment(wang, sheet, { section: 'tasks', taskId: 'row-9', text: '这一行 @张经理 看看', mentions: [zhang.id] });
  await expect.poll(() => mentionsOf(zhang), { timeout: 10_000 }).toHaveLength(2);
  expect((await mentionsOf(zhang))[0].payload).toMatchObject({ section: 'tasks', rowId: 'row-9' });
});
