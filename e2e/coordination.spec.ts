import { expect, test, type Page } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';

const admin = ADMIN;
const second = SECOND;
const screens = 'test-results/screens';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screens}/${name}.png`, fullPage: true });
}


/** The live editor's first paragraph: where both people type. */
const firstParagraph = (page: Page) => page.getByTestId('record-editor').locator('p').first();

/** Its text without the other people's caret labels, which are drawn inside it. */
const paragraphText = (page: Page) =>
  firstParagraph(page).evaluate((p) => {
    const copy = p.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((caret) => caret.remove());
    return copy.textContent ?? '';
  });

test('two people coordinate live on one sheet', async ({ browser }) => {
  const pageA = await (await browser.newContext()).newPage();

  await test.step('the first visitor is asked to set up the first administrator', async () => {
    await pageA.goto('/');
    await expect(pageA).toHaveURL(/\/setup$/);
    await shot(pageA, 'setup-zh');
    await pageA.getByRole('button', { name: 'English' }).click();
    await expect(pageA.getByRole('heading', { name: 'Create the first administrator' })).toBeVisible();
    await shot(pageA, 'setup-en');
    await pageA.getByRole('button', { name: '中文' }).click();
    await expect(pageA.getByRole('heading', { name: '创建第一位管理员' })).toBeVisible();
    await pageA.getByLabel('姓名').fill(admin.name);
    await pageA.getByLabel('邮箱').fill(admin.email);
    await pageA.getByLabel('所属部门').fill(admin.department);
    await pageA.getByLabel('密码').fill(admin.password);
    await pageA.getByRole('button', { name: '创建并登录' }).click();
    await expect(pageA).toHaveURL(/\/sheets$/);
    await expect(pageA.getByTestId('current-user')).toContainText(admin.name);
  });

  await test.step('the administrator adds a second person through the API', async () => {
    const res = await pageA.request.post('/api/v1/users', { data: second });
    expect(res.status()).toBe(201);
  });

  await test.step('a wrong password is refused in words', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto('/signin');
    await shot(page, 'signin-zh');
    await page.getByLabel('邮箱').fill(second.email);
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect(page.locator('.form-error')).toHaveText('邮箱或密码不正确，请重新输入。');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.locator('.form-error')).toHaveText('The email or password is not correct. Please try again.');
    await shot(page, 'signin-en');
    await page.context().close();
  });

  const pageB = await signIn(browser, second);
  let sheetUrl = '';

  await test.step('the administrator creates a sheet and adds the second person as editor', async () => {
    await shot(pageA, 'sheets-empty-zh');
    await pageA.getByLabel('协调事项名称').fill('产品上线前测试资源协调');
    await pageA.getByLabel('紧急程度').selectOption('urgent');
    await pageA.getByLabel('期望完成时间').fill('2030-10-20');
    // Dates read as the person's language writes them, whatever the browser's own (no mm/dd/yyyy).
    await expect(pageA.locator('.date-input__face').first()).toHaveText('2030年10月20日');
    await pageA.getByRole('button', { name: '创建', exact: true }).click();
    await expect(pageA).toHaveURL(/\/sheets\/[A-Za-z0-9_-]+$/);
    sheetUrl = new URL(pageA.url()).pathname;
    await expect(pageA.getByTestId('sheet-title')).toHaveText('产品上线前测试资源协调');
    await pageA.getByLabel('成员邮箱').fill(second.email);
    await pageA.getByLabel('角色').selectOption('editor');
    await pageA.getByRole('button', { name: '添加', exact: true }).click();
    await expect(pageA.getByTestId('members')).toContainText(second.name);
    await expect(pageA.getByTestId('members')).toContainText('编辑');
  });

  await test.step('the administrator writes the first position in 沟通记录', async () => {
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await pageA.getByTestId('record-editor').locator('[contenteditable="true"]').click();
    await pageA.keyboard.type('客服部诉求：需要两周测试窗口。');
    await expect.poll(() => paragraphText(pageA)).toBe('客服部诉求：需要两周测试窗口。');
  });

  await test.step('the record is rendered on the server, before any socket connects', async () => {
    await expect(async () => {
      const html = await pageB.request.get(sheetUrl).then((r) => r.text());
      expect(html).toContain('客服部诉求：需要两周测试窗口。');
    }).toPass();
    const offline = await pageB.context().newPage();
    // A mocked socket that never reaches the server: whatever the page shows came with the HTML.
    await offline.routeWebSocket(/\/sync\//, () => {});
    await offline.goto(sheetUrl);
    await expect(offline.getByTestId('record-static')).toContainText('客服部诉求：需要两周测试窗口。');
    await expect(offline.getByTestId('connection')).not.toHaveAttribute('data-status', 'connected');
    await offline.close();
  });

  await test.step('the second person opens the sheet from their list', async () => {
    await pageB.goto('/sheets');
    await pageB.getByRole('link', { name: '产品上线前测试资源协调' }).click();
    await expect(pageB).toHaveURL(new RegExp(`${sheetUrl}$`));
    await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect.poll(() => paragraphText(pageB)).toBe('客服部诉求：需要两周测试窗口。');
  });

  await test.step('presence shows both people on both pages', async () => {
    for (const page of [pageA, pageB]) {
      await expect(page.getByTestId('presence')).toContainText(admin.name);
      await expect(page.getByTestId('presence')).toContainText(second.name);
    }
  });

  await test.step('both type in the same paragraph at once and both end with both texts', async () => {
    for (const page of [pageA, pageB]) {
      await firstParagraph(page).click();
      await page.keyboard.press('End');
    }
    await Promise.all([pageA.keyboard.type(' 甲：周三前给出排期', { delay: 20 }), pageB.keyboard.type(' 乙：研发部同意', { delay: 20 })]);
    for (const page of [pageA, pageB]) {
      await expect.poll(() => paragraphText(page)).toMatch(/^客服部诉求：需要两周测试窗口。.*甲：周三前给出排期/);
      await expect.poll(() => paragraphText(page)).toContain('乙：研发部同意');
    }
    expect(await paragraphText(pageA)).toBe(await paragraphText(pageB));
    await expect(pageA.locator('.collaboration-carets__label', { hasText: second.name })).toBeVisible();
    await shot(pageA, 'sheet-zh');
  });

  await test.step('switching the language changes the labels and keeps the live record', async () => {
    await expect(pageA.getByRole('heading', { name: '沟通记录' })).toBeVisible();
    await pageA.getByRole('button', { name: 'English' }).click();
    await expect(pageA.getByRole('heading', { name: 'Communication record' })).toBeVisible();
    await expect(pageA.getByText('Expected completion').first()).toBeVisible();
    await expect(pageA.locator('[data-section="meta"] .date-input__face')).toHaveText('Oct 20, 2030');
    await expect(pageA.locator('.badge', { hasText: 'Urgent' })).toBeVisible();
    await expect(pageA.getByRole('heading', { name: '沟通记录' })).toHaveCount(0);
    await expect(firstParagraph(pageA)).toContainText('乙：研发部同意');
    await shot(pageA, 'sheet-en');
    await pageA.goto('/sheets');
    await expect(pageA.getByRole('columnheader', { name: 'Coordination item' })).toBeVisible();
    await shot(pageA, 'sheets-en');
    await pageB.goto('/sheets');
    await shot(pageB, 'sheets-zh');
  });

  await test.step('a change the server refuses comes back to its author, in words, with the text', async () => {
    const page = await pageB.context().newPage();
    // Holds back what the page sends, so that it types as an editor but the server hears it only as a viewer.
    let hold = false;
    await page.routeWebSocket(/\/sync\//, (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (!hold) server.send(message);
      });
    });
    await page.goto(sheetUrl);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    hold = true;
    await firstParagraph(page).click();
    await page.keyboard.press('End');
    await page.keyboard.type(' 未送达的补充');
    const lowered = await pageA.request.post(`/api/v1/sheets${sheetUrl.slice('/sheets'.length)}/members`, { data: { email: second.email, role: 'viewer' } });
    expect(lowered.status()).toBe(200);
    hold = false;
    await expect(page.getByTestId('refusal')).toHaveAttribute('data-reason', 'forbiddenSection');
    await expect(page.getByTestId('refused-text')).toHaveValue(' 未送达的补充');
    await expect(page.getByTestId('read-only')).toContainText('查看者');
    await expect.poll(() => paragraphText(page)).not.toContain('未送达的补充');
    await expect.poll(() => paragraphText(page)).toContain('乙：研发部同意');
    await expect(page.getByTestId('members')).toContainText('查看者');
    await shot(page, 'sheet-refused-zh');
    await page.close();
  });

  await test.step('someone removed from the sheet is told so at once', async () => {
    const page = await pageB.context().newPage();
    await page.goto(sheetUrl);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    const members = sheetUrl.replace('/sheets/', '/api/v1/sheets/') + '/members';
    const { members: list } = (await (await pageA.request.get(members)).json()) as { members: Array<{ userId: string; email: string }> };
    const removed = await pageA.request.delete(`${members}/${list.find((m) => m.email === second.email)!.userId}`);
    expect(removed.status()).toBe(204);
    await expect(page.getByTestId('access-lost')).toContainText('你已无权访问这张协调表');
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'inaccessible');
    await page.close();
  });
});
