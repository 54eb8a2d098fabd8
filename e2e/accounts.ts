import { expect, test, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

/** The first administrator, created through /setup by coordination.spec.ts; later specs sign in as them. */
export const ADMIN = { name: '张经理', email: 'zhang@example.com', password: 'correct-horse-1', department: '客户服务部' };
/** The second person, added by the administrator in coordination.spec.ts. */
export const SECOND = { name: '李工', email: 'li@example.com', password: 'battery-staple-2', department: '研发部' };

/** A fresh browser context signed in as `person`, on their sheets list. */
export async function signIn(browser: Browser, person: { email: string; password: string }, options: BrowserContextOptions = {}): Promise<Page> {
  const page = await (await browser.newContext(options)).newPage();
  await page.goto('/signin');
  await page.getByLabel('邮箱').fill(person.email);
  await page.getByLabel('密码').fill(person.password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect(page).toHaveURL(/\/sheets$/);
  return page;
}

// Contexts opened with `browser.newContext()` outlive their test; pages left open keep syncing
// (or retrying a server that is gone) and slow the specs after them. Every spec imports this file.
test.afterEach(async ({ browser }) => {
  await Promise.all(browser.contexts().map((context) => context.close()));
});
