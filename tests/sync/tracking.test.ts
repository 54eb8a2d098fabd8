import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { User } from '../../server/store/types';
import { executingSheet } from '../notify/support';
import { eventually, Harness } from '../support/harness';

let h: Harness;
let tracker: User;
let li: User;
let zhao: User;
let stranger: User;
let sheet: string;
let other: string;

const row = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));
const task = (id: string, deadline: string | null, extra: Record<string, unknown> = {}) =>
  row({ id, task: `任务 ${id}`, department: '测试部', person: '李工', personId: li.id, deliverable: '', deadline, status: 'pending', ...extra });
const setUp = (sheetId: string, stage: string, rows: Y.Map<unknown>[], feedback: Y.Map<unknown>[] = []) =>
  h.ctx.sync.withRoom(sheetId, (room) =>
    room.changeAsSystem((doc) => {
      doc.getMap('control').set('stage', stage);
      doc.getMap('meta').set('tracker', { department: '客户服务部', person: '王跟踪', personId: tracker.id });
      doc.getArray('tasks').push(rows);
      doc.getArray('feedback').push(feedback);
    }),
  );
const ids = (tasks: Array<{ rowId: string }>) => tasks.map((t) => t.rowId);

// Wednesday 2026-11-25, 12:00 in Shanghai (04:00 UTC); still Tuesday 20:00 in Los Angeles.
const NOW = new Date('2026-11-25T04:00:00Z');
const DAY = 86_400_000;

beforeAll(async () => {
  h = await Harness.start();
  tracker = await h.user('王跟踪', '客户服务部');
  li = await h.user('李工', '测试部');
  zhao = await h.user('赵工', '测试部');
  stranger = await h.user('孙某', '市场部');
  sheet = await h.sheet(tracker, [
    [li, 'editor'],
    [zhao, 'viewer'],
  ]);
  other = await h.sheet(stranger, [[li, 'editor']]);
  await setUp(
    sheet,
    'executing',
    [
      task('later', '2026-12-10'),
      task('late2', '2026-11-20'),
      task('today', '2026-11-25'),
      task('late5', '2026-11-24', { personId: zhao.id, person: '赵工' }),
      task('sunday', '2026-11-29', { department: '市场部', personId: null, person: '外部' }),
      task('done', '2026-11-01', { status: 'done' }),
    ],
    [row({ id: 'f1', taskId: 'later', at: '2026-11-24T02:00:00.000Z', author: '李工', authorId: li.id, text: '进行中' })],
  );
  await setUp(other, 'executing', [task('elsewhere', '2026-11-30')]);
});
afterAll(() => h.close());

describe('我的任务 (my work)', () => {
  test('my tasks and my department’s across my sheets: overdue first, most days late first, then by deadline, done last', async () => {
    const { tasks } = await h.ctx.commands.myTasks(li, NOW);
    expect(ids(tasks)).toEqual(['late2', 'late5', 'today', 'elsewhere', 'later', 'done']);
    expect(tasks[0]).toMatchObject({ sheetId: sheet, sheetTitle: '产品上线前测试资源协调', due: { overdue: true, daysLate: 5 } });
    expect(tasks.find((t) => t.rowId === 'today')?.due).toMatchObject({ overdue: false, dueToday: true, dueThisWeek: true });
  });

  test('a task of another department on my sheet is not mine; my department’s task on a sheet I am not a member of does not show', async () => {
    expect(ids((await h.ctx.commands.myTasks(stranger, NOW)).tasks)).toEqual([]);
    expect(ids((await h.ctx.commands.myTasks(zhao, NOW)).tasks)).toEqual(['late2', 'late5', 'today', 'later', 'done']);
  });

  test('the same instant in another organisation time zone: Los Angeles is still on Tuesday', async () => {
    h.ctx.config.timeZone = 'America/Los_Angeles';
    try {
      const { tasks, timeZone } = await h.ctx.commands.myTasks(li, NOW);
      expect(timeZone).toBe('America/Los_Angeles');
      expect(tasks.find((t) => t.rowId === 'late5')?.due).toMatchObject({ overdue: false, dueToday: true });
      expect(tasks.find((t) => t.rowId === 'today')?.due).toMatchObject({ overdue: false, dueToday: false, daysLeft: 1 });
      expect(ids(tasks).slice(0, 1)).toEqual(['late2']);
    } finally {
      h.ctx.config.timeZone = 'Asia/Shanghai';
    }
  });
});

