import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './accounts';

// This spec sorts before coordination.spec.ts, which expects a server nobody has set up yet, so it
// runs its own server on its own data directory: neither spec sees the other's people or sheets.
const people = {
  zhang: { name: '张主持', email: 'zhang@comments.example.com', password: 'comments-zhang-1', department: '客户服务部' },
  li: { name: '李研发', email: 'li@comments.example.com', password: 'comments-li-2', department: '研发部' },
  wang: { name: '王市场', email: 'wang@comments.example.com', password: 'comments-wang-3', department: '市场部' },
};
const screens = 'test-results/screens';
let server: ChildProcess | null = null;
let dataDir = '';
let baseURL = '';

function freePort(): string {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const port = freePort();
  dataDir = mkdtempSync(path.join(tmpdir(), 'concord-e2e-comments-'));
  baseURL = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: port, DATA_DIR: dataDir, PUBLIC_URL: baseURL, HOST: '127.0.0.1' };
  const tsx = path.join('node_modules', '.bin', 'tsx');
  const { zhang } = people;
  execFileSync(tsx, ['server/cli.ts', 'user', 'add', '--email', zhang.email, '--name', zhang.name, '--password', zhang.password, '--department', zhang.department, '--admin'], { env, stdio: 'pipe' });
  server = spawn(tsx, ['server/main.ts'], { env, stdio: 'ignore' });
  await expect(async () => expect((await fetch(`${baseURL}/api/auth/providers`)).ok).toBe(true)).toPass({ timeout: 90_000 });
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


const editor = (page: Page, section: string) => page.getByTestId(`${section}-editor`).locator('.ProseMirror');

/** Selects the first occurrence of `text` in a section's editor, as a person dragging over it would. */
async function select(page: Page, section: string, text: string): Promise<void> {
  await editor(page, section).evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at < 0) continue;
      node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return;
    }
    throw new Error(`no “${wanted}” in the editor`);
  }, text);
}

/** The highlighted text of each thread of a kind, without the carets of others drawn inside it. */
const highlighted = (page: Page, kind: 'comment' | 'dispute') =>
  editor(page, 'record').evaluate(
    (root, k) =>
      Array.from(root.querySelectorAll(`.comment-hl--${k}`), (el) => {
        const copy = el.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
        return copy.textContent ?? '';
      }).join(''),
    kind,
  );

/** The first paragraph of 沟通记录, without the carets of others drawn inside it. */
const firstParagraph = (page: Page) =>
  editor(page, 'record')
    .locator('p')
    .first()
    .evaluate((p) => {
      const copy = p.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      return copy.textContent ?? '';
    });

async function language(page: Page, name: 'English' | '中文'): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', name === 'English' ? 'en' : 'zh-CN');
}

const signInHere = (browser: Browser, person: { email: string; password: string }) => signIn(browser, person, { baseURL });

