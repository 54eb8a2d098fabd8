import * as Y from 'yjs';
import { THREAD_LISTS } from '../../lib/sheet/comments';
import type { Store } from '../store/types';
import { madeHere, writerOf, type RoomListener } from '../sync/room';
import type { Happening, Notifier } from './notifier';

/** Longest excerpt of a comment quoted in a mention. */
const EXCERPT_CHARS = 140;

/** A happening read from the document, and who it is for: people by id, or a department's people (`dept:<name>`). */
interface Fact {
  happening: Happening;
  recipients: string[];
}

const isNew = (tr: Y.Transaction, item: Y.Item | null): boolean => item !== null && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** A map's value under `key` even when the map was deleted in this transaction (its content is kept until the transaction ends). */
function rawValue(map: Y.Map<unknown>, key: string): unknown {
  const item = map._map.get(key);
  return item?.content.getContent()[0];
}

/** A task given to someone in a transaction: told once the row has settled. */
interface Assignment {
  rowId: string;
  personId: string;
  actor: Happening['actor'];
  /** The id of the write itself: the same on every node that applies it. */
  key: string;
}

/** Ids of the task rows whose fields changed in `tr`. */
function changedRows(tr: Y.Transaction, tasks: Y.Array<unknown>): string[] {
  const ids: string[] = [];
  for (const type of tr.changed.keys()) if (type instanceof Y.Map && type.parent === tasks) ids.push(str(type.get('id')));
  return ids;
}

/**
 * Task rows whose responsible person (`personId`) was set or changed in `tr`, with that person.
 * A row moved in the table is re-inserted as a copy (same id, same person): that is no assignment.
 */
function assignments(tr: Y.Transaction, tasks: Y.Array<unknown>, actor: Happening['actor']): Assignment[] {
  const rows = new Set<Y.Map<unknown>>();
  if (tr.changed.has(tasks)) for (const row of tasks.toArray()) if (row instanceof Y.Map && isNew(tr, row._item)) rows.add(row);
  for (const [type, keys] of tr.changed) if (type instanceof Y.Map && type.parent === tasks && keys.has('personId')) rows.add(type);
  if (rows.size === 0) return [];
  const removed: Array<Y.Map<unknown>> = [];
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (struct instanceof Y.Item && struct.parent === tasks && struct.content instanceof Y.ContentType && struct.content.type instanceof Y.Map) removed.push(struct.content.type);
  });
  const found: Assignment[] = [];
  for (const row of rows) {
    const entry = row._map.get('personId');
    const personId = row.get('personId');
    if (typeof personId !== 'string' || !entry || entry.deleted || !isNew(tr, entry)) continue;
    const id = str(row.get('id'));
    if (removed.some((old) => rawValue(old, 'id') === id && rawValue(old, 'personId') === personId)) continue;
    found.push({ rowId: id, personId, actor, key: `${entry.id.client}:${entry.id.clock}` });
  }
  return found;
}

/**
 * Tells the person a task was given to, once its row has settled (`Notifier.settle`: no change to
 * it for a while), with the task and deadline as the index then has them; nobody if the row is gone
 * or given to someone else meanwhile, or the person is no longer a member.
 */
function tellAssignment(notifier: Notifier, store: Store, sheetId: string, a: Assignment): void {
  notifier.settle(`assigned:${sheetId}:${a.rowId}`, async () => {
    const [row, role] = await Promise.all([store.tasks.ofSheet(sheetId).then((rows) => rows.find((r) => r.rowId === a.rowId)), store.sheets.roleOf(sheetId, a.personId)]);
    if (!row || row.personId !== a.personId || !role) return;
    await notifier.tell(
      { kind: 'assigned', sheetId, actor: a.actor, payload: { rowId: a.rowId, task: row.task, deadline: row.deadline }, key: `assigned:${sheetId}:${a.key}` },
      [a.personId],
    );
  });
}

