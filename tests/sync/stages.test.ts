import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import type { StageBody } from '../../lib/api/schemas';
import type { Stage } from '../../lib/sheet/fields';
import { readSheet } from '../../lib/sheet/doc';
import type { Unmet } from '../../lib/sheet/stages';
import { SyncClose } from '../../lib/sync/close';
import { addUser } from '../../server/commands/people';
import type { User } from '../../server/store/types';
import { Harness, paragraph, until, type Peer } from '../support/harness';

let h: Harness;
let facilitator: User;
let editor: User;
let commenter: User;
let admin: User;
let sheet: string;
let peer: Peer;

/** The codes of the rules a stage change failed, or [] when it succeeded. */
async function unmetOf(to: Stage, extra: Omit<StageBody, 'stage'> = {}, actor: User = facilitator): Promise<string[]> {
  try {
    await h.ctx.commands.changeStage(actor, sheet, { stage: to, ...extra });
    return [];
  } catch (err) {
    const details = (err as { details?: { unmet: Unmet[] } }).details;
    if (!details) throw err;
    return details.unmet.map((u) => ('field' in u ? `${u.rule}:${u.field}` : 'part' in u ? `${u.rule}:${u.part}` : u.rule));
  }
}

async function stage(): Promise<Stage> {
  return readSheet(await h.stored(sheet)).stage;
}

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('张经理', '客户服务部');
  editor = await h.user('李工', '研发部');
  commenter = await h.user('王五', '市场部');
  admin = await addUser(h.ctx.store, { email: 'admin@example.com', name: '管理员', password: 'correct horse battery', admin: true });
  sheet = await h.sheet(facilitator, [
    [editor, 'editor'],
    [commenter, 'commenter'],
    [admin, 'viewer'],
  ]);
  peer = await h.peer(facilitator, sheet);
});
afterAll(() => h.close());

test('S1 a sheet leaves Draft only with its basic information complete (信息真实准确), each missing field named', async () => {
  expect(await unmetOf('initiated')).toEqual(['required:recipients', 'required:background', 'required:goal', 'required:dueDate']);
  peer.doc.transact(() => {
    peer.doc.getArray('recipients').push([new Y.Map<unknown>([['department', '研发部'], ['contact', '李工']])]);
    peer.doc.getXmlFragment('background').insert(0, [paragraph('新版本上线前需要测试资源')]);
    peer.doc.getXmlFragment('goal').insert(0, [paragraph('方案 1 周内完成')]);
    peer.doc.getMap('meta').set('dueDate', '2026-12-01');
  });
  await until(() => readSheet(peer.doc).goal.text !== '', 5000, 'the filled fields');
  await expect.poll(() => unmetOf('initiated')).toEqual([]);
  expect(await stage()).toBe('initiated');
});

test('S2 stages move one step at a time', async () => {
  expect(await unmetOf('executing')).toEqual(['notNextStage']);
  expect(await unmetOf('discussion')).toEqual([]);
  expect(await stage()).toBe('discussion');
});

test('S3 Executing needs the result locked and one named person and deadline per task (责任到人)', async () => {
  expect(await unmetOf('executing')).toEqual(['resultNotLocked', 'noTasks']);
  peer.doc.transact(() => {
    peer.doc.getXmlFragment('result').insert(0, [paragraph('研发部提供 2 名测试，12 月 1 日前')]);
    peer.doc.getArray('tasks').push([new Y.Map<unknown>([['id', 't1'], ['task', '测试排期'], ['person', ''], ['deadline', null]])]);
  });
  await until(() => peer.doc.getArray('tasks').length === 1, 5000, 'the task');
  await expect.poll(() => unmetOf('executing')).toEqual(['resultNotLocked', 'taskWithoutPerson', 'taskWithoutDeadline']);
  const row = peer.doc.getArray<Y.Map<unknown>>('tasks').get(0);
  peer.doc.transact(() => {
    row.set('person', '李工');
    row.set('personId', editor.id);
    row.set('deadline', '2026-12-01');
  });
  await h.ctx.commands.lock(facilitator, sheet, 'result', { reason: '会上确认' });
  await expect.poll(() => unmetOf('executing')).toEqual([]);
  expect(await stage()).toBe('executing');
});

