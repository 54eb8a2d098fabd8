import { expect, test, type Page } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';

// Runs after coordination.spec.ts, which sets up these two people.
const admin = ADMIN;
const second = SECOND;
const screens = 'test-results/screens';


const editor = (page: Page, section: string) => page.getByTestId(`${section}-editor`).locator('.ProseMirror');

/** A rich-text section's text without the carets of other people drawn inside it. */
const sectionText = (page: Page, section: string) =>
  editor(page, section).evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return Array.from(copy.children, (block) => block.textContent ?? '').join('\n');
  });

const section = (page: Page, name: string) => page.locator(`[data-section="${name}"]`);

test('locks win the race, stages explain refusals, history shows versions and differences', async ({ browser }) => {
  const pageA = await signIn(browser, admin);
  let sheetUrl = '';
  let api = '';

  await test.step('the facilitator creates a sheet and adds a colleague as editor', async () => {
    await pageA.getByLabel('协调事项名称').fill('测试资源协调：锁定与历史');
    await pageA.getByRole('button', { name: '创建', exact: true }).click();
    await expect(pageA).toHaveURL(/\/sheets\/[A-Za-z0-9_-]+$/);
    sheetUrl = new URL(pageA.url()).pathname;
    api = sheetUrl.replace('/sheets/', '/api/v1/sheets/');
    expect((await pageA.request.post(`${api}/members`, { data: { email: second.email, role: 'editor' } })).ok()).toBe(true);
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  });

  await test.step('the stage bar refuses to leave Draft and says what is missing, in both languages', async () => {
    await pageA.getByRole('button', { name: '进入下一阶段：发起协调' }).click();
    // §5 the change asks first: what happens there, who is told.
    await expect(pageA.getByTestId('stage-confirm')).toContainText('进入「发起协调」阶段？');
    await expect(pageA.getByTestId('stage-confirm-told')).toContainText('李工');
    await pageA.getByTestId('stage-confirm-yes').click();
    const refusal = pageA.getByTestId('stage-refusal');
    await expect(refusal).toContainText('暂时不能进入「发起协调」');
    await expect(refusal).toContainText('必填项「事项背景」还没有填写');
    await expect(refusal).toContainText('必填项「接收部门/人」还没有填写');
    await expect(pageA.getByTestId('stage-bar')).toHaveAttribute('data-stage', 'draft');
    await refusal.locator('li', { hasText: '事项背景' }).getByRole('button', { name: /前往/ }).click();
    await expect(editor(pageA, 'background')).toBeFocused();
    await pageA.locator('.sheet-head').screenshot({ path: `${screens}/stage-refused-zh.png` });
    await pageA.getByRole('button', { name: 'English' }).click();
    await expect(refusal).toContainText('The required field “Background” is empty');
    await pageA.locator('.sheet-head').screenshot({ path: `${screens}/stage-refused-en.png` });
    await pageA.getByRole('button', { name: '中文' }).click();
    await expect(pageA.getByRole('heading', { name: '事项背景' })).toBeVisible();
  });

  const pageB = await signIn(browser, second);
  // The typist's socket, slowed at will: what the page sends while `hold` is on waits, then goes in order.
  let hold = false;
  const held: Array<() => void> = [];
  await pageB.routeWebSocket(/\/sync\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => (hold ? held.push(() => server.send(message)) : server.send(message)));
  });

  await test.step('one person types in the result while the facilitator locks it: both end with the locked text', async () => {
    await pageB.goto(sheetUrl);
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await editor(pageB, 'result').click();
    await pageB.keyboard.type('共识：研发部提供两台测试服务器。');
    await expect.poll(() => sectionText(pageA, 'result')).toBe('共识：研发部提供两台测试服务器。');

    // Typing goes on in a loop while the lock request is sent; the typist's late keystrokes reach the server after the lock.
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing && i < 200; i++) await pageB.keyboard.type(`补${i % 10}`, { delay: 20 });
    })();
    await expect.poll(() => sectionText(pageB, 'result')).toContain('补3');
    hold = true;
    await section(pageA, 'result').getByRole('button', { name: '锁定「协商结果」' }).click();
    await section(pageA, 'result').getByLabel('原因（可选）').fill('会上已达成一致');
    await section(pageA, 'result').getByRole('button', { name: '确认锁定' }).click();
    // The facilitator is told that someone is still typing there, and locks anyway.
    const asked = section(pageA, 'result').getByTestId('lock-hold');
    await expect(asked).toContainText('李工 正在输入…');
    await section(pageA, 'result').screenshot({ path: `${screens}/lock-hold-zh.png` });
    await asked.getByRole('button', { name: '仍然锁定' }).click();
    await expect(section(pageB, 'result').getByTestId('lock-note')).toContainText('已由张经理');
    typing = false;
    await typist;
    hold = false;
    for (const send of held.splice(0)) send();

    await expect(pageB.getByTestId('refusal')).toHaveAttribute('data-reason', 'locked');
    await expect(pageB.getByTestId('refused-text')).toHaveValue(/补/);
    const server = async () => ((await (await pageA.request.get(api)).json()) as { result: { text: string } }).result.text;
    await expect.poll(async () => [await sectionText(pageA, 'result'), await sectionText(pageB, 'result')]).toEqual([await server(), await server()]);
    expect(await server()).toContain('共识：研发部提供两台测试服务器。');
    for (const page of [pageA, pageB]) {
      const note = section(page, 'result').getByTestId('lock-note');
      await expect(note).toContainText('已由张经理');
      await expect(note).toContainText('原因：会上已达成一致');
      await expect(editor(page, 'result')).toHaveAttribute('contenteditable', 'false');
    }
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-unsynced', '0');
    await pageB.screenshot({ path: `${screens}/lock-refused-zh.png` });
    await section(pageA, 'result').screenshot({ path: `${screens}/section-locked-zh.png` });
    await pageB.getByRole('button', { name: '知道了' }).click();
  });

  await test.step('a warn-only lock asks before a change', async () => {
    await section(pageA, 'goal').getByRole('button', { name: '锁定「核心目标」' }).click();
    await section(pageA, 'goal').getByText('仅提醒').click();
    await section(pageA, 'goal').getByRole('button', { name: '确认锁定' }).click();
    await expect(section(pageB, 'goal').getByTestId('lock-note')).toHaveAttribute('data-mode', 'warn');
    await editor(pageB, 'goal').click();
    await expect(pageB.getByTestId('warn-ask')).toContainText('此部分已达成一致，仍要修改吗？');
    await pageB.getByTestId('warn-ask').getByRole('button', { name: '仍要修改' }).click();
    await expect(editor(pageB, 'goal')).toHaveAttribute('contenteditable', 'true');
    await editor(pageB, 'goal').click();
    await pageB.keyboard.type('两周内完成测试。');
    await expect.poll(() => sectionText(pageA, 'goal')).toBe('两周内完成测试。');
  });

  await test.step('the history lists versions and events, opens a version and compares it with now', async () => {
    await pageA.getByTestId('history-open').click();
    const history = pageA.getByTestId('history');
    await expect(history.getByTestId('versions')).toContainText('锁定「协商结果」');
    await expect(history.getByTestId('events')).toContainText('张经理 锁定了「协商结果」');
    await expect(history.getByTestId('events')).toContainText('原因：会上已达成一致');
    await expect(history.getByTestId('events')).toContainText('李工 确认修改已达成一致的「核心目标」');
    await history.getByLabel('版本名称').fill('第一次会议后');
    await history.getByRole('button', { name: '保存版本' }).click();
    await expect(history.getByTestId('versions').locator('li').first()).toContainText('第一次会议后');
    await history.getByRole('button', { name: '关闭' }).click();

    await editor(pageA, 'background').click();
    await pageA.keyboard.type('上线日期临近。');
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-unsynced', '0');

    await pageA.getByTestId('history-open').click();
    await history.getByTestId('versions').locator('li', { hasText: '第一次会议后' }).getByRole('button', { name: '查看' }).click();
    await expect(history.getByTestId('version-view')).toContainText('共识：研发部提供两台测试服务器。');
    await expect(history.getByTestId('version-view')).not.toContainText('上线日期临近。');
    await history.getByRole('button', { name: '返回历史记录' }).click();
    await pageA.screenshot({ path: `${screens}/history-zh.png` });
    await history.getByTestId('versions').locator('li', { hasText: '第一次会议后' }).getByRole('button', { name: '比较' }).click();
    const diff = history.getByTestId('diff');
    await expect(diff.locator('[data-section-diff="background"] ins')).toHaveText('上线日期临近。');
    await pageA.screenshot({ path: `${screens}/diff-zh.png` });
    await pageA.keyboard.press('Escape');
    await pageA.getByRole('button', { name: 'English' }).click();
    await expect(pageA.getByRole('heading', { name: 'Background' })).toBeVisible();
    await pageA.getByTestId('history-open').click();
    await expect(history.getByTestId('events')).toContainText('张经理 locked “Negotiated result”');
    await pageA.screenshot({ path: `${screens}/history-en.png` });
    await history.getByTestId('versions').locator('li', { hasText: '第一次会议后' }).getByRole('button', { name: 'Compare' }).click();
    await expect(history.getByTestId('diff').locator('ins').first()).toBeVisible();
    await pageA.screenshot({ path: `${screens}/diff-en.png` });
    await pageA.keyboard.press('Escape');
    await section(pageA, 'result').screenshot({ path: `${screens}/section-locked-en.png` });
    await pageA.locator('.sheet-head').screenshot({ path: `${screens}/stage-bar-en.png` });
    await pageA.getByRole('button', { name: '中文' }).click();
    await expect(pageA.getByRole('heading', { name: '事项背景' })).toBeVisible();
  });
});
