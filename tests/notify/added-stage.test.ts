import { afterAll, beforeAll, expect, test } from 'vitest';
import type { User } from '../../server/store/types';
import { Harness } from '../support/harness';
import { fillBasics, notificationsOf } from './support';

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
