import { expect, test } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';

// Issue 18 §2 (GUARD.md V11): a viewer given a task reports on it, in the sheet and in 我的任务,
// and sets its status; they cannot post on anyone else's task.

test('a viewer responsible for a task posts progress on it in the sheet and from 我的任务', async ({ browser }) => {
  const facilitator = await signIn(browser, ADMIN);
  const { id } = (await (await facilitator.request.post('/api/v1/sheets', { data: { title: '查看者的任务反馈' } })).json()) as { id: string };
  expect((await facilitator.request.post(`/api/v1/sheets/${id}/members`, { data: { email: SECOND.email, role: 'viewer' } })).ok()).toBe(true);
  await facilitator.goto(`/sheets/${id}`);
  await expect(facilitator.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  for (const [n, task, person] of [
    [1, '用户画像', SECOND.name],
    [2, '数据分析', ADMIN.name],
  ] as const) {
    await facilitator.getByRole('button', { name: '添加任务' }).click();
    await facilitator.getByRole('textbox', { name: `第 ${n} 项任务 · 任务`, exact: true }).fill(task);
    await facilitator.getByRole('combobox', { name: `第 ${n} 项任务 · 负责人` }).fill(person);
    await facilitator.getByRole('option', { name: new RegExp(person) }).click();
  }
  await expect(facilitator.getByTestId('connection')).toHaveAttribute('data-unsynced', '0');

  const viewer = await signIn(browser, SECOND);
  await test.step('in the sheet: only their own task to choose, and the note lands live', async () => {
    await viewer.goto(`/sheets/${id}`);
    await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    const log = viewer.getByTestId('feedback');
    await expect(log.getByLabel('所属任务').locator('option')).toHaveText(['用户画像']);
    await log.getByLabel('反馈内容').fill('画像数据已拿到');
    await log.getByRole('button', { name: '发布反馈' }).click();
    await expect(facilitator.getByTestId('feedback')).toContainText('画像数据已拿到');
    await expect(viewer.getByTestId('refusal')).toHaveCount(0);
  });

  await test.step('in 我的任务: progress with a status change, no English, no refusal', async () => {
    await viewer.goto('/tasks');
    const mine = viewer.getByTestId('my-task').filter({ hasText: '用户画像' });
    await mine.getByRole('button', { name: '反馈进展' }).click();
    await mine.getByLabel('进展说明').fill('画像初稿完成');
    await mine.getByLabel('同时更新状态').selectOption('in_progress');
    await mine.getByRole('button', { name: '发布反馈' }).click();
    await expect(mine.getByTestId('feedback-posted')).toBeVisible();
    await expect(facilitator.getByTestId('feedback')).toContainText('画像初稿完成');
  });

  await test.step('a note on someone else’s task is refused over HTTP', async () => {
    const sheet = (await (await viewer.request.get(`/api/v1/sheets/${id}`)).json()) as { tasks: Array<{ id: string; task: string }> };
    const other = sheet.tasks.find((task) => task.task === '数据分析')!;
    const res = await viewer.request.post(`/api/v1/sheets/${id}/feedback`, { data: { rowId: other.id, text: '越权反馈' } });
    expect(res.status()).toBe(403);
  });
});
