import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { signIn } from './accounts';
import { testServer } from './server';

// Every name carries this run's mark, so the spec neither meets nor depends on the other specs' people and sheets.
const mark = Date.now().toString(36).slice(-5);
const facilitator = { name: `周主管${mark}`, email: `zhou-${mark}@notify.example.com`, password: 'notify-zhou-pass-1', department: `客户服务部${mark}` };
const member = { name: `吴工${mark}`, email: `wu-${mark}@notify.example.com`, password: 'notify-wu-pass-1', department: `研发部${mark}` };
const title = `上线前测试资源协调${mark}`;
const screens = 'test-results/screens';

/** The facilitator: an administrator made with the operators' CLI against the server's data directory. */
function addFacilitatorWithCli(): void {
  const tsx = path.join('node_modules', '.bin', 'tsx');
  const args = ['server/cli.ts', 'user', 'add', '--email', facilitator.email, '--name', facilitator.name, '--password', facilitator.password, '--admin', '--department', facilitator.department];
  execFileSync(tsx, args, { env: { ...process.env, DATA_DIR: testServer().dataDir }, stdio: 'pipe' });
}

/** Writes into the sheet as the facilitator's editor would, over the sync socket, and waits until the server has it. */
async function writeAsFacilitator(page: Page, sheetId: string, write: (doc: Y.Doc) => void): Promise<void> {
  const grant = (await (await page.request.post(`/api/v1/sheets/${sheetId}/sync-token`)).json()) as { token: string; url: string; room: string };
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(grant.url.replace('localhost', '127.0.0.1'), grant.room, doc, {
    params: { token: grant.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  doc.transact(() => write(doc));
  // Once the API reads the goal back, the server has stored the update.
  await expect.poll(async () => ((await (await page.request.get(`/api/v1/sheets/${sheetId}`)).json()) as { goal: { text: string } }).goal.text).not.toBe('');
  provider.destroy();
}

function paragraph(text: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText(text)]);
  return p;
}

const bell = (page: Page) => page.getByTestId('notification-bell');

test('a person is told in the app when added to a sheet, at a stage change and when given a task; the bell leads to the sheet and the row', async ({ browser }) => {
  addFacilitatorWithCli();
  const zhou = await signIn(browser, facilitator);
  expect((await zhou.request.post('/api/v1/users', { data: { ...member } })).status()).toBe(201);
  const { id: sheetId } = (await (await zhou.request.post('/api/v1/sheets', { data: { title, urgency: 'urgent', dueDate: '2026-12-31' } })).json()) as { id: string };
  const wu = await signIn(browser, member);
  const wuId = ((await (await wu.request.get('/api/v1/me')).json()) as { id: string }).id;
  await expect(bell(wu)).toHaveAccessibleName('通知');
  await expect(wu.getByTestId('notification-count')).toHaveCount(0);

  await test.step('added to the sheet: the bell counts it without a reload', async () => {
    expect((await zhou.request.post(`/api/v1/sheets/${sheetId}/members`, { data: { email: member.email, role: 'editor' } })).status()).toBe(201);
    await expect(wu.getByTestId('notification-count')).toHaveText('1', { timeout: 30_000 });
    await expect(bell(wu)).toHaveAccessibleName('通知，1 条未读');
  });

  await test.step('a stage change and a task given to them arrive too', async () => {
    await writeAsFacilitator(zhou, sheetId, (doc) => {
      doc.getArray('recipients').push([new Y.Map<unknown>([['id', 'r1'], ['department', member.department], ['contact', member.name]])]);
      doc.getXmlFragment('background').insert(0, [paragraph('新版本上线前需要测试资源')]);
      doc.getXmlFragment('goal').insert(0, [paragraph('方案 1 周内完成')]);
      doc.getArray('tasks').push([
        new Y.Map<unknown>(Object.entries({ id: 'task-env', task: '准备测试环境', department: member.department, person: member.name, personId: wuId, deliverable: '测试环境地址', deadline: '2026-12-20', status: 'pending' })),
      ]);
    });
    expect((await zhou.request.post(`/api/v1/sheets/${sheetId}/stage`, { data: { stage: 'initiated' } })).status()).toBe(200);
    // §10 the assignment waits for its row to settle (10 s), then the bell's next poll (every 20 s) counts it.
    await expect(wu.getByTestId('notification-count')).toHaveText('3', { timeout: 60_000 });
  });

  await test.step('the panel lists them in the template’s words, newest first', async () => {
    await bell(wu).click();
    const list = wu.getByTestId('notification-list');
    await expect(list.getByRole('listitem')).toHaveCount(3);
    // §10 the assignment is told once its row has settled, so after the stage change.
    await expect(list.getByRole('listitem').nth(0)).toContainText(`${facilitator.name} 将任务「准备测试环境」分配给你（${title}），完成时限：2026年12月20日`);
    await expect(list.getByRole('listitem').nth(1)).toContainText(`${facilitator.name} 将「${title}」推进到「发起协调」阶段`);
    await expect(list.getByRole('listitem').nth(2)).toContainText(`${facilitator.name} 邀请你参与协调表「${title}」，角色：编辑`);
    await wu.screenshot({ path: `${screens}/notifications-panel-zh-CN.png` });
  });

  await test.step('choosing the task notification opens the sheet at the row and marks it read', async () => {
    await wu.getByTestId('notification-list').getByRole('button', { name: /准备测试环境/ }).click();
    await expect(wu).toHaveURL(new RegExp(`/sheets/${sheetId}#tasks/task-env$`));
    await expect(wu.locator('[data-row-id="task-env"]')).toBeInViewport();
    await expect(wu.getByTestId('notification-count')).toHaveText('2');
  });

  await test.step('mark all read empties the count; in English the panel speaks English', async () => {
    await wu.getByRole('banner').getByRole('button', { name: 'English' }).click();
    await expect(wu.locator('html')).toHaveAttribute('lang', 'en');
    await bell(wu).click();
    const list = wu.getByTestId('notification-list');
    await expect(list.getByRole('listitem').nth(1)).toContainText(`${facilitator.name} moved “${title}” to Initiated`);
    await wu.screenshot({ path: `${screens}/notifications-panel-en.png` });
    await wu.getByRole('button', { name: 'Mark all as read' }).click();
    await expect(wu.getByTestId('notification-count')).toHaveCount(0);
    await expect(bell(wu)).toHaveAccessibleName('Notifications');
  });

  await test.step('choosing the stage notification lands on the sheet', async () => {
    await wu.goto('/sheets');
    await bell(wu).click();
    await wu.getByTestId('notification-list').getByRole('button', { name: /moved/ }).click();
    await expect(wu).toHaveURL(new RegExp(`/sheets/${sheetId}$`));
    await expect(wu.getByRole('heading', { level: 1 })).toContainText(title);
  });

  await test.step('notification settings: per kind, in the app and by email', async () => {
    await wu.goto('/settings#notifications');
    const prefs = wu.getByTestId('notification-preferences');
    await prefs.getByLabel('Stage changes · In the app').uncheck();
    await wu.getByRole('button', { name: 'Save notification settings' }).click();
    await expect(wu.getByRole('status').filter({ hasText: 'Notification settings saved.' })).toBeVisible();
    await wu.locator('#notifications').screenshot({ path: `${screens}/notification-settings-en.png` });
    await wu.getByRole('banner').getByRole('button', { name: '中文' }).click();
    await expect(wu.getByTestId('notification-preferences').getByLabel('阶段变更 · 应用内')).not.toBeChecked();
    await wu.locator('#notifications').screenshot({ path: `${screens}/notification-settings-zh-CN.png` });
  });
});
