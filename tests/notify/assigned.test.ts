import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../../server/store/types';
import { Harness, type Peer } from '../support/harness';
import { notificationsOf, taskRow } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let chen: User;
let zhao: User;
let sheet: string;
let peer: Peer;

const assignedTo = async (user: User) => (await notificationsOf(h, user)).filter((n) => n.kind === 'assigned');
const tasks = () => peer.doc.getArray<Y.Map<unknown>>('tasks');
const row = (id: string) => tasks().toArray().find((r) => r.get('id') === id)!;

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  chen = await h.user('陈六', '市场部');
  zhao = await h.user('赵七', '市场部');
  sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'viewer'],
    [chen, 'commenter'],
  ]);
  peer = await h.peer(li, sheet);
});
afterAll(() => h.close());

test('a new task row with a responsible person notifies that person, by whom, with the task and its deadline', async () => {
  tasks().push([taskRow({ id: 't1', task: '提供用户画像', person: '王五', personId: wang.id, deadline: '2026-12-01' })]);
  await expect.poll(() => assignedTo(wang), { timeout: 10_000 }).toMatchObject([{ actorId: li.id, actorName: '李工', sheetId: sheet, payload: { rowId: 't1', task: '提供用户画像', deadline: '2026-12-01', title: '产品上线前测试资源协调' } }]);
});

test('changing the responsible person notifies the new one; other changes to the row notify nobody', async () => {
  row('t1').set('deadline', '2026-12-05');
  row('t1').set('status', 'in_progress');
  peer.doc.transact(() => {
    row('t1').set('person', '陈六');
    row('t1').set('personId', chen.id);
  });
  await expect.poll(() => assignedTo(chen), { timeout: 10_000 }).toMatchObject([{ actorId: li.id, payload: { rowId: 't1', deadline: '2026-12-05' } }]);
  expect(await assignedTo(wang)).toHaveLength(1);
});

test('moving a row (re-inserted as a copy) is no new assignment; giving oneself a task or an outsider one notifies nobody', async () => {
  tasks().push([taskRow({ id: 't2', task: '联调', personId: li.id })]);
  tasks().push([taskRow({ id: 't3', task: '外部评审', personId: zhao.id })]);
  peer.doc.transact(() => {
    const copy = new Y.Map<unknown>(Object.entries(row('t1').toJSON()));
    tasks().delete(0, 1);
    tasks().push([copy]);
  });
  tasks().push([taskRow({ id: 't4', task: '验收', personId: zhang.id })]);
  await expect.poll(() => assignedTo(zhang), { timeout: 10_000 }).toHaveLength(1);
  expect(await assignedTo(chen)).toHaveLength(1);
  expect(await assignedTo(li)).toEqual([]);
  expect(await assignedTo(zhao)).toEqual([]);
  expect(tasks().toArray().map((r) => r.get('id'))).toEqual(['t2', 't3', 't1', 't4']);
});
