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
  zhao: { name: '赵法务', email: 'zhao@comments.example.com', password: 'comments-zhao-4', department: '法务部' },
};
const screens = 'test-results/screens';
let server: ChildProcess | null = null;
let dataDir = '';
let baseURL = '';
/** A sheet archived with a comment and an agreed disputed point (e2e/fixtures/archived-sheet.ts). */
let archivedId = '';

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
  for (const [key, p] of Object.entries(people)) {
    execFileSync(tsx, ['server/cli.ts', 'user', 'add', '--email', p.email, '--name', p.name, '--password', p.password, '--department', p.department, ...(key === 'zhang' ? ['--admin'] : [])], { env, stdio: 'pipe' });
  }
  archivedId = execFileSync(tsx, ['e2e/fixtures/archived-sheet.ts', people.zhang.email, '已归档的测试资源协调'], { env, encoding: 'utf8' }).trim();
  server = spawn(tsx, ['server/main.ts'], { env, stdio: 'ignore' });
  await expect(async () => expect((await fetch(`${baseURL}/api/auth/providers`)).ok).toBe(true)).toPass({ timeout: 90_000 });
});

test.afterAll(() => {
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});


const editor = (page: Page, section: string) => page.getByTestId(`${section}-editor`).locator('.ProseMirror');

/**
 * Selects in a section's editor from the start of `from` to the end of `to` (by default the end of
 * `from`), each the first occurrence within one text node, as a person dragging over it would.
 */
async function select(page: Page, section: string, from: string, to = from): Promise<void> {
  await editor(page, section).evaluate(
    (root, [first, last]) => {
      const find = (wanted: string) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = node.textContent!.indexOf(wanted);
          if (at >= 0) return { node, at };
        }
        throw new Error(`no “${wanted}” in the editor`);
      };
      const start = find(first);
      const end = find(last);
      start.node.parentElement!.scrollIntoView({ block: 'center' });
      const range = document.createRange();
      range.setStart(start.node, start.at);
      range.setEnd(end.node, end.at + last.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    [from, to],
  );
}

/** Puts the caret of a section's editor right before (or after) the first occurrence of `text`, as a click there would. */
async function caretAt(page: Page, section: string, text: string, side: 'before' | 'after'): Promise<void> {
  await editor(page, section).evaluate(
    (root, [wanted, where]) => {
      (root as HTMLElement).focus();
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(wanted);
        if (at < 0) continue;
        window.getSelection()!.collapse(node, where === 'before' ? at : at + wanted.length);
        return;
      }
      throw new Error(`no “${wanted}” in the editor`);
    },
    [text, side],
  );
}

/** The text a thread's highlight covers in a section, a new line between paragraphs or cells, without others' carets. */
const highlightOf = (page: Page, section: string, threadId: string) =>
  editor(page, section).evaluate((root, id) => {
    let text = '';
    let block: Element | null = null;
    for (const el of Array.from(root.querySelectorAll(`.comment-of-${id}`))) {
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      const here = el.closest('p, li, td, th');
      if (block && here !== block) text += '\n';
      block = here;
      text += copy.textContent ?? '';
    }
    return text;
  }, threadId);

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

