import * as Y from 'yjs';
import { authorize, type Actor } from '../../lib/policies';
import { deadlineEnd, deadlineStatus } from '../../lib/sheet/deadlines';
import { sortRows } from '../../lib/sheet/order';
import type { Services } from '../services';
import type { OpenWorkSettlement } from '../../lib/api/schemas';
import type { DisputeOutcome, OpenTask, RetrospectiveFacts } from '../../lib/sheet/retrospective';
import type { IndexedTask } from '../store/types';
import { accessTo } from './access';

/** Every activity event the facts count: a sheet's history is short (locks, stages, versions). */
const HISTORY_LIMIT = 100_000;

/** What is still open on a sheet: tasks not done and disputed points neither agreed, resolved nor dropped. */
export interface OpenWork {
  tasks: Array<{ id: string; task: string; person: string; deadline: string | null; status: string }>;
  disputes: Array<{ id: string; question: string }>;
}

type TaskJson = { id?: unknown; task?: unknown; person?: unknown; deadline?: unknown; status?: unknown };
type ThreadJson = { id?: unknown; kind?: unknown; status?: unknown; question?: unknown; quote?: unknown };
const str = (value: unknown) => (typeof value === 'string' ? value : '');
const tasksOf = (doc: Y.Doc) => sortRows(doc.getArray('tasks').toJSON() as TaskJson[]);
const disputesOf = (doc: Y.Doc) => (Object.values(doc.getMap('comments').toJSON()) as ThreadJson[]).filter((thread) => thread.kind === 'dispute');
const disputeOutcome = (status: unknown): DisputeOutcome => (status === 'agreed' || status === 'resolved' ? 'agreed' : status === 'dropped' ? 'dropped' : 'open');

/** The sheet's open work, in table order: what archiving asks the facilitator to settle or leave open. */
export function openWorkOf(doc: Y.Doc): OpenWork {
  return {
    tasks: tasksOf(doc)
      .filter((row) => row.status !== 'done')
      .map((row) => ({ id: str(row.id), task: str(row.task), person: str(row.person), deadline: str(row.deadline) || null, status: str(row.status) })),
    disputes: disputesOf(doc)
      .filter((thread) => disputeOutcome(thread.status) === 'open')
      .map((thread) => ({ id: str(thread.id), question: str(thread.question || thread.quote) })),
  };
}

/** The open work `settlement` says nothing about: archiving is refused while any is left. */
export function unsettledWork(open: OpenWork, settlement: OpenWorkSettlement | undefined): OpenWork {
  const tasks = new Set(settlement?.tasks?.map((s) => s.id));
  const disputes = new Set(settlement?.disputes?.map((s) => s.id));
  return { tasks: open.tasks.filter((x) => !tasks.has(x.id)), disputes: open.disputes.filter((x) => !disputes.has(x.id)) };
}

/**
 * The facts of a sheet at `now`. A done task is on time when the index saw it done before its
 * deadline's day ended in the organisation's time zone; a task without a deadline counts as on time.
 * With a `settlement` (archiving), each open task and dispute carries what the facilitator decided.
 */
export async function retrospectiveFacts(ctx: Services, sheetId: string, doc: Y.Doc, now = new Date(), settlement?: OpenWorkSettlement): Promise<RetrospectiveFacts> {
  const timeZone = ctx.config.timeZone;
  const [indexed, events] = await Promise.all([ctx.store.tasks.ofSheet(sheetId), ctx.store.history.events(sheetId, HISTORY_LIMIT)]);
  const doneAt = new Map(indexed.map((t: IndexedTask) => [t.rowId, t.doneAt]));
  const settledTasks = new Map(settlement?.tasks?.map((s) => [s.id, s]));
  const settledDisputes = new Map(settlement?.disputes?.map((s) => [s.id, s]));
  const tasks = { total: 0, onTime: 0, late: 0, open: 0, openOverdue: 0, dropped: 0, items: [] as OpenTask[] };
  for (const row of tasksOf(doc)) {
    const deadline = str(row.deadline) || null;
    tasks.total++;
    if (row.status !== 'done') {
      const settled = settledTasks.get(str(row.id));
      const outcome = settled?.outcome ?? 'open';
      tasks.items.push({ id: str(row.id), task: str(row.task), person: str(row.person), deadline, outcome, reason: settled?.reason || null });
      if (outcome === 'dropped') {
        tasks.dropped++;
        continue;
      }
      tasks.open++;
      if (deadlineStatus(deadline, now, timeZone)?.overdue) tasks.openOverdue++;
      continue;
    }
    const finished = doneAt.get(String(row.id));
    const late = deadline !== null && finished != null && Date.parse(finished) >= deadlineEnd(deadline, timeZone).getTime();
    if (late) tasks.late++;
    else tasks.onTime++;
  }
  const points = disputesOf(doc).map((thread) => ({
    id: str(thread.id),
    question: str(thread.question || thread.quote),
    outcome: disputeOutcome(thread.status),
    reason: settledDisputes.get(str(thread.id))?.reason || null,
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
