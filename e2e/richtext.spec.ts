import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { loadConfig } from '../server/env';
import { openStore } from '../server/store';
import { ADMIN, signIn } from './accounts';
import { testServer } from './server';

/**
 * Rich text under the server's schema (GUARD.md V6, V7), in a real Chromium: honest editing with
 * every tool of the toolbar, and paste from Word, is never refused (G8); a page that meets content
 * the schema refuses stops after a few identical refusals instead of looping (issue 17 §3).
 */

const screens = 'test-results/screens';
const VIEWER = { name: '孙分析', email: 'sun.richtext@example.com', password: 'richtext-sun-5', department: '数据部' };
const editor = (page: Page) => page.getByTestId('record-editor').locator('[contenteditable="true"]');
const tool = (page: Page, name: string) => page.getByRole('region', { name: '沟通记录' }).getByRole('button', { name, exact: true });

/** A page as Word puts it on the clipboard: Office namespaces, mso styles, spans, a merged cell, and things no editor keeps. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style>p.MsoNormal{mso-style-parent:"";margin:0cm}</style></head>
<body lang=ZH-CN><!--StartFragment--><p class=MsoNormal style='mso-margin-top-alt:auto'><b><span lang=ZH-CN style='font-family:宋体'>会议结论</span></b><span lang=ZH-CN>：研发部同意排期<o:p></o:p></span></p>
<table class=MsoTableGrid border=1 style='mso-yfti-tbllook:1184'><tr><td colspan=2 style='mso-border-alt:solid'><p class=MsoNormal>跨两列的单元格</p></td></tr><tr><td><p class=MsoNormal>市场部</p></td><td><p class=MsoNormal>王芳</p></td></tr></table>
<p class=MsoNormal><a href="https://example.com/minutes">会议纪要</a> <a href="javascript:alert(1)">坏链接</a></p><img src=x onerror="alert(2)"><script>alert(3)</script><iframe src="https://evil.example"></iframe><!--EndFragment--></body></html>`;

/** Drags across the `from`-th to the `to`-th cell of a kind, as a person selects cells with the mouse. */
async function selectCells(page: Page, cell: 'th' | 'td', from: number, to: number): Promise<void> {
  const cells = page.getByTestId('record-editor').locator(cell);
  const [a, b] = [await cells.nth(from).boundingBox(), await cells.nth(to).boundingBox()];
  await page.mouse.move(a!.x + a!.width / 2, a!.y + a!.height / 2);
  await page.mouse.down();
  await page.mouse.move(b!.x + b!.width / 2, b!.y + b!.height / 2, { steps: 5 });
  await page.mouse.up();
}

async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', data);
    transfer.setData('text/plain', '会议结论');
    document.querySelector('[data-testid="record-editor"] [contenteditable="true"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, html);
}

