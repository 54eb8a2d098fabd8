import { afterAll, beforeAll, expect, test } from 'vitest';
import type { User } from '../../server/store/types';
import { Harness } from '../support/harness';
import { notificationsOf, taskRow } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let chen: User;
let sun: User;
let outsider: User;
let sheet: string;

const nudgesOf = async (user: User) => (await notificationsOf(h, user)).filter((n) => n.kind === 'nudge');
const nudge = (actor: User, rowId: string, message?: string) => h.ctx.commands.nudge(actor, sheet, { rowId, ...(message ? { message } : {}) });

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  chen = await h.user('陈六', '市场部');
  sun = await h.user('孙八', '研发部');
  outsider = await h.user('路人', '财务部');
  sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'commenter'],
    [chen, 'editor'],
    [sun, 'viewer'],
  ]);
  await h.ctx.commands.patchSheet(zhang, sheet, {
    tracker: { department: '市场部', person: '王五', personId: wang.id },
    initiator: { department: '市场部', person: '陈六', personId: chen.id },
  });
  await h.ctx.sync.withRoom(sheet, (room) =>
    room.changeAsSystem((doc) =>
      doc.getArray('tasks').push([
        taskRow({ id: 't1', task: '提供测试环境', person: '李工', personId: li.id, deadline: '2026-12-01' }),
        taskRow({ id: 't2', task: '确认需求', person: '某人' }),
        taskRow({ id: 't3', task: '上线评审', person: '李工', personId: li.id, status: 'done' }),
        taskRow({ id: 't4', task: '外部联络', person: '路人', personId: outsider.id }),
      ]),
    ),
  );
});
afterAll(() => h.close());

test('the tracker (跟踪人) nudges a task’s responsible person, with a word; it is in the sheet’s history', async () => {
  expect(await nudge(wang, 't1', '明天例会前请反馈进展')).toEqual({ rowId: 't1', person: { id: li.id, name: '李工' } });
  expect(await nudgesOf(li)).toMatchObject([{ actorId: wang.id, actorName: '王五', sheetId: sheet, payload: { rowId: 't1', task: '提供测试环境', deadline: '2026-12-01', message: '明天例会前请反馈进展' } }]);
  const [event] = await h.ctx.store.history.events(sheet, 1);
  expect(event).toMatchObject({ kind: 'nudge', actorId: wang.id, detail: { rowId: 't1', userId: li.id, name: '李工' } });
});

test('the initiator and the facilitator may nudge too; every nudge is a new notification', async () => {
  await nudge(chen, 't1');
  await nudge(zhang, 't1');
  expect((await nudgesOf(li)).map((n) => n.actorName)).toEqual(['张经理', '陈六', '王五']);
});

test('403 for a member who is neither tracker, initiator nor facilitator; 404 for outsiders and unknown rows; nothing is sent', async () => {
  await expect(nudge(sun, 't1')).rejects.toMatchObject({ code: 'forbidden', details: { reason: 'notAllowed' } });
  await expect(nudge(li, 't1')).rejects.toMatchObject({ code: 'forbidden' });
  await expect(nudge(outsider, 't1')).rejects.toMatchObject({ code: 'not_found' });
  await expect(nudge(wang, 'no-such-row')).rejects.toMatchObject({ code: 'not_found', message: 'no task no-such-row on this sheet', details: { reason: 'noTask' } });
  expect(await nudgesOf(li)).toHaveLength(3);
});

test('422 when there is nobody to nudge: no responsible person from the directory, a task done, oneself, or an outsider responsible; each with a reason the page translates', async () => {
  await expect(nudge(wang, 't2')).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringContaining('no responsible person'), details: { reason: 'noPerson' } });
  await expect(nudge(wang, 't3')).rejects.toMatchObject({ code: 'unprocessable', message: 'the task is done', details: { reason: 'done' } });
  await expect(nudge(zhang, 't4')).rejects.toMatchObject({ code: 'unprocessable', message: expect.stringContaining('not a member'), details: { reason: 'notMember' } });
  await h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem((doc) => doc.getArray('tasks').push([taskRow({ id: 't5', task: '自查', person: '王五', personId: wang.id })])));
  await expect(nudge(wang, 't5')).rejects.toMatchObject({ code: 'unprocessable', details: { reason: 'ownTask' } });
  expect(await nudgesOf(outsider)).toEqual([]);
});

test('a person who turned nudges off in the app is not shown them', async () => {
  await h.ctx.commands.setPreferences(li.id, { kinds: { nudge: { inApp: false, email: false } } });
  await nudge(wang, 't1');
  expect(await nudgesOf(li)).toHaveLength(3);
  await h.ctx.commands.setPreferences(li.id, { kinds: { nudge: { inApp: true, email: false } } });
  await nudge(wang, 't1');
  expect(await nudgesOf(li)).toHaveLength(4);
});
