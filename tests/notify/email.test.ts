import { afterAll, beforeAll, expect, test } from 'vitest';
import type { User } from '../../server/store/types';
import { Harness, paragraph } from '../support/harness';
import { fillBasics, taskRow } from './support';
import { TestMailServer } from './smtp';

let mail: TestMailServer;
let h: Harness;
let zhang: User;
let li: User;
let wang: User;
let sheet: string;

beforeAll(async () => {
  mail = await TestMailServer.start();
  h = await Harness.start({ env: { SMTP_URL: mail.url, SMTP_FROM: 'Concord <concord@example.com>', PUBLIC_URL: 'https://concord.example.com' } });
  zhang = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '研发部');
  wang = await h.user('王五', '市场部');
  sheet = await h.sheet(zhang);
  h.ctx.notifier.settleMs = 200;
});
afterAll(async () => {
  await h.close();
  await mail.close();
});

const mailsTo = (user: User) => mail.received.filter((m) => m.to.includes(user.email));

test('being added to a sheet sends an email in zh-CN by default: to the person, from SMTP_FROM, with the words and a link to the sheet', async () => {
  await h.ctx.commands.addMembers(zhang, sheet, { email: li.email, role: 'editor' });
  await expect.poll(() => mailsTo(li), { timeout: 10_000 }).toHaveLength(1);
  const [message] = mailsTo(li);
  expect(message.from).toBe('concord@example.com');
  expect(message.subject).toBe('[Concord] 张经理 邀请你参与协调表「产品上线前测试资源协调」，角色：编辑');
  expect(message.text).toContain(`打开协调表：https://concord.example.com/sheets/${sheet}\n`);
  expect(message.text).toContain('https://concord.example.com/settings#notifications');
});

test('a person who chose English gets English emails, linking to the task row; kinds whose email is off send none', async () => {
  await h.ctx.commands.setPreferences(wang.id, { locale: 'en', kinds: { added: { inApp: true, email: false } } });
  await h.ctx.commands.addMembers(zhang, sheet, { email: wang.email, role: 'editor' });
  await h.ctx.commands.patchSheet(zhang, sheet, { tracker: { department: '客户服务部', person: '张经理', personId: zhang.id } });
  await h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem((doc) => doc.getArray('tasks').push([taskRow({ id: 't1', task: '用户画像', person: '王五', personId: wang.id, deadline: '2026-12-01' })])));
  // Stage changes are in the app only by default; the nudge after it is by email.
  await fillBasics(h, sheet);
  await h.ctx.commands.changeStage(zhang, sheet, { stage: 'initiated' });
  await h.ctx.commands.nudge(zhang, sheet, { rowId: 't1', message: 'Please send it by Friday' });
  await expect.poll(() => mailsTo(wang).map((m) => m.subject), { timeout: 10_000 }).toContain('[Concord] 张经理 is following up on “用户画像” (“产品上线前测试资源协调”): Please send it by Friday');
  const nudge = mailsTo(wang).find((m) => m.subject.includes('following up'))!;
  expect(nudge.text).toContain(`Open the sheet: https://concord.example.com/sheets/${sheet}#tasks/t1\n`);
  // The assignment (the server wrote the row, so nobody acted) came by email too; nothing else did.
  await expect.poll(() => mailsTo(wang).map((m) => m.subject).sort(), { timeout: 10_000 }).toEqual([
    '[Concord] 张经理 is following up on “用户画像” (“产品上线前测试资源协调”): Please send it by Friday',
    '[Concord] Someone assigned you “用户画像” (“产品上线前测试资源协调”), due Dec 1, 2026',
  ].sort());
  expect(mailsTo(li)).toHaveLength(1);
});

test('§5 a burst of stage changes sends one email per person, not one per click', async () => {
  const burst = await h.sheet(zhang, [[li, 'editor']]);
  await h.ctx.commands.setPreferences(li.id, { kinds: { stage: { inApp: true, email: true } } });
  await fillBasics(h, burst);
  const before = mailsTo(li).length;
  await h.ctx.commands.changeStage(zhang, burst, { stage: 'initiated' });
  await h.ctx.commands.changeStage(zhang, burst, { stage: 'discussion' });
  await h.ctx.commands.changeStage(zhang, burst, { stage: 'initiated' }).catch(() => null);
  await h.ctx.sync.withRoom(burst, (room) => room.changeAsSystem((doc) => doc.getXmlFragment('result').insert(0, [paragraph('结论')])));
  await h.ctx.sync.withRoom(burst, (room) => room.changeAsSystem((doc) => doc.getArray('tasks').push([taskRow({ id: 'b1', person: '张经理', personId: zhang.id, deadline: '2026-12-01' })])));
  await h.ctx.commands.lock(zhang, burst, 'result', {});
  await h.ctx.commands.changeStage(zhang, burst, { stage: 'executing' });
  await expect.poll(() => mailsTo(li).length, { timeout: 10_000 }).toBe(before + 1);
  await new Promise((r) => setTimeout(r, 500));
  const stageMails = mailsTo(li).slice(before);
  expect(stageMails.map((m) => m.subject)).toEqual(['[Concord] 张经理 将「产品上线前测试资源协调」推进到「发起协调」阶段']);
  // In the app, the one notice says where the sheet is now.
  const notices = (await h.ctx.store.notifications.list(li.id, { limit: 100 })).filter((n) => n.kind === 'stage' && n.sheetId === burst);
  expect(notices).toMatchObject([{ payload: { to: 'executing', changes: 3 } }]);
});
