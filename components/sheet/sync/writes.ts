import * as Y from 'yjs';

/** A plain row written into a shared list: every value is a JSON value, `id` is stable. */
export type Row = { id: string } & Record<string, string | null | undefined>;

function indexOf(list: Y.Array<Y.Map<unknown>>, id: string): number {
  return list.toArray().findIndex((row) => row.get('id') === id);
}

/** Edits of an ordered list of rows (Y.Array of Y.Map), addressed by row id so concurrent moves never hit the wrong row. */
export function listEdits(list: Y.Array<Y.Map<unknown>>) {
  const doc = () => list.doc!;
  return {
    /** Appends a row. */
    add(row: Row): void {
      list.push([toMap(row)]);
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
    /** Moves a row: a Y.Map cannot move, so it is re-inserted as a copy with the same id, in one transaction. */
    move(id: string, to: number): void {
      const from = indexOf(list, id);
      if (from < 0 || to < 0 || to >= list.length || to === from) return;
      doc().transact(() => {
        const copy = toMap(list.get(from).toJSON() as Row);
        list.delete(from, 1);
        list.insert(to, [copy]);
      });
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
