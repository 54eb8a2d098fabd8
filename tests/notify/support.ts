import * as Y from 'yjs';
import type { Notification, User } from '../../server/store/types';
import { paragraph, type Harness } from '../support/harness';

/** A person's in-app notifications as `[kind, payload…]`, newest first. */
export async function notificationsOf(h: Harness, user: User): Promise<Notification[]> {
  return h.ctx.store.notifications.list(user.id, { limit: 100 });
}

/** Fills what a sheet needs to leave Draft (信息真实准确), written by the server as an editor would. */
export async function fillBasics(h: Harness, sheetId: string): Promise<void> {
  await h.ctx.sync.withRoom(sheetId, (room) =>
    room.changeAsSystem((doc) => {
      doc.getMap('meta').set('dueDate', '2026-12-01');
      doc.getArray('recipients').push([new Y.Map<unknown>([['id', 'r1'], ['department', '研发部'], ['contact', '李工']])]);
      doc.getXmlFragment('background').insert(0, [paragraph('新版本上线前需要测试资源')]);
      doc.getXmlFragment('goal').insert(0, [paragraph('方案 1 周内完成')]);
    }),
  );
}

/** A task row as the editor writes one. */
export function taskRow(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries({ task: '测试排期', department: '研发部', person: '', personId: null, deliverable: '', deadline: null, status: 'pending', ...fields }));
}

/**
 * Takes a sheet from Draft to Executing (执行跟踪) the way a facilitator does, with these task rows
 * in its table, and waits until the cross-sheet task index has them.
 */
export async function executingSheet(h: Harness, facilitator: User, sheetId: string, rows: Array<Record<string, unknown>>): Promise<void> {
  await fillBasics(h, sheetId);
  await h.ctx.commands.changeStage(facilitator, sheetId, { stage: 'initiated' });
  await h.ctx.commands.changeStage(facilitator, sheetId, { stage: 'discussion' });
  await h.ctx.sync.withRoom(sheetId, (room) =>
    room.changeAsSystem((doc) => {
      doc.getXmlFragment('result').insert(0, [paragraph('研发部提供 2 名测试，按期完成')]);
      doc.getArray('tasks').push(rows.map(taskRow));
    }),
  );
  await h.ctx.commands.lock(facilitator, sheetId, 'result', {});
  await h.ctx.commands.changeStage(facilitator, sheetId, { stage: 'executing' });
  for (let i = 0; i < 500; i++) {
    const indexed = await h.ctx.store.tasks.ofSheet(sheetId);
    if (indexed.length === rows.length && indexed.every((t) => t.sheetStage === 'executing')) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the task index never showed the sheet executing');
}
