import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { postFeedbackBody } from '../../lib/api/schemas';
import type { User } from '../../server/store/types';
import { Harness, type Peer } from '../support/harness';

let h: Harness;
let facilitator: User;
let responsible: User;
let colleague: User;
let viewer: User;
let outsider: User;
let sheet: string;
let watcher: Peer;

const row = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));
/** Adds a task row as an editor would, through the room; resolves once stored and indexed. */
const addTask = (sheetId: string, fields: Record<string, unknown>) => h.ctx.sync.withRoom(sheetId, (room) => room.changeAsSystem((doc) => doc.getArray('tasks').push([row(fields)])));
const feedbackOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('feedback').toJSON() as Array<Record<string, unknown>>;
const statusOf = (doc: Y.Doc, id: string) => (doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r.get('id') === id)?.get('status') as string) ?? null;

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('张经理', '客户服务部');
  responsible = await h.user('李工', '测试部');
  colleague = await h.user('赵工', '测试部');
  viewer = await h.user('钱总', '管理层');
  outsider = await h.user('孙某', '市场部');
  sheet = await h.sheet(facilitator, [
    [responsible, 'editor'],
    [colleague, 'editor'],
    [viewer, 'viewer'],
  ]);
  watcher = await h.peer(facilitator, sheet);
  await addTask(sheet, { id: 't1', task: '提交测试用例', department: '测试部', person: '李工', personId: responsible.id, deliverable: '用例清单', deadline: '2026-10-18', status: 'pending' });
});
afterAll(() => h.close());

test('V5 a progress note posted over HTTP lands in the feedback log in its author’s name, and an open editor sees it live', async () => {
  const posted = await h.ctx.commands.postFeedback(responsible, sheet, { rowId: 't1', text: '已提交 60% 用例', status: 'in_progress' });
  expect(posted).toMatchObject({ taskId: 't1', author: '李工', status: 'in_progress' });
  await expect.poll(() => feedbackOf(watcher.doc).map((f) => f.text)).toEqual(['已提交 60% 用例']);
  expect(feedbackOf(watcher.doc)[0]).toMatchObject({ id: posted.id, taskId: 't1', author: '李工', authorId: responsible.id, at: posted.at });
  await expect.poll(() => statusOf(watcher.doc, 't1')).toBe('in_progress');
  // Stored before anyone saw it, and in the task index.
  expect(feedbackOf(await h.stored(sheet)).map((f) => f.id)).toEqual([posted.id]);
  expect((await h.ctx.store.tasks.ofSheet(sheet))[0]).toMatchObject({ lastFeedbackAt: posted.at, feedbackCount: 1, status: 'in_progress' });
});

test('V5 L2 the responsible person changes the status in a locked table; the note goes into the open feedback log', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'tasks', {});
  await h.ctx.commands.postFeedback(responsible, sheet, { rowId: 't1', text: '全部完成', status: 'done' });
  await expect.poll(() => statusOf(watcher.doc, 't1')).toBe('done');
  await h.ctx.commands.unlock(facilitator, sheet, 'tasks');
});

describe('hostile and mistaken posts are refused and change nothing', () => {
  const refused = async (fn: () => Promise<unknown>, code: string) => {
    const before = feedbackOf(await h.stored(sheet)).length;
    await expect(fn()).rejects.toMatchObject({ code });
    expect(feedbackOf(await h.stored(sheet))).toHaveLength(before);
  };

  test('V5 someone else may post a note but not change the task’s status', async () => {
    await refused(() => h.ctx.commands.postFeedback(colleague, sheet, { rowId: 't1', text: '我来改状态', status: 'blocked' }), 'forbidden');
    const note = await h.ctx.commands.postFeedback(colleague, sheet, { rowId: 't1', text: '测试部已复核' });
    await expect.poll(() => feedbackOf(watcher.doc).find((f) => f.id === note.id)?.author).toBe('赵工');
  });

  test('V5 G1 a viewer posts no progress notes (their socket writes nothing either)', () =>
    refused(() => h.ctx.commands.postFeedback(viewer, sheet, { rowId: 't1', text: 'x' }), 'forbidden'));

  test('V5 an outsider is told the sheet does not exist', () => refused(() => h.ctx.commands.postFeedback(outsider, sheet, { rowId: 't1', text: 'x' }), 'not_found'));

  test('V5 a task that is not on the sheet', () => refused(() => h.ctx.commands.postFeedback(responsible, sheet, { rowId: 'nope', text: 'x' }), 'not_found'));

  test('V5 L1 a hard-locked feedback log', async () => {
    await h.ctx.commands.lock(facilitator, sheet, 'feedback', {});
    await refused(() => h.ctx.commands.postFeedback(responsible, sheet, { rowId: 't1', text: 'x' }), 'conflict');
    await h.ctx.commands.unlock(facilitator, sheet, 'feedback');
  });

  test('V5 the body names no author and no time: the server writes them', () => {
    expect(postFeedbackBody.safeParse({ rowId: 't1', text: 'x', authorId: viewer.id }).success).toBe(false);
    expect(postFeedbackBody.safeParse({ rowId: 't1', text: 'x', at: '2020-01-01T00:00:00Z' }).success).toBe(false);
    expect(postFeedbackBody.safeParse({ rowId: 't1', text: '   ' }).success).toBe(false);
    expect(postFeedbackBody.safeParse({ rowId: 't1', text: 'x', status: 'finished' }).success).toBe(false);
  });
});

test('V5 A1 an archived sheet takes no progress notes', async () => {
  const other = await h.sheet(facilitator, [[responsible, 'editor']]);
  await addTask(other, { id: 'a', task: 't', department: '测试部', person: '李工', personId: responsible.id, deliverable: '', deadline: '2026-01-01', status: 'pending' });
  await h.ctx.sync.withRoom(other, (room) => room.changeAsSystem((doc) => doc.getMap('control').set('stage', 'archived')));
  await expect(h.ctx.commands.postFeedback(responsible, other, { rowId: 'a', text: 'x' })).rejects.toMatchObject({ code: 'conflict' });
});
