import { expect, test, type Page } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';

// Runs after coordination.spec.ts, which sets up these two people.
const admin = ADMIN;
const second = SECOND;
const screens = 'test-results/screens';


const editor = (page: Page, section: string) => page.getByTestId(`${section}-editor`).locator('[contenteditable="true"]');

/** Text of an element without the carets of other people drawn inside it. */
const textOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return copy.textContent ?? '';
  });

test('every section is filled, edited by two people at once, offline and in both languages', async ({ browser }) => {
  const pageA = await signIn(browser, admin);
  const pageB = await signIn(browser, second);
  let sheetUrl = '';

  await test.step('the facilitator creates a sheet and adds a colleague as editor', async () => {
    await pageA.getByLabel('协调事项名称').fill('新品发布跨部门协调');
    await pageA.getByRole('button', { name: '创建', exact: true }).click();
    await expect(pageA).toHaveURL(/\/sheets\/[A-Za-z0-9_-]+$/);
    sheetUrl = new URL(pageA.url()).pathname;
    await pageA.getByLabel('成员邮箱').fill(second.email);
    await pageA.getByLabel('角色').selectOption('editor');
    await pageA.getByRole('button', { name: '添加', exact: true }).click();
    await expect(pageA.getByTestId('members')).toContainText(second.name);
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  });

  await test.step('basic information: title, people from the directory, date, selects', async () => {
    const title = pageA.getByRole('textbox', { name: '协调事项名称' });
    await title.fill('新品发布跨部门协调（第一次会议）');
    await expect(pageA.getByTestId('sheet-title')).toHaveText('新品发布跨部门协调（第一次会议）');
    await pageA.getByRole('combobox', { name: '跟踪人 · 人员' }).fill('李');
    await pageA.getByRole('option', { name: /李工/ }).click();
    await expect(pageA.getByRole('textbox', { name: '跟踪人 · 部门' })).toHaveValue('研发部');
    await pageA.locator('input[type="date"]').first().fill('2030-11-01');
    await pageA.getByRole('combobox', { name: '紧急程度' }).selectOption('urgent');
    await pageA.getByRole('combobox', { name: '保密等级' }).selectOption('secret');
  });

  await test.step('receivers: add, fill, reorder', async () => {
    for (const [i, dept] of [[1, '市场部'], [2, '生产部']] as const) {
      await pageA.getByRole('button', { name: '添加接收部门' }).click();
      await pageA.getByRole('textbox', { name: `第 ${i} 个接收部门 · 部门` }).fill(dept);
    }
    await pageA.getByRole('button', { name: '下移 第 1 个接收部门' }).click();
    await expect(pageA.getByRole('textbox', { name: '第 1 个接收部门 · 部门' })).toHaveValue('生产部');
  });

  await test.step('rich text: background, and a table in the record with Tab between cells', async () => {
    await editor(pageA, 'background').click();
    await pageA.keyboard.type('上线日期临近，测试资源不足。');
    await editor(pageA, 'record').click();
    await pageA.getByRole('region', { name: '沟通记录' }).getByRole('button', { name: '插入表格' }).click();
    await pageA.keyboard.type('部门');
    await pageA.keyboard.press('Tab');
    await pageA.keyboard.type('诉求');
    await expect(pageA.getByTestId('record-editor').locator('th').nth(1)).toHaveText('诉求');
    await expect(pageA.getByRole('region', { name: '沟通记录' }).getByRole('button', { name: '加行' })).toBeVisible();
  });

  await test.step('tasks: a row with a person from the directory, overdue stands out; feedback on it', async () => {
    await pageA.getByRole('button', { name: '添加任务' }).click();
    await pageA.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true }).fill('提供测试环境');
    await pageA.getByRole('combobox', { name: '第 1 项任务 · 负责人' }).fill('李工');
    await pageA.getByRole('option', { name: /李工/ }).click();
    await pageA.getByRole('textbox', { name: '第 1 项任务 · 交付物' }).fill('测试环境清单');
    // A long task wraps in a box that grows to show every word, nothing cut off (issue 18 §5).
    const long = '在预发布环境部署两台测试服务器并完成压测脚本的准备与回归用例的初步梳理';
    await pageA.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true }).fill(long);
    const box = pageA.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true });
    await expect(box).toHaveValue(long);
    expect(await box.evaluate((el) => el.scrollHeight <= el.clientHeight + 1 && el.clientHeight > 40)).toBe(true);
    await pageA.getByTestId('tasks').screenshot({ path: `${screens}/tasks-wrap-zh.png` });
    await box.press('Enter');
    await expect(box).toHaveValue(long);
    await box.fill('提供测试环境');
    await pageA.getByLabel('第 1 项任务 · 完成时限').fill('2020-01-15');
    await expect(pageA.getByTestId('tasks').locator('tr.is-overdue')).toHaveCount(1);
    await expect(pageA.getByTestId('tasks')).toContainText('已逾期');
    await pageA.getByLabel('反馈内容').fill('研发部已准备两台服务器');
    await pageA.getByRole('button', { name: '发布反馈' }).click();
    await expect(pageA.getByTestId('feedback')).toContainText('研发部已准备两台服务器');
  });

  await test.step('the second person sees it all, and presence shows both with their section', async () => {
    await pageB.goto(sheetUrl);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(pageB.getByTestId('sheet-title')).toHaveText('新品发布跨部门协调（第一次会议）');
    await expect(pageB.getByRole('textbox', { name: '第 1 个接收部门 · 部门' })).toHaveValue('生产部');
    await expect(pageB.getByTestId('feedback')).toContainText(admin.name);
    await editor(pageB, 'goal').click();
    for (const page of [pageA, pageB]) {
      await expect(page.getByTestId('presence')).toContainText(admin.name);
      await expect(page.getByTestId('presence')).toContainText(second.name);
    }
    await expect(pageA.getByTestId('presence').locator(`[data-person]`, { hasText: second.name })).toContainText('核心目标');
  });

  await test.step('two people type in the same paragraph, the same table and the same task row, and converge', async () => {
    // One paragraph both are in: the first person starts it, the second joins at its end.
    await editor(pageA, 'goal').click();
    await pageA.keyboard.type('目标：');
    const goalP = (page: Page) => page.getByTestId('goal-editor').locator('p').first();
    await expect(goalP(pageB)).toContainText('目标：');
    await goalP(pageB).click();
    await pageB.keyboard.press('End');
    await Promise.all([pageA.keyboard.type('甲：两周内定方案', { delay: 15 }), pageB.keyboard.type('乙：先保主流程', { delay: 15 })]);
    const goal = '[data-testid="goal-editor"] p';
    for (const page of [pageA, pageB]) {
      await expect.poll(() => textOf(page, goal)).toContain('甲：两周内定方案');
      await expect.poll(() => textOf(page, goal)).toContain('乙：先保主流程');
    }
    expect(await textOf(pageA, goal)).toBe(await textOf(pageB, goal));

    const cells = (page: Page) => page.getByTestId('record-editor').locator('td');
    await cells(pageA).nth(0).click();
    await cells(pageB).nth(1).click();
    await Promise.all([pageA.keyboard.type('客服部', { delay: 15 }), pageB.keyboard.type('两周窗口', { delay: 15 })]);
    for (const page of [pageA, pageB]) {
      await expect.poll(() => textOf(page, '[data-testid="record-editor"] table')).toContain('客服部');
      await expect.poll(() => textOf(page, '[data-testid="record-editor"] table')).toContain('两周窗口');
    }

    await Promise.all([
      pageA.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true }).fill('提供测试环境与数据'),
      pageB.getByRole('textbox', { name: '第 1 项任务 · 责任部门', exact: true }).fill('研发部测试组'),
    ]);
    for (const page of [pageA, pageB]) {
      await expect(page.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true })).toHaveValue('提供测试环境与数据');
      await expect(page.getByRole('textbox', { name: '第 1 项任务 · 责任部门', exact: true })).toHaveValue('研发部测试组');
    }
  });

  await test.step('a task moved by one person while the other edits it keeps the edit, in one row', async () => {
    const task = (page: Page, n: number, field: string) => page.getByRole('textbox', { name: `第 ${n} 项任务 · ${field}`, exact: true });
    await pageA.getByRole('button', { name: '添加任务' }).click();
    await task(pageA, 2, '任务').fill('准备脱敏数据');
    await expect(task(pageB, 2, '任务')).toHaveValue('准备脱敏数据');
    await pageB.context().setOffline(true);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', /offline|reconnecting/);
    await task(pageB, 1, '交付物').fill('测试环境清单（含账号）');
    await task(pageB, 1, '交付物').blur();
    await pageA.getByRole('button', { name: '下移 第 1 项任务' }).click();
    await expect(task(pageA, 2, '任务')).toHaveValue('提供测试环境与数据');
    await pageB.context().setOffline(false);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
    for (const page of [pageA, pageB]) {
      await expect(task(page, 1, '任务')).toHaveValue('准备脱敏数据');
      await expect(task(page, 2, '任务')).toHaveValue('提供测试环境与数据');
      await expect(task(page, 2, '交付物')).toHaveValue('测试环境清单（含账号）');
      await expect(page.getByTestId('tasks').locator('tbody tr')).toHaveCount(2);
    }
    // And back: the later steps read the first task.
    await pageB.getByRole('button', { name: '下移 第 1 项任务' }).click();
    for (const page of [pageA, pageB]) await expect(task(page, 1, '任务')).toHaveValue('提供测试环境与数据');
  });

  await test.step('edits made offline are kept and merge on reconnect', async () => {
    await pageB.context().setOffline(true);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', /offline|reconnecting/);
    await editor(pageB, 'notes').click();
    await pageB.keyboard.type('风险：测试数据需脱敏。');
    await expect(pageB.getByTestId('connection')).not.toHaveAttribute('data-unsynced', '0');
    await pageB.screenshot({ path: `${screens}/sheet-offline-zh.png` });
    await pageB.context().setOffline(false);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-unsynced', '0');
    await expect.poll(() => textOf(pageA, '[data-testid="notes-editor"]')).toContain('风险：测试数据需脱敏。');
  });

  await test.step('the page has every section before the socket connects', async () => {
    const page = await pageA.context().newPage();
    await page.routeWebSocket(/\/sync\//, () => {});
    await page.goto(sheetUrl);
    await expect(page.getByTestId('background-static')).toContainText('上线日期临近');
    await expect(page.getByTestId('tasks')).toContainText('1');
    await expect(page.getByRole('textbox', { name: '第 1 项任务 · 任务', exact: true })).toHaveValue('提供测试环境与数据');
    await expect(page.getByTestId('unreachable')).toBeVisible({ timeout: 15_000 });
    await page.screenshot({ path: `${screens}/sheet-unreachable-zh.png`, fullPage: true });
    await page.close();
  });

  await test.step('screenshots in both languages and the projector', async () => {
    await pageA.screenshot({ path: `${screens}/editor-zh.png`, fullPage: true });
    await pageA.getByRole('button', { name: 'English' }).click();
    await expect(pageA.getByRole('heading', { name: 'Background' })).toBeVisible();
    await expect(pageA.getByRole('heading', { name: 'Responsibilities and deadlines' })).toBeVisible();
    await expect(pageA.getByRole('heading', { name: '事项背景' })).toHaveCount(0);
    await pageA.screenshot({ path: `${screens}/editor-en.png`, fullPage: true });
    await pageA.getByRole('button', { name: '中文' }).click();
    await expect(pageA.getByRole('heading', { name: '事项背景' })).toBeVisible();
    await pageA.getByTestId('projector-toggle').click();
    await expect(pageA).toHaveURL(/\/projector$/);
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(pageA.locator('.sheet-section.is-focus')).toHaveAttribute('data-section', 'notes');
    await pageA.screenshot({ path: `${screens}/projector-zh.png` });
    await pageA.setViewportSize({ width: 820, height: 1180 });
    await pageB.setViewportSize({ width: 820, height: 1180 });
    await pageB.screenshot({ path: `${screens}/editor-tablet-zh.png` });
  });
});
