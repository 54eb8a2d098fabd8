import { describe, expect, test } from 'vitest';
import * as Y from 'yjs';
import { keyAtEnd, keyBetween, keyForMove, migrateRowOrder, needsRowOrder, orderKey, sortedMaps, sortRows } from './order';

/** A seeded generator, so a failure repeats. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('keyBetween', () => {
  test('a key is strictly between its bounds and a valid order key, with or without random digits', () => {
    const rng = seeded(7);
    for (const random of [undefined, rng]) {
      const keys: string[] = [keyBetween(null, null, random)];
      for (let i = 0; i < 2000; i++) {
        const at = Math.floor(rng() * (keys.length + 1));
        const key = keyBetween(keys[at - 1] ?? null, keys[at] ?? null, random);
        if (at > 0) expect(key > keys[at - 1]).toBe(true);
        if (at < keys.length) expect(key < keys[at]).toBe(true);
        expect(orderKey.safeParse(key).success).toBe(true);
        keys.splice(at, 0, key);
      }
      expect([...keys].sort()).toEqual(keys);
    }
  });

  test('keys stay short: hundreds of rows appended, or moved to the top one after another', () => {
    let last: string | null = null;
    for (let i = 0; i < 500; i++) last = keyBetween(last, null, Math.random);
    expect(last!.length).toBeLessThan(30);
    let first: string | null = null;
    for (let i = 0; i < 500; i++) first = keyBetween(null, first, Math.random);
    expect(first!.length).toBeLessThan(30);
  });

  test('bounds out of order are a bug, not a key', () => {
    expect(() => keyBetween('b', 'a')).toThrow();
    expect(() => keyBetween('a', 'a')).toThrow();
  });
});

describe('orderKey', () => {
  test('only digits of the alphabet, not ending in 0, bounded', () => {
    for (const ok of ['V', '0V', 'azZ9']) expect(orderKey.safeParse(ok).success).toBe(true);
    for (const bad of ['', 'V0', 'a b', 'é', 'V'.repeat(1001), 5]) expect(orderKey.safeParse(bad).success).toBe(false);
  });
});

describe('sortRows', () => {
  test('by order, ties by id; rows without a key after, in the list’s order', () => {
    const rows = [{ id: 'x' }, { id: 'b', order: 'V' }, { id: 'a', order: 'V' }, { id: 'w', order: 'bad!' }, { id: 'c', order: 'G' }];
    expect(sortRows(rows).map((r) => r.id)).toEqual(['c', 'a', 'b', 'x', 'w']);
  });
});

function list(rows: Array<Record<string, string>>): Y.Array<Y.Map<unknown>> {
  const doc = new Y.Doc();
  const tasks = doc.getArray<Y.Map<unknown>>('tasks');
  tasks.push(rows.map((r) => new Y.Map(Object.entries(r))));
  return tasks;
}
const ids = (l: Y.Array<Y.Map<unknown>>) => sortedMaps(l).map((r) => r.get('id'));

describe('moves', () => {
  test('a move gives the row a key between its new neighbours', () => {
    const tasks = list([{ id: 'a', order: 'G' }, { id: 'b', order: 'V' }, { id: 'c', order: 'k' }]);
    const move = (id: string, to: number) => {
      const key = keyForMove(tasks, id, to, Math.random);
      const row = sortedMaps(tasks).find((r) => r.get('id') === id)!;
      if (key) row.set('order', key);
    };
    move('c', 0);
    expect(ids(tasks)).toEqual(['c', 'a', 'b']);
    move('c', 2);
    expect(ids(tasks)).toEqual(['a', 'b', 'c']);
    move('a', 1);
    expect(ids(tasks)).toEqual(['b', 'a', 'c']);
    expect(keyForMove(tasks, 'a', 1)).toBeNull();
    expect(keyForMove(tasks, 'a', 3)).toBeNull();
    expect(keyForMove(tasks, 'nobody', 0)).toBeNull();
  });

  test('between two rows of the same key, a move takes that key and the tie orders by id', () => {
    const tasks = list([{ id: 'a', order: 'G' }, { id: 'b', order: 'G' }, { id: 'z', order: 'V' }]);
    expect(keyForMove(tasks, 'z', 1)).toBe('G');
  });

  test('a new row goes after the last keyed row', () => {
    const tasks = list([{ id: 'a', order: 'V' }, { id: 'b', order: 'G' }]);
    expect(keyAtEnd(tasks) > 'V').toBe(true);
  });
});

describe('migrateRowOrder', () => {
  test('gives every row a key in the order people saw, writes nothing else, and writes nothing twice', () => {
    const doc = new Y.Doc();
    doc.getArray('tasks').push([new Y.Map(Object.entries({ id: 't2', task: '二' })), new Y.Map(Object.entries({ id: 't1', task: '一' }))]);
    doc.getArray('recipients').push([new Y.Map(Object.entries({ id: 'r1', department: '研发部' }))]);
    expect(needsRowOrder(doc)).toBe(true);
    migrateRowOrder(doc);
    expect(needsRowOrder(doc)).toBe(false);
    expect(ids(doc.getArray('tasks'))).toEqual(['t2', 't1']);
    expect(doc.getArray('tasks').toJSON().map((r: Record<string, unknown>) => Object.keys(r).sort())).toEqual([
      ['id', 'order', 'task'],
      ['id', 'order', 'task'],
    ]);
    const before = Y.encodeStateVector(doc);
    migrateRowOrder(doc);
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  test('removes copies a concurrent move left (equal in every field), keeps copies that differ', () => {
    const doc = new Y.Doc();
    const row = (fields: Record<string, string>) => new Y.Map<unknown>(Object.entries(fields));
    doc.getArray('tasks').push([row({ id: 't1', task: '一' }), row({ id: 't2', task: '二' }), row({ task: '一', id: 't1' }), row({ id: 't2', task: '二（改）' })]);
    migrateRowOrder(doc);
    expect(sortedMaps(doc.getArray('tasks')).map((r) => [r.get('id'), r.get('task')])).toEqual([
      ['t1', '一'],
      ['t2', '二'],
      ['t2', '二（改）'],
    ]);
    expect(needsRowOrder(doc)).toBe(false);
  });
});