/** Entries of comment threads (messages, positions, solutions) written or given mentions in `tr`, and the people and departments they mention. */
function mentions(sheetId: string, tr: Y.Transaction, comments: Y.Map<unknown>): Fact[] {
  const entries = new Map<Y.Map<unknown>, Y.Map<unknown>>();
  const addList = (thread: Y.Map<unknown>, list: unknown) => {
    if (list instanceof Y.Array) for (const entry of list.toArray()) if (entry instanceof Y.Map && isNew(tr, entry._item)) entries.set(entry, thread);
  };
  const root: unknown = comments;
  for (const [type, keys] of tr.changed) {
    if (type === root) {
      for (const key of keys) {
        const thread = key === null ? null : comments.get(key);
        if (thread instanceof Y.Map && isNew(tr, thread._item)) for (const list of THREAD_LISTS) addList(thread, thread.get(list));
      }
    } else if (type instanceof Y.Map && type.parent === comments) {
      for (const key of keys) if ((THREAD_LISTS as readonly (string | null)[]).includes(key)) addList(type, type.get(key!));
    } else if (type instanceof Y.Array && type.parent instanceof Y.Map && type.parent.parent === comments) {
      addList(type.parent, type);
    } else if (type instanceof Y.Map && keys.has('mentions') && type.parent?.parent instanceof Y.Map && type.parent.parent.parent === comments) {
      entries.set(type, type.parent.parent);
    }
  }
  const facts: Fact[] = [];
  for (const [entry, thread] of entries) {
    const mentioned = entry.get('mentions');
    if (!Array.isArray(mentioned) || mentioned.length === 0) continue;
    const section = str(thread.get('section'));
    const payload = {
      threadId: str(thread.get('id')),
      section,
      rowId: section === 'tasks' ? str(thread.get('taskId')) || undefined : undefined,
      excerpt: Array.from(str(entry.get('text'))).slice(0, EXCERPT_CHARS).join(''),
    };
    const happening = (department?: string): Happening => ({
      kind: 'mention',
      sheetId,
      actor: { id: str(entry.get('authorId')), name: str(entry.get('author')) },
      payload: department ? { ...payload, department } : payload,
      key: `mention:${sheetId}:${payload.threadId}:${str(entry.get('id'))}`,
    });
    const people = mentioned.filter((m): m is string => typeof m === 'string' && !m.startsWith('dept:'));
    if (people.length) facts.push({ happening: happening(), recipients: people });
    for (const m of mentioned) if (typeof m === 'string' && m.startsWith('dept:')) facts.push({ happening: happening(m.slice(5)), recipients: [m] });
  }
  return facts;
}

/**
 * Watches every sheet's changes for the notifications they call for: a mention in a comment
 * (people, and whole departments: their people on the sheet) and a task given to someone (once its
 * row has settled). Only members of the sheet are told, so a sheet's title never reaches an outsider.
 */
export function changeWatcher(notifier: Notifier, store: Store): RoomListener {
  return {
    applied(sheetId, tr) {
      // Only changes made on this node (a peer's socket, a command, the system): a change
      // another node applied is that node's to notify about.
      if (!madeHere(tr.origin)) return null;
      const doc = tr.doc;
      const writer = writerOf(tr.origin);
      const actor = writer && { id: writer.userId, name: writer.name };
      const tasks = doc.getArray('tasks');
      // A row still being filled in (its deadline typed after its person) waits a little longer.
      for (const rowId of changedRows(tr, tasks)) notifier.postpone(`assigned:${sheetId}:${rowId}`);
      for (const assignment of assignments(tr, tasks, actor)) tellAssignment(notifier, store, sheetId, assignment);
      const facts = mentions(sheetId, tr, doc.getMap('comments'));
      if (facts.length === 0) return null;
      return async () => {
        const members = await store.sheets.listMembers(sheetId);
        for (const { happening, recipients } of facts) {
          const ids = recipients.flatMap((r) =>
            r.startsWith('dept:') ? members.filter((m) => m.departmentName === r.slice(5)).map((m) => m.userId) : members.some((m) => m.userId === r) ? [r] : [],
          );
          await notifier.tell(happening, ids);
        }
      };
    },
  };
}
