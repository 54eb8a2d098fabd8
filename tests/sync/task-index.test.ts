import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { Harness, type Peer } from '../support/harness';
import type { User } from '../../server/store/types';

let h: Harness;
let owner: User;
let worker: User;
let sheet: string;
let peer: Peer;

beforeAll(async () => {
  h = await Harness.start();
  owner = await h.user('张经理', '客户服务部');
  worker = await h.user('李工', '测试部');
  sheet = await h.sheet(owner, [[worker, 'editor']]);
  peer = await h.peer(owner, sheet);
});
afterAll(() => h.close());

const row = (fields: Record<string, unknown>) => new Y.Map<unknown>(Object.entries(fields));

test('the task index follows the live document: rows, feedback, title, tracker', async () => {
  peer.doc.transact(() => {
    peer.doc.getMap('meta').set('tracker', { department: '客户服务部', person: '张经理', personId: owner.id });
    peer.doc.getArray('tasks').push([
      row({ id: 't1', task: '提交测试用例', department: '测试部', person: '李工', personId: worker.id, deliverable: '用例清单', deadline: '2026-10-18', status: 'pending' }),
      row({ id: 't2', task: '准备物料', department: '市场部', person: '王五', personId: null, deliverable: '', deadline: null, status: 'in_progress' }),
    ]);
  });
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet)).map((t) => t.rowId)).toEqual(['t1', 't2']);
  expect((await h.ctx.store.tasks.ofSheet(sheet))[0]).toMatchObject({
    task: '提交测试用例',
    personId: worker.id,
    deadline: '2026-10-18',
    status: 'pending',
    sheetTitle: '产品上线前测试资源协调',
    sheetStage: 'draft',
    trackerId: owner.id,
    lastFeedbackAt: null,
  });
  expect((await h.ctx.store.tasks.assignedTo(worker.id, '测试部')).map((t) => t.rowId)).toEqual(['t1']);
  expect((await h.ctx.store.tasks.trackedBy(owner.id)).map((t) => t.rowId)).toEqual(['t1', 't2']);

  peer.doc.getArray('feedback').push([row({ id: 'f1', taskId: 't1', at: '2026-10-10T02:00:00.000Z', author: '张经理', authorId: owner.id, text: '已开始' })]);
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet))[0].lastFeedbackAt).toBe('2026-10-10T02:00:00.000Z');

  peer.doc.getMap('meta').set('title', '改过的标题');
  (peer.doc.getArray('tasks').get(0) as Y.Map<unknown>).set('status', 'done');
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet))[0]).toMatchObject({ sheetTitle: '改过的标题', status: 'done', doneAt: expect.any(String) });

  peer.doc.getArray('tasks').delete(1, 1);
  await expect.poll(async () => (await h.ctx.store.tasks.ofSheet(sheet)).map((t) => t.rowId)).toEqual(['t1']);
});