test('S4 a plan change goes back to In discussion with a reason, unlocking what the facilitator chooses', async () => {
  await expect(h.ctx.commands.changeStage(facilitator, sheet, { stage: 'discussion' })).rejects.toMatchObject({ code: 'invalid_request' });
  await expect(h.ctx.commands.changeStage(editor, sheet, { stage: 'discussion', reason: '需求变更' })).rejects.toMatchObject({ code: 'forbidden' });
  expect(await unmetOf('discussion', { reason: '市场部需求变更', unlock: ['result'] })).toEqual([]);
  const stored = readSheet(await h.stored(sheet));
  expect(stored.stage).toBe('discussion');
  expect(stored.locks).not.toHaveProperty('result');
  await h.ctx.commands.lock(facilitator, sheet, 'result', {});
  expect(await unmetOf('executing')).toEqual([]);
});

test('S5 archiving needs the retrospective (归档总结)', async () => {
  expect(await unmetOf('archived')).toEqual(['retrospectiveMissing:review.outcome', 'retrospectiveMissing:review.problems', 'retrospectiveMissing:review.lessons']);
  peer.doc.transact(() => {
    peer.doc.getXmlFragment('review.outcome').insert(0, [paragraph('按期上线')]);
    peer.doc.getXmlFragment('review.problems').insert(0, [paragraph('测试资源晚到两天')]);
    peer.doc.getXmlFragment('review.lessons').insert(0, [paragraph('提前一周锁定资源')]);
  });
  await until(() => readSheet(peer.doc)['review.lessons'].text !== '', 5000, 'the retrospective');
  // S6 the task not done is then what stands in the way: decided (left open) in the request, the sheet is archived.
  await expect
    .poll(() => h.ctx.commands.changeStage(facilitator, sheet, { stage: 'archived' }).catch((err: { code: string; details?: { open?: { tasks: Array<{ id: string }> } } }) => [err.code, err.details?.open?.tasks.map((t) => t.id)]))
    .toEqual(['conflict', ['t1']]);
  expect(await unmetOf('archived', { settle: { tasks: [{ id: 't1', outcome: 'open' }] } })).toEqual([]);
  expect(await stage()).toBe('archived');
});

test('A1 an archived sheet refuses every write of every role over the socket, comments included', async () => {
  const cases: Array<[User, (doc: Y.Doc) => void]> = [
    [facilitator, (doc) => doc.getXmlFragment('record').insert(0, [paragraph('归档后修改')])],
    [editor, (doc) => doc.getArray<Y.Map<unknown>>('tasks').get(0).set('status', 'done')],
    [commenter, (doc) => doc.getMap('comments').set('late', '归档后的评论')],
  ];
  for (const [user, write] of cases) {
    const raw = await h.rawPeer(user, sheet);
    await raw.synced;
    raw.write(write);
    expect(await raw.closed).toBe(SyncClose.archived);
  }
  const stored = readSheet(await h.stored(sheet));
  expect(stored.record.text).toBe('');
  expect(stored.comments).toEqual({});
  expect(stored.tasks[0]).not.toMatchObject({ status: 'done' });
});

test('A2 an archived sheet refuses changes through the API too: meta, locks', async () => {
  await expect(h.ctx.commands.patchSheet(facilitator, sheet, { title: '改标题' })).rejects.toMatchObject({ code: 'conflict' });
  await expect(h.ctx.commands.lock(facilitator, sheet, 'notes', {})).rejects.toMatchObject({ code: 'conflict' });
  await expect(h.ctx.commands.unlock(facilitator, sheet, 'result')).rejects.toMatchObject({ code: 'conflict' });
});

test('A3 only an administrator (here a viewer of the sheet) reopens an archived sheet, with a reason', async () => {
  await expect(h.ctx.commands.changeStage(facilitator, sheet, { stage: 'discussion', reason: '再议' })).rejects.toMatchObject({ code: 'forbidden' });
  await expect(h.ctx.commands.changeStage(admin, sheet, { stage: 'discussion' })).rejects.toMatchObject({ code: 'invalid_request' });
  expect(await unmetOf('discussion', { reason: '上线后发现遗漏' }, admin)).toEqual([]);
  expect(await stage()).toBe('discussion');
  const raw = await h.rawPeer(editor, sheet);
  await raw.synced;
  raw.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('重新讨论')]));
  await until(() => readSheet(peer.doc).record.text === '重新讨论', 5000, 'a write after reopening');
});
