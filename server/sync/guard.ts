import * as Y from 'yjs';
import type { z } from 'zod';
import { AppError } from '../../lib/errors';
import { maySetMetaField } from '../../lib/policies/meta';
import { roleAtLeast, type Role } from '../../lib/policies/roles';
import { writableSections } from '../../lib/policies/sheet';
import { THREAD_ENTRY_FIELDS, THREAD_FIELDS, THREAD_LISTS } from '../../lib/sheet/comments';
import { threadOnlyBy } from '../../lib/sheet/doc';
import { META_FIELDS, ROW_FIELDS, type RowSection } from '../../lib/sheet/fields';
import type { Party } from '../../lib/sheet/fields';
import type { Lock } from '../../lib/sheet/layout';
import { richTextProblem } from '../../lib/sheet/richtext';
import { REFUSAL_ERROR, type RefusalReason } from '../../lib/sync/close';
import { inspectUpdate, type Inspection, type MapEntry, type RichInsert, type RowInsert, type Touch } from './inspect';

/**
 * Who makes a change, as the guard judges it: the person the server authenticated, their role
 * on the sheet, and the entry point the change came through. A socket update and an HTTP
 * command in the same person's name get the same verdict (GUARD.md, "one guard").
 */
export interface Writer {
  userId: string;
  name: string;
  role: Role;
  entry: 'socket' | 'http';
}

/** Why a change is refused: a close reason (the socket's close code, the HTTP status) and a detail for the log. */
export interface Refusal {
  reason: RefusalReason;
  detail: string;
}

/**
 * The guard: the one rule set every change a person makes goes through, whatever the entry point
 * (GUARD.md G1-G3, G5, V1-V8, C1-C4, L1-L3, A1). Pure: it reads the document as stored, the
 * writer and what the update would change, and returns the first rule broken, or null.
 */
export function judge(doc: Y.Doc, writer: Writer, inspection: Inspection): Refusal | null {
  if (!inspection.ok) return { reason: 'malformed', detail: inspection.problem };
  return (
    sectionRefusal(doc, writer, inspection) ??
    valueRefusal(doc, writer, inspection) ??
    richTextRefusal(inspection.rich) ??
    commentRefusal(doc, writer, inspection) ??
    lockRefusal(doc, writer, inspection.touches)
  );
}

/** Inspects an update against the document and judges it (`judge`). */
export function judgeUpdate(doc: Y.Doc, writer: Writer, update: Uint8Array): Refusal | null {
  return judge(doc, writer, inspectUpdate(doc, update));
}

/** A refusal as the HTTP API reports it: the status that matches the socket's close code. */
export function refusalError(refusal: Refusal): AppError {
  return new AppError(REFUSAL_ERROR[refusal.reason], refusal.detail, { reason: refusal.reason });
}

/**
 * G1-G3, A1, C5, V11: `control` is the server's; an archived sheet changes for nobody; each role
 * writes its sections, and anyone reports on the tasks they are responsible for.
 */
function sectionRefusal(doc: Y.Doc, writer: Writer, inspection: Extract<Inspection, { ok: true }>): Refusal | null {
  const { sections } = inspection;
  if (sections.has('control')) return { reason: 'controlWrite', detail: 'control is written only by the server' };
  if (sections.size > 0 && doc.getMap('control').get('stage') === 'archived') return { reason: 'archived', detail: 'the sheet is archived' };
  const writable: ReadonlySet<string> = writableSections(writer.role, writer.entry);
  for (const section of sections) {
    if (writable.has(section) || ownTaskReport(doc, writer, inspection, section)) continue;
    return { reason: 'forbiddenSection', detail: `${writer.role} may not write ${section}` };
  }
  return null;
}

/**
 * V11: whatever their role, the responsible person of a task reports on it: progress notes on
 * that task (`feedback`, in their own name: V4) and that task's status (`tasks`), nothing else of
 * those sections.
 */
function ownTaskReport(doc: Y.Doc, writer: Writer, inspection: Extract<Inspection, { ok: true }>, section: string): boolean {
  if (section !== 'feedback' && section !== 'tasks') return false;
  const isMine = (row: Y.Map<unknown> | null | undefined) => row?.get('personId') === writer.userId;
  const entries = inspection.entries.filter((e) => e.section === section);
  const rows = inspection.rows.filter((r) => r.section === section);
  const touches = inspection.touches.filter((t) => t.section === section);
  if (section === 'tasks') {
    return rows.length === 0 && entries.every((e) => e.key === 'status' && !!e.row && isMine(storedMap(doc, e.row))) && touches.every((t) => t.row?.field === 'status' && isMine(storedMap(doc, t.row.item)));
  }
  const myTasks = new Set(
    doc
      .getArray('tasks')
      .toArray()
      .filter((r): r is Y.Map<unknown> => r instanceof Y.Map && isMine(r))
      .map((r) => r.get('id')),
  );
  const taskOf = (row: RowInsert) => entries.find((e) => e.row && Y.compareIDs(e.row, row.item) && e.key === 'taskId')?.value;
  // New notes on one's own tasks; edits of notes are V4's (their author's only); no note removed.
  return rows.every((row) => myTasks.has(taskOf(row))) && entries.every((e) => e.key !== 'taskId' || myTasks.has(e.value)) && touches.every((t) => !t.deleted || !!t.row);
}

