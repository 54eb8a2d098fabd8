import { randomBytes } from 'node:crypto';
import * as Y from 'yjs';
import type { PostFeedbackBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { LIMITS } from '../../lib/limits';
import { authorize, type Actor } from '../../lib/policies';
import { daysSilent, deadlineStatus, type DeadlineStatus } from '../../lib/sheet/deadlines';
import type { Services } from '../services';
import type { IndexedTask, User } from '../store/types';
import { accessTo, writerOn } from './access';
import type { Person } from './history';

/** A task of the index as lists show it: where its deadline stands now and how long it has been silent. */
export interface TaskItem extends IndexedTask {
  due: DeadlineStatus | null;
  /**
   * Calendar days it has been silent: since the latest of its last progress note, when it was
   * given to its person and when its sheet entered the stage; null when none of these is known.
   */
  silentDays: number | null;
}

/** Places `tasks` at `now` in the organisation's time zone. */
function presentTasks(ctx: Services, tasks: IndexedTask[], now: Date): TaskItem[] {
  return tasks.map((task) => ({
    ...task,
    due: deadlineStatus(task.deadline, now, ctx.config.timeZone),
    silentDays: daysSilent([task.lastFeedbackAt, task.assignedAt, task.stageEnteredAt], now, ctx.config.timeZone),
  }));
}

/** Open tasks first, overdue ones leading (most days late first), then by deadline; tasks without one, then done tasks last. */
function byUrgency(a: TaskItem, b: TaskItem): number {
  const rank = (t: TaskItem) => (t.status === 'done' ? 3 : t.due?.overdue ? 0 : t.due ? 1 : 2);
  return rank(a) - rank(b) || (a.due?.daysLeft ?? 0) - (b.due?.daysLeft ?? 0) || a.sheetTitle.localeCompare(b.sheetTitle) || a.position - b.position;
}

/** 我的任务: every task assigned to the person or their department on their sheets, overdue first. */
export async function myTasks(ctx: Services, actor: User, now = new Date()) {
  const tasks = await ctx.store.tasks.assignedTo(actor.id, actor.departmentName);
  return {
    timeZone: ctx.config.timeZone,
    tasks: presentTasks(ctx, tasks, now)
      .filter((t) => t.sheetStage !== 'archived')
      .sort(byUrgency),
  };
}

/** Open tasks sorted into the tracker's three lists at `now`, after the person's chosen days without feedback. */
async function trackingLists(ctx: Services, actor: Actor, tasks: IndexedTask[], now: Date) {
  const staleDays = (await ctx.store.tasks.staleDaysOf(actor.id)) ?? LIMITS.staleDaysDefault;
  const open = presentTasks(ctx, tasks, now)
    .filter((t) => t.status !== 'done')
    .sort(byUrgency);
  return {
    timeZone: ctx.config.timeZone,
    staleDays,
    overdue: open.filter((t) => t.due?.overdue),
    dueThisWeek: open.filter((t) => t.due?.dueThisWeek),
    silent: open.filter((t) => t.silentDays === null || t.silentDays >= staleDays),
  };
}

/**
 * The tracker's view across the sheets a person follows up (as 跟踪人, 发起人 or facilitator): open
 * tasks of sheets in execution that are overdue, due this week, or without progress feedback for
 * the person's chosen number of days.
 */
export async function trackedTasks(ctx: Services, actor: Actor, now = new Date()) {
  const tasks = await ctx.store.tasks.trackedBy(actor.id);
  return trackingLists(ctx, actor, tasks.filter((t) => t.sheetStage === 'executing'), now);
}

/** The same lists for one sheet, for any of its members. */
export async function sheetTracking(ctx: Services, actor: Actor, sheetId: string, now = new Date()) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  return trackingLists(ctx, actor, await ctx.store.tasks.ofSheet(sheetId), now);
}

/** Keeps the person's number of days without feedback after which a task is flagged. */
export async function setStaleDays(ctx: Services, actor: Actor, staleDays: number) {
  await ctx.store.tasks.setStaleDays(actor.id, staleDays);
  return { staleDays };
}

/**
 * Posts a progress note (进展反馈) on a task, written by the server in the person's name through
 * the live room, so that everyone with the sheet open sees it at once. The same people as over
 * the socket may post (editors and the facilitator, V4: in their own name); the task's status
 * changes with it only when they are its responsible person, who may do so in a locked table (L2).
 */
export async function postFeedback(ctx: Services, actor: Person, sheetId: string, input: PostFeedbackBody) {
  const writer = await writerOn(ctx, actor, sheetId);
  return ctx.sync.withRoom(sheetId, async (room) => {
    const rowIn = (doc: Y.Doc) => {
      const row = doc
        .getArray<Y.Map<unknown>>('tasks')
        .toArray()
        .find((r) => r instanceof Y.Map && r.get('id') === input.rowId);
      if (!row) throw new AppError('not_found', `no task ${input.rowId} on this sheet`);
      // 我的任务 changes a status for the task's responsible person only; the guard judges the rest.
      if (input.status !== undefined && row.get('personId') !== actor.id) throw new AppError('forbidden', 'only the responsible person changes a task’s status here');
      return row;
    };
    const id = randomBytes(9).toString('base64url');
    const at = new Date().toISOString();
    await room.changeAs(writer, (doc) => {
      const row = rowIn(doc);
      doc.getArray('feedback').push([new Y.Map<unknown>(Object.entries({ id, taskId: input.rowId, at, author: actor.name, authorId: actor.id, text: input.text }))]);
      if (input.status !== undefined && row.get('status') !== input.status) row.set('status', input.status);
    });
    return { id, taskId: input.rowId, at, author: actor.name, text: input.text, status: (rowIn(room.doc).get('status') as string) ?? null };
  });
}
