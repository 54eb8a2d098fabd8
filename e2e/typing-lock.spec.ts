import { expect, test, type Page } from '@playwright/test';
import { ADMIN, SECOND, signIn } from './accounts';

// Issue 13 §1: nothing typed is lost at a lock. Whenever the facilitator locks a section while
// someone types in it, every character the typist's page held and the server refused is offered
// back to them (kept in the browser, to copy or to propose as a comment), and the facilitator is
// told someone is typing before the lock applies.

const screens = 'test-results/screens';
const editor = (page: Page, section: string) => page.getByTestId(`${section}-editor`).locator('.ProseMirror');
const section = (page: Page, name: string) => page.locator(`[data-section="${name}"]`);

/** Records, in the page, the longest text a section's editor ever held: what the typist's page had before any refusal. */
async function watchLongest(page: Page, name: string): Promise<void> {
  await page.evaluate((name) => {
    const w = window as unknown as { longest: Record<string, string> };
    w.longest ??= {};
    w.longest[name] = '';
    const look = () => {
      const el = document.querySelector(`[data-testid="${name}-editor"] .ProseMirror`);
      if (!el) return;
      const copy = el.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
      const text = copy.textContent ?? '';
      if (text.length > w.longest[name].length) w.longest[name] = text;
    };
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, name);
}

const longest = (page: Page, name: string) => page.evaluate((name) => (window as unknown as { longest: Record<string, string> }).longest[name], name);

test('a lock landing while someone types: every refused character is offered back, kept across a reload, and can become a comment', async ({ browser }) => {
  const facilitator = await signIn(browser, ADMIN);
  const { id } = (await (await facilitator.request.post('/api/v1/sheets', { data: { title: '锁定时正在输入' } })).json()) as { id: string };
  const api = `/api/v1/sheets/${id}`;
  expect((await facilitator.request.post(`${api}/members`, { data: { email: SECOND.email, role: 'editor' } })).ok()).toBe(true);
  const typist = await signIn(browser, SECOND);
  await typist.goto(`/sheets/${id}`);
  await expect(typist.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
  const kept = async (name: string) => ((await (await facilitator.request.get(`${api}/sections/${name}`)).json()) as { text: string }).text.replace(/\n/g, '');
  const offered = async () => ((await typist.getByTestId('refused-text').count()) ? await typist.getByTestId('refused-text').inputValue() : '');

  // Three moments: at once, mid-sentence, near the end. The sentence is typed steadily throughout.
  for (const [name, after] of [
    ['background', 150],
    ['goal', 700],
    ['result', 1500],
  ] as const) {
    await test.step(`locked ${after} ms into typing in ${name}: what the server kept and what was offered back make the whole of what was typed`, async () => {
      const sentence = `${name}：客服部需要两周测试窗口，研发部认为一周即可，最终折中为十天并由研发部提供两名测试人员。`;
      await watchLongest(typist, name);
      await editor(typist, name).click();
      const typing = typist.keyboard.type(sentence, { delay: 25 });
      await new Promise((resolve) => setTimeout(resolve, after));
      expect((await facilitator.request.put(`${api}/locks/${name}`, { data: { mode: 'hard' } })).ok()).toBe(true);
      await typing;
      await expect(section(typist, name).getByTestId('lock-note')).toBeVisible();
      await expect(typist.getByTestId('connection')).toHaveAttribute('data-unsynced', '0');
      // A refusal, if there was one, has been worked out.
      await expect(typist.getByText('正在与服务器比对…')).toHaveCount(0);
      const held = await longest(typist, name);
      expect(held.length).toBeGreaterThan(0);
      expect(sentence.startsWith(held)).toBe(true);
      expect((await kept(name)) + (await offered()).replace(/\n/g, '')).toBe(held);
      if (await typist.getByTestId('refusal').count()) await typist.getByRole('button', { name: '知道了' }).click();
    });
  }

  await test.step('text typed offline into a section locked meanwhile comes back, survives a reload, and is proposed as a comment there', async () => {
    await editor(typist, 'notes').click();
    await typist.context().setOffline(true);
    await expect(typist.getByTestId('connection')).toHaveAttribute('data-status', 'offline');
    await typist.keyboard.type('离线时补充：测试环境需要提前一天准备。');
    expect((await facilitator.request.put(`${api}/locks/notes`, { data: { mode: 'hard', reason: '已确认' } })).ok()).toBe(true);
    await typist.context().setOffline(false);
    await expect(typist.getByTestId('refusal')).toHaveAttribute('data-reason', 'locked');
    await expect(typist.getByTestId('refused-text')).toHaveValue('离线时补充：测试环境需要提前一天准备。');
    expect(await kept('notes')).toBe('');

    await typist.reload();
    await expect(typist.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(typist.getByTestId('refused-text')).toHaveValue('离线时补充：测试环境需要提前一天准备。');
    await typist.screenshot({ path: `${screens}/refused-kept-zh.png` });
    await typist.getByTestId('propose-refused').click();
    await expect(typist.getByTestId('refusal')).toHaveCount(0);
    const comments = (await (await facilitator.request.get(api)).json()) as { comments: Record<string, { section: string; messages: Array<{ text: string }> }> };
    expect(Object.values(comments.comments).some((c) => c.section === 'notes' && c.messages[0].text === '离线时补充：测试环境需要提前一天准备。')).toBe(true);
    // Dealt with: a reload shows nothing more.
    await typist.reload();
    await expect(typist.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await expect(typist.getByTestId('refusal')).toHaveCount(0);
  });

  await test.step('the facilitator is told someone is typing, waits for them, and the lock then lands with nothing refused', async () => {
    await facilitator.goto(`/sheets/${id}`);
    await expect(facilitator.getByTestId('connection')).toHaveAttribute('data-status', 'connected');
    await editor(typist, 'record').click();
    const sentence = '沟通记录：研发部同意在下周一前给出测试排期，客服部负责准备回归用例。';
    const typing = typist.keyboard.type(sentence, { delay: 60 });
    await expect(section(facilitator, 'record').locator('.avatar.is-typing')).toBeVisible();
    await section(facilitator, 'record').getByRole('button', { name: '锁定「沟通记录」' }).click();
    await section(facilitator, 'record').getByRole('button', { name: '确认锁定' }).click();
    const asked = section(facilitator, 'record').getByTestId('lock-hold');
    await expect(asked).toContainText('李工 正在输入…');
    await asked.getByRole('button', { name: '等他们输完' }).click();
    await expect(asked).toContainText('等待 李工 输完');
    await typing;
    await expect(section(typist, 'record').getByTestId('lock-note')).toBeVisible();
    await expect(typist.getByTestId('refusal')).toHaveCount(0);
    expect(await kept('record')).toBe(sentence);
  });
});