/**
 * Values (GUARD.md V1-V4, V8): every field of `meta` and of a row holds a value of its kind, never
 * a nested type, and rows are maps; the confidentiality level and the initiator are the
 * facilitator's to change, the tracker the facilitator's or the initiator's; a progress note is
 * written in its author's name and changed or removed by its author only.
 */
function valueRefusal(doc: Y.Doc, writer: Writer, inspection: { entries: readonly MapEntry[]; rows: readonly RowInsert[]; touches: readonly Touch[] }): Refusal | null {
  const invalid = (what: string): Refusal => ({ reason: 'invalidValue', detail: `${what} holds an invalid value` });
  const forbidden = (detail: string): Refusal => ({ reason: 'forbiddenSection', detail });
  for (const row of inspection.rows) if (!row.isMap) return invalid(`a row of ${row.section}`);
  for (const entry of inspection.entries) {
    const fields: Record<string, z.ZodType> | undefined = entry.row ? ROW_FIELDS[entry.section as RowSection] : entry.section === 'meta' ? META_FIELDS : undefined;
    const schema = fields && Object.hasOwn(fields, entry.key) ? fields[entry.key] : undefined;
    if (!schema) continue;
    if (entry.type || !schema.safeParse(entry.value).success) return invalid(`${entry.section}.${entry.key}`);
    if (entry.section === 'meta') {
      const refusal = metaRefusal(doc, writer, entry.key);
      if (refusal) return refusal;
    }
    if (entry.section === 'feedback' && ((entry.key === 'authorId' && entry.value !== writer.userId) || (entry.key === 'author' && entry.value !== writer.name))) {
      return forbidden('progress notes are written in their author’s own name');
    }
  }
  for (const row of inspection.rows) {
    const signed = inspection.entries.some((e) => e.row && Y.compareIDs(e.row, row.item) && e.key === 'authorId');
    if (row.section === 'feedback' && !signed) return forbidden('a progress note needs its author');
  }
  for (const touch of inspection.touches) {
    if (touch.section !== 'feedback' || !touch.row) continue;
    const stored = storedMap(doc, touch.row.item);
    if (stored && stored.get('authorId') !== writer.userId) return forbidden('only its author changes a progress note');
  }
  return null;
}

/** V6, V7: rich text holds only the editor's node types, marks and attributes, with values of their kind, nested and sized within bounds. */
function richTextRefusal(rich: readonly RichInsert[]): Refusal | null {
  for (const piece of rich) {
    const problem = richTextProblem(piece);
    if (problem) return { reason: 'invalidValue', detail: `${piece.section}: ${problem}` };
  }
  return null;
}

/** V2, V8: the confidentiality level, the initiator and the tracker are decided by the facilitator (`maySetMetaField`). */
function metaRefusal(doc: Y.Doc, writer: Writer, key: string): Refusal | null {
  if (maySetMetaField(key, writer, doc.getMap('meta').get('initiator') as Party | null | undefined)) return null;
  return { reason: 'forbiddenSection', detail: key === 'tracker' ? 'the tracker is chosen by the facilitator or the initiator' : `only the facilitator changes the ${key}` };
}

/**
 * Comments (GUARD.md C1-C4): threads and their entries (messages, positions, solutions) are
 * written in their author's own name; a thread's fields change by its author (who may resolve
 * it without edit rights) or by an editor; an entry changes by its author only; a thread or an
 * entry is removed by its author or the facilitator.
 */
