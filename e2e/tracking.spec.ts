import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { addDays, isoWeekOf, todayIn } from '../lib/sheet/deadlines';
import { ADMIN, signIn } from './accounts';

const screens = 'test-results/screens';
const RESPONSIBLE = { name: '王工', email: 'wang.tracking@example.com', password: 'tracking-wang-3', department: '测试部' };
const MARKETING = { name: '周经理', email: 'zhou.tracking@example.com', password: 'tracking-zhou-4', department: '市场部' };
const TITLE = '新品发布执行跟踪';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screens}/${name}.png`, fullPage: true });
}

/** Switches the interface language and waits for the page to speak it. */
async function speak(page: Page, language: 'English' | '中文', heading: string): Promise<void> {
  await page.getByRole('button', { name: language }).click();
  await expect(page.getByRole('heading', { name: heading, exact: true }).first()).toBeVisible();
}

/** What the API calls of this spec answer: ids, a sync grant, a sheet's tasks. */
interface Answer {
  id: string;
  token: string;
  url: string;
  room: string;
  tasks: unknown[];
}

async function ok(res: Awaited<ReturnType<APIRequestContext['post']>>): Promise<Answer> {
  expect(res.ok(), await res.text()).toBe(true);
  return (await res.json()) as Answer;
}

/** A paragraph of rich text, as the editor writes it. */
function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

/**
 * Brings a sheet to 执行跟踪 the way its people would: a y-websocket client (with the sync token
 * the API hands out) fills the basic information, the result and the tasks; the facilitator locks
 * the result and moves the stages over the HTTP API.
 */
async function executingSheet(request: APIRequestContext, people: { admin: string; wang: string; zhou: string }): Promise<string> {
  const { id } = await ok(await request.post('/api/v1/sheets', { data: { title: TITLE, urgency: 'urgent' } }));
  for (const email of [RESPONSIBLE.email, MARKETING.email]) await ok(await request.post(`/api/v1/sheets/${id}/members`, { data: { email, role: 'editor' } }));
  const grant = await ok(await request.post(`/api/v1/sheets/${id}/sync-token`));
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(grant.url, grant.room, doc, { params: { token: grant.token }, WebSocketPolyfill: WebSocket as never, disableBc: true });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  const today = todayIn('Asia/Shanghai', new Date());
  // Sunday of this week is due this week whatever today is; nine days on never is.
  const task = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries({ deliverable: '', status: 'pending', ...fields }));
  doc.transact(() => {
    const meta = doc.getMap('meta');
    meta.set('initiator', { department: ADMIN.department, person: ADMIN.name, personId: people.admin });
    meta.set('tracker', { department: ADMIN.department, person: ADMIN.name, personId: people.admin });
    meta.set('dueDate', addDays(today, 20));
    doc.getArray('recipients').push([new Y.Map<unknown>(Object.entries({ id: 'r1', department: '测试部', contact: '王工' })), new Y.Map<unknown>(Object.entries({ id: 'r2', department: '市场部', contact: '周经理' }))]);
    doc.getXmlFragment('background').insert(0, [paragraph('新品下月发布，测试与市场需同步推进。')]);
    doc.getXmlFragment('goal').insert(0, [paragraph('发布前两周完成全部测试与物料。')]);
    doc.getXmlFragment('result').insert(0, [paragraph('测试部负责回归测试，市场部负责发布物料。')]);
    doc.getArray('tasks').push([
      task({ id: 't-week', task: '完成兼容性测试', department: '测试部', person: RESPONSIBLE.name, personId: people.wang, deliverable: '兼容性报告', deadline: isoWeekOf(today).end }),
      task({ id: 't-late', task: '提交回归测试用例', department: '测试部', person: RESPONSIBLE.name, personId: people.wang, deliverable: '用例清单', deadline: addDays(today, -5) }),
      task({ id: 't-dept', task: '准备测试环境', department: '测试部', person: '测试部', personId: null, deliverable: '环境清单', deadline: addDays(today, 9) }),
      task({ id: 't-market', task: '发布会物料', department: '市场部', person: MARKETING.name, personId: people.zhou, deliverable: '海报与新闻稿', deadline: addDays(today, -1), status: 'in_progress' }),
    ]);
  });
  await expect.poll(async () => (await ok(await request.get(`/api/v1/sheets/${id}`))).tasks.length).toBe(4);
  provider.destroy();
  await ok(await request.post(`/api/v1/sheets/${id}/stage`, { data: { stage: 'initiated' } }));
  await ok(await request.post(`/api/v1/sheets/${id}/stage`, { data: { stage: 'discussion' } }));
  await ok(await request.put(`/api/v1/sheets/${id}/locks/result`, { data: { reason: '会上确认' } }));
  await ok(await request.post(`/api/v1/sheets/${id}/stage`, { data: { stage: 'executing' } }));
  return id;
}

test('a responsible person posts progress from 我的任务 and the tracker sees it live in the sheet', async ({ browser, request }) => {
  // coordination.spec.ts creates this administrator through /setup; run alone, this spec does (refused once someone exists).
  await request.post('/api/v1/setup', { data: ADMIN });
  const tracker = await signIn(browser, ADMIN);
  const admin = await ok(await tracker.request.get('/api/v1/me'));
  const wang = await ok(await tracker.request.post('/api/v1/users', { data: RESPONSIBLE }));
  const zhou = await ok(await tracker.request.post('/api/v1/users', { data: MARKETING }));
  const sheetId = await executingSheet(tracker.request, { admin: admin.id, wang: wang.id, zhou: zhou.id });

  await tracker.goto(`/sheets/${sheetId}`);
  const feedbackLog = tracker.getByTestId('feedback');
  await expect(feedbackLog).toBeVisible();
  await expect(tracker.getByTestId('tracking-panel')).toContainText('提交回归测试用例');
  await tracker.getByTestId('tracking-panel').screenshot({ path: `${screens}/sheet-tracking-panel-zh.png` });

  const person = await signIn(browser, RESPONSIBLE, { viewport: { width: 1280, height: 900 } });
  await test.step('我的任务 lists the overdue task first, marked, then the others by deadline', async () => {
    await person.getByRole('link', { name: '我的任务' }).click();
    await expect(person).toHaveURL(/\/tasks$/);
    const rows = person.getByTestId('my-task');
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toHaveAttribute('data-row-id', 't-late');
    await expect(rows.first()).toHaveAttribute('data-overdue', 'true');
    await expect(rows.first().getByTestId('due')).toHaveText('逾期 5 天');
    await expect(rows.nth(1)).toHaveAttribute('data-row-id', 't-week');
    await expect(rows.nth(1)).not.toHaveAttribute('data-overdue', 'true');
    await expect(rows.nth(2)).toHaveAttribute('data-row-id', 't-dept');
    await person.getByRole('button', { name: '只看我的' }).click();
    await expect(rows).toHaveCount(2);
    await person.getByRole('button', { name: '我和本部门' }).click();
    await shot(person, 'tasks-zh');
  });

  await test.step('posting progress there lands live in the feedback log of the open sheet', async () => {
    await expect(feedbackLog).not.toContainText('回归用例已提交 80%');
    const late = person.getByTestId('my-task').first();
    await late.getByRole('button', { name: '反馈进展' }).click();
    await late.getByLabel('进展说明').fill('回归用例已提交 80%，周五前补齐');
    await late.getByLabel('同时更新状态').selectOption('in_progress');
    await late.getByRole('button', { name: '发布反馈' }).click();
    await expect(late.getByTestId('feedback-posted')).toBeVisible();
    // The tracker's page was not reloaded: the note arrives through the live sheet.
    await expect(feedbackLog).toContainText('回归用例已提交 80%，周五前补齐');
    await expect(feedbackLog).toContainText(RESPONSIBLE.name);
    await expect(tracker.locator('tr[data-row-id="t-late"] select[class^="select--status"]')).toHaveValue('in_progress');
    await expect(person.getByTestId('my-task').first().getByTestId('task-status')).toHaveText('进行中');
    await speak(person, 'English', 'My work');
    await shot(person, 'tasks-en');
    await speak(person, '中文', '我的任务');
  });

  await test.step('the tracker’s view: overdue, due this week, silent; one click nudges', async () => {
    await tracker.goto('/tracking');
    const overdue = tracker.getByTestId('tracking-overdue');
    // Other specs' sheets may be followed up by the same administrator: look at this sheet's rows.
    await expect(overdue.locator('[data-row-id="t-late"]')).toBeVisible();
    await expect(overdue.locator('[data-row-id="t-market"]')).toBeVisible();
    await expect(overdue.locator('[data-row-id="t-week"], [data-row-id="t-dept"]')).toHaveCount(0);
    await expect(tracker.getByTestId('tracking-week').locator('[data-row-id="t-week"]')).toBeVisible();
    // §4 no false alarm: these tasks got their people and entered 执行跟踪 moments ago, so none is silent yet.
    await expect(tracker.getByTestId('tracking-silent').locator('[data-row-id="t-late"], [data-row-id="t-dept"], [data-row-id="t-week"], [data-row-id="t-market"]')).toHaveCount(0);
    await expect(overdue.locator('[data-row-id="t-market"]')).toContainText('尚无反馈');
    await expect(overdue.locator('[data-row-id="t-late"]')).toContainText('今天有反馈');
    await expect(tracker.getByText('从未反馈')).toHaveCount(0);
    await overdue.locator('[data-row-id="t-market"]').getByTestId('nudge').click();
    await expect(overdue.locator('[data-row-id="t-market"]').getByTestId('nudged')).toBeVisible();
    await shot(tracker, 'tracking-zh');
    await tracker.setViewportSize({ width: 390, height: 844 });
    await tracker.screenshot({ path: `${screens}/tracking-390.png` });
    await tracker.setViewportSize({ width: 1280, height: 900 });
    await speak(tracker, 'English', 'Tracking');
    await shot(tracker, 'tracking-en');
    await speak(tracker, '中文', '跟踪');
  });

  await test.step('the dashboard: open sheets by stage and urgency, overdue tasks per department', async () => {
    await tracker.getByRole('link', { name: '看板' }).click();
    await expect(tracker.getByTestId('tasks-by-department')).toContainText('测试部');
    await shot(tracker, 'dashboard-zh');
    await tracker.getByRole('link', { name: '市场部', exact: true }).click();
    await expect(tracker).toHaveURL(/department=/);
    await expect(tracker.getByTestId('tasks-by-department')).not.toContainText('测试部');
    await tracker.getByRole('link', { name: '全部部门' }).click();
    await speak(tracker, 'English', 'Dashboard');
    await shot(tracker, 'dashboard-en');
    await speak(tracker, '中文', '看板');
  });

  await test.step('an administrator names the head of 市场部, who then sees 看板 for 市场部 only', async () => {
    await expect(person.getByRole('link', { name: '看板' })).toHaveCount(0);
    await tracker.goto('/admin');
    await tracker.getByRole('combobox', { name: '市场部的负责人' }).selectOption({ label: `${MARKETING.name}（${MARKETING.department}）` });
    await expect(tracker.getByText(`已指定 ${MARKETING.name} 为市场部负责人。`)).toBeVisible();
    await expect(tracker.getByRole('combobox', { name: '市场部的负责人' })).toHaveValue(zhou.id);
    await shot(tracker, 'admin-department-head-zh');
    const head = await signIn(browser, MARKETING, { viewport: { width: 1280, height: 900 } });
    await head.getByRole('link', { name: '看板' }).click();
    await expect(head.getByText('涉及市场部的进行中协调表')).toBeVisible();
    await expect(head.getByTestId('tasks-by-department')).toContainText('市场部');
    await expect(head.getByTestId('tasks-by-department')).not.toContainText('测试部');
    await expect(head.getByRole('link', { name: '全部部门' })).toHaveCount(0);
    await shot(head, 'dashboard-head-zh');
  });

  await test.step('§5 a stage change asks first (what happens, who is told); a burst of changes leaves each person one notice', async () => {
    await tracker.goto(`/sheets/${sheetId}`);
    const bar = tracker.getByTestId('stage-bar');
    await bar.getByRole('button', { name: /计划变更/ }).click();
    await bar.getByLabel('原因（必填）').fill('市场部调整发布会日期');
    // The result stays locked: the plan changes, the agreement does not.
    await bar.getByRole('checkbox', { name: '协商结果' }).uncheck();
    await bar.getByRole('button', { name: '确认退回' }).click();
    await expect(bar).toHaveAttribute('data-stage', 'discussion');
    await bar.getByRole('button', { name: '进入下一阶段：执行跟踪' }).click();
    const confirm = tracker.getByTestId('stage-confirm');
    await expect(confirm).toContainText('进入「执行跟踪」阶段？');
    await expect(confirm).toContainText('协商结果已锁定，任务按责任人和完成时限执行');
    await expect(tracker.getByTestId('stage-confirm-told')).toHaveText(`将通知其他 2 位参与人员：${RESPONSIBLE.name}、${MARKETING.name}`);
    await shot(tracker, 'stage-confirm-zh');
    await tracker.setViewportSize({ width: 390, height: 844 });
    await tracker.screenshot({ path: `${screens}/stage-confirm-390.png` });
    expect(await confirm.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await tracker.setViewportSize({ width: 1280, height: 900 });
    // Leaving the dialog leaves the stage as it is.
    await tracker.keyboard.press('Escape');
    await expect(confirm).toHaveCount(0);
    await expect(bar).toHaveAttribute('data-stage', 'discussion');
    // Before 执行跟踪 the retrospective is folded away (issue 13 §9): another heading says the language changed.
    await speak(tracker, 'English', 'Negotiated result');
    await bar.getByRole('button', { name: 'Move to the next stage: Executing' }).click();
    await expect(confirm).toContainText('Move to Executing?');
    await expect(tracker.getByTestId('stage-confirm-told')).toHaveText(`The 2 other members will be told: ${RESPONSIBLE.name}, ${MARKETING.name}`);
    await shot(tracker, 'stage-confirm-en');
    await tracker.getByTestId('stage-confirm-yes').click();
    await expect(bar).toHaveAttribute('data-stage', 'executing');
    await speak(tracker, '中文', '成效评估');
    // Five stage changes on this sheet within minutes (four through the API, then these two): one unread notice each.
    for (const page of [person]) {
      const { notifications } = (await (await page.request.get('/api/v1/me/notifications?limit=100')).json()) as { notifications: Array<{ kind: string; sheetId: string; payload: { changes?: number; to: string } }> };
      const notices = notifications.filter((n) => n.kind === 'stage' && n.sheetId === sheetId);
      expect(notices).toHaveLength(1);
      expect(notices[0].payload).toMatchObject({ to: 'executing', changes: 5 });
    }
    await person.goto('/tasks');
    await person.getByTestId('notification-bell').click();
    await expect(person.getByText(`${ADMIN.name} 变更了「${TITLE}」的阶段 5 次，现为「执行跟踪」`)).toBeVisible();
    await shot(person, 'stage-burst-bell-zh');
    await person.keyboard.press('Escape');
  });

  await test.step('archiving asks for the retrospective beside the facts, and keeps the facts with the sheet', async () => {
    await tracker.goto(`/sheets/${sheetId}`);
    const dialog = tracker.getByTestId('archive-dialog');
    const openDialog = async () => {
      await tracker.getByTestId('stage-bar').locator('.button--primary').click();
      await expect(dialog.getByTestId('retrospective-facts')).toBeVisible();
      // The dialog scrolls by itself over the sheet: show it from its top.
      await dialog.evaluate((el) => el.parentElement?.scrollTo(0, 0));
    };
    await openDialog();
    await expect(dialog.getByTestId('fact-open')).toHaveText('4');
    // 经验沉淀 is left for later: archiving without it says so, until it is written.
    for (const [part, text] of [
      ['review.outcome', '测试与物料按期完成 3 项中的 2 项。'],
      ['review.problems', '回归用例提交晚了 5 天。'],
    ]) {
      await dialog.locator(`[data-part="${part}"] [contenteditable="true"]`).click();
      await tracker.keyboard.type(text);
    }
    await dialog.evaluate((el) => el.parentElement?.scrollTo(0, 0));
    await tracker.screenshot({ path: `${screens}/archive-dialog-zh.png` });
    await dialog.getByRole('button', { name: '取消' }).click();
    await speak(tracker, 'English', 'Outcome');
    await openDialog();
    await tracker.screenshot({ path: `${screens}/archive-dialog-en.png` });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await speak(tracker, '中文', '成效评估');
    await openDialog();
    // What was written in the dialog is in the sheet's own review sections.
    await expect(tracker.locator('[data-section="review.problems"]')).toContainText('回归用例提交晚了 5 天。');
    // §3: the four tasks not done are listed; archiving waits until each is decided.
    const openWork = dialog.getByTestId('open-work');
    await expect(openWork.locator('[data-item^="task:"]')).toHaveCount(4);
    await expect(dialog.getByTestId('archive-confirm')).toBeDisabled();
    await expect(dialog.getByTestId('archive-undecided')).toHaveText('还有 4 项未确认');
    const item = (id: string) => openWork.locator(`[data-item="task:${id}"]`);
    for (const id of ['t-week', 't-late', 't-market']) await item(id).getByLabel('照此归档（仍未完成）').check();
    await item('t-dept').getByLabel('放弃').check();
    await expect(item('t-dept').getByText('放弃或搁置需要写明原因')).toBeVisible();
    await expect(dialog.getByTestId('archive-confirm')).toBeDisabled();
    await item('t-dept').getByLabel('原因').fill('测试环境改由云平台提供');
    await expect(dialog.getByTestId('archive-confirm')).toBeEnabled();
    await openWork.scrollIntoViewIfNeeded();
    await tracker.screenshot({ path: `${screens}/archive-open-work-zh.png` });
    await tracker.setViewportSize({ width: 390, height: 844 });
    await openWork.scrollIntoViewIfNeeded();
    await tracker.screenshot({ path: `${screens}/archive-open-work-390.png` });
    expect(await dialog.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await tracker.setViewportSize({ width: 1280, height: 900 });
    // The 执行跟踪 panel offers 催办 until the sheet is archived; then it goes, without a reload.
    await expect(tracker.getByTestId('tracking-panel').getByTestId('nudge').first()).toBeAttached();
    await dialog.getByTestId('archive-confirm').click();
    await expect(dialog.getByTestId('archive-problems')).toHaveText('归档总结「经验沉淀」还没有填写。');
    // The message goes as soon as the part has words, not at the next attempt.
    await dialog.locator('[data-part="review.lessons"] [contenteditable="true"]').click();
    await tracker.keyboard.type('用例要在计划锁定当天分配到人。');
    await expect(dialog.getByTestId('archive-problems')).toHaveCount(0);
    await expect(tracker.locator('[data-section="review.lessons"]')).toContainText('用例要在计划锁定当天分配到人。');
    await dialog.getByTestId('archive-confirm').click();
    await expect(dialog).toHaveCount(0);
    await expect(tracker.getByTestId('stage-bar')).toHaveAttribute('data-stage', 'archived');
    await expect(tracker.getByTestId('tracking-panel')).toHaveCount(0);
    await expect(tracker.getByTestId('nudge')).toHaveCount(0);
    await tracker.reload();
    await expect(tracker.getByTestId('retrospective-facts')).toContainText('归档时的事实');
    await expect(tracker.getByTestId('fact-plan-changes')).toHaveText('1 次');
    await expect(tracker.getByTestId('fact-dropped')).toHaveText('1');
    await expect(tracker.getByTestId('fact-open-work')).toContainText('测试环境改由云平台提供');
    await expect(tracker.getByTestId('nudge')).toHaveCount(0);
    await expect(tracker.getByTestId('tracking-panel')).toHaveCount(0);
    await tracker.getByTestId('retrospective-facts').scrollIntoViewIfNeeded();
    await tracker.screenshot({ path: `${screens}/archived-facts-zh.png` });
    await speak(tracker, 'English', 'Outcome');
    await expect(tracker.getByTestId('fact-open-work')).toContainText('Dropped');
    await tracker.getByTestId('retrospective-facts').scrollIntoViewIfNeeded();
    await tracker.screenshot({ path: `${screens}/archived-facts-en.png` });
    await tracker.setViewportSize({ width: 390, height: 844 });
    await tracker.getByTestId('retrospective-facts').scrollIntoViewIfNeeded();
    await tracker.screenshot({ path: `${screens}/archived-facts-390.png` });
    await tracker.setViewportSize({ width: 1280, height: 900 });
    await speak(tracker, '中文', '成效评估');
    // 我的任务 offers no feedback form for the archived sheet's tasks.
    await person.goto('/tasks');
    await expect(person.getByRole('heading', { name: '我的任务', exact: true })).toBeVisible();
    await expect(person.locator('[data-testid="my-task"][data-row-id="t-late"]')).toHaveCount(0);
  });
});
