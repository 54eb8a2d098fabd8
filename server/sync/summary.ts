import type * as Y from 'yjs';
import type { SheetMeta } from '../../lib/sheet/layout';
import { CONFIDENTIALITIES, STAGES, TASK_STATUSES, URGENCIES } from '../../lib/sheet/fields';
import { sortRows } from '../../lib/sheet/order';
import type { SheetSummary, TaskIndexEntry } from '../store/types';

/** The sheets list's view of a document: title, stage, urgency, deadline, departments involved. */
export function summarize(doc: Y.Doc): SheetSummary {
  const meta = doc.getMap('meta').toJSON() as Partial<Record<keyof SheetMeta, unknown>> & { initiator?: { department?: unknown } | null };
  const recipients = sortRows(doc.getArray('recipients').toJSON() as Array<{ department?: unknown }>);
  const departments = [meta.initiator?.department, ...recipients.map((r) => r.department)].filter(
    (d): d is string => typeof d === 'string' && d.length > 0,
  );
  return {
    title: typeof meta.title === 'string' ? meta.title : '',
    stage: oneOf(STAGES, doc.getMap('control').get('stage'), 'draft'),
    urgency: oneOf(URGENCIES, meta.urgency, 'normal'),
    confidentiality: oneOf(CONFIDENTIALITIES, meta.confidentiality, 'internal'),
    dueDate: typeof meta.dueDate === 'string' ? meta.dueDate : null,
    departments: Array.from(new Set(departments)),
  };
}

/** The sheet's tasks as the cross-sheet task index keeps them, in their order (one row per task id, first wins). */
export function indexTasks(sheetId: string, doc: Y.Doc, summary: SheetSummary): TaskIndexEntry[] {
  const meta = doc.getMap('meta').toJSON() as { tracker?: { personId?: unknown } | null; initiator?: { personId?: unknown } | null };
  const lastFeedback = new Map<string, { at: string; count: number }>();
  for (const note of doc.getArray('feedback').toJSON() as Array<{ taskId?: unknown; at?: unknown }>) {
    if (typeof note.taskId !== 'string' || typeof note.at !== 'string') continue;
    const seen = lastFeedback.get(note.taskId);
    lastFeedback.set(note.taskId, { at: seen && Date.parse(seen.at) > Date.parse(note.at) ? seen.at : note.at, count: (seen?.count ?? 0) + 1 });
  }
  const rows = new Map<string, TaskIndexEntry>();
  const stageAt = doc.getMap('control').get('stageAt');
  sortRows(doc.getArray('tasks').toJSON() as Array<Record<string, unknown>>).forEach((row, position) => {
    const rowId = text(row.id);
    if (!rowId || rows.has(rowId)) return;
    const feedback = lastFeedback.get(rowId);
    rows.set(rowId, {
      sheetId,
      rowId,
      position,
      task: text(row.task),
      department: text(row.department),
      personId: text(row.personId) || null,
      person: text(row.person),
      deliverable: text(row.deliverable),
      deadline: text(row.deadline) || null,
      status: oneOf(TASK_STATUSES, row.status, 'pending'),
      lastFeedbackAt: feedback?.at ?? null,
      feedbackCount: feedback?.count ?? 0,
      sheetTitle: summary.title,
      sheetStage: summary.stage,
      stageEnteredAt: text(stageAt) || null,
      sheetUrgency: summary.urgency,
      trackerId: text(meta.tracker?.personId) || null,
      initiatorId: text(meta.initiator?.personId) || null,
    });
  });
  return Array.from(rows.values());
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

// Editors write `meta` over the socket, so its values are not trusted to be of the right kind.
function oneOf<T extends string>(allowed: readonly T[], value: unknown, fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}