/** The text of a section's editor, without the carets of others drawn inside it. */
const textOf = (page: Page, section: string) =>
  editor(page, section).evaluate((root) => {
    const copy = root.cloneNode(true) as HTMLElement;
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

  await test.step('one comments on a phrase while the other edits around it: the highlight stays on the phrase', async () => {
    // The anchor is taken when the comment is started; the other person edits before it is sent.
    await select(pageA, 'record', '两周测试窗口');
    await pageA.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await caretAt(pageB, 'record', '两周测试窗口', 'before');
    await pageB.keyboard.type('至少');
    await caretAt(pageB, 'record', '两周测试窗口', 'after');
    await pageB.keyboard.type('（含回归）');
    await pageA.getByTestId('new-thread').fill('两周太长，@研发');
    await pageA.getByRole('option', { name: /@研发部/ }).click();
    await pageA.getByRole('button', { name: '发送' }).click();
    await expect(pageA.getByTestId('thread')).toContainText('两周太长，@研发部');
    const threadId = (await pageA.getByTestId('thread').getAttribute('data-thread-id'))!;
    for (const page of [pageA, pageB]) {
      await expect.poll(() => firstParagraph(page)).toBe('客服部诉求：需要至少两周测试窗口（含回归）。');
      await expect.poll(() => highlightOf(page, 'record', threadId)).toBe('两周测试窗口');
    }

    // And once it exists: a word replaced right before it, more typed right after it.
    await caretAt(pageB, 'record', '两周测试窗口', 'before');
    for (let i = 0; i < '至少'.length; i++) await pageB.keyboard.press('Backspace');
    await pageB.keyboard.type('最少');
    await caretAt(pageB, 'record', '两周测试窗口', 'after');
    await pageB.keyboard.type('期');
    for (const page of [pageA, pageB]) {
      await expect.poll(() => firstParagraph(page)).toBe('客服部诉求：需要最少两周测试窗口期（含回归）。');
      await expect.poll(() => highlightOf(page, 'record', threadId)).toBe('两周测试窗口');
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
    // A position's department starts empty: the writer names whose position it is.
    await expect(pageB.getByLabel('部门', { exact: true })).toHaveValue('');
    await pageB.getByLabel('部门', { exact: true }).fill('研发部');
    await pageB.getByLabel('诉求', { exact: true }).fill('推迟一周，完成回归测试');
    await pageB.getByRole('button', { name: '添加诉求' }).click();
    await expect(pageB.getByTestId('thread-positions')).toContainText('研发部');
    await expect.poll(() => highlighted(pageA, 'dispute')).toBe('上线日期是否推迟一周');

    await pageA.getByTestId('discussion-button').click();
    const disputes = pageA.getByTestId('disputes-list');
    await expect(disputes).toContainText('上线是否推迟一周？');
    await expect(disputes).toContainText('研发部');
    // A click on the point shows its words in the text, wherever the page was.
    await pageA.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await expect(editor(pageA, 'record').locator('.comment-hl--dispute')).not.toBeInViewport();
    await disputes.getByRole('button').first().click();
    await expect(editor(pageA, 'record').locator('.comment-hl--dispute')).toBeInViewport();
    await pageA.getByLabel('部门', { exact: true }).fill('客户服务部');
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
    // A disputed point is open: the 争议点 tab is the one lit, not 评论.
    await expect(pageA.getByRole('tab', { name: /争议点/ })).toHaveAttribute('aria-selected', 'true');
    await expect(pageA.getByRole('tab', { name: '评论', exact: true })).toHaveAttribute('aria-selected', 'false');
    await pageA.getByRole('button', { name: '达成一致' }).click();
    await expect(pageA.getByTestId('thread-status')).toHaveText('已达成一致');
    await pageA.getByRole('tab', { name: /争议点/ }).click();
    await expect(pageA.getByText('没有仍未解决的争议点。')).toBeVisible();
    await pageB.getByRole('tab', { name: /争议点/ }).click();
    await expect(pageB.getByText('没有仍未解决的争议点。')).toBeVisible();
    await expect.poll(() => highlighted(pageB, 'dispute')).toBe('');

    // Agreed, it can be kept off share links; everyone sees that it is.
    await pageB.getByTestId('disputes-list').waitFor({ state: 'detached' });
    await pageA.getByRole('tab', { name: '评论', exact: true }).click();
    await pageA.getByLabel('筛选').selectOption('resolved');
    await pageA.getByTestId('thread-list').getByRole('button', { name: /上线是否推迟一周？/ }).click();
    await pageA.getByRole('checkbox', { name: '仅成员可见（不在分享链接中显示）' }).check();
    await expect(pageA.getByTestId('thread').locator('.thread__private')).toHaveText('仅成员可见');
    await pageB.getByRole('tab', { name: '评论', exact: true }).click();
    await pageB.getByLabel('筛选').selectOption('resolved');
    await expect(pageB.getByTestId('thread-list')).toContainText('仅成员可见');
    for (const page of [pageA, pageB]) {
      await page.getByRole('tab', { name: '评论', exact: true }).click();
      await page.getByLabel('筛选').selectOption('open');
    }
  });

  await test.step('a viewer comments through the server and everyone sees it live', async () => {
    const pageC = await signInHere(browser, people.wang);
    await pageC.goto(sheetUrl);
    await expect(pageC.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect.poll(() => highlighted(pageC, 'comment')).toBe('两周测试窗口');
    await select(pageC, 'record', '需要最少');
    const posted = pageC.waitForResponse((r) => r.url().endsWith('/comments') && r.request().method() === 'POST');
    await pageC.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await pageC.getByTestId('new-thread').fill('市场部需要提前知道上线日期');
    await pageC.getByRole('button', { name: '发送' }).click();
    expect((await posted).status()).toBe(201);
    for (const page of [pageA, pageB]) await expect.poll(() => highlighted(page, 'comment')).toBe('需要最少两周测试窗口');
    await pageA.getByRole('tab', { name: '评论', exact: true }).click();
    await expect(pageA.getByTestId('thread-list')).toContainText('市场部需要提前知道上线日期');

    // The viewer's own words and thread are theirs to change, through the server too.
    const own = pageC.getByTestId('thread-messages').locator('li').first();
    await own.getByRole('button', { name: '编辑' }).click();
    await own.getByRole('combobox').fill('市场部需要提前一周知道上线日期');
    await own.getByRole('button', { name: '保存' }).click();
    await expect(pageA.getByTestId('thread-list')).toContainText('市场部需要提前一周知道上线日期');
    await pageC.getByRole('button', { name: '标记为已解决' }).click();
    await expect(pageC.getByTestId('thread-status')).toHaveText('已解决');
    await expect(pageA.getByTestId('thread-list')).not.toContainText('市场部需要提前一周知道上线日期');
    await pageC.getByRole('button', { name: '重新打开' }).click();
    await expect(pageA.getByTestId('thread-list')).toContainText('市场部需要提前一周知道上线日期');
    await pageA.getByRole('button', { name: '关闭' }).click();
    await pageA.locator('[data-section="record"]').screenshot({ path: `${screens}/comments-highlights-zh.png` });
    await language(pageA, 'English');
    await pageA.locator('[data-section="record"]').screenshot({ path: `${screens}/comments-highlights-en.png` });
    await language(pageA, '中文');
  });
});

test('anchors hold at the edges of paragraphs, across them and in a table; a commenter comments in a locked section and on a task, mentions a department, resolves, reopens and deletes their own thread', async ({ browser }) => {
  test.setTimeout(300_000);
  const pageA = await signInHere(browser, people.zhang);
  const made = await pageA.request.post('/api/v1/sheets', { data: { title: `评论锚点与任务 ${Date.now().toString(36)}` } });
  expect(made.status()).toBe(201);
  const { id } = (await made.json()) as { id: string };
  for (const [person, role] of [[people.li, 'editor'], [people.zhao, 'commenter']] as const) {
    expect((await pageA.request.post(`/api/v1/sheets/${id}/members`, { data: { email: person.email, role } })).ok()).toBe(true);
  }
  await pageA.goto(`/sheets/${id}`);
  await expect(pageA.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await editor(pageA, 'record').click();
  await pageA.keyboard.type('开头的词在这里。');
  await pageA.keyboard.press('Enter');
  await pageA.keyboard.type('第二段以结尾词');
  await pageA.keyboard.press('Enter');
  await pageA.locator('[data-section="record"]').getByRole('button', { name: '插入表格' }).click();
  for (const cell of ['部门', '诉求', '备注', '研发部', '单元格文字']) {
    await pageA.keyboard.type(cell);
    await pageA.keyboard.press('Tab');
  }
  const pageB = await signInHere(browser, people.li);
  await pageB.goto(`/sheets/${id}`);
  await expect(pageB.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect(editor(pageB, 'record')).toContainText('单元格文字');

  const threads: Record<string, string> = {};
  /** Comments on a selection through the buttons over it; the new thread must not show as detached. */
  const comment = async (page: Page, text: string, from: string, to?: string) => {
    await select(page, 'record', from, to);
    await page.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await page.getByTestId('new-thread').fill(text);
    await page.getByRole('button', { name: '发送' }).click();
    const thread = page.getByTestId('thread');
    await expect(thread).toContainText(text);
    await expect(thread).not.toContainText('原文已删除');
    await expect(thread.getByRole('button', { name: '定位到原文' })).toBeVisible();
    threads[text] = (await thread.getAttribute('data-thread-id'))!;
  };

  await test.step('comments on the first words of the section, a paragraph’s last words, two paragraphs and a table cell stay on their words while the other types around them', async () => {
    await comment(pageA, '开头', '开头的词');
    await comment(pageA, '结尾', '结尾词');
    await comment(pageA, '跨段', '这里。', '第二段');
    await comment(pageA, '单元格', '单元格文字');
    const expected = { 开头: '开头的词', 结尾: '结尾词', 跨段: '这里。\n第二段', 单元格: '单元格文字' };
    for (const page of [pageA, pageB]) {
      for (const [text, words] of Object.entries(expected)) await expect.poll(() => highlightOf(page, 'record', threads[text])).toBe(words);
    }
    await caretAt(pageB, 'record', '开头的词', 'before');
    await pageB.keyboard.type('【注】');
    await caretAt(pageB, 'record', '结尾词', 'after');
    await pageB.keyboard.type('。');
    await caretAt(pageB, 'record', '单元格文字', 'before');
    await pageB.keyboard.type('（右）');
    await caretAt(pageB, 'record', '这里。', 'before');
    await pageB.keyboard.type('就在');
    await expect.poll(() => textOf(pageA, 'record')).toContain('【注】开头的词在就在这里。');
    await expect.poll(() => textOf(pageA, 'record')).toContain('第二段以结尾词。');
    await expect.poll(() => textOf(pageA, 'record')).toContain('（右）单元格文字');
    for (const page of [pageA, pageB]) {
      for (const [text, words] of Object.entries(expected)) await expect.poll(() => highlightOf(page, 'record', threads[text])).toBe(words);
    }
    await pageA.locator('[data-section="record"]').screenshot({ path: `${screens}/comments-anchors-zh.png` });

    // Deleting the words of a thread leaves it readable, marked as detached, for everyone.
    await select(pageB, 'record', '结尾词');
    await pageB.keyboard.press('Backspace');
    await expect.poll(() => textOf(pageA, 'record')).toContain('第二段以。');
    await expect.poll(() => highlightOf(pageA, 'record', threads['结尾'])).toBe('');
    await pageA.getByTestId('comment-count-record').click();
    const card = pageA.getByTestId('thread-list').getByRole('button', { name: /结尾/ });
    await expect(card).toContainText('原文已删除');
    await card.click();
    await expect(pageA.getByTestId('thread')).toContainText('原文已删除结尾词');
    await expect(pageA.getByTestId('thread').getByRole('button', { name: '定位到原文' })).toHaveCount(0);
    await pageA.getByRole('button', { name: '关闭' }).click();
  });

  const pageC = await signInHere(browser, people.zhao);
  await test.step('in the locked 沟通记录 a commenter comments, mentioning a department, and resolves and reopens their own thread', async () => {
    expect((await pageA.request.put(`/api/v1/sheets/${id}/locks/record`, { data: { reason: '已达成一致' } })).ok()).toBe(true);
    await pageC.goto(`/sheets/${id}`);
    await expect(pageC.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(editor(pageC, 'record')).toHaveAttribute('contenteditable', 'false');
    await expect(editor(pageB, 'record')).toHaveAttribute('contenteditable', 'false');
    await select(pageC, 'record', '诉求');
    await pageC.getByRole('toolbar', { name: '对选中的文字' }).getByRole('button', { name: '评论', exact: true }).click();
    await pageC.getByTestId('new-thread').fill('此列请写明期限，@研发');
    await pageC.getByRole('option', { name: /@研发部/ }).click();
    await pageC.getByRole('button', { name: '发送' }).click();
    const thread = pageC.getByTestId('thread');
    await expect(thread).toContainText('此列请写明期限，@研发部');
    threads['法务'] = (await thread.getAttribute('data-thread-id'))!;
    await expect.poll(() => highlightOf(pageB, 'record', threads['法务'])).toBe('诉求');

    await thread.getByRole('button', { name: '标记为已解决' }).click();
    await expect(thread.getByTestId('thread-status')).toHaveText('已解决');
    await thread.getByRole('button', { name: '重新打开' }).click();
    await expect(thread.getByTestId('thread-status')).toHaveText('仍未解决');
    // A commenter does not change others' threads.
    await pageC.getByRole('button', { name: '返回列表' }).click();
    await pageC.getByTestId('thread-list').getByRole('button', { name: /开头/ }).click();
    await expect(pageC.getByTestId('thread')).toContainText('开头');
    await expect(pageC.getByRole('button', { name: '标记为已解决' })).toHaveCount(0);
    await expect(pageC.getByRole('button', { name: '删除讨论' })).toHaveCount(0);
    await pageC.getByRole('button', { name: '返回列表' }).click();
    await pageC.getByTestId('thread-list').getByRole('button', { name: /此列请写明期限/ }).click();
    await expect(pageC.getByRole('button', { name: '删除讨论' })).toBeVisible();
  });

  await test.step('the person of the mentioned department finds it under “mentioning me or my department”, answers, edits and deletes the answer', async () => {
    await pageB.getByTestId('discussion-button').click();
    await pageB.getByRole('tab', { name: '评论', exact: true }).click();
    await pageB.getByLabel('筛选').selectOption('mentions');
    const list = pageB.getByTestId('thread-list');
    await expect(list.getByRole('button')).toHaveCount(1);
    await expect(list).toContainText('此列请写明期限');
    // Only what the filter shows is coloured in the text.
    await expect.poll(() => highlighted(pageB, 'comment')).toBe('诉求');
    await expect(pageB.getByTestId('comment-count-record')).toContainText('1');
    await list.getByRole('button').click();
    await pageB.getByTestId('reply').fill('收到');
    await pageB.getByRole('button', { name: '回复', exact: true }).click();
    const messages = pageC.getByTestId('thread-messages');
    await expect(messages).toContainText('收到');
    // While someone else's words are in it, its author cannot delete the thread.
    await expect(pageC.getByRole('button', { name: '删除讨论' })).toHaveCount(0);

    const answer = pageB.getByTestId('thread-messages').locator('li').nth(1);
    await expect(answer).toContainText('收到');
    await expect(pageB.getByTestId('thread-messages').locator('li').first().getByRole('button', { name: '编辑' })).toHaveCount(0);
    await answer.getByRole('button', { name: '编辑' }).click();
    await answer.getByRole('combobox').fill('收到，周五前补上期限');
    await answer.getByRole('button', { name: '保存' }).click();
    await expect(messages.locator('li').nth(1)).toContainText('（已编辑）收到，周五前补上期限');
    await answer.getByRole('button', { name: '删除', exact: true }).click();
    await expect(messages).not.toContainText('收到');
  });

  await test.step('with only their own words left, the commenter deletes the thread for everyone', async () => {
    await pageC.getByRole('button', { name: '删除讨论' }).click();
    await pageC.getByRole('group', { name: '删除讨论' }).getByRole('button', { name: '确认删除' }).click();
    await expect(pageC.getByTestId('thread')).toHaveCount(0);
    await expect(pageB.getByTestId('thread')).toHaveCount(0);
    await expect.poll(() => highlightOf(pageA, 'record', threads['法务'])).toBe('');
  });

  await test.step('a task row has its own threads: the commenter asks on it, the others see its count and the row’s list', async () => {
    await pageA.locator('[data-section="tasks"]').getByRole('button', { name: /添加任务/ }).click();
    await pageA.getByLabel('第 1 项任务 · 任务').fill('准备测试环境');
    await pageC.getByRole('button', { name: '评论任务 1' }).click();
    await expect(pageC.getByTestId('comments-panel')).toContainText('责任部门/人 + 完成时限 · 任务 1');
    await pageC.getByTestId('new-thread').fill('测试环境由谁负责？');
    await pageC.getByRole('button', { name: '发送' }).click();
    await expect(pageC.getByTestId('thread')).toContainText('测试环境由谁负责？');
    const rowButton = pageA.getByRole('button', { name: '评论任务 1' });
    await expect(rowButton).toHaveText('1');
    await expect(pageA.getByTestId('comment-count-tasks')).toContainText('1');
    await rowButton.click();
    await expect(pageA.getByTestId('thread-list')).toContainText('测试环境由谁负责？');
    await expect(pageA.getByRole('button', { name: '评论此任务' })).toBeVisible();
    await pageA.getByTestId('thread-list').getByRole('button').click();
    await pageA.getByTestId('reply').fill('研发部李研发负责');
    await pageA.getByRole('button', { name: '回复', exact: true }).click();
    await expect(pageC.getByTestId('thread-messages')).toContainText('研发部李研发负责');
    await pageA.locator('[data-row-id]').first().scrollIntoViewIfNeeded();
    await pageA.screenshot({ path: `${screens}/comments-task-zh.png` });
    await language(pageA, 'English');
    await expect(pageA.getByTestId('thread')).toContainText('Responsibilities and deadlines · Task 1');
    await pageA.screenshot({ path: `${screens}/comments-task-en.png` });
    await language(pageA, '中文');
    await pageA.setViewportSize({ width: 1440, height: 900 });
    await pageA.screenshot({ path: `${screens}/comments-task-1440-zh.png` });

    // The row deleted, its thread stays readable and says so.
    await pageA.getByRole('button', { name: '删除 第 1 项任务' }).click();
    await expect(pageC.getByTestId('thread')).toContainText('责任部门/人 + 完成时限 · 任务已删除');
    await expect(pageC.getByTestId('thread-messages')).toContainText('研发部李研发负责');
    await expect(pageC.getByTestId('thread').getByRole('button', { name: /定位到原文/ })).toHaveCount(0);
  });
});

test('a disputed point is started from the 争议点 tab without selecting text; a position names a party of the sheet, not the writer\'s department', async ({ browser }) => {
  const page = await signInHere(browser, people.zhang);
  const made = await page.request.post('/api/v1/sheets', { data: { title: `无选区争议点 ${Date.now().toString(36)}` } });
  const { id } = (await made.json()) as { id: string };
  await page.goto(`/sheets/${id}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await page.getByRole('button', { name: '+ 添加接收部门' }).click();
  await page.getByRole('textbox', { name: '第 1 个接收部门 · 部门' }).fill('法务部');

  await page.getByTestId('discussion-button').click();
  const panel = page.getByTestId('comments-panel');
  await panel.getByRole('button', { name: '新争议点' }).click();
  await expect(panel.getByLabel('涉及部分')).toHaveValue('record');
  await panel.getByLabel('涉及部分').selectOption('goal');
  await page.getByTestId('new-thread').fill('合同审查是否需要法务部参与？');
  await panel.getByRole('button', { name: '发送' }).click();
  const thread = page.getByTestId('thread');
  await expect(thread).toContainText('合同审查是否需要法务部参与？');
  await expect(thread).toContainText('核心目标');
  await expect(thread).not.toContainText('原文已删除');

  const dept = thread.getByLabel('部门', { exact: true });
  await expect(dept).toHaveValue('');
  await expect(thread.locator('datalist option[value="法务部"]')).toHaveCount(1);
  await dept.fill('法务部');
  await thread.getByLabel('诉求', { exact: true }).fill('需要法务部审查后再签');
  await thread.getByRole('button', { name: '添加诉求' }).click();
  await expect(thread.getByTestId('thread-positions')).toContainText('法务部');
  await expect(thread.getByTestId('thread-positions')).not.toContainText('客户服务部');

  await panel.getByRole('tab', { name: /争议点/ }).click();
  await expect(panel.getByTestId('disputes-list')).toContainText('合同审查是否需要法务部参与？');
  await expect(panel.getByTestId('disputes-list').locator('.dept-chip')).toHaveText(['法务部']);
  await page.screenshot({ path: `${screens}/dispute-new-zh.png` });
  await language(page, 'English');
  await expect(panel.getByRole('button', { name: 'New disputed point' })).toBeVisible();
  await page.screenshot({ path: `${screens}/dispute-new-en.png` });
  await language(page, '中文');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${screens}/dispute-new-390.png` });
});

test('on an archived sheet the comments and disputed points stay readable, and nothing can be written', async ({ browser }) => {
  const page = await signInHere(browser, people.zhang);
  await page.goto(`/sheets/${archivedId}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  await expect.poll(() => highlighted(page, 'comment')).toBe('研发部诉求');
  await page.getByTestId('comment-count-record').click();
  const panel = page.getByTestId('comments-panel');
  await expect(panel).toContainText('协调表已归档，评论只读。');
  await panel.getByTestId('thread-list').getByRole('button', { name: /窗口期已与研发确认/ }).click();
  await expect(page.getByTestId('thread')).toContainText('窗口期已与研发确认');
  await expect(panel.getByRole('textbox')).toHaveCount(0);
  await expect(panel.getByRole('combobox', { name: /回复/ })).toHaveCount(0);
  for (const name of ['标记为已解决', '编辑', '删除', '删除讨论']) await expect(panel.getByRole('button', { name, exact: true })).toHaveCount(0);

  await page.getByRole('button', { name: '返回列表' }).click();
  await page.getByLabel('筛选').selectOption('all');
  await expect.poll(() => highlighted(page, 'dispute')).toBe('两周测试窗口');
  await panel.getByTestId('thread-list').getByRole('button', { name: /测试窗口是否需要两周？/ }).click();
  await expect(page.getByTestId('thread-status')).toHaveText('已达成一致');
  await expect(page.getByTestId('thread-positions')).toContainText('十天即可');
  await expect(panel.getByRole('button', { name: /添加|重新打开|链接/ })).toHaveCount(0);
  await select(page, 'record', '两周测试窗口');
  await expect(page.getByRole('toolbar', { name: '对选中的文字' })).toHaveCount(0);
  await page.screenshot({ path: `${screens}/comments-archived-zh.png` });
});