test('comments follow the text, disputed points are argued and agreed, a viewer comments through the server', async ({ browser }) => {
  test.setTimeout(240_000);
  const pageA = await signInHere(browser, people.zhang);
  let sheetUrl = '';

  await test.step('the facilitator opens a sheet with an editor from another department and a viewer', async () => {
    for (const person of [people.li, people.wang]) expect((await pageA.request.post('/api/v1/users', { data: person })).status()).toBe(201);
    const made = await pageA.request.post('/api/v1/sheets', { data: { title: `评论与争议点 ${Date.now().toString(36)}` } });
    expect(made.status()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    sheetUrl = `/sheets/${id}`;
    expect((await pageA.request.post(`/api/v1/sheets/${id}/members`, { data: { email: people.li.email, role: 'editor' } })).ok()).toBe(true);
    expect((await pageA.request.post(`/api/v1/sheets/${id}/members`, { data: { email: people.wang.email, role: 'viewer' } })).ok()).toBe(true);
    await pageA.goto(sheetUrl);
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await editor(pageA, 'record').click();
    await pageA.keyboard.type('客服部诉求：需要两周测试窗口。');
    await pageA.keyboard.press('Enter');
    await pageA.keyboard.type('争议：上线日期是否推迟一周。');
  });

  const pageB = await signInHere(browser, people.li);
  await pageB.goto(sheetUrl);
  await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(editor(pageB, 'record')).toContainText('争议：上线日期是否推迟一周。');

  await test.step('one comments on a phrase while the other types just before it: the highlight stays on the phrase', async () => {
    await select(pageA, 'record', '两周测试窗口');
    await pageA.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await pageA.getByTestId('new-thread').fill('两周太长，@研发');
    await pageA.getByRole('option', { name: /@研发部/ }).click();
    await pageA.getByRole('button', { name: '发送' }).click();
    await expect(pageA.getByTestId('thread')).toContainText('两周太长，@研发部');
    await expect.poll(() => highlighted(pageB, 'comment')).toBe('两周测试窗口');

    // The other person's caret goes right before the phrase and types there, while the comment exists.
    await editor(pageB, 'record').locator('p').first().click();
    await pageB.keyboard.press('Home');
    for (let i = 0; i < '客服部诉求：需要'.length; i++) await pageB.keyboard.press('ArrowRight');
    await pageB.keyboard.type('至少');
    for (const page of [pageA, pageB]) {
      await expect.poll(() => firstParagraph(page)).toBe('客服部诉求：需要至少两周测试窗口。');
      await expect.poll(() => highlighted(page, 'comment')).toBe('两周测试窗口');
    }
    await expect(pageB.getByTestId('comment-count-record')).toContainText('1');
    await pageB.getByTestId('comment-count-record').click();
    await pageB.getByTestId('thread-list').getByRole('button').first().click();
    await expect(pageB.getByTestId('thread')).toContainText('两周太长');
    await pageB.getByTestId('reply').fill('可以压缩到十天');
    await pageB.getByRole('button', { name: '回复', exact: true }).click();
    await expect(pageA.getByTestId('thread-messages')).toContainText('可以压缩到十天');
    await pageA.screenshot({ path: `${screens}/comments-thread-zh.png` });
    await language(pageA, 'English');
    await expect(pageA.getByTestId('thread')).toContainText('Comment');
    await pageA.screenshot({ path: `${screens}/comments-thread-en.png` });
    await language(pageA, '中文');
  });

  await test.step('a disputed point is raised, two departments state positions, it is agreed and leaves the disputes panel', async () => {
    await select(pageB, 'record', '上线日期是否推迟一周');
    await pageB.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '提出争议点' }).click();
    await pageB.getByTestId('new-thread').fill('上线是否推迟一周？');
    await pageB.getByRole('button', { name: '发送' }).click();
    await pageB.getByLabel('诉求', { exact: true }).fill('推迟一周，完成回归测试');
    await pageB.getByRole('button', { name: '添加诉求' }).click();
    await expect(pageB.getByTestId('thread-positions')).toContainText('研发部');
    await expect.poll(() => highlighted(pageA, 'dispute')).toBe('上线日期是否推迟一周');

    await pageA.getByTestId('discussion-button').click();
    const disputes = pageA.getByTestId('disputes-list');
    await expect(disputes).toContainText('上线是否推迟一周？');
    await expect(disputes).toContainText('研发部');
    await disputes.getByRole('button').first().click();
    await pageA.getByLabel('诉求', { exact: true }).fill('不能推迟，客户已收到通知');
    await pageA.getByRole('button', { name: '添加诉求' }).click();
    await pageA.getByRole('combobox', { name: '解决方案' }).fill('推迟三天，研发部加班回归');
    await pageA.getByRole('button', { name: '添加方案' }).click();
    await pageA.getByRole('tab', { name: /争议点/ }).click();
    await expect(disputes.locator('.dept-chip')).toHaveText(['研发部', '客户服务部']);
    await pageA.screenshot({ path: `${screens}/comments-disputes-zh.png` });
    await language(pageA, 'English');
    await expect(pageA.getByRole('tab', { name: /Disputed points/ })).toBeVisible();
    await pageA.screenshot({ path: `${screens}/comments-disputes-en.png` });
    await language(pageA, '中文');

    // The agreement is written in 协商结果 and linked from the point.
    await disputes.getByRole('button').first().click();
    await editor(pageA, 'result').click();
    await pageA.keyboard.type('共识：上线推迟三天，研发部加班完成回归测试。');
    await pageA.getByRole('button', { name: '链接协商结果中的表述' }).click();
    await select(pageA, 'result', '上线推迟三天');
    await pageA.getByRole('button', { name: '设为协商结果' }).click();
    await expect(pageA.getByTestId('result-link')).toHaveText('上线推迟三天');
    await pageA.getByRole('button', { name: '达成一致' }).click();
    await expect(pageA.getByTestId('thread-status')).toHaveText('已达成一致');
    await pageA.getByRole('tab', { name: /争议点/ }).click();
    await expect(pageA.getByText('没有未解决的争议点。')).toBeVisible();
    await pageB.getByRole('tab', { name: /争议点/ }).click();
    await expect(pageB.getByText('没有未解决的争议点。')).toBeVisible();
    await expect.poll(() => highlighted(pageB, 'dispute')).toBe('');
  });

  await test.step('a viewer comments through the server and everyone sees it live', async () => {
    const pageC = await signInHere(browser, people.wang);
    await pageC.goto(sheetUrl);
    await expect(pageC.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect.poll(() => highlighted(pageC, 'comment')).toBe('两周测试窗口');
    await select(pageC, 'record', '需要至少');
    const posted = pageC.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST');
    await pageC.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await pageC.getByTestId('new-thread').fill('市场部需要提前知道上线日期');
    await pageC.getByRole('button', { name: '发送' }).click();
    expect((await posted).status()).toBe(201);
    for (const page of [pageA, pageB]) await expect.poll(() => highlighted(page, 'comment')).toBe('需要至少两周测试窗口');
    await pageA.getByRole('tab', { name: '评论', exact: true }).click();
    await expect(pageA.getByTestId('thread-list')).toContainText('市场部需要提前知道上线日期');
    await pageA.getByRole('button', { name: '关闭' }).click();
    await pageA.locator('[data-section="record"]').screenshot({ path: `${screens}/comments-highlights-zh.png` });
    await language(pageA, 'English');
    await pageA.locator('[data-section="record"]').screenshot({ path: `${screens}/comments-highlights-en.png` });
    await language(pageA, '中文');
  });
});
