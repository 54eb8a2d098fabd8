import { expect, test } from '@playwright/test';
import { ADMIN, signIn } from './accounts';

test('a read-only link opens without signing in, and shows nothing once revoked', async ({ browser }) => {
  // Runs after coordination.spec.ts, which creates this administrator.
  const owner = await signIn(browser, ADMIN);

  await owner.getByLabel('协调事项名称').fill('分享测试：上线资源协调');
  await owner.getByRole('button', { name: '创建', exact: true }).click();
  await expect(owner).toHaveURL(/\/sheets\/[A-Za-z0-9_-]+$/);

  const panel = owner.getByTestId('share-panel');
  await panel.getByRole('button', { name: '创建链接' }).click();
  // Shown once, in a dialog over the page with a copy button.
  const created = owner.getByTestId('share-created');
  await expect(created).toBeVisible();
  const url = await created.getByTestId('share-url').inputValue();
  expect(url).toMatch(/\/s\/[A-Za-z0-9_-]{40,}$/);
  await owner.screenshot({ path: 'test-results/screens/share-created-zh.png' });
  await created.getByRole('button', { name: '完成' }).click();
  await expect(created).toHaveCount(0);
  await expect(panel.getByTestId('share-link')).toHaveCount(1);
  await owner.screenshot({ path: 'test-results/screens/share-panel-zh.png' });

  // A fresh context: no session, no cookies.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(new URL(url).pathname);
  await expect(stranger.getByTestId('shared-sheet')).toBeVisible();
  await expect(stranger.getByText('分享测试：上线资源协调').first()).toBeVisible();
  await expect(stranger.locator('meta[property="og:image"]')).toHaveAttribute('content', /\/og$/);
  await stranger.screenshot({ path: 'test-results/screens/shared-zh.png' });

  owner.once('dialog', (dialog) => void dialog.accept());
  await panel.getByRole('button', { name: '撤销' }).click();
  await expect(panel.getByText('已撤销')).toBeVisible();

  await stranger.reload();
  await expect(stranger.getByTestId('share-gone')).toBeVisible();
  await expect(stranger.getByText('分享测试：上线资源协调')).toHaveCount(0);
});