function commentRefusal(doc: Y.Doc, writer: Writer, inspection: { entries: readonly MapEntry[]; touches: readonly Touch[] }): Refusal | null {
  const forbidden = (detail: string): Refusal => ({ reason: 'forbiddenSection', detail });
  const invalid = (what: string): Refusal => ({ reason: 'invalidValue', detail: `${what} holds an invalid value` });
  const entries = inspection.entries.filter((e) => e.section === 'comments');
  for (const entry of entries) {
    const depth = entry.chain.length;
    if (depth === 0 && !entry.type) return invalid('a comment thread');
    if (depth === 1) {
      if ((THREAD_LISTS as readonly string[]).includes(entry.key)) {
        if (!entry.type) return invalid(`thread.${entry.key}`);
        continue;
      }
      const schema: z.ZodType | undefined = Object.hasOwn(THREAD_FIELDS, entry.key) ? THREAD_FIELDS[entry.key as keyof typeof THREAD_FIELDS] : undefined;
      if (!schema || entry.type || !schema.safeParse(entry.value).success) return invalid(`thread.${entry.key}`);
      const signature = entry.key === 'createdBy' ? writer.userId : entry.key === 'createdByName' ? writer.name : undefined;
      if (signature !== undefined && (storedMap(doc, entry.chain[0].item) || entry.value !== signature)) return forbidden('a thread is opened in its author’s own name');
    }
    if (depth === 2) return invalid('a thread list entry');
    if (depth === 3) {
      const schema: z.ZodType | undefined = Object.hasOwn(THREAD_ENTRY_FIELDS, entry.key) ? THREAD_ENTRY_FIELDS[entry.key as keyof typeof THREAD_ENTRY_FIELDS] : undefined;
      if (!schema || entry.type || !schema.safeParse(entry.value).success) return invalid(`comment.${entry.key}`);
      if ((entry.key === 'authorId' && entry.value !== writer.userId) || (entry.key === 'author' && entry.value !== writer.name)) {
        return forbidden('a comment is written in its author’s own name');
      }
    }
    if (depth > 3) return invalid('a comment');
  }
  const signed = (item: Y.ID, depth: number, key: string) => entries.some((e) => e.chain.length === depth && Y.compareIDs(e.chain[depth - 1].item, item) && e.key === key);
  // Removing a thread or an entry removes what is inside it: that is judged at the level removed.
  const key = (id: Y.ID) => `${id.client}:${id.clock}`;
  const gone = new Set(inspection.touches.filter((t) => t.section === 'comments' && t.deleted).map((t) => key(t.deleted!)));
  const moderator = writer.role === 'facilitator';
  for (const touch of inspection.touches) {
    if (touch.section !== 'comments') continue;
    if (touch.deleted && touch.chain.some((link) => gone.has(key(link.item)))) continue;
    const depth = touch.chain.length;
    if (depth === 0 || depth === 2) {
      if (touch.deleted) {
        const removed = storedMap(doc, touch.deleted);
        const owner = removed?.get(depth === 0 ? 'createdBy' : 'authorId');
        if (removed && owner !== writer.userId && !moderator) return forbidden('only its author or the facilitator removes a comment');
        if (removed && depth === 0 && !moderator && !threadOnlyBy(removed, writer.userId)) return forbidden('a thread with others’ replies is removed by the facilitator');
      } else if (touch.item && !signed(touch.item, depth + 1, depth === 0 ? 'createdBy' : 'authorId')) {
        return forbidden('a comment needs its author');
      }
    } else if (depth === 1) {
      const thread = storedMap(doc, touch.chain[0].item);
      if (thread && thread.get('createdBy') !== writer.userId && !roleAtLeast(writer.role, 'editor')) return forbidden('only its author or an editor changes a thread');
    } else {
      const entry = storedMap(doc, touch.chain[2].item);
      if (entry && entry.get('authorId') !== writer.userId) return forbidden('only its author changes a comment');
    }
  }
  return null;
}

/**
 * Locks (GUARD.md L1-L4): nothing changes in a hard-locked section. In `tasks` a lock on the
 * table or on one row (`tasks/<taskId>`) freezes what was agreed, but a row's `status` stays
 * writable by its responsible person, so execution is tracked without unlocking the plan.
 * Warn-only locks are the editor's business: it asks before a change and the change is kept.
 */
function lockRefusal(doc: Y.Doc, writer: Writer, touches: readonly Touch[]): Refusal | null {
  const locks = doc.getMap('control').get('locks');
  if (!(locks instanceof Y.Map) || locks.size === 0) return null;
  const hard = (target: string) => (locks.get(target) as Lock | undefined)?.mode === 'hard';
  for (const touch of touches) {
    if (touch.section !== 'tasks') {
      if (hard(touch.section)) return { reason: 'locked', detail: `${touch.section} is locked` };
      continue;
    }
    const row = touch.row ? storedMap(doc, touch.row.item) : null;
    const rowLocked = hard('tasks') || (row !== null && hard(`tasks/${String(row.get('id'))}`));
    if (!rowLocked) continue;
    const statusByResponsible = row !== null && touch.row?.field === 'status' && row.get('personId') === writer.userId;
    if (!statusByResponsible) return { reason: 'locked', detail: row ? `task ${String(row.get('id'))} is locked` : 'the tasks table is locked' };
  }
  return null;
}

/** The stored map (a row, a comment thread or entry) whose item has this id, or null for one new in the update. */
function storedMap(doc: Y.Doc, id: Y.ID): Y.Map<unknown> | null {
  if (id.clock >= Y.getState(doc.store, id.client)) return null;
  const item = Y.getItem(doc.store, id);
  return item instanceof Y.Item && item.content instanceof Y.ContentType && item.content.type instanceof Y.Map ? item.content.type : null;
}
