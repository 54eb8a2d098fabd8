import * as Y from 'yjs';
import { authorize, type Actor } from '../../lib/policies';
import { deadlineEnd, deadlineStatus } from '../../lib/sheet/deadlines';
import type { Services } from '../services';
import type { DisputeOutcome, RetrospectiveFacts } from '../../lib/sheet/retrospective';
import type { IndexedTask } from '../store/types';
import { accessTo } from './access';

/** Every activity event the facts count: a sheet's history is short (locks, stages, versions). */
const HISTORY_LIMIT = 100_000;

/**
 * The facts of a sheet at `now`. A done task is on time when the index saw it done before its
 * deadline's day ended in the organisation's time zone; a task without a deadline counts as on time.
 */
export async function retrospectiveFacts(ctx: Services, sheetId: string, doc: Y.Doc, now = new Date()): Promise<RetrospectiveFacts> {
  const timeZone = ctx.config.timeZone;
  const [indexed, events] = await Promise.all([ctx.store.tasks.ofSheet(sheetId), ctx.store.history.events(sheetId, HISTORY_LIMIT)]);
  const doneAt = new Map(indexed.map((t: IndexedTask) => [t.rowId, t.doneAt]));
  const tasks = { total: 0, onTime: 0, late: 0, open: 0, openOverdue: 0 };
  for (const row of doc.getArray('tasks').toJSON() as Array<{ id?: unknown; deadline?: unknown; status?: unknown }>) {
    const deadline = typeof row.deadline === 'string' ? row.deadline : null;
    tasks.total++;
    if (row.status !== 'done') {
      tasks.open++;
      if (deadlineStatus(deadline, now, timeZone)?.overdue) tasks.openOverdue++;
      continue;
    }
    const finished = doneAt.get(String(row.id));
    const late = deadline !== null && finished != null && Date.parse(finished) >= deadlineEnd(deadline, timeZone).getTime();
    if (late) tasks.late++;
    else tasks.onTime++;
  }
  const points = (Object.values(doc.getMap('comments').toJSON()) as Array<{ id?: unknown; kind?: unknown; status?: unknown; question?: unknown; quote?: unknown }>)
    .filter((thread) => thread.kind === 'dispute')
    .map((thread) => ({
      id: String(thread.id ?? ''),
      question: String(thread.question || thread.quote || ''),
      outcome: (thread.status === 'agreed' || thread.status === 'resolved' ? 'agreed' : thread.status === 'dropped' ? 'dropped' : 'open') as DisputeOutcome,
    }));
  const count = (outcome: DisputeOutcome) => points.filter((p) => p.outcome === outcome).length;
  return {
    at: now.toISOString(),
    timeZone,
    tasks,
    planChanges: events.filter((e) => e.kind === 'planChange').length,
    disputes: { total: points.length, agreed: count('agreed'), dropped: count('dropped'), open: count('open'), points },
  };
}

/**
 * The retrospective of a sheet for its members: the facts kept when it was archived (the latest
 * archiving, should it have been reopened and archived again), or the facts as they stand now.
 */
export async function retrospective(ctx: Services, actor: Actor, sheetId: string) {
  authorize(await accessTo(ctx, actor, sheetId), 'view');
  const kept = await keptFacts(ctx, sheetId);
  if (kept) return { archived: true, facts: kept };
  return { archived: false, facts: await ctx.sync.withRoom(sheetId, (room) => retrospectiveFacts(ctx, sheetId, room.doc)) };
}

/** The facts kept with the sheet's latest archiving, if it is archived. */
export async function keptFacts(ctx: Services, sheetId: string): Promise<RetrospectiveFacts | null> {
  const sheet = await ctx.store.sheets.getSheet(sheetId);
  if (sheet?.stage !== 'archived') return null;
  const events = await ctx.store.history.events(sheetId, HISTORY_LIMIT);
  const archiving = events.find((e) => e.kind === 'stage' && e.detail.to === 'archived');
  return (archiving?.detail.retrospective as RetrospectiveFacts | undefined) ?? null;
}
