import * as Y from 'yjs';
import type { NudgeBody, PreferencesBody } from '../../lib/api/schemas';
import { AppError } from '../../lib/errors';
import { withDefaults, type NotificationPreferences } from '../../lib/notify/kinds';
import { authorize, canNudge } from '../../lib/policies';
import type { SheetMeta } from '../../lib/sheet/layout';
import type { Services } from '../services';
import { accessTo } from './access';
import { recordEvent, type Person } from './history';
import { refuseIfArchived } from './state';

/** A page of my notifications (newest first), how many are unread, and the id to ask for the next page. */
export async function myNotifications(ctx: Services, userId: string, page: { limit: number; before?: number }) {
  const [notifications, unread] = await Promise.all([ctx.store.notifications.list(userId, page), ctx.store.notifications.unreadCount(userId)]);
  return {
    notifications: notifications.map(({ recipientId: _, ...n }) => n),
    unread,
    next: notifications.length === page.limit ? notifications[notifications.length - 1].id : null,
  };
}

/** How many of my notifications are unread: what the bell asks for, often. */
export async function unreadCount(ctx: Services, userId: string) {
  return { unread: await ctx.store.notifications.unreadCount(userId) };
}

/** Marks some of my notifications (or all) read. */
export async function markRead(ctx: Services, userId: string, which: { ids: number[] } | { all: true }) {
  const marked = await ctx.store.notifications.markRead(userId, 'all' in which ? 'all' : which.ids);
  return { marked, unread: await ctx.store.notifications.unreadCount(userId) };
}

/** My notification preferences (the defaults until I change them), and whether the server sends email at all. */
export async function preferencesOf(ctx: Services, userId: string): Promise<NotificationPreferences & { emailAvailable: boolean }> {
  return { ...withDefaults(await ctx.store.notifications.preferences(userId)), emailAvailable: ctx.notifier.emails };
}

/** Changes some of my notification preferences; the others stay as they were. */
export async function setPreferences(ctx: Services, userId: string, change: PreferencesBody) {
  const current = withDefaults(await ctx.store.notifications.preferences(userId));
  const next: NotificationPreferences = {
    kinds: { ...current.kinds, ...change.kinds },
    locale: change.locale === undefined ? current.locale : change.locale,
  };
  await ctx.store.notifications.setPreferences(userId, next);
  return preferencesOf(ctx, userId);
}

/**
 * Nudges (催办) a task's responsible person: an in-app notification, and an email when SMTP is
 * configured. For the tracker (跟踪人), the initiator and facilitators; recorded in the history.
 */
export async function nudge(ctx: Services, actor: Person, sheetId: string, input: NudgeBody) {
  const access = await accessTo(ctx, actor, sheetId);
  authorize(access, 'view');
  return ctx.sync.withRoom(sheetId, async (room) => {
    const meta = room.doc.getMap('meta').toJSON() as Partial<SheetMeta>;
    if (!canNudge(access, meta)) throw new AppError('forbidden', 'only the tracker (跟踪人), the initiator or a facilitator may nudge', { reason: 'notAllowed' });
    refuseIfArchived(room.doc);
    const row = room.doc.getArray<Y.Map<unknown>>('tasks').toArray().find((r) => r instanceof Y.Map && r.get('id') === input.rowId);
    if (!row) throw new AppError('not_found', `no task ${input.rowId} on this sheet`, { reason: 'noTask' });
    const personId = row.get('personId');
    if (typeof personId !== 'string' || !personId) throw new AppError('unprocessable', 'the task has no responsible person chosen from the directory', { reason: 'noPerson' });
    if (row.get('status') === 'done') throw new AppError('unprocessable', 'the task is done', { reason: 'done' });
    if (personId === actor.id) throw new AppError('unprocessable', 'you are the task’s responsible person', { reason: 'ownTask' });
    const person = await ctx.store.people.findUserById(personId);
    if (!person || !(await ctx.store.sheets.roleOf(sheetId, personId))) throw new AppError('unprocessable', 'the responsible person is not a member of this sheet', { reason: 'notMember' });
    const task = typeof row.get('task') === 'string' ? (row.get('task') as string) : '';
    const deadline = typeof row.get('deadline') === 'string' ? (row.get('deadline') as string) : null;
    await ctx.notifier.tell({ kind: 'nudge', sheetId, actor, payload: { rowId: input.rowId, task, deadline, message: input.message || null } }, [personId]);
    await recordEvent(ctx, actor, sheetId, 'nudge', { rowId: input.rowId, userId: personId, name: person.name, message: input.message || null });
    return { rowId: input.rowId, person: { id: person.id, name: person.name } };
  });
}
