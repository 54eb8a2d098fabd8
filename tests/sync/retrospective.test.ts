import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { stageBody } from '../../lib/api/schemas';
import { addDays, todayIn } from '../../lib/sheet/deadlines';
import { readSheet } from '../../lib/sheet/doc';
import type { User } from '../../server/store/types';
import { Harness } from '../support/harness';

let h: Harness;
let facilitator: User;
let li: User;
let sheet: string;

const row = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));
const change = (fn: (doc: Y.Doc) => void) => h.ctx.sync.withRoom(sheet, (room) => room.changeAsSystem(fn));
const setStatus = (id: string, status: string) =>
  change((doc) => (doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r.get('id') === id) as Y.Map<unknown>).set('status', status));
const write = (part: string, text: string) =>
  change((doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text)]);
    doc.getXmlFragment(part).insert(0, [paragraph]);
  });

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('张经理', '客户服务部');
  li = await h.user('李工', '测试部');
  sheet = await h.sheet(facilitator, [[li, 'editor']]);
  const today = todayIn(h.ctx.config.timeZone, new Date());
  const task = (id: string, deadline: string | null) => row({ id, task: id, department: '测试部', person: '李工', personId: li.id, deliverable: '', deadline, status: 'pending' });
  await change((doc) => {
    doc.getMap('control').set('stage', 'executing');
    doc.getArray('tasks').push([task('onTime', addDays(today, 3)), task('undated', null), task('late', addDays(today, -2)), task('open', addDays(today, 5)), task('openLate', addDays(today, -1))]);
  });
  // Done now: before its deadline for `onTime`, two days after it for `late`.
  for (const id of ['onTime', 'undated', 'late']) await setStatus(id, 'done');
  // Two plan changes in the history, and three disputed points that ended differently, and a plain comment.
  for (let i = 0; i < 2; i++) await h.ctx.store.history.record({ sheetId: sheet, actorId: facilitator.id, actorName: '张经理', kind: 'planChange', detail: { from: 'executing', to: 'discussion' } });
  const agreed = await h.ctx.commands.postComment(li, sheet, { section: 'record', kind: 'dispute', question: '测试环境谁来出？', text: '我方立场' });
  const dropped = await h.ctx.commands.postComment(li, sheet, { section: 'record', kind: 'dispute', question: '是否延期？', text: '建议延期' });
  await h.ctx.commands.postComment(li, sheet, { section: 'record', kind: 'dispute', question: '预算归属', text: '待定' });
  await h.ctx.commands.postComment(li, sheet, { section: 'record', text: '普通评论' });
  await change((doc) => {
    (doc.getMap('comments').get(agreed.threadId) as Y.Map<unknown>).set('status', 'agreed');
    (doc.getMap('comments').get(dropped.threadId) as Y.Map<unknown>).set('status', 'dropped');
  });
});
afterAll(() => h.close());

const EXPECTED = {
  tasks: { total: 5, onTime: 2, late: 1, open: 2, openOverdue: 1 },
  planChanges: 2,
  disputes: {
    total: 3,
    agreed: 1,
    dropped: 1,
    open: 1,
    points: expect.arrayContaining([
      expect.objectContaining({ question: '测试环境谁来出？', outcome: 'agreed' }),
      expect.objectContaining({ question: '是否延期？', outcome: 'dropped' }),
      expect.objectContaining({ question: '预算归属', outcome: 'open' }),
    ]),
  },
};

test('before archiving, the facts are computed as they stand: tasks on time, late, open; plan changes; disputes and how they ended', async () => {
  const { archived, facts } = await h.ctx.commands.retrospective(li, sheet);
  expect(archived).toBe(false);
  expect(facts).toMatchObject({ ...EXPECTED, timeZone: 'Asia/Shanghai' });
});

test('§3 archiving with open work is refused (409) until each task not done and each open dispute is settled; nothing changes meanwhile', async () => {
  for (const part of ['review.outcome', 'review.problems', 'review.lessons']) await write(part, `${part} 已填写`);
  const refusal = await h.ctx.commands.changeStage(facilitator, sheet, { stage: 'archived' }).catch((err: unknown) => err);
  expect(refusal).toMatchObject({ code: 'conflict', details: { open: { tasks: [{ id: 'open', task: 'open', person: '李工' }, { id: 'openLate' }], disputes: [{ question: '预算归属' }] } } });
  // Settling part of it is not enough: what is left is listed.
  const partly = await h.ctx.commands.changeStage(facilitator, sheet, { stage: 'archived', settle: { tasks: [{ id: 'open', outcome: 'dropped', reason: '需求取消' }] } }).catch((err: unknown) => err);
  expect(partly).toMatchObject({ code: 'conflict', details: { open: { tasks: [{ id: 'openLate' }], disputes: [{ question: '预算归属' }] } } });
  expect(readSheet(await h.stored(sheet)).stage).toBe('executing');
});

