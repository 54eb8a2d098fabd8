import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { DeadlineReminders, type ReminderOptions } from '../../server/notify';
import { silentLogger } from '../../server/log';
import type { User } from '../../server/store/types';
import { Harness } from '../support/harness';
import { executingSheet, notificationsOf } from './support';

let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let zhao: User;
let sheet: string;

/** A reminder job as a node runs it, with the clock set to `now` and the organisation in `timeZone`. */
const remindersAt = (now: string, timeZone: string, options: Partial<ReminderOptions> = {}) =>
  new DeadlineReminders(h.ctx.store, h.ctx.notifier, silentLogger, { everyMs: 60_000, daysBefore: 1, timeZone, now: () => new Date(now), ...options });

/** Li's deadline reminders as `kind:rowId`, oldest first. */
const remindersOf = async (user: User) =>
  (await notificationsOf(h, user))
    .filter((n) => n.kind === 'deadlineSoon' || n.kind === 'deadlineMissed')
    .map((n) => `${n.kind}:${String(n.payload.rowId)}`)
    .reverse();

beforeAll(async () => {
  h = await Harness.start();
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  zhao = await h.user('赵七', '市场部');
  sheet = await h.sheet(zhang, [
    [li, 'editor'],
    [wang, 'viewer'],
  ]);
  // Deadlines in 2030: the server's own reminder job, on the real clock, has nothing to say about them.
  await executingSheet(h, zhang, sheet, [
    { id: 't1', task: '准备测试环境', person: '李工', personId: li.id, deadline: '2030-03-10' },
    { id: 't2', task: '编写测试用例', person: '李工', personId: li.id, deadline: '2030-03-12' },
    { id: 't3', task: '评审需求', person: '李工', personId: li.id, deadline: '2030-03-01', status: 'done' },
    { id: 't4', task: '外部验收', person: '赵七', personId: zhao.id, deadline: '2030-03-01' },
  ]);
});
afterAll(() => h.close());

test('the same instant in two time zones: due today in New York, missed in Shanghai; a task two days away is “approaching” only where it is one day away', async () => {
  // 2030-03-10 16:30 UTC is 12:30 on the 10th in New York (EDT) and 00:30 on the 11th in Shanghai.
  expect(await remindersAt('2030-03-10T16:30:00Z', 'America/New_York').scan()).toBe(1);
  expect(await remindersOf(li)).toEqual(['deadlineSoon:t1']);
  expect(await remindersAt('2030-03-10T16:30:00Z', 'Asia/Shanghai').scan()).toBe(2);
  expect(await remindersOf(li)).toEqual(['deadlineSoon:t1', 'deadlineMissed:t1', 'deadlineSoon:t2']);
  const [missed] = (await notificationsOf(h, li)).filter((n) => n.kind === 'deadlineMissed');
  expect(missed).toMatchObject({ sheetId: sheet, actorId: null, payload: { rowId: 't1', task: '准备测试环境', deadline: '2030-03-10', daysLate: 1, title: '产品上线前测试资源协调' } });
});

test('each reminder is sent once, however often and by however many nodes the tasks are scanned; done tasks and outsiders are never reminded', async () => {
  const nodes = [1, 2, 3].map(() => remindersAt('2030-03-10T16:30:00Z', 'Asia/Shanghai'));
  expect(await Promise.all(nodes.map((node) => node.scan()))).toEqual([0, 0, 0]);
  expect(await remindersAt('2030-03-20T00:00:00Z', 'Asia/Shanghai').scan()).toBe(1);
  expect(await remindersOf(li)).toEqual(['deadlineSoon:t1', 'deadlineMissed:t1', 'deadlineSoon:t2', 'deadlineMissed:t2']);
  expect(await remindersOf(zhao)).toEqual([]);
  expect(await remindersOf(wang)).toEqual([]);
});

test('a new deadline is reminded afresh', async () => {
  await h.ctx.sync.withRoom(sheet, (room) =>
    room.changeAsSystem((doc) => {
      const row = doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r.get('id') === 't1')!;
      row.set('deadline', '2030-04-01');
    }),
  );
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet)).find((t) => t.rowId === 't1')?.deadline, { timeout: 10_000 }).toBe('2030-04-01');
  await remindersAt('2030-04-01T01:00:00Z', 'Asia/Shanghai').scan();
  expect((await remindersOf(li)).slice(-1)).toEqual(['deadlineSoon:t1']);
  expect(await remindersOf(li)).toHaveLength(5);
});

test('a deadline is missed only once its day has ended where the organisation is', async () => {
  const other = await h.user('孙八', '研发部');
  const early = await h.sheet(zhang, [[other, 'editor']]);
  await executingSheet(h, zhang, early, [{ id: 'e1', task: '上线检查', person: '孙八', personId: other.id, deadline: '2030-06-01' }]);
  // 23:59:59 on 1 June in Shanghai: still due today.
  await remindersAt('2030-06-01T15:59:59Z', 'Asia/Shanghai', { daysBefore: 0 }).scan();
  expect(await remindersOf(other)).toEqual(['deadlineSoon:e1']);
  // One second later the day is over.
  await remindersAt('2030-06-01T16:00:00Z', 'Asia/Shanghai', { daysBefore: 0 }).scan();
  expect(await remindersOf(other)).toEqual(['deadlineSoon:e1', 'deadlineMissed:e1']);
});
