import { afterAll, beforeAll, expect, test } from 'vitest';
import * as Y from 'yjs';
import { readSheet } from '../../lib/sheet/doc';
import { SyncClose } from '../../lib/sync/close';
import type { User } from '../../server/store/types';
import { barrier, Harness, paragraph, until, type Peer } from '../support/harness';

let h: Harness;
let facilitator: User;
let editor: User;
let responsible: User;
let sheet: string;
let writer: Peer;
let observer: Peer;

/** A task row as the editor writes it: a Y.Map with a stable id and a responsible person. */
function taskRow(id: string, person: User | null): Y.Map<unknown> {
  return new Y.Map<unknown>([
    ['id', id],
    ['task', `任务 ${id}`],
    ['department', '研发部'],
    ['person', person?.name ?? ''],
    ['personId', person?.id ?? null],
    ['deliverable', '排期表'],
    ['deadline', '2026-12-01'],
    ['status', 'pending'],
  ]);
}

function rowOf(doc: Y.Doc, id: string): Y.Map<unknown> {
  return doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r.get('id') === id)!;
}

beforeAll(async () => {
  h = await Harness.start();
  facilitator = await h.user('主持人');
  editor = await h.user('编辑');
  responsible = await h.user('负责人');
  sheet = await h.sheet(facilitator, [
    [editor, 'editor'],
    [responsible, 'editor'],
  ]);
  writer = await h.peer(facilitator, sheet);
  observer = await h.peer(facilitator, sheet);
  writer.doc.getXmlFragment('result').insert(0, [paragraph('双方同意：研发部 12 月 1 日前交付')]);
  writer.doc.getArray('tasks').push([taskRow('t1', responsible), taskRow('t2', editor)]);
  await until(() => observer.doc.getArray('tasks').length === 2, 5000, 'the tasks');
});
afterAll(() => h.close());

test('L1 a hostile editor writing a locked section is refused every time; nothing reaches storage or peers', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'result', { reason: '会上已达成一致' });
  const agreed = readSheet(await h.stored(sheet)).result.text;
  for (let attempt = 0; attempt < 3; attempt++) {
    const peer = await h.rawPeer(editor, sheet);
    peer.write((doc) => doc.getXmlFragment('result').insert(0, [paragraph(`改掉结论 ${attempt}`)]));
    expect(await peer.closed).toBe(SyncClose.locked);
  }
  const deleter = await h.rawPeer(editor, sheet);
  deleter.write((doc) => doc.getXmlFragment('result').delete(0, 1));
  expect(await deleter.closed).toBe(SyncClose.locked);
  await barrier(writer, observer);
  expect(readSheet(observer.doc).result.text).toBe(agreed);
  expect(readSheet(await h.stored(sheet)).result.text).toBe(agreed);
});

test('L1 a locked section stays writable in the others: the lock is per section', async () => {
  const peer = await h.rawPeer(editor, sheet);
  peer.write((doc) => doc.getXmlFragment('record').insert(0, [paragraph('市场部补充意见')]));
  await until(() => readSheet(observer.doc).record.text.includes('市场部补充意见'), 5000, 'the record edit');
  expect(peer.ws.readyState).toBe(peer.ws.OPEN);
});

test('L1 a write made before the lock is kept; after unlock the section is writable again', async () => {
  const peer = await h.rawPeer(editor, sheet);
  peer.write((doc) => doc.getXmlFragment('notes').insert(0, [paragraph('风险：测试环境不足')]));
  await until(() => readSheet(observer.doc).notes.text === '风险：测试环境不足', 5000, 'the note');
  await h.ctx.commands.lock(facilitator, sheet, 'notes', {});
  expect(readSheet(await h.stored(sheet)).notes.text).toBe('风险：测试环境不足');
  peer.write((doc) => doc.getXmlFragment('notes').insert(1, [paragraph('迟到的修改')]));
  expect(await peer.closed).toBe(SyncClose.locked);

  await h.ctx.commands.unlock(facilitator, sheet, 'notes');
  const after = await h.rawPeer(editor, sheet);
  after.write((doc) => doc.getXmlFragment('notes').insert(1, [paragraph('解锁后补充')]));
  await until(() => readSheet(observer.doc).notes.text.includes('解锁后补充'), 5000, 'the edit after unlock');
  expect(readSheet(observer.doc).notes.text).not.toContain('迟到的修改');
});

test('L4 a warn-only lock lets the change through (the editor asks first)', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'goal', { mode: 'warn', reason: '已确认，修改需说明' });
  const peer = await h.rawPeer(editor, sheet);
  peer.write((doc) => doc.getXmlFragment('goal').insert(0, [paragraph('目标微调')]));
  await until(() => readSheet(observer.doc).goal.text === '目标微调', 5000, 'the change under a warn-only lock');
  await h.ctx.commands.unlock(facilitator, sheet, 'goal');
});

