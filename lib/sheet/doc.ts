import * as Y from 'yjs';
import type { Stage } from './fields';
import { THREAD_LISTS } from './comments';
import { sortRows } from './order';
import { RICH_TEXT_SECTIONS, SECTIONS, type RichNode, type RichTextSection, type SheetControl, type SheetMeta } from './layout';
import { richTextToJson, richTextToPlain } from './richtext-doc';

const MAP_SECTIONS = new Set(['meta', 'comments', 'control']);
const LIST_SECTIONS = new Set(['recipients', 'tasks', 'feedback']);

/**
 * Gives every section its shared type of the right kind. Yjs first creates roots met in an
 * update as generic types and replaces them when asked for a kind, so code that keeps a root
 * must ask for all of them first.
 */
export function typeSections(doc: Y.Doc): void {
  for (const section of SECTIONS) {
    if (MAP_SECTIONS.has(section)) doc.getMap(section);
    else if (LIST_SECTIONS.has(section)) doc.getArray(section);
    else doc.getXmlFragment(section);
  }
}

/** Writes the initial content of a new sheet into `doc`, in one transaction. */
export function initSheetDoc(doc: Y.Doc, meta: SheetMeta): void {
  doc.transact(() => {
    const m = doc.getMap('meta');
    for (const [key, value] of Object.entries(meta)) m.set(key, value);
    const control = doc.getMap('control');
    control.set('stage', 'draft' satisfies Stage);
    control.set('locks', new Y.Map());
  });
}

/** The whole sheet as JSON: what the HTTP API returns; rows of `tasks` and `recipients` in their order (GUARD.md O2). */
export function readSheet(doc: Y.Doc) {
  const rich = Object.fromEntries(
    RICH_TEXT_SECTIONS.map((s) => {
      const json = richTextToJson(doc.getXmlFragment(s));
      return [s, { text: richTextToPlain(json), json }];
    }),
  ) as Record<RichTextSection, { text: string; json: RichNode }>;
  const control = doc.getMap('control').toJSON() as Partial<SheetControl>;
  return {
    meta: doc.getMap('meta').toJSON() as SheetMeta,
    recipients: sortRows(doc.getArray('recipients').toJSON()),
    ...rich,
    tasks: sortRows(doc.getArray('tasks').toJSON()),
    feedback: doc.getArray('feedback').toJSON(),
    comments: doc.getMap('comments').toJSON(),
    stage: (control.stage ?? 'draft') as Stage,
    locks: control.locks ?? {},
  };
}

/** True when every entry of every list of a thread is by `userId`: its author may then remove it (GUARD.md C2). */
export function threadOnlyBy(thread: Y.Map<unknown>, userId: string): boolean {
  return THREAD_LISTS.every((list) => {
    const entries = thread.get(list);
    return !(entries instanceof Y.Array) || entries.toArray().every((e) => !(e instanceof Y.Map) || e.get('authorId') === userId);
  });
}