describe('the tracker’s view', () => {
  test('across the sheets I follow up: overdue, due this week (ISO week, to Sunday), no feedback for 3 days by default', async () => {
    const view = await h.ctx.commands.trackedTasks(tracker, NOW);
    expect(view.staleDays).toBe(3);
    expect(ids(view.overdue)).toEqual(['late2', 'late5']);
    expect(ids(view.dueThisWeek)).toEqual(['today', 'sunday']);
    // §4 silence counts from when each task got its person (when this file set them up, after NOW): none is silent yet.
    expect(ids(view.silent)).toEqual([]);
    // Four days on, every open task is; `later`'s note came before it was given to its person.
    expect(ids((await h.ctx.commands.trackedTasks(tracker, new Date(Date.now() + 4 * DAY))).silent)).toEqual(['late2', 'late5', 'today', 'sunday', 'later']);
  });

  test('the number of days without feedback is the person’s own and kept', async () => {
    const twoDaysOn = new Date(Date.now() + 2 * DAY);
    expect(ids((await h.ctx.commands.trackedTasks(tracker, twoDaysOn)).silent)).toEqual([]);
    await h.ctx.commands.setStaleDays(tracker, 1);
    expect(ids((await h.ctx.commands.trackedTasks(tracker, twoDaysOn)).silent)).toContain('later');
    expect((await h.ctx.commands.trackedTasks(li, NOW)).staleDays).toBe(3);
    await h.ctx.commands.setStaleDays(tracker, 3);
  });

  test('someone who follows up nothing sees nothing; the sheet’s own view is for its members only', async () => {
    const view = await h.ctx.commands.trackedTasks(zhao, NOW);
    expect([view.overdue, view.dueThisWeek, view.silent]).toEqual([[], [], []]);
    expect(ids((await h.ctx.commands.sheetTracking(zhao, sheet, NOW)).overdue)).toEqual(['late2', 'late5']);
    await expect(h.ctx.commands.sheetTracking(stranger, sheet, NOW)).rejects.toMatchObject({ code: 'not_found' });
  });

  test('the dashboard counts overdue tasks per department today in the organisation’s time zone; not for a plain member', async () => {
    await expect(h.ctx.commands.dashboard(tracker, {}, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    const admin = { ...tracker, isAdmin: true };
    const board = await h.ctx.commands.dashboard(admin, {}, NOW);
    expect(board).toMatchObject({ today: '2026-11-25', openSheets: 2, byStage: { executing: 2 } });
    expect(board.tasks).toEqual([
      { department: '测试部', open: 5, overdue: 2, dueThisWeek: 1 },
      { department: '市场部', open: 1, overdue: 0, dueThisWeek: 1 },
    ]);
    const market = await h.ctx.commands.dashboard(admin, { department: '市场部' }, NOW);
    expect(market.tasks).toEqual([{ department: '市场部', open: 1, overdue: 0, dueThisWeek: 1 }]);
  });

  test('a department head sees the dashboard for their own department only; administrators name heads', async () => {
    const admin = { ...tracker, isAdmin: true };
    // Departments involved (发起部门 and 受文部门): both sheets involve 测试部 and 市场部, only the second 财务部.
    const involve = (sheetId: string, departments: string[]) =>
      h.ctx.sync.withRoom(sheetId, (room) => room.changeAsSystem((doc) => doc.getArray('recipients').push(departments.map((department) => row({ department })))));
    await involve(sheet, ['测试部', '市场部']);
    await involve(other, ['测试部', '财务部']);
    const departmentId = async (name: string) => (await h.ctx.store.people.findDepartmentByName(name))!.id;
    // Only administrators name heads, of departments and people that exist.
    await expect(h.ctx.commands.setDepartmentHead(li, await departmentId('测试部'), li.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(h.ctx.commands.setDepartmentHead(admin, 'missing', li.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(h.ctx.commands.setDepartmentHead(admin, await departmentId('测试部'), 'missing')).rejects.toMatchObject({ code: 'not_found' });
    expect(await h.ctx.commands.setDepartmentHead(admin, await departmentId('测试部'), li.id)).toMatchObject({ name: '测试部', headId: li.id, headName: '李工' });
    await h.ctx.commands.setDepartmentHead(admin, await departmentId('市场部'), stranger.id);

    // A plain member of the department is refused.
    await expect(h.ctx.commands.dashboard((await h.ctx.store.people.findUserById(zhao.id))!, {}, NOW)).rejects.toMatchObject({ code: 'forbidden' });

    // The head of 测试部 sees both sheets (each involves 测试部) and only 测试部's tasks, whatever they ask for.
    const head = (await h.ctx.store.people.findUserById(li.id))!;
    expect(head.headOf).toBe('测试部');
    for (const input of [{}, { department: '市场部' }]) {
      const board = await h.ctx.commands.dashboard(head, input, NOW);
      expect(board).toMatchObject({ department: '测试部', departments: [], openSheets: 2 });
      expect(board.tasks).toEqual([{ department: '测试部', open: 5, overdue: 2, dueThisWeek: 1 }]);
    }

    // The head of 市场部 sees none of 测试部's task counts, even when asking for them.
    const marketHead = (await h.ctx.store.people.findUserById(stranger.id))!;
    const market = await h.ctx.commands.dashboard(marketHead, { department: '测试部' }, NOW);
    expect(market).toMatchObject({ department: '市场部', openSheets: 2 });
    expect(market.tasks).toEqual([{ department: '市场部', open: 1, overdue: 0, dueThisWeek: 1 }]);

    // The head of 财务部 sees only the sheet involving 财务部, not the other one, and no tasks (财务部 has none).
    const finance = await h.ctx.store.people.createDepartment('财务部');
    await h.ctx.commands.setDepartmentHead(admin, finance.id, zhao.id);
    const financeBoard = await h.ctx.commands.dashboard((await h.ctx.store.people.findUserById(zhao.id))!, {}, NOW);
    expect(financeBoard).toMatchObject({ department: '财务部', openSheets: 1, byStage: { executing: 1 }, tasks: [] });

    // Administrators still see everything, and may choose any department.
    expect((await h.ctx.commands.dashboard(admin, {}, NOW)).tasks.map((t) => t.department)).toEqual(['测试部', '市场部']);
    expect((await h.ctx.commands.dashboard(admin, {}, NOW)).departments).toEqual(expect.arrayContaining(['测试部', '市场部', '财务部']));

    // A head no longer: refused again.
    await h.ctx.commands.setDepartmentHead(admin, finance.id, null);
    await expect(h.ctx.commands.dashboard((await h.ctx.store.people.findUserById(zhao.id))!, {}, NOW)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('§4 silence counts from the assignment or the stage, whichever is later, and the last note', () => {
  test('a task that entered 执行跟踪 a minute ago is not silent; three days on it is; a note or a new person starts the count again', async () => {
    const facilitator = await h.user('钱主持', '客户服务部');
    const fresh = await h.sheet(facilitator, [[li, 'editor'], [zhao, 'editor']]);
    await executingSheet(h, facilitator, fresh, [{ id: 'f1', person: '李工', personId: li.id, deadline: '2027-06-30' }]);
    const [indexed] = await h.ctx.store.tasks.ofSheet(fresh);
    expect(Date.parse(indexed.assignedAt!)).not.toBeNaN();
    expect(Date.parse(indexed.stageEnteredAt!)).toBeGreaterThanOrEqual(Date.parse(indexed.assignedAt!));
    const silentAt = async (at: number) => (await h.ctx.commands.sheetTracking(facilitator, fresh, new Date(at))).silent.map((t) => [t.rowId, t.silentDays]);
    expect(await silentAt(Date.now() + 60_000)).toEqual([]);
    expect(await silentAt(Date.now() + 3 * DAY)).toEqual([['f1', 3]]);
    // Progress feedback: silent from the note.
    await h.ctx.commands.postFeedback(li, fresh, { rowId: 'f1', text: '已开始' });
    expect(await eventually(async () => (await h.ctx.store.tasks.ofSheet(fresh))[0].feedbackCount, 1)).toBe(1);
    expect(await silentAt(Date.now() + 2 * DAY)).toEqual([]);
    // Given to someone else: their silence starts now, whatever the old note said.
    await h.ctx.sync.withRoom(fresh, (room) =>
      room.changeAsSystem((doc) => {
        const row = doc.getArray<Y.Map<unknown>>('tasks').get(0);
        row.set('person', '赵工');
        row.set('personId', zhao.id);
      }),
    );
    expect(await eventually(async () => (await h.ctx.store.tasks.ofSheet(fresh))[0].personId, zhao.id)).toBe(zhao.id);
    expect((await h.ctx.store.tasks.ofSheet(fresh))[0].assignedAt! > indexed.assignedAt!).toBe(true);
    expect(await silentAt(Date.now() + 2 * DAY)).toEqual([]);
    expect(await silentAt(Date.now() + 3 * DAY)).toEqual([['f1', 3]]);
  });
});