test('L2 a locked tasks table: no row added or changed, but the responsible person updates their status; feedback stays open', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'tasks', { reason: '分工已确认' });

  const adder = await h.rawPeer(editor, sheet);
  await adder.synced;
  adder.write((doc) => doc.getArray('tasks').push([taskRow('t3', editor)]));
  expect(await adder.closed).toBe(SyncClose.locked);

  const mover = await h.rawPeer(responsible, sheet);
  await mover.synced;
  mover.write((doc) => rowOf(doc, 't1').set('deadline', '2027-01-01'));
  expect(await mover.closed).toBe(SyncClose.locked);

  const other = await h.rawPeer(editor, sheet);
  await other.synced;
  other.write((doc) => rowOf(doc, 't1').set('status', 'done'));
  expect(await other.closed).toBe(SyncClose.locked);

  const owner = await h.rawPeer(responsible, sheet);
  await owner.synced;
  owner.write((doc) => rowOf(doc, 't1').set('status', 'in_progress'));
  owner.write((doc) =>
    doc.getArray('feedback').push([
      new Y.Map<unknown>([
        ['id', 'f1'],
        ['taskId', 't1'],
        ['at', new Date().toISOString()],
        ['author', responsible.name],
        ['authorId', responsible.id],
        ['text', '已提交排期'],
      ]),
    ]),
  );
  await until(() => rowOf(observer.doc, 't1').get('status') === 'in_progress', 5000, 'the status change');
  await until(() => observer.doc.getArray('feedback').length === 1, 5000, 'the feedback');
  expect(owner.ws.readyState).toBe(owner.ws.OPEN);

  await barrier(writer, observer);
  const stored = readSheet(await h.stored(sheet));
  expect(stored.tasks).toHaveLength(2);
  expect(stored.tasks[0]).toMatchObject({ id: 't1', deadline: '2026-12-01', status: 'in_progress' });
  await h.ctx.commands.unlock(facilitator, sheet, 'tasks');
});

test('L3 a locked task row: that row is frozen (status aside), the others and new rows are not', async () => {
  await h.ctx.commands.lock(facilitator, sheet, 'tasks/t2', {});

  const editorOfRow = await h.rawPeer(editor, sheet);
  await editorOfRow.synced;
  editorOfRow.write((doc) => rowOf(doc, 't2').set('deliverable', '改了交付物'));
  expect(await editorOfRow.closed).toBe(SyncClose.locked);

  const remover = await h.rawPeer(responsible, sheet);
  await remover.synced;
  remover.write((doc) => {
    const tasks = doc.getArray<Y.Map<unknown>>('tasks');
    tasks.delete(tasks.toArray().findIndex((r) => r.get('id') === 't2'), 1);
  });
  expect(await remover.closed).toBe(SyncClose.locked);

  const free = await h.rawPeer(responsible, sheet);
  await free.synced;
  free.write((doc) => rowOf(doc, 't1').set('deliverable', '排期表 v2'));
  free.write((doc) => doc.getArray('tasks').push([taskRow('t3', responsible)]));
  const statusOwner = await h.rawPeer(editor, sheet);
  await statusOwner.synced;
  statusOwner.write((doc) => rowOf(doc, 't2').set('status', 'done'));
  await until(() => observer.doc.getArray('tasks').length === 3, 5000, 'the new row');
  await until(() => rowOf(observer.doc, 't2').get('status') === 'done', 5000, 'the status of the locked row');
  expect(rowOf(observer.doc, 't1').get('deliverable')).toBe('排期表 v2');
  expect(rowOf(observer.doc, 't2').get('deliverable')).toBe('排期表');
});

test('L5 locks are written only by the server: an unknown section or task is refused, and nobody but the facilitator locks', async () => {
  await expect(h.ctx.commands.lock(facilitator, sheet, 'control', {})).rejects.toMatchObject({ code: 'not_found' });
  await expect(h.ctx.commands.lock(facilitator, sheet, 'tasks/nope', {})).rejects.toMatchObject({ code: 'not_found' });
  await expect(h.ctx.commands.lock(editor, sheet, 'record', {})).rejects.toMatchObject({ code: 'forbidden' });
  const peer = await h.rawPeer(facilitator, sheet);
  peer.write((doc) => doc.getMap('control').set('locks', new Y.Map()));
  expect(await peer.closed).toBe(SyncClose.controlWrite);
  expect(Object.keys(readSheet(await h.stored(sheet)).locks)).toEqual(expect.arrayContaining(['result', 'tasks/t2']));
});