test('§3 the body says what is settled: dropping needs a reason, settling is for archiving only (zod)', () => {
  expect(stageBody.safeParse({ stage: 'archived', settle: { tasks: [{ id: 'a', outcome: 'dropped' }] } }).success).toBe(false);
  expect(stageBody.safeParse({ stage: 'archived', settle: { tasks: [{ id: 'a', outcome: 'dropped', reason: '  ' }] } }).success).toBe(false);
  expect(stageBody.safeParse({ stage: 'executing', settle: { tasks: [{ id: 'a', outcome: 'open' }] } }).success).toBe(false);
  expect(stageBody.safeParse({ stage: 'archived', settle: { tasks: [{ id: 'a', outcome: 'open' }], disputes: [{ id: 'b', outcome: 'dropped', reason: '不再讨论' }] } }).success).toBe(true);
});

test('§3 archiving keeps the facts with the sheet, with each settled item and its reason; a dropped dispute is closed in the sheet', async () => {
  const budget = (await h.ctx.commands.retrospective(li, sheet)).facts.disputes.points.find((p) => p.question === '预算归属')!;
  await h.ctx.commands.changeStage(facilitator, sheet, {
    stage: 'archived',
    settle: { tasks: [{ id: 'open', outcome: 'dropped', reason: '需求取消' }, { id: 'openLate', outcome: 'open', reason: '转入下季度' }], disputes: [{ id: budget.id, outcome: 'dropped', reason: '另行立项' }] },
  });
  const event = (await h.ctx.store.history.events(sheet, 10)).find((e) => e.kind === 'stage' && e.detail.to === 'archived');
  expect(event?.detail.retrospective).toMatchObject({
    tasks: { total: 5, onTime: 2, late: 1, open: 1, openOverdue: 1, dropped: 1, items: [{ id: 'open', outcome: 'dropped', reason: '需求取消' }, { id: 'openLate', outcome: 'open', reason: '转入下季度' }] },
    disputes: { total: 3, agreed: 1, dropped: 2, open: 0, points: expect.arrayContaining([expect.objectContaining({ question: '预算归属', outcome: 'dropped', reason: '另行立项' })]) },
  });
  const stored = readSheet(await h.stored(sheet));
  expect(stored.stage).toBe('archived');
  expect((stored.comments as Record<string, { status: string }>)[budget.id].status).toBe('dropped');
  const { archived, facts } = await h.ctx.commands.retrospective(li, sheet);
  expect(archived).toBe(true);
  expect(facts).toEqual(event?.detail.retrospective);
});

test('the archived sheet’s exports and read-only link carry the kept facts in its 归档总结 part, settled items with their reasons', async () => {
  const md = (await h.ctx.commands.exportSheet(li, sheet, 'md', 'zh-CN')).body.toString();
  expect(md).toContain('## 归档总结 · 归档时的事实');
  expect(md).toContain('任务完成情况：按时完成 2 · 逾期完成 1 · 未完成 1 · 已放弃 1（其中 1 项已逾期）');
  expect(md).toContain('未完成事项：open（已放弃：需求取消）；openLate（仍未完成：转入下季度）');
  expect(md).toContain('计划变更：2 次');
  expect(md).toContain('测试环境谁来出？（已达成一致）');
  expect(md).toContain('预算归属（已搁置：另行立项）');
  const en = (await h.ctx.commands.exportSheet(li, sheet, 'md', 'en')).body.toString();
  expect(en).toContain('Open work：open（Dropped：需求取消）');
  const { token } = await h.ctx.commands.createShareLink(facilitator, sheet, {});
  const opened = await h.ctx.commands.openShareLink(token, () => null);
  expect(opened.state === 'ok' && opened.retrospective).toMatchObject({ tasks: { dropped: 1 }, disputes: { dropped: 2 } });
});

test('§3 an archived sheet takes no nudge (催办) and no progress feedback', async () => {
  await expect(h.ctx.commands.nudge(facilitator, sheet, { rowId: 'openLate' })).rejects.toMatchObject({ code: 'conflict' });
  await expect(h.ctx.commands.postFeedback(li, sheet, { rowId: 'openLate', text: '还在做' })).rejects.toMatchObject({ code: 'conflict' });
});

test('the facts are for the sheet’s members only', async () => {
  const stranger = await h.user('孙某', '市场部');
  await expect(h.ctx.commands.retrospective(stranger, sheet)).rejects.toMatchObject({ code: 'not_found' });
});