test('every tool of the toolbar and a paste from Word are accepted by the server, with nothing refused', async ({ browser }) => {
  const page = await signIn(browser, ADMIN);
  const refusals: string[] = [];
  const warnings: string[] = [];
  const missing: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('refus')) refusals.push(m.text());
    if (m.type() === 'warning' || m.type() === 'error') warnings.push(m.text());
  });
  page.on('response', (r) => r.status() === 404 && missing.push(r.url()));
  const { id } = (await (await page.request.post('/api/v1/sheets', { data: { title: '富文本全功能验收' } })).json()) as { id: string };
  await page.goto(`/sheets/${id}`);
  await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');

  await test.step('headings, quote, code block, marks, inline code and a link', async () => {
    await editor(page).click();
    await tool(page, '标题 2').click();
    await page.keyboard.type('测试窗口');
    await page.keyboard.press('Enter');
    await tool(page, '加粗').click();
    await page.keyboard.type('研发部');
    await tool(page, '加粗').click();
    await tool(page, '斜体').click();
    await page.keyboard.type('需要两周');
    await tool(page, '斜体').click();
    await tool(page, '行内代码').click();
    await page.keyboard.type('npm test');
    await tool(page, '行内代码').click();
    await page.keyboard.press('Enter');
    await page.keyboard.type('方案链接');
    await page.keyboard.press('Shift+Home');
    page.once('dialog', (d) => void d.accept('https://example.com/plan'));
    await tool(page, '链接').click();
    await expect(page.getByTestId('record-editor').locator('a[href="https://example.com/plan"]')).toHaveText('方案链接');
    // The editor takes focus back after the prompt, with the caret after the link.
    await expect(editor(page)).toBeFocused();
    await page.keyboard.press('Enter');
    await tool(page, '标题 3').click();
    await page.keyboard.type('小标题');
    await page.keyboard.press('Enter');
    await tool(page, '引用').click();
    await page.keyboard.type('客服部诉求');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, '代码块').click();
    await page.keyboard.type('const window = 14;');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
  });

  await test.step('lists', async () => {
    await tool(page, '无序列表').click();
    await page.keyboard.type('用户画像');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await tool(page, '有序列表').click();
    await page.keyboard.type('数据分析');
    await page.keyboard.press('Enter');
    // The list numbers the item itself: "2. " typed out of habit is not kept as text.
    await page.keyboard.type('2. 接口联调');
    await expect(page.getByTestId('record-editor').locator('ol > li').nth(1)).toHaveText('接口联调');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
  });

  await test.step('a table: rows, columns, merged and split cells', async () => {
    await tool(page, '插入表格').click();
    await page.keyboard.type('部门');
    await tool(page, '加列').click();
    await tool(page, '加行').click();
    // Two header cells selected (dragged across, as with a mouse), then merged into one.
    await selectCells(page, 'th', 0, 1);
    await tool(page, '合并单元格').click();
    await expect(page.getByTestId('record-editor').locator('th[colspan="2"]')).toHaveCount(1);
    await tool(page, '拆分单元格').click();
    await expect(page.getByTestId('record-editor').locator('th[colspan="2"]')).toHaveCount(0);
    await selectCells(page, 'th', 0, 1);
    await tool(page, '合并单元格').click();
    await expect(page.getByTestId('record-editor').locator('th[colspan="2"]')).toHaveCount(1);
  });

  await test.step('a paste from Word keeps its text, bold, table and safe link, and drops the rest', async () => {
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await pasteHtml(page, WORD_HTML);
    await expect(page.getByTestId('record-editor')).toContainText('跨两列的单元格');
    await expect(page.getByTestId('record-editor').locator('a[href="https://example.com/minutes"]')).toHaveCount(1);
  });

  await test.step('the server kept all of it, refused nothing, and stays connected', async () => {
    await expect(page.getByTestId('unsynced')).toHaveText('已全部保存');
    await expect(page.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(page.getByTestId('refusal')).toHaveCount(0);
    expect(refusals).toEqual([]);
    // Eight editors on one page, one link extension each: no "linkifyjs: already initialized"; and a favicon, no 404.
    expect(warnings.filter((w) => w.includes('linkify'))).toEqual([]);
    expect(missing).toEqual([]);
    const { json } = (await (await page.request.get(`/api/v1/sheets/${id}/sections/record`)).json()) as { json: { omitted?: number } };
    const stored = JSON.stringify(json);
    expect(json.omitted).toBeUndefined();
    for (const kind of ['"heading"', '"blockquote"', '"codeBlock"', '"bulletList"', '"orderedList"', '"table"', '"colspan":2', '"bold"', '"italic"', '"code"', 'https://example.com/plan', 'https://example.com/minutes', '会议结论', '跨两列的单元格']) {
      expect(stored, kind).toContain(kind);
    }
    expect(stored).not.toMatch(/javascript:|onerror|alert\(|iframe|"img"/);
    await page.screenshot({ path: `${screens}/richtext-desktop.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${screens}/richtext-390.png`, fullPage: true });
  });

  await test.step('the print view shows it with a button that opens the print dialog', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/sheets/${id}/print`);
    await expect(page.getByTestId('print-view')).toContainText('跨两列的单元格');
    await page.evaluate(() => {
      window.print = () => document.body.setAttribute('data-printed', 'yes');
    });
    await page.getByTestId('print').click();
    await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');
    await page.screenshot({ path: `${screens}/print-view.png` });
  });
});

test('a page meeting content the schema refuses stops after three identical refusals and says why; after a repair it goes live', async ({ browser }) => {
  const admin = await signIn(browser, ADMIN);
  expect((await admin.request.post('/api/v1/users', { data: VIEWER })).status()).toBe(201);
  const { id } = (await (await admin.request.post('/api/v1/sheets', { data: { title: '旧格式内容的协调表' } })).json()) as { id: string };
  expect((await admin.request.post(`/api/v1/sheets/${id}/members`, { data: { email: VIEWER.email, role: 'viewer' } })).ok()).toBe(true);

  await test.step('an element an older server accepted is put into the store (nobody has the sheet open)', async () => {
    const store = await openStore(loadConfig({ DATA_DIR: testServer().dataDir }));
    const stored = await store.updates.load(id);
    const doc = new Y.Doc();
    for (const part of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, part);
    const before = Y.encodeStateVector(doc);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('可以显示的内容')]);
    const unknown = new Y.XmlElement('marquee');
    unknown.insert(0, [new Y.XmlText('旧编辑器写入的元素')]);
    doc.getXmlFragment('record').insert(0, [p, unknown]);
    await store.updates.append(id, [Y.encodeStateAsUpdate(doc, before)]);
    await store.close();
  });

  const viewer = await signIn(browser, VIEWER);
  await test.step('the viewer’s editor removes the element, the server refuses it, and the page halts instead of looping', async () => {
    await viewer.goto(`/sheets/${id}`);
    await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'halted');
    await expect(viewer.getByTestId('halted')).toContainText('连续 3 次');
    await expect(viewer.getByTestId('refusal')).toHaveAttribute('data-reason', 'forbiddenSection');
    // The viewer typed nothing: nothing to give back, and no endless "comparing".
    await expect(viewer.getByTestId('refusal')).toContainText('没有需要找回的文字');
    await expect(viewer.getByTestId('record-static')).toContainText('可以显示的内容');
    await expect(viewer.getByTestId('record-static-omitted')).toBeVisible();
    await viewer.screenshot({ path: `${screens}/richtext-halted.png`, fullPage: true });
  });

  await test.step('an administrator repairs the sheet; the viewer reconnects and the page goes live', async () => {
    const res = await admin.request.post(`/api/v1/sheets/${id}/repair`);
    expect(res.status()).toBe(200);
    expect(((await res.json()) as { removed: Record<string, { nodes: number }> }).removed.record.nodes).toBe(1);
    await viewer.getByTestId('resume').click();
    await expect(viewer.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(viewer.getByTestId('record-editor')).toContainText('可以显示的内容');
    await expect(viewer.getByTestId('record-editor')).not.toContainText('旧编辑器写入的元素');
  });
});
