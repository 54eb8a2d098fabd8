import { afterAll, beforeAll, expect, test } from 'vitest';
import type { User } from '../../server/store/types';
import { notificationText } from '../../lib/notify/words';
import { Harness, paragraph } from '../support/harness';
import { fillBasics, notificationsOf, taskRow } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let chen: User;

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  chen = await h.user('陈六', '市场部');
});
afterAll(() => h.close());

test('being added to a sheet notifies the person added, with the role; a role change or the one who adds is not told', async () => {
  const sheet = await h.sheet(zhang);
  await h.ctx.commands.addMembers(zhang, sheet, { email: li.email, role: 'editor' });
  expect(await notificationsOf(h, li)).toMatchObject([{ kind: 'added', sheetId: sheet, actorId: zhang.id, actorName: '张经理', payload: { title: '产品上线前测试资源协调', role: 'editor' }, readAt: null }]);
  await h.ctx.commands.addMembers(zhang, sheet, { email: li.email, role: 'commenter' });
  expect(await notificationsOf(h, li)).toHaveLength(1);
  expect(await notificationsOf(h, zhang)).toEqual([]);
});

test('adding a whole department notifies each of its people', async () => {
  const sheet = await h.sheet(zhang);
  await h.ctx.commands.addMembers(zhang, sheet, { department: '市场部', role: 'commenter' });
  for (const person of [wang, chen]) expect((await notificationsOf(h, person)).filter((n) => n.sheetId === sheet)).toMatchObject([{ kind: 'added', payload: { role: 'commenter' } }]);
});

test('a stage change notifies every member but the one who changed it', async () => {
  const sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'viewer'],
  ]);
  await fillBasics(h, sheet);
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'initiated' });
  for (const person of [li, wang]) {
    expect((await notificationsOf(h, person)).filter((n) => n.sheetId === sheet)).toMatchObject([{ kind: 'stage', actorName: '张经理', payload: { from: 'draft', to: 'initiated', reason: null } }]);
  }
  expect((await notificationsOf(h, zhang)).filter((n) => n.sheetId === sheet)).toEqual([]);
  expect((await notificationsOf(h, chen)).filter((n) => n.sheetId === sheet)).toEqual([]);
});

test('§5 a burst of stage changes leaves each member one notice per sheet, newest, counting the changes; once read, the next change is news', async () => {
  const sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'viewer'],
  ]);
  const other = await h.sheet(zhang, [[li, 'editor']]);
  await fillBasics(h, sheet);
  await fillBasics(h, other);
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'initiated' });
  await h.ctx.commands.changeStage(zhang, other, { stage: 'initiated' });
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'discussion' });
  await h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem((doc) => doc.getArray('tasks').push([taskRow({ id: 't1', person: '李工', personId: li.id, deadline: '2026-12-01' })])));
  await h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem((doc) => doc.getXmlFragment('result').insert(0, [paragraph('结论')])));
  await h.ctx.commands.lock(zhang, sheet, 'result', {});
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'executing' });
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'discussion', reason: '市场部需求变更' });
  const stageNotices = async (person: User, sheetId: string) => (await notificationsOf(h, person)).filter((n) => n.kind === 'stage' && n.sheetId === sheetId);
  for (const person of [li, wang]) {
    const [only, ...rest] = await stageNotices(person, sheet);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ actorName: '张经理', readAt: null, payload: { from: 'draft', to: 'discussion', changes: 4, reason: '市场部需求变更' } });
    expect(notificationText('zh-CN', only)).toBe('张经理 变更了「产品上线前测试资源协调」的阶段 4 次，现为「沟通协调」（方案变更：市场部需求变更）');
    expect(notificationText('en', only)).toBe('张经理 changed the stage of “产品上线前测试资源协调” 4 times; it is now In discussion (plan change: 市场部需求变更)');
  }
  // The other sheet's change is its own notice, and the newest notice of all is the collapsed one.
  expect(await stageNotices(li, other)).toMatchObject([{ payload: { from: 'draft', to: 'initiated' } }]);
  expect((await notificationsOf(h, li))[0].sheetId).toBe(sheet);
  expect(await h.ctx.store.notifications.unreadCount(wang.id)).toBe((await notificationsOf(h, wang)).filter((n) => !n.readAt).length);
  // Read, then one more change: a new notice, a single change.
  await h.ctx.commands.markRead(li.id, { all: true });
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'executing' });
  const [latest, read] = await stageNotices(li, sheet);
  expect(latest).toMatchObject({ readAt: null, payload: { from: 'discussion', to: 'executing' } });
  expect(latest.payload.changes).toBeUndefined();
  expect(notificationText('zh-CN', latest)).toBe('张经理 将「产品上线前测试资源协调」推进到「执行跟踪」阶段');
  expect(read.readAt).not.toBeNull();
});
