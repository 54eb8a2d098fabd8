import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, signIn } from './accounts';
import { testServer } from './server';

// Every page on a phone (390 x 844): no sideways scrolling of the page, whatever it holds — wide
// tables scroll inside their own box, the header folds its navigation into a menu, the sheet's
// side column comes after the sections, toolbars wrap. Screenshots of each page are kept.

const PHONE = { width: 390, height: 844 };
const screens = 'test-results/screens';
const mark = Date.now().toString(36).slice(-5);

/** The page fits the phone's width: nothing makes it scroll sideways. */
async function fitsWidth(page: Page, name: string): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${name}: ${scrollWidth} px wide on a ${clientWidth} px screen`).toBeLessThanOrEqual(clientWidth);
  await page.screenshot({ path: `${screens}/phone-${name}.png`, fullPage: true });
}

/** A cell of rich text. */
const cell = (text: string) => ({ type: 'tableCell', attrs: { colspan: 1, rowspan: 1 }, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

test('every page works at 390 px without sideways scrolling, and hydrates without a mismatch (browser in Asia/Shanghai, server in UTC)', async ({ browser }) => {
  const page = await signIn(browser, ADMIN, { viewport: PHONE });
  // React's hydration errors (#418 text, #423, #425) are what a time rendered in another zone causes.
  const mismatches: string[] = [];
  page.on('pageerror', (e) => mismatches.push(e.message));
  page.on('console', (m) => m.type() === 'error' && /hydrat|#418|#423|#425/i.test(m.text()) && mismatches.push(m.text()));
  const { id } = (await (await page.request.post('/api/v1/sheets', { data: { title: `客户投诉处理流程优化与跨部门资源协调（第三季度）${mark}`, urgency: 'urgent' } })).json()) as { id: string };
  const row = Array.from({ length: 6 }, (_, i) => cell(`第 ${i + 1} 列：各部门的诉求与资源`));
  const doc = {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'https://example.com/a/very/long/address/without/any/space/to/break/it/into/lines' }] },
      { type: 'table', content: [{ type: 'tableRow', content: row }, { type: 'tableRow', content: row }] },
    ],
  };
  expect((await page.request.put(`/api/v1/sheets/${id}/sections/record`, { data: { doc } })).status()).toBe(200);
  const archived = execFileSync(path.join('node_modules', '.bin', 'tsx'), ['e2e/fixtures/archived-sheet.ts', ADMIN.email, `已归档的测试资源协调 ${mark}`], {
    env: { ...process.env, DATA_DIR: testServer().dataDir },
    encoding: 'utf8',
  }).trim();
  const link = ((await (await page.request.post(`/api/v1/sheets/${archived}/share-links`, { data: {} })).json()) as { url: string }).url;

  await test.step('the header folds its navigation into a menu that opens, leads on and closes', async () => {
    await page.goto('/sheets');
    const menu = page.getByRole('button', { name: '菜单' });
    await expect(page.getByRole('link', { name: '我的任务' })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await page.screenshot({ path: `${screens}/phone-menu.png` });
    await page.getByRole('link', { name: '我的任务' }).click();
    await expect(page).toHaveURL(/\/tasks$/);
    await expect(page.getByRole('button', { name: '菜单' })).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('current-user')).toBeHidden();
  });

  await test.step('a live sheet: sections, then the side column; wide tables and toolbars stay inside', async () => {
    await page.goto(`/sheets/${id}`);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(page.getByTestId('record-editor').locator('table')).toBeVisible();
    await fitsWidth(page, 'sheet');
    const sections = await page.locator('.sheet-sections').boundingBox();
    const side = await page.getByTestId('share-panel').boundingBox();
    expect(side!.y).toBeGreaterThan(sections!.y + sections!.height - 1);
    for (const toolbar of await page.getByRole('toolbar').all()) {
      const box = await toolbar.boundingBox();
      if (box) expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    }
  });

  for (const [name, url] of [
    ['sheets', '/sheets'],
    ['print', `/sheets/${id}/print`],
    ['projector', `/sheets/${id}/projector`],
    ['archived', `/sheets/${archived}`],
    ['tasks', '/tasks'],
    ['tracking', '/tracking'],
    ['settings', '/settings'],
    ['admin', '/admin'],
    ['dashboard', '/dashboard'],
    ['share', new URL(link).pathname],
  ]) {
    await test.step(name, async () => {
      await page.goto(url);
      await expect(page.locator('main').first()).toBeVisible();
      await fitsWidth(page, name);
    });
  }

  await test.step('no page hydrated differently from what the server rendered', async () => {
    expect(mismatches).toEqual([]);
  });

  await test.step('signed out: the sign-in page', async () => {
    const guest = await (await browser.newContext({ viewport: PHONE })).newPage();
    await guest.goto('/signin');
    await expect(guest.getByLabel('邮箱')).toBeVisible();
    await fitsWidth(guest, 'signin');
  });
});
