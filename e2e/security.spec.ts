import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './accounts';

// Attacks a hostile member or a stranger would try in a real browser (GUARD.md, "Web entry
// points"): a page on another port of the same host using an administrator's session (W1), guessing a
// password at the sign-in page (W3), and sessions that must end: a password change and "sign out
// everywhere" (W4).

const mark = Date.now().toString(36).slice(-5);
const screens = 'test-results/screens';
const person = { name: `郑华${mark}`, email: `zheng-${mark}@security.example.com`, password: 'security-zheng-1' };

async function addPerson(admin: Page, who: { name: string; email: string; password: string }): Promise<void> {
  const res = await admin.request.post('/api/v1/users', { data: { ...who, department: '研发部' } });
  expect(res.status()).toBe(201);
}

/** A page of somebody else's, on another port of the same host: same site, another origin. */
async function hostileSite(target: string): Promise<{ url: string; server: Server }> {
  const user = (kind: string) => ({ email: `csrf-${kind}-${mark}@example.com`, name: '入侵者', password: 'intruder-pass-123', admin: true });
  const fieldName = JSON.stringify(user('form')).slice(0, -1) + ',"pad":"';
  const html = `<!doctype html><meta charset="utf-8"><title>抽奖活动</title>
    <form id="f" method="POST" action="${target}/api/v1/users" enctype="text/plain"><input type="hidden" name='${fieldName}' value='"}'></form>
    <script>
      fetch(${JSON.stringify(`${target}/api/v1/users`)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(JSON.stringify(user('fetch')))} })
        .finally(() => document.getElementById('f').submit());
    </script>`;
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test('a page on another port of the same host cannot use an administrator’s session to create an account', async ({ browser, baseURL }) => {
  const admin = await signIn(browser, ADMIN);
  const site = await hostileSite(baseURL!);
  try {
    // The administrator opens the page in the same browser: its fetch and its form both carry the session cookie.
    await admin.goto(site.url);
    await expect(admin.locator('body')).toContainText('cross_site');
    const users = (await (await admin.request.get('/api/v1/users')).json()) as { users: Array<{ email: string }> };
    expect(users.users.map((u) => u.email).filter((e) => e.startsWith('csrf-'))).toEqual([]);
  } finally {
    site.server.close();
  }
  // The administrator's own pages still work.
  await admin.goto('/admin');
  await expect(admin.getByTestId('people')).toBeVisible();
});

test('the sign-in page stops a guesser after ten wrong passwords and says when to try again', async ({ browser }) => {
  const admin = await signIn(browser, ADMIN);
  const target = { name: `钱进${mark}`, email: `qian-${mark}@security.example.com`, password: 'security-qian-1' };
  await addPerson(admin, target);
  const page = await (await browser.newContext()).newPage();
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill(target.email);
  const attempt = async (password: string) => {
    await page.getByLabel('密码').fill(password);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/auth/callback/credentials'));
    await page.getByRole('button', { name: '登录', exact: true }).click();
    return (await answered).status();
  };
  const problem = page.locator('.form-error');
  for (let i = 0; i < 10; i++) {
    expect(await attempt(`guess-${i}`)).toBe(401);
    await expect(problem).toHaveText('邮箱或密码不正确，请重新输入。');
  }
  // The right password now: refused all the same, with the wait.
  expect(await attempt(target.password)).toBe(429);
  await expect(problem).toHaveText(/密码错误次数过多.*请 1[45] 分钟后再试/);
  await expect(page).toHaveURL(/\/signin/);
  await page.screenshot({ path: `${screens}/signin-too-many.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${screens}/signin-too-many-390.png`, fullPage: true });
});

test('a password change keeps this page signed in and ends every other session; an administrator signs a person out everywhere', async ({ browser }) => {
  const admin = await signIn(browser, ADMIN);
  await addPerson(admin, person);
  const settings = await signIn(browser, person);
  const elsewhere = await signIn(browser, person);
  const { id } = (await (await elsewhere.request.post('/api/v1/sheets', { data: { title: `另一台设备 ${mark}` } })).json()) as { id: string };
  await elsewhere.goto(`/sheets/${id}`);
  await expect(elsewhere.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  await test.step('the password is changed in 个人设置: this page stays signed in', async () => {
    await settings.goto('/settings');
    const security = settings.getByTestId('security');
    await security.getByLabel('当前密码').fill('not my password');
    await security.getByLabel('新密码').fill('security-zheng-2');
    await security.getByRole('button', { name: '修改密码' }).click();
    await expect(security.locator('.form-error')).toHaveText('当前密码不正确。');
    await security.getByLabel('当前密码').fill(person.password);
    await security.getByLabel('新密码').fill('security-zheng-2');
    await security.getByRole('button', { name: '修改密码' }).click();
    await expect(security.getByRole('status')).toHaveText('密码已修改，其他设备上的登录已退出。');
    await settings.reload();
    await expect(settings).toHaveURL(/\/settings$/);
    await settings.screenshot({ path: `${screens}/settings-security.png`, fullPage: true });
    await settings.setViewportSize({ width: 390, height: 844 });
    await settings.screenshot({ path: `${screens}/settings-security-390.png`, fullPage: true });
    await settings.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('the other device’s open sheet is told it is signed out, and its pages ask to sign in', async () => {
    await expect(elsewhere.getByTestId('connection')).toHaveAttribute('data-status', 'signedOut');
    await elsewhere.goto('/sheets');
    await expect(elsewhere).toHaveURL(/\/signin/);
  });

  await test.step('an administrator signs the person out everywhere from 管理', async () => {
    await admin.goto('/admin');
    admin.once('dialog', (d) => void d.accept());
    await admin.getByRole('button', { name: `让 ${person.name} 在所有设备上退出登录` }).click();
    await expect(admin.getByRole('status').filter({ hasText: '已在所有设备上退出登录' })).toBeVisible();
    await settings.goto('/settings');
    await expect(settings).toHaveURL(/\/signin/);
  });
});
