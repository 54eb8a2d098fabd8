import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';
import { testServer } from './server';

// Issue 13 §7 (read-only views read as text), §9 (the retrospective folded before 执行跟踪), §11
// (the side column has no hidden scroll) and §12 (someone whose connection closed is shown offline).
// Runs after coordination.spec.ts, which creates both people.

const screens = 'test-results/screens';
const PHONE = { width: 390, height: 844 };
const mark = Date.now().toString(36).slice(-5);

/** Nothing inside looks like a field: no inputs, selects or text areas. */
async function noFields(page: Page, testId: string): Promise<void> {
  await expect(page.getByTestId(testId).locator('input, select, textarea')).toHaveCount(0);
}

async function language(page: Page, name: 'English' | '中文'): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'zh-CN');
}

test('an archived sheet, a kept version and a share link read as text; the share page says 只读 under the product header', async ({ browser }) => {
  const page = await signIn(browser, ADMIN);
  const archived = execFileSync(path.join('node_modules', '.bin', 'tsx'), ['e2e/fixtures/archived-sheet.ts', ADMIN.email, `只读视图 ${mark}`], {
    env: { ...process.env, DATA_DIR: testServer().dataDir },
    encoding: 'utf8',
  }).trim();

  await test.step('the archived sheet: 基本信息, parties and tasks as text, the retrospective open', async () => {
    await page.goto(`/sheets/${archived}`);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    const sections = page.locator('.sheet-sections');
    await expect(page.getByTestId('meta-plain')).toContainText(`只读视图 ${mark}`);
    for (const part of ['meta', 'recipients', 'tasks']) await expect(sections.locator(`[data-section="${part}"]`).locator('input, select, textarea')).toHaveCount(0);
    await expect(sections.locator('[data-section="recipients"]')).toContainText('研发部 · 李研发');
    await expect(sections.locator('[data-section="tasks"]')).toContainText('测试排期');
    await expect(sections.locator('[data-section="tasks"]')).toContainText('已完成');
    await expect(page.getByTestId('review-later')).toHaveCount(0);
    await expect(sections.locator('[data-section="review.lessons"]')).toBeVisible();
    await page.screenshot({ path: `${screens}/readonly-archived-zh.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${screens}/readonly-archived-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
  });

  await test.step('a kept version: text, not fields', async () => {
    await page.getByTestId('history-open').click();
    const history = page.getByTestId('history');
    await history.getByTestId('versions').locator('li').first().getByRole('button', { name: '查看' }).click();
    await expect(history.getByTestId('version-view')).toContainText(`只读视图 ${mark}`);
    await noFields(page, 'version-view');
    await page.screenshot({ path: `${screens}/readonly-version-zh.png` });
  });

  await test.step('the share link: product header, a 只读 banner, text only, one word for unresolved points', async () => {
    const link = ((await (await page.request.post(`/api/v1/sheets/${archived}/share-links`, { data: {} })).json()) as { url: string }).url;
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(new URL(link).pathname);
    await expect(stranger.getByRole('banner')).toContainText('Concord');
    await expect(stranger.getByTestId('read-only-banner')).toContainText('只读');
    await expect(stranger.getByTestId('read-only-banner')).toContainText('不能编辑或评论');
    await noFields(stranger, 'shared-sheet');
    await expect(stranger.getByTestId('shared-sheet')).toContainText('测试排期');
    await stranger.screenshot({ path: `${screens}/readonly-share-zh.png`, fullPage: true });
    await stranger.setViewportSize(PHONE);
    await stranger.screenshot({ path: `${screens}/readonly-share-390.png`, fullPage: true });
    await language(stranger, 'English');
    await expect(stranger.getByTestId('read-only-banner')).toContainText('Read-only');
    await stranger.screenshot({ path: `${screens}/readonly-share-en-390.png`, fullPage: true });
  });
});

test('a new sheet is short: the retrospective is folded until 执行跟踪; the side column scrolls with the page, not in a box of its own', async ({ browser }) => {
  const page = await signIn(browser, ADMIN, { viewport: { width: 1280, height: 600 } });
  const { id } = (await (await page.request.post('/api/v1/sheets', { data: { title: `首屏 ${mark}` } })).json()) as { id: string };
  const paragraphs = Array.from({ length: 40 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: `第 ${i + 1} 段：各部门的诉求、资源与时间安排。` }] }));
  expect((await page.request.put(`/api/v1/sheets/${id}/sections/record`, { data: { doc: { type: 'doc', content: paragraphs } } })).status()).toBe(200);
  await page.goto(`/sheets/${id}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  await test.step('§9 the retrospective is one folded line before 执行跟踪, and opens on a click', async () => {
    const folded = page.getByTestId('review-later');
    await expect(folded).toContainText('归档总结');
    await expect(folded).toContainText('成效评估 / 问题总结 / 经验沉淀');
    await expect(page.locator('[data-section="review.outcome"]')).toBeHidden();
    await page.screenshot({ path: `${screens}/first-screen-zh.png`, fullPage: true });
    await folded.locator('summary').click();
    await expect(page.locator('[data-section="review.outcome"]')).toBeVisible();
    await folded.locator('summary').click();
  });

  await test.step('§11 the side column is taller than the window and has no scrollbar of its own; its share card is reached by scrolling the page', async () => {
    const aside = page.locator('.page__aside');
    const box = await aside.evaluate((el) => ({ scrollHeight: el.scrollHeight, clientHeight: el.clientHeight, overflowY: getComputedStyle(el).overflowY, position: getComputedStyle(el).position, window: window.innerHeight }));
    expect(box.scrollHeight).toBeGreaterThan(box.window);
    expect(box.scrollHeight).toBeLessThanOrEqual(box.clientHeight + 1);
    expect(['visible', 'clip']).toContain(box.overflowY);
    expect(box.position).not.toBe('sticky');
    const share = page.getByTestId('share-panel');
    await share.scrollIntoViewIfNeeded();
    await expect(share).toBeInViewport({ ratio: 1 });
    await expect(share.getByRole('button', { name: '创建链接' })).toBeVisible();
    await page.screenshot({ path: `${screens}/side-column-share-zh.png` });
  });

  await test.step('en, and a phone', async () => {
    await language(page, 'English');
    await expect(page.getByTestId('review-later')).toContainText('Retrospective');
    await page.screenshot({ path: `${screens}/first-screen-en.png`, fullPage: true });
    await language(page, '中文');
    await page.setViewportSize(PHONE);
    await page.screenshot({ path: `${screens}/first-screen-390.png`, fullPage: true });
  });
});

test('someone whose connection closes is greyed as offline at once, their caret gone, and leaves the list after the timeout', async ({ browser }) => {
  test.setTimeout(120_000);
  const pageA = await signIn(browser, ADMIN);
  const { id } = (await (await pageA.request.post('/api/v1/sheets', { data: { title: `在线状态 ${mark}` } })).json()) as { id: string };
  expect((await pageA.request.post(`/api/v1/sheets/${id}/members`, { data: { email: SECOND.email, role: 'editor' } })).ok()).toBe(true);
  await pageA.goto(`/sheets/${id}`);
  await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  const pageB = await signIn(browser, SECOND);
  await pageB.goto(`/sheets/${id}`);
  await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await pageB.getByTestId('record-editor').locator('.ProseMirror').click();
  await pageB.keyboard.type('李工在这里。');

  const presence = pageA.getByTestId('presence');
  const li = presence.locator('li', { hasText: SECOND.name });
  const caret = pageA.getByTestId('record-editor').locator('.collaboration-carets__label', { hasText: SECOND.name });
  await expect(li).toBeVisible();
  await expect(li).not.toHaveAttribute('data-offline', 'true');
  await expect(caret).toBeVisible();
  await expect(presence).toContainText('2 人在线');

  await pageB.context().close();
  const closedAt = Date.now();
  await expect(li).toHaveAttribute('data-offline', 'true', { timeout: 3000 });
  expect(Date.now() - closedAt).toBeLessThan(3000);
  await expect(li).toContainText('已离线');
  await expect(caret).toHaveCount(0);
  await expect(presence).toContainText('1 人在线');
  await pageA.screenshot({ path: `${screens}/presence-offline-zh.png` });
  await pageA.setViewportSize(PHONE);
  await pageA.screenshot({ path: `${screens}/presence-offline-390.png` });

  // Gone once the awareness timeout (30 s) has passed, not before.
  await pageA.waitForTimeout(20_000);
  await expect(li).toHaveCount(1);
  await expect(li).toHaveCount(0, { timeout: 15_000 });
});
