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
  // Assignment notices wait for the row to settle (10 s in a meeting); a test need not wait that long.
  h.ctx.notifier.settleMs = 200;
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

test('§10 the notice waits until the row has settled, with the deadline as it then is; a person replaced meanwhile is not told', async () => {
  h.ctx.notifier.settleMs = 800;
  const notices = async (user: User, rowId: string) => (await assignedTo(user)).filter((n) => n.payload.rowId === rowId);
  tasks().push([taskRow({ id: 't9', task: '写方案', person: '王五', personId: wang.id })]);
  await new Promise((r) => setTimeout(r, 400));
  row('t9').set('deadline', '2026-12-24');
  await new Promise((r) => setTimeout(r, 400));
  // Still being filled in: nobody told yet, "完成时限：未定" never goes out.
  expect(await notices(wang, 't9')).toEqual([]);
  await expect.poll(() => notices(wang, 't9'), { timeout: 10_000 }).toMatchObject([{ actorId: li.id, payload: { task: '写方案', deadline: '2026-12-24' } }]);
  // Given to one person, then at once to another: only the second is told.
  tasks().push([taskRow({ id: 't10', task: '对接', person: '陈六', personId: chen.id, deadline: '2026-12-10' })]);
  await new Promise((r) => setTimeout(r, 200));
  peer.doc.transact(() => {
    row('t10').set('person', '王五');
    row('t10').set('personId', wang.id);
  });
  await expect.poll(() => notices(wang, 't10'), { timeout: 10_000 }).toHaveLength(1);
  await new Promise((r) => setTimeout(r, 1000));
  expect(await notices(chen, 't10')).toEqual([]);
  expect(await notices(wang, 't9')).toHaveLength(1);
  h.ctx.notifier.settleMs = 200;
});

test('§10 a notice still settling when the server stops goes out then, not lost', async () => {
  h.ctx.notifier.settleMs = 60_000;
  tasks().push([taskRow({ id: 't11', task: '收尾', person: '王五', personId: wang.id, deadline: '2026-12-31' })]);
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet)).some((t) => t.rowId === 't11'), { timeout: 10_000 }).toBe(true);
  expect((await assignedTo(wang)).filter((n) => n.payload.rowId === 't11')).toEqual([]);
  await h.ctx.notifier.close();
  expect((await assignedTo(wang)).filter((n) => n.payload.rowId === 't11')).toMatchObject([{ payload: { deadline: '2026-12-31' } }]);
});
