import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { signIn } from './accounts';
import { testServer } from './server';

// Every name carries this run's mark, so the spec neither meets nor depends on the people and
// sheets of the other specs that share the server.
const mark = Date.now().toString(36).slice(-5);
const admin = { name: `周主管${mark}`, email: `admin-${mark}@people.example.com`, password: 'people-admin-pass-1' };
const wang = { name: `王芳${mark}`, email: `wang-${mark}@people.example.com`, password: 'people-wang-pass-1' };
const chen = { name: `陈强${mark}`, email: `chen-${mark}@people.example.com`, password: 'people-chen-pass-1' };
const zhao = { name: `赵敏${mark}`, email: `zhao-${mark}@people.example.com`, password: 'people-zhao-pass-1' };
const department = `市场部${mark}`;
const screens = 'test-results/screens';

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${screens}/${name}.png`, fullPage: true });
}

/** An administrator of our own, made with the operators' CLI against the server's data directory. */
function addAdminWithCli(): void {
  const tsx = path.join('node_modules', '.bin', 'tsx');
  const args = ['server/cli.ts', 'user', 'add', '--email', admin.email, '--name', admin.name, '--password', admin.password, '--admin'];
  execFileSync(tsx, args, { env: { ...process.env, DATA_DIR: testServer().dataDir }, stdio: 'pipe' });
}


/** The members panel on a sheet page, for close-up screenshots. */
const panel = (page: Page) => page.locator('section[aria-labelledby="members-title"]');

async function language(page: Page, name: 'English' | '中文'): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'zh-CN');
}

test('administration, members by department, tokens and the filtered sheets list', async ({ browser, request }) => {
  addAdminWithCli();
  const page = await signIn(browser, admin);

  await test.step('the administrator adds a department and a person in it', async () => {
    await page.getByRole('link', { name: '管理' }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.getByLabel('部门名称', { exact: true }).fill(department);
    await page.getByRole('button', { name: '添加部门' }).click();
    await expect(page.getByTestId('departments')).toContainText(`${department}0 人`);

    await page.getByLabel('姓名', { exact: true }).fill(wang.name);
    await page.getByLabel('邮箱', { exact: true }).fill(wang.email);
    await page.getByLabel('初始密码').fill(wang.password);
    await page.getByLabel('部门（可选）').fill(department);
    await page.getByRole('button', { name: '添加人员' }).click();
    await expect(page.getByRole('status').filter({ hasText: `已添加 ${wang.name}` })).toBeVisible();
    await expect(page.getByTestId('people')).toContainText(wang.email);
    await expect(page.getByTestId('departments')).toContainText(`${department}1 人`);
  });

  await test.step('the administrator corrects a name in place', async () => {
    for (const person of [chen, zhao]) expect((await page.request.post('/api/v1/users', { data: person })).status()).toBe(201);
    expect((await page.request.patch('/api/v1/users/' + (await userId(page, chen.email)), { data: { department } })).status()).toBe(200);
    await page.reload();
    await page.getByLabel('搜索人员').fill(mark);
    await page.getByRole('button', { name: `修改 ${zhao.name}` }).click();
    await page.getByLabel(`${zhao.name} · 姓名`).fill(`${zhao.name}（法务）`);
    await page.getByRole('button', { name: '保存' }).click();
    await expect(page.getByTestId('people')).toContainText(`${zhao.name}（法务）`);
    zhao.name = `${zhao.name}（法务）`;
    await shot(page, 'admin-zh');
    await language(page, 'English');
    await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
    await shot(page, 'admin-en');
    await language(page, '中文');
  });

  await test.step('someone who is not an administrator is told they may not', async () => {
    const other = await signIn(browser, wang);
    await expect(other.getByRole('link', { name: '管理' })).toHaveCount(0);
    await other.goto('/admin');
    await expect(other.getByRole('heading', { name: '无权访问' })).toBeVisible();
    await shot(other, 'admin-forbidden-zh');
    await other.context().close();
  });

  let sheetPath = '';
  await test.step('the facilitator adds a whole department, changes a role, adds and removes a person', async () => {
    for (const [title, urgency] of [[`渠道补贴调整${mark}`, 'low'], [`舆情应对${mark}`, 'normal']] as const) {
      expect((await page.request.post('/api/v1/sheets', { data: { title, urgency } })).status()).toBe(201);
    }
    await page.goto('/sheets');
    await page.getByLabel('协调事项名称').fill(`新品发布会${mark}`);
    await page.getByLabel('紧急程度').selectOption('urgent');
    await page.getByRole('button', { name: '创建', exact: true }).click();
    await expect(page).toHaveURL(/\/sheets\/[A-Za-z0-9_-]+$/);
    sheetPath = new URL(page.url()).pathname;

    const members = page.getByTestId('members');
    await page.getByRole('radio', { name: '整个部门' }).check();
    await page.getByLabel('部门', { exact: true }).selectOption(department);
    await page.getByLabel('角色').selectOption('commenter');
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: '已加入或更新 2 人' })).toBeVisible();
    await expect(members).toContainText(wang.name);
    await expect(members).toContainText(chen.name);
    await expect(page.getByLabel(`${wang.name} 的权限`)).toHaveValue('commenter');

    await page.getByLabel(`${wang.name} 的权限`).selectOption('editor');
    await expect(page.getByRole('status').filter({ hasText: `${wang.name} 现在是编辑` })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel(`${wang.name} 的权限`)).toHaveValue('editor');

    await page.getByRole('radio', { name: '按人员' }).check();
    await page.getByLabel('成员邮箱或姓名').fill(zhao.name.slice(0, 3));
    await expect(page.getByRole('option', { name: new RegExp(zhao.email) })).toBeVisible();
    await panel(page).screenshot({ path: `${screens}/members-search-zh.png` });
    await page.getByRole('option', { name: new RegExp(zhao.email) }).click();
    await page.getByRole('button', { name: '添加', exact: true }).click();
    await expect(members).toContainText(zhao.name);

    await page.getByRole('button', { name: `移除 ${chen.name}` }).click();
    await panel(page).screenshot({ path: `${screens}/members-confirm-zh.png` });
    await page.getByRole('button', { name: '确定移除' }).click();
    await expect(members).not.toContainText(chen.name);

    // The only facilitator stepping down would leave the sheet without one: refused, in words.
    await page.getByLabel(`${admin.name} 的权限`).selectOption('viewer');
    await expect(page.getByRole('alert').filter({ hasText: '每张协调表至少需要一位主持人' })).toBeVisible();
    await expect(page.getByLabel(`${admin.name} 的权限`)).toHaveValue('facilitator');
    await shot(page, 'members-zh');
    await language(page, 'English');
    await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
    await shot(page, 'members-en');
    await panel(page).screenshot({ path: `${screens}/members-panel-en.png` });
    await language(page, '中文');
  });

  await test.step('a member who is not facilitator sees roles but cannot change them', async () => {
    const other = await signIn(browser, wang);
    await other.goto(sheetPath);
    await expect(other.getByTestId('members')).toContainText('主持人');
    await expect(other.getByLabel(`${admin.name} 的权限`)).toHaveCount(0);
    await expect(other.getByRole('button', { name: '添加', exact: true })).toHaveCount(0);
    await other.context().close();
  });

  await test.step('a personal access token is shown once, works as Bearer, and is revoked', async () => {
    await page.getByRole('link', { name: '个人设置' }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await page.getByLabel('令牌名称').fill(`周报脚本${mark}`);
    await page.getByRole('button', { name: '生成令牌' }).click();
    const fresh = page.getByTestId('fresh-token');
    await expect(fresh).toContainText('离开或刷新页面后将无法再次查看');
    const token = await fresh.getByLabel('新令牌').inputValue();
    expect(token.length).toBeGreaterThan(20);
    await expect(page.getByTestId('tokens')).toContainText(`周报脚本${mark}`);
    await shot(page, 'settings-zh');

    const me = await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(((await me.json()) as { email: string }).email).toBe(admin.email);

    await page.getByRole('button', { name: '我已保存' }).click();
    await page.reload();
    await expect(page.getByTestId('fresh-token')).toHaveCount(0);
    await expect(page.getByText(token)).toHaveCount(0);
    await page.getByRole('button', { name: `撤销令牌 周报脚本${mark}` }).click();
    await page.getByRole('button', { name: '确定撤销' }).click();
    await expect(page.getByRole('status').filter({ hasText: `已撤销令牌「周报脚本${mark}」` })).toBeVisible();
    await expect(page.getByText('你还没有生成任何令牌。')).toBeVisible();
    expect((await request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

    await language(page, 'English');
    await expect(page.getByRole('heading', { name: 'Personal access tokens' })).toBeVisible();
    await shot(page, 'settings-en');
    await language(page, '中文');
  });

  await test.step('the list filters by urgency and by a search over titles', async () => {
    await page.goto('/sheets');
    const rows = page.locator('.sheet-table tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(page.getByTestId('sheet-count')).toHaveText('共 3 张');
    await page.getByRole('button', { name: /^紧急/ }).click();
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`新品发布会${mark}`);
    await expect(page.getByTestId('sheet-count')).toHaveText('显示 1 张，共 3 张');
    await expect(page).toHaveURL(/urgency=urgent/);
    await page.getByRole('button', { name: /^全部/ }).click();
    await page.getByLabel('按名称搜索').fill('舆情');
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText(`舆情应对${mark}`);
    await page.getByLabel('阶段').selectOption('archived');
    await expect(page.getByText('没有符合条件的协调表')).toBeVisible();
    await shot(page, 'sheets-no-match-zh');
    await page.getByRole('button', { name: '清除筛选' }).first().click();
    await expect(rows).toHaveCount(3);
    await page.getByRole('button', { name: /^一般/ }).click();
    await shot(page, 'sheets-filters-zh');
    await language(page, 'English');
    await expect(page.getByRole('button', { name: /^Normal/ })).toHaveAttribute('aria-pressed', 'true');
    await shot(page, 'sheets-filters-en');
    await language(page, '中文');
  });

  await test.step('at tablet width every page still fits', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    for (const [url, name] of [['/sheets', 'sheets'], ['/admin', 'admin'], ['/settings', 'settings']] as const) {
      await page.goto(url);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${url} scrolls sideways`).toBeLessThanOrEqual(0);
      await shot(page, `${name}-tablet-zh`);
    }
    await page.goto(sheetPath);
    await expect(page.getByTestId('members')).toContainText(wang.name);
    await shot(page, 'members-tablet-zh');
  });
});

async function userId(page: Page, email: string): Promise<string> {
  const res = await page.request.get(`/api/v1/users?q=${encodeURIComponent(email)}`);
  const { users } = (await res.json()) as { users: Array<{ id: string; email: string }> };
  return users.find((u) => u.email === email)!.id;
}
