import * as Y from 'yjs';
import { keyAtEnd, keyForMove } from '../../../lib/sheet/order';

/** A plain row written into a shared list: every value is a JSON value, `id` is stable. */
export type Row = { id: string } & Record<string, string | null | undefined>;

function indexOf(list: Y.Array<Y.Map<unknown>>, id: string): number {
  return list.toArray().findIndex((row) => row.get('id') === id);
}

/**
 * Edits of a list of rows (Y.Array of Y.Map), addressed by row id. Each field is its own value
 * in the row's map, so two people changing different fields of one row both win. In an ordered
 * list (`tasks`, `recipients`) a row's place is its `order` key: a new row takes a key after the
 * last, and a move writes only that key; the feedback log (`ordered: false`) is read by date.
 */
export function listEdits(list: Y.Array<Y.Map<unknown>>, { ordered = true }: { ordered?: boolean } = {}) {
  const doc = () => list.doc!;
  return {
    /** Adds a row, last. */
    add(row: Row): void {
      list.push([toMap(ordered ? { ...row, order: keyAtEnd(list) } : row)]);
    },
    /** Writes some fields of a row; `undefined` removes a field. */
    set(id: string, patch: Record<string, unknown>): void {
      const row = list.get(indexOf(list, id));
      if (!row) return;
      doc().transact(() => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) row.delete(key);
          else if (row.get(key) !== value) row.set(key, value);
        }
      });
    },
    /** Moves a row to position `to` of the sorted list: writes only its `order` key (GUARD.md O1), so an edit of the row at the same time is kept. */
    move(id: string, to: number): void {
      const key = keyForMove(list, id, to);
      if (key !== null) list.get(indexOf(list, id)).set('order', key);
    },
    /** Removes a row. */
    remove(id: string): void {
      const at = indexOf(list, id);
      if (at >= 0) list.delete(at, 1);
    },
  };
}

function toMap(row: Row): Y.Map<unknown> {
  return new Y.Map(Object.entries(row).filter(([, v]) => v !== undefined));
}
