import { z } from 'zod';
import * as Y from 'yjs';

/**
 * Order keys of rows (fractional indexing): a row's place in `tasks` and `recipients` is its
 * `order`, a string of base-62 digits read as a fraction (`0.d1d2…`), so a move writes only that
 * row's key, between its new neighbours' keys, and never deletes and re-inserts the row. Rows
 * sort by (order, id); digits are in ASCII order, so plain string comparison sorts them.
 */
const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Longest order key the guard accepts (GUARD.md O1): hundreds of moves into one gap fit. */
export const ORDER_MAX_CHARS = 1000;

/** What a row's `order` may hold (GUARD.md O1): digits of the key alphabet, never ending in `0` (so there is always room below). */
export const orderKey = z
  .string()
  .max(ORDER_MAX_CHARS)
  .regex(/^[0-9A-Za-z]*[1-9A-Za-z]$/, 'expected an order key');

const isKey = (v: unknown): v is string => typeof v === 'string' && orderKey.safeParse(v).success;

/** The digits of a key strictly between `a` and `b` (`b` null: above everything), both without trailing zeros. */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    let n = 0;
    while ((a[n] ?? '0') === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const low = a ? DIGITS.indexOf(a[0]) : 0;
  const high = b !== null ? DIGITS.indexOf(b[0]) : DIGITS.length;
  if (high - low > 1) return DIGITS[Math.round((low + high) / 2)];
  // Adjacent digits: `b`'s first digit alone is between when `b` goes on; otherwise go one digit deeper.
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[low] + midpoint(a.slice(1), null);
}

// At either end a key steps by one digit, not half the room: rows appended one after another
// (the usual way a list grows) or moved to the top again and again take one more digit per 30-60.

/** A key just above `a`. */
function after(a: string): string {
  const i = DIGITS.indexOf(a[0]);
  return i < DIGITS.length - 1 ? DIGITS[i + 1] : a[0] + (a.length > 1 ? after(a.slice(1)) : DIGITS[DIGITS.length / 2]);
}

/** A key just below `b`. */
function before(b: string): string {
  const i = DIGITS.indexOf(b[0]);
  if (i > 1) return DIGITS[i - 1];
  return i === 1 ? DIGITS[0] + DIGITS[DIGITS.length - 1] : DIGITS[0] + before(b.slice(1));
}

/**
 * A key strictly between `a` and `b` (null: no bound on that side); `a < b` when both are given.
 * `random` (0 ≤ r < 1, e.g. `Math.random`) appends two random digits where they fit, so two people
 * adding or moving rows into the same gap at once almost never write the same key (a tie is still
 * ordered, by row id).
 */
export function keyBetween(a: string | null, b: string | null, random?: () => number): string {
  if (a !== null && b !== null && a >= b) throw new Error(`order keys out of order: ${a} >= ${b}`);
  const key = a !== null && b !== null ? midpoint(a, b) : a !== null ? after(a) : b !== null ? before(b) : DIGITS[DIGITS.length / 2];
  if (!random || (b !== null && b.startsWith(key)) || key.length + 2 > ORDER_MAX_CHARS) return key;
  const digit = (from: number) => DIGITS[from + Math.floor(random() * (DIGITS.length - from))];
  return key + digit(0) + digit(1);
}

/** What the sort reads of a row. */
export interface Ordered {
  order?: unknown;
  id?: unknown;
}

/**
 * Rows in their order (GUARD.md O2): by `order`, ties by `id`; rows without a key (a sheet not yet
 * migrated) come after, in the list's own order. The one sort every reader uses. `read` gives
 * the `order` and `id` of a row that is not a plain object (a Y.Map).
 */
export function sortRows<T>(rows: readonly T[], read: (row: T) => Ordered = (row) => (row ?? {}) as Ordered): T[] {
  const keyed = rows.map((row, position) => {
    const { order, id } = read(row);
    return { row, position, order: isKey(order) ? order : null, id: typeof id === 'string' ? id : '' };
  });
  keyed.sort((x, y) => {
    if (x.order === null || y.order === null) return x.order === y.order ? x.position - y.position : x.order === null ? 1 : -1;
    if (x.order !== y.order) return x.order < y.order ? -1 : 1;
    return x.id < y.id ? -1 : x.id > y.id ? 1 : x.position - y.position;
  });
  return keyed.map((k) => k.row);
}

const fieldsOf = (row: Y.Map<unknown>): Ordered => ({ order: row.get('order'), id: row.get('id') });

/** The rows of a live list (Y.Array of Y.Map) in their order. */
export function sortedMaps<T>(list: Y.Array<T>): Y.Map<unknown>[] {
  return sortRows(
    list.toArray().flatMap((row: unknown) => (row instanceof Y.Map ? [row as Y.Map<unknown>] : [])),
    fieldsOf,
  );
}

/** The key for a new row at the end of `list`. */
export function keyAtEnd<T>(list: Y.Array<T>, random: () => number = Math.random): string {
  const last = sortedMaps(list).findLast((row) => isKey(row.get('order')));
  return keyBetween((last?.get('order') as string | undefined) ?? null, null, random);
}

/**
 * The key that puts row `id` at position `to` of the sorted list, or null when it stays where
 * it is (or the key would be longer than the guard accepts). Only that row's key changes: when its new neighbours share one key (two rows added at
 * once), it takes that key and the tie is ordered by id.
 */
export function keyForMove<T>(list: Y.Array<T>, id: string, to: number, random: () => number = Math.random): string | null {
  const rows = sortedMaps(list);
  const from = rows.findIndex((row) => row.get('id') === id);
  if (from < 0 || to < 0 || to >= rows.length || to === from) return null;
  const others = rows.filter((_, i) => i !== from);
  const key = (row: Y.Map<unknown> | undefined) => (row && isKey(row.get('order')) ? (row.get('order') as string) : null);
  const before = key(others[to - 1]);
  const after = key(others[to]);
  if (before !== null && after !== null && before >= after) return before;
  const moved = keyBetween(before, after, random);
  // Past the bound (hundreds of moves into one gap) the guard would refuse it: the row stays.
  return isKey(moved) ? moved : null;
}

/** List sections whose rows people reorder. */
export const ORDERED_SECTIONS = ['tasks', 'recipients'] as const;

/** True when a row of an ordered list still lacks its key: the sheet needs `migrateRowOrder`. */
export function needsRowOrder(doc: Y.Doc): boolean {
  return ORDERED_SECTIONS.some((section) => doc.getArray(section).toArray().some((row) => row instanceof Y.Map && !isKey(row.get('order'))));
}

/**
 * Migration of a sheet written before order keys (GUARD.md O2). A move then deleted the row and
 * inserted a copy, so two people moving one row at once left two identical copies: a copy equal
 * in every field to an earlier row with its id is removed (nothing is lost; copies that differ
 * stay). Every other row without a key gets one, after the keyed rows, in the list's order, so
 * what people saw stays where it was. A sheet whose rows all have their key is left as it is.
 */
export function migrateRowOrder(doc: Y.Doc): void {
  for (const section of ORDERED_SECTIONS) {
    const list = doc.getArray(section);
    const seen = new Set<string>();
    let last: string | null = null;
    for (const row of sortedMaps(list)) {
      const order = row.get('order');
      if (!isKey(order)) {
        const copy = JSON.stringify(Object.entries(row.toJSON()).sort(([x], [y]) => (x < y ? -1 : 1)));
        if (seen.has(copy)) {
          list.delete(list.toArray().indexOf(row), 1);
          continue;
        }
        seen.add(copy);
        row.set('order', keyBetween(last, null));
      }
      last = row.get('order') as string;
    }
  }
}
